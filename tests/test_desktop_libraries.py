"""Before Qt opens a window on X11: a missing system library is named with the packages
to install (Debian/Ubuntu and Fedora), in our words, instead of Qt's abort."""

from __future__ import annotations

import pytest

from kapdesk import desktop_libraries as libs
from tests.helpers.processes import app_env, has_traceback, run_code

X11 = {"DISPLAY": ":21"}


@pytest.mark.parametrize(("environ", "xcb"), [
    (X11, True),
    ({**X11, "QT_QPA_PLATFORM": "xcb"}, True),
    ({**X11, "QT_QPA_PLATFORM": "offscreen"}, False),
    ({}, False),
    ({**X11, "WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}, False),
])
def test_only_an_x11_start_is_checked(environ, xcb) -> None:  # noqa: ANN001
    assert libs.uses_xcb(environ, platform="linux") is xcb
    assert libs.uses_xcb(environ, platform="darwin") is False


def test_missing_libraries_are_named_with_their_packages_for_both_families() -> None:
    gone = {"libxcb-icccm.so.4", "libxcb-keysyms.so.1"}
    advice = libs.check_desktop_libraries(X11, load=lambda name: name if name in gone else None)
    assert advice == (
        "KAPDesk cannot open its window: some system libraries that Qt needs for the X11 desktop "
        "are not installed (libxcb-icccm.so.4, libxcb-keysyms.so.1).\n"
        "Install them, then start KAPDesk again:\n"
        "  Debian / Ubuntu:  sudo apt install libxcb-icccm4 libxcb-keysyms1\n"
        "  Fedora:           sudo dnf install xcb-util-wm xcb-util-keysyms")


def test_a_missing_dependency_is_named_rather_than_the_library_that_needs_it() -> None:
    # libxcb-image needs libxcb-util: the loader's message names the one really missing.
    def load(name: str) -> str | None:
        return "libxcb-util.so.1" if name in ("libxcb-util.so.1", "libxcb-image.so.0") else None

    assert libs.missing_libraries(load) == ["libxcb-util.so.1"]


def test_the_real_loader_names_a_file_it_cannot_find() -> None:
    assert libs._load("libkapdesk-never-there.so.7") == "libkapdesk-never-there.so.7"  # noqa: SLF001
    assert libs._load("libc.so.6") is None  # noqa: SLF001


def test_the_app_says_which_packages_to_install_and_exits_1_before_qt(tmp_path) -> None:  # noqa: ANN001
    code = ("import sys\n"
            "from kapdesk import app, desktop_libraries\n"
            "desktop_libraries.LIBRARIES['libxcb-kapdesk-test.so.9'] = ('libxcb-kapdesk-test9', 'xcb-util-kapdesk')\n"
            "code = app.main(sys.argv[1:])\n"
            "print('qt_loaded=' + str('PySide6.QtWidgets' in sys.modules))\n"
            "sys.exit(code)\n")
    env = app_env(tmp_path / "home", DISPLAY=":21")
    env.pop("QT_QPA_PLATFORM")
    env.pop("PYGAME_HIDE_SUPPORT_PROMPT")
    result = run_code(code, "--data-dir", str(tmp_path / "practice"), env=env)
    assert result.returncode == 1
    assert "sudo apt install libxcb-kapdesk-test9" in result.stderr
    assert "sudo dnf install xcb-util-kapdesk" in result.stderr
    assert not has_traceback(result.stderr)
    assert result.stdout == "qt_loaded=False\n"
    assert not (tmp_path / "practice").exists()


def test_pygame_never_greets(tmp_path) -> None:  # noqa: ANN001
    # The app's own entry sets the quiet switch, whatever the environment says;
    # pygame is imported later (with the music), here right after.
    code = ("from kapdesk import app\n"
            "try:\n    app.main(['--version'])\nexcept SystemExit:\n    pass\n"
            "import pygame\n")
    env = app_env(tmp_path / "home")
    env.pop("PYGAME_HIDE_SUPPORT_PROMPT")
    result = run_code(code, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("KAPDesk ")
    assert "pygame" not in result.stdout + result.stderr
