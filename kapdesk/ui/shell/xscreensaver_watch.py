"""xscreensaver blanking or locking a bare X11 desktop, as `xscreensaver-command -watch` prints it.

An X11 screen locker draws over the windows without unmapping them, so Qt
sees nothing; the desktops that announce it on D-Bus are screen_saver_watch.py's.
xscreensaver announces nothing there, but its own command prints a line for
each change of state ("BLANK <date>", "LOCK <date>", "UNBLANK <date>"): the
watch runs it, reads its lines and emits `started` when the rule
(core/idle_lock.locks_on_xscreensaver_line) says the screen was blanked or
locked. Other bare lockers (i3lock, slock, xsecurelock) say nothing anyone
can read; the idle lock covers them (README, "The idle lock").

When xscreensaver is absent it costs one look along PATH, two seconds after
the window is wired, and nothing more. When it is there but not running, the
command exits at once and is not started again. Not Linux, or not on X11
(Wayland, the tests' offscreen screen): nothing at all. The command is stopped when the app quits, or with the watch.
"""

from __future__ import annotations

import shutil
import sys

from PySide6.QtCore import QCoreApplication, QObject, QProcess, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from kapdesk.core.idle_lock import locks_on_xscreensaver_line

COMMAND = "xscreensaver-command"
#: Started this long after the window is wired, as the D-Bus watch is: not on start-up's path.
START_AFTER_MS = 2000
STOP_WAIT_MS = 1000


class XScreenSaverWatch(QObject):
    started = Signal()  # xscreensaver blanked or locked the screen

    def __init__(self, parent: QObject | None = None, start_after_ms: int = START_AFTER_MS) -> None:
        super().__init__(parent)
        self.setObjectName("xscreensaverWatch")
        self.process: QProcess | None = None
        self._pending = ""
        if sys.platform.startswith("linux") and QGuiApplication.platformName() == "xcb":
            QTimer.singleShot(start_after_ms, self, self.listen)

    def listen(self) -> bool:
        """Run `xscreensaver-command -watch` when it is on PATH; True when started."""
        program = shutil.which(COMMAND)
        if program is None or self.process is not None:
            return False
        process = QProcess(self)
        process.setObjectName("xscreensaverCommand")
        # Its complaints ("no screensaver is running") are not the app's to show.
        process.setStandardErrorFile(QProcess.nullDevice())
        process.readyReadStandardOutput.connect(self._read)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)
        self.destroyed.connect(lambda: _stop(process))
        process.start(program, ["-watch"])
        self.process = process
        return True

    def stop(self) -> None:
        if self.process is not None:
            _stop(self.process)

    def _read(self) -> None:
        assert self.process is not None
        self._pending += bytes(self.process.readAllStandardOutput().data()).decode("utf-8", "replace")
        *lines, self._pending = self._pending.split("\n")
        if any(locks_on_xscreensaver_line(line) for line in lines):
            self.started.emit()


def _stop(process: QProcess) -> None:
    """Ended and waited for, so no command outlives the app (nor Qt warns of one left running)."""
    try:
        if process.state() != QProcess.ProcessState.NotRunning:
            process.kill()
            process.waitForFinished(STOP_WAIT_MS)
    except RuntimeError:
        pass  # already deleted with its parent
