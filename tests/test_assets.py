"""kapdesk/assets.py finds assets/ from a checkout, an installed wheel and the built app.

The built app is played here by setting what PyInstaller's bootloader sets
(`sys.frozen`, `sys._MEIPASS`); tests/packaging/ runs the real one.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kapdesk import assets


def make_assets(root: Path) -> Path:
    folder = root / "assets"
    (folder / "ui").mkdir(parents=True)
    (folder / "music").mkdir()
    return folder


def test_from_the_checkout_assets_is_beside_the_package() -> None:
    found = assets.assets_dir()
    assert found == Path(assets.__file__).resolve().parent.parent / "assets"
    assert (found / "ui" / "style.qss").is_file()
    assert assets.music_dir() == found / "music"


def test_an_installed_wheel_finds_them_under_its_prefix(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    shared = make_assets(tmp_path / "share" / "kapdesk")
    monkeypatch.setattr(assets, "_SOURCE", tmp_path / "site-packages" / "assets")  # not there
    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    assert assets.assets_dir() == shared


def test_the_built_app_finds_them_in_its_bundle(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    bundled = make_assets(tmp_path / "KAPDesk" / "_internal")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "KAPDesk" / "_internal"), raising=False)
    assert assets.assets_dir() == bundled
    assert assets.asset_path("ui", "style.qss") == bundled / "ui" / "style.qss"
    assert assets.music_dir() == bundled / "music"


def test_the_built_app_never_takes_a_checkouts_assets(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    # The checkout's assets exist (this very tree); a bundle without its own must say so.
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "empty-bundle"), raising=False)
    with pytest.raises(FileNotFoundError, match="reinstall KAPDesk"):
        assets.assets_dir()


def test_a_frozen_app_without_meipass_looks_beside_its_executable(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    bundled = make_assets(tmp_path / "app")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "app" / "kapdesk"))
    assert assets.assets_dir() == bundled
