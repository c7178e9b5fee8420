"""The operating system's screen lock beyond what Qt reports: Windows' Win+L and xscreensaver.

Windows' session-change message cannot arrive on Linux; what can be run here
is the native filter's reading of a real MSG structure (built by ctypes as
Windows lays it out) and the watch doing nothing off Windows. xscreensaver is
watched through `xscreensaver-command -watch`: here a fake command on PATH,
a real subprocess that repeats to its output the lines the test writes to it,
so the test says when xscreensaver "blanks", "unblanks" or "locks".
"""

from __future__ import annotations

import ctypes
import stat
from ctypes import wintypes
from pathlib import Path

import pytest
from PySide6.QtCore import QProcess

from kapdesk.core.idle_lock import WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK
from kapdesk.ui.shell.windows_session_watch import SessionChangeFilter
from kapdesk.ui.shell.xscreensaver_watch import COMMAND, XScreenSaverWatch

pytest_plugins = ("tests.helpers.session_fixtures",)

WTS_SESSION_UNLOCK = 0x8
# The fake: refuses anything but -watch, as the real one does, then repeats its input.
FAKE = "#!/bin/sh\n[ \"$1\" = -watch ] || exit 2\nexec cat\n"


def message(number: int, wparam: int) -> wintypes.MSG:
    msg = wintypes.MSG()
    msg.message, msg.wParam = number, wparam
    return msg


def test_the_native_filter_locks_on_windows_session_lock_message_only() -> None:
    locks = []
    native = SessionChangeFilter(lambda: locks.append(True))
    unlock, lock = message(WM_WTSSESSION_CHANGE, WTS_SESSION_UNLOCK), message(WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK)
    assert native.nativeEventFilter(b"windows_generic_MSG", ctypes.addressof(unlock)) == (False, 0)
    assert locks == []
    assert native.nativeEventFilter(b"xcb_generic_event_t", ctypes.addressof(lock)) == (False, 0)
    assert locks == []  # not a Windows message: not read as one
    assert native.nativeEventFilter(b"windows_generic_MSG", ctypes.addressof(lock)) == (False, 0)
    assert locks == [True]  # and the message still goes on to Qt


def test_off_windows_the_windows_watch_does_nothing_and_its_signal_locks(qtbot, wired) -> None:  # noqa: ANN001
    watch = wired.idle_lock.windows_session
    assert not watch.listening
    watch.locked.emit()  # as the filter does on Windows
    assert wired.idle_lock.is_locked


@pytest.fixture
def fake_xscreensaver(tmp_path: Path, monkeypatch) -> Path:  # noqa: ANN001
    folder = tmp_path / "bin"
    folder.mkdir()
    fake = folder / COMMAND
    fake.write_text(FAKE)
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{folder}:/usr/bin:/bin")
    return fake


def says(process: QProcess, line: str) -> None:
    process.write(f"{line}\n".encode())


def test_xscreensaver_locking_locks_the_app_and_unblanking_does_not(qtbot, wired, fake_xscreensaver) -> None:  # noqa: ANN001
    lock = wired.idle_lock
    watch = lock.xscreensaver
    assert watch.process is None  # the offscreen screen is not X11: it was not started by itself
    assert watch.listen()
    process = watch.process
    assert process is not None and process.waitForStarted(5000)
    blanked = []
    watch.started.connect(lambda: blanked.append(True))
    says(process, "UNBLANK Mon Dec  7 21:30:00 2026")
    says(process, "RUN 34")
    says(process, "LOCK Mon Dec  7 21:31:00 2026")
    qtbot.waitUntil(lambda: lock.is_locked, timeout=5000)
    assert blanked == [True]  # once: the lines before LOCK locked nothing
    assert wired.window.centralWidget() is lock.screen  # the real lock: the window covered
    watch.stop()
    assert process.state() == QProcess.ProcessState.NotRunning


def test_without_xscreensaver_nothing_is_started(qtbot, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("PATH", str(tmp_path))
    watch = XScreenSaverWatch()
    assert not watch.listen()
    assert watch.process is None and watch.findChildren(QProcess) == []


def test_the_command_ends_with_the_watch(qtbot, fake_xscreensaver) -> None:  # noqa: ANN001
    import shiboken6

    watch = XScreenSaverWatch()
    assert watch.listen()
    assert watch.process is not None and watch.process.waitForStarted(5000)
    pid = watch.process.processId()
    assert Path(f"/proc/{pid}").exists()
    shiboken6.delete(watch)  # the window, and its idle lock, gone
    assert not Path(f"/proc/{pid}").exists()  # ended and reaped; Qt warned of nothing left running
