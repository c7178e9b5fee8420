"""The first-run welcome and the About box on a real display, by keys only.

A new practice folder, no KAPDESK_PASSPHRASE: the welcome comes first, with
the focus on "Create my practice"; Ctrl+D starts the demo instead and leaves
the folder new; in the demo, Ctrl+Shift+H opens About KAPDesk with its
licences. The window carries KAPDesk's icon (_NET_WM_ICON).
"""

from __future__ import annotations

import subprocess

import pytest

from tests.desktop.practice_file import PracticeFile

pytestmark = pytest.mark.slow


def window_icon_bytes(app, window: str) -> int:  # noqa: ANN001
    done = subprocess.run(["xprop", "-id", window, "_NET_WM_ICON"], env=app.desktop.env,
                          capture_output=True, text=True, timeout=20)
    return len(done.stdout) if "_NET_WM_ICON(CARDINAL)" in done.stdout else 0


def test_welcome_then_the_demo_then_about_by_keys(make_app):
    app = make_app(passphrase=None)
    app.start(wait_window=False)
    welcome = app.wait_window("Welcome to KAPDesk")
    app.wait_focus(lambda node: node.name == "Create my practice", "the welcome's Create button")
    tree = app.wait_words("A lost passphrase cannot be recovered")
    assert tree.mentions("Everything stays on this laptop")
    assert tree.find("Try the demo first", "push button") is not None
    assert window_icon_bytes(app, welcome) > 1000
    app.shot("welcome")

    app.key("ctrl+d")
    app.wait_window("KAPDesk — Demo")
    app.wait_node("Demo — nothing is kept", exact=False)
    assert not PracticeFile(app.data_dir, "unused").exists()
    app.shot("demo-from-welcome")

    app.key("ctrl+shift+h")
    app.wait_window("About KAPDesk")
    tree = app.wait_words("PySide6")
    assert tree.mentions("pygame") and tree.mentions("LGPL")
    assert tree.mentions("demo")  # where the practice lives: the throwaway demo folder
    app.shot("about")
    app.key("Escape")
    app.wait_for(lambda: not any("About KAPDesk" in app.window_name(w) for w in app.windows()),
                 "the About box to close")
