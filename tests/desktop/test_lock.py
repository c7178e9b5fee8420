"""The idle lock on a real display with real keys (issue 15, "Idle lock").

What a person at the laptop would notice: Ctrl+L in the session room covers
it, the phase and its count-down still on screen (read over AT-SPI and seen
on a screenshot), the client's name nowhere; letters typed then go to the
passphrase field, never into a note (the practice file says so); F1 still
silences the music (the file holds the silence); the passphrase gives the
room back. Between sessions the window locks by itself after the set
time without input (five seconds here, set in the practice before the start
as `idle_lock_seconds`: the real X server's input stays idle that long and
the real lock covers the window) and the passphrase brings the client list
back. The desktop's screen saver locks the app too: announced on D-Bus, or
xscreensaver's own `xscreensaver-command -watch` (a fake one on the app's
PATH, which says LOCK as soon as the app runs it).
"""

from __future__ import annotations

import os
import time

import pytest

from kapdesk.core.practice_settings import IDLE_LOCK_SECONDS
from tests.desktop.driver import PASSPHRASE, App
from tests.desktop.flows import CLIENT, ROOM, note_texts, practice_of, to_room, wait_event
from tests.desktop.practice_file import seed_practice

pytestmark = pytest.mark.slow

LOCKED = "KAPDesk is locked"
FIELD = "Practice passphrase"


def wait_locked(app: App, timeout_s: float = 8) -> None:
    app.wait_node(LOCKED, timeout_s=timeout_s)
    app.wait_focus(lambda node: node.name == FIELD, "the passphrase field")


def unlock(app: App) -> None:
    app.key("ctrl+a")
    app.type(PASSPHRASE)
    app.key("Return")
    app.wait_for(lambda: app.tree().find(LOCKED) is None, "the lock to go")


def test_ctrl_l_in_a_session_keeps_the_phase_in_view_and_typing_reaches_no_note(make_app):  # noqa: ANN001
    app = to_room(make_app)
    notes_before = note_texts(practice_of(app).session())
    app.key("ctrl+l")
    wait_locked(app)
    tree = app.tree()
    assert not tree.mentions(CLIENT), "the client's name is on the lock screen"
    phase = next((node for node in tree if node.showing and node.name.startswith("Phase:")), None)
    countdown = next((node for node in tree if node.showing and node.name.startswith("Time left")), None)
    assert phase is not None and "phase 2 of 5" in phase.says(), tree.describe()
    assert countdown is not None and ":" in countdown.says()
    shot = app.shot("session-locked")
    assert shot.exists()
    assert app.ink(phase) > 0.02 and app.ink(countdown) > 0.02, "the phase is not drawn on screen"

    app.type("hello from the hall")  # someone at the keyboard: only the passphrase field takes it
    app.key("Return")
    app.wait_words("not the practice passphrase")
    assert app.tree().find(ROOM) is None
    app.key("F1")
    wait_event(app, "music_silenced")
    assert note_texts(practice_of(app).session()) == notes_before

    unlock(app)
    app.wait_node(ROOM)
    app.shot("session-unlocked")
    assert note_texts(practice_of(app).session()) == notes_before


IDLE_SECONDS = 5


def test_the_idle_lock_between_sessions_on_the_real_display(make_app):  # noqa: ANN001
    app = make_app()
    seed_practice(app.data_dir, PASSPHRASE, (CLIENT,))
    _set(app, IDLE_LOCK_SECONDS, IDLE_SECONDS)
    app.start()
    app.wait_node(CLIENT, "list item")
    started = time.monotonic()
    wait_locked(app, timeout_s=IDLE_SECONDS + 25)  # five seconds without a key or the mouse
    assert time.monotonic() - started < IDLE_SECONDS + 20
    assert not app.tree().mentions(CLIENT)
    app.shot("idle-locked")
    unlock(app)
    app.wait_node(CLIENT, "list item")


def _set(app: App, key: str, value: object) -> None:
    from kapdesk.storage.practice import open_practice
    from kapdesk.storage.settings import SettingsStore

    practice = open_practice(app.data_dir, PASSPHRASE)
    try:
        SettingsStore(practice).set(key, value)
    finally:
        practice.close()


def test_the_desktops_screen_saver_announced_on_d_bus_locks_the_app(make_app):  # noqa: ANN001
    import subprocess

    from tests.desktop.flows import open_with_client

    app = open_with_client(make_app)

    def announce_and_look() -> bool:
        # Sent until seen: the app listens from two seconds after its window is wired.
        subprocess.run(["dbus-send", "--session", "--type=signal", "/org/freedesktop/ScreenSaver",
                        "org.freedesktop.ScreenSaver.ActiveChanged", "boolean:true"],
                       env=app.desktop.env, capture_output=True, timeout=10, check=False)
        return app.tree().find(LOCKED) is not None

    app.wait_for(announce_and_look, "the lock after the screen saver's ActiveChanged(true)", timeout_s=20)
    assert not app.tree().mentions(CLIENT)
    unlock(app)
    app.wait_node(CLIENT, "list item")


# xscreensaver's command as the app finds it on PATH: it says the screen is locked at once,
# then waits, as the real one does between changes, until the app ends it.
FAKE_XSCREENSAVER = """#!/bin/sh
[ "$1" = -watch ] || exit 2
echo "LOCK Mon Dec  7 21:30:00 2026"
exec cat
"""


def test_xscreensaver_locking_the_screen_locks_the_app(make_app, tmp_path):  # noqa: ANN001
    folder = tmp_path / "bin"
    folder.mkdir()
    fake = folder / "xscreensaver-command"
    fake.write_text(FAKE_XSCREENSAVER)
    fake.chmod(0o755)
    app = make_app(wrap=("env", f"PATH={folder}:{os.environ.get('PATH', '/usr/bin:/bin')}"))
    seed_practice(app.data_dir, PASSPHRASE, (CLIENT,))
    app.start()
    app.wait_node(CLIENT, "list item")
    wait_locked(app, timeout_s=20)  # run two seconds after the window is wired
    assert not app.tree().mentions(CLIENT)
    unlock(app)
    app.wait_node(CLIENT, "list item")
