"""tools/app_icons.py: the app's icon in each platform's format, from one SVG, readable by Qt's own readers."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImageReader

from tests.helpers.built_app import tool_module

SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
<rect width="64" height="64" rx="12" fill="#224466"/></svg>"""


@pytest.fixture
def icons(tmp_path, qapp):  # noqa: ANN001, ANN201, ARG001 - Qt draws the SVG
    svg = tmp_path / "icon.svg"
    svg.write_text(SVG)
    return tool_module("app_icons").write_icons(svg, tmp_path / "icons")


def every_image(path) -> list[tuple[int, int]]:  # noqa: ANN001
    """(side, alpha at the centre) of each image in an icon file, as Qt reads it."""
    reader = QImageReader(str(path))
    found = []
    for index in range(reader.imageCount()):
        reader.jumpToImage(index)
        image = reader.read()
        assert image.width() == image.height()
        found.append((image.width(), image.pixelColor(image.width() // 2, image.height() // 2).alpha()))
    return found


def test_the_windows_icon_holds_16_to_256_pixels(icons) -> None:  # noqa: ANN001
    assert every_image(icons["ico"]) == [(side, 255) for side in (16, 24, 32, 48, 64, 128, 256)]


def test_the_macos_icon_holds_16_to_1024_pixels(icons) -> None:  # noqa: ANN001
    sides = sorted(side for side, alpha in every_image(icons["icns"]) if alpha == 255)
    assert sorted(set(sides)) == [16, 32, 64, 128, 256, 512, 1024]


def test_the_linux_icon_is_the_svg_and_a_256_pixel_png(icons, tmp_path) -> None:  # noqa: ANN001
    assert icons["svg"].read_text() == SVG
    assert every_image(icons["png"]) == [(256, 255)]


@pytest.mark.qt_log_ignore("Cannot read file .*broken.svg")  # Qt's own word, before ours
def test_a_file_qt_cannot_draw_stops_the_build_with_its_name(tmp_path, qapp) -> None:  # noqa: ANN001, ARG001
    broken = tmp_path / "broken.svg"
    broken.write_text("<svg")
    with pytest.raises(SystemExit, match="broken.svg is not an SVG"):
        tool_module("app_icons").write_icons(broken, tmp_path / "icons")
