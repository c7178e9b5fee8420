"""Full screen for the room: the whole display for the session, and back.

Ctrl+Shift+F in the room (F11 is the discharge page's key) puts the app's
window in full screen and takes it back to how it was (maximised or not).
The window leaves full screen when the session closes: the client list is
not a full-screen screen.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget


class FullScreen(QObject):
    changed = Signal(bool)  # True: now full screen

    def __init__(self, page: QWidget) -> None:
        super().__init__(page)
        self._page = page
        self._before: Qt.WindowState | None = None  # the window's state before; None: not ours

    @property
    def active(self) -> bool:
        return self._before is not None

    def toggle(self) -> None:
        self.leave() if self.active else self.enter()

    def enter(self) -> None:
        window = self._page.window()
        if self.active or window is self._page:
            return
        self._before = window.windowState() & ~Qt.WindowState.WindowFullScreen
        window.setWindowState(window.windowState() | Qt.WindowState.WindowFullScreen)
        self.changed.emit(True)

    def leave(self) -> None:
        if self._before is None:
            return
        before, self._before = self._before, None
        self._page.window().setWindowState(before)
        self.changed.emit(False)
