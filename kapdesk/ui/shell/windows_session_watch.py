"""Windows' own screen lock (Win+L), as the session-change notification tells it.

Locking a Windows session moves to the secure desktop: Qt sees only the app
turning "inactive", which is also only another app being clicked and must
not lock the room. Windows does tell a window that asked for it
(WTSRegisterSessionNotification): WM_WTSSESSION_CHANGE with wParam
WTS_SESSION_LOCK. A native event filter on the application reads each
message's number and wParam and hands them to the rule
(core/idle_lock.locks_on_windows_message); `locked` is emitted when it says so.

Only on Windows (sys.platform == "win32"): elsewhere nothing is installed,
registered or imported (ctypes' Windows parts are loaded inside `listen`).
Written to Microsoft's documented API but not yet run on a Windows machine
(README, "The idle lock"); the filter's reading of a message is tested on
Linux with a MSG structure built by ctypes.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractNativeEventFilter, QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from kapdesk.core.idle_lock import locks_on_windows_message

WINDOWS_MESSAGE = b"windows_generic_MSG"  # Qt's name for a MSG* handed to native filters
NOTIFY_FOR_THIS_SESSION = 0


class SessionChangeFilter(QAbstractNativeEventFilter):
    """Calls `on_lock` when a native Windows message says the session was locked."""

    def __init__(self, on_lock) -> None:  # noqa: ANN001 - a callable of no arguments
        super().__init__()
        self._on_lock = on_lock

    def nativeEventFilter(self, event_type, message):  # noqa: ANN001, ANN201, N802 - Qt API
        if bytes(event_type) == WINDOWS_MESSAGE and message:
            from ctypes import wintypes

            msg = wintypes.MSG.from_address(int(message))
            if locks_on_windows_message(msg.message, msg.wParam or 0):
                self._on_lock()
        return False, 0  # never taken: Qt and the window go on handling it


class WindowsSessionWatch(QObject):
    locked = Signal()  # Windows locked the session (Win+L, or the lock after the screen saver)

    def __init__(self, window: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("windowsSessionWatch")
        self.listening = False
        self._filter: SessionChangeFilter | None = None
        if sys.platform == "win32":
            QTimer.singleShot(0, self, lambda: self.listen(window))  # once the window has a handle

    def listen(self, window: QWidget) -> bool:
        """Ask Windows for the window's session changes and read them; True when asked."""
        import ctypes

        hwnd = int(window.winId())
        if not ctypes.windll.wtsapi32.WTSRegisterSessionNotification(hwnd, NOTIFY_FOR_THIS_SESSION):
            return False
        self._filter = native = SessionChangeFilter(self.locked.emit)
        QCoreApplication.instance().installNativeEventFilter(native)
        self.destroyed.connect(lambda: _stop(hwnd, native))  # never a filter left to a dead watch
        self.listening = True
        return True


def _stop(hwnd: int, native: SessionChangeFilter) -> None:
    import ctypes

    app = QCoreApplication.instance()
    if app is not None:
        app.removeNativeEventFilter(native)
    ctypes.windll.wtsapi32.WTSUnRegisterSessionNotification(hwnd)
