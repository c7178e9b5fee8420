"""Closing KAPDesk while a session runs: never at once, never by accident.

The window manager's close button, Alt+F4, Ctrl+Q and a logout all reach the
main window's close. Between sessions that simply closes. During a session it
shows `CloseBar` inside the window instead, dark like the room (a bright
dialog would flash over a dimmed room), saying what closing does: the session
stays open in the practice (it is not ended) and is offered for resuming at
the next start; the music stops. "Keep the session on screen" (Esc) has the
focus; only "Close KAPDesk" (Ctrl+Shift+Q, or a click) closes.

`guard_logout` does the same for the desktop's logout: the session manager is
asked to cancel the shutdown when it lets the app interact.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QWidget

from kapdesk.ui.common.widgets import key_button, label, show_text

TITLE = "Close KAPDesk?"
KEEP_TEXT = "Keep the session on screen"
CLOSE_TEXT = "Close KAPDesk"
KEEP_KEY = "Esc"
CLOSE_KEY = "Ctrl+Shift+Q"
DEMO_WORDS = "This is the demo: closing throws it and its session away."

# Its own colours: the bar sits outside the session view (whose room.qss does
# not reach it), over whatever page the session is on.
_STYLE = """
QFrame#closeBar { background: #2a1d16; border: 1px solid #8a5a3a; border-radius: 8px; }
QFrame#closeBar QLabel { background: transparent; color: #f0e4d2; font-size: 18px; }
QFrame#closeBar QPushButton { background: #2d241e; color: #e9dcc9; border: 1px solid #4a3c32;
    border-radius: 8px; padding: 10px 16px; min-height: 26px; font-size: 17px; }
QFrame#closeBar QPushButton:focus { border: 2px solid #c99558; }
QFrame#closeBar QPushButton#closeApp { color: #f0b8a4; border-color: #6b3f33; }
"""


def what_closing_does(client_name: str, demo: bool) -> str:
    """The bar's words: what happens to the session if KAPDesk closes now."""
    if demo:
        return DEMO_WORDS
    return (f"The session with {client_name} stays open: it is not ended, and KAPDesk "
            "offers to resume it when it starts again. The music stops.")


class CloseBar(QFrame):
    """The in-window question shown when the window is asked to close during a session."""

    close_confirmed = Signal()
    dismissed = Signal()  # hidden again; the focus went back where it was, if it could

    def __init__(self, demo: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("closeBar")
        self.setAccessibleName(TITLE)
        self.setStyleSheet(_STYLE)
        self._demo = demo
        self._focus_before: QWidget | None = None
        self.message = label("", "closeMessage", TITLE)
        self.keep_button = key_button(KEEP_TEXT, KEEP_KEY, self.keep, self, primary=True)
        self.close_button = key_button(CLOSE_TEXT, CLOSE_KEY, self.close_confirmed.emit, self,
                                       name="closeApp")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 12)
        layout.setSpacing(14)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.close_button)
        layout.addWidget(self.keep_button)
        # Esc keeps, wherever the focus is, even when another bar (the end of
        # session's) listens for Esc too: the filter takes it first.
        self._escape = _EscapeKeeps(self)
        self.hide()

    def ask(self, client_name: str) -> None:
        """Show the question and put the focus on "Keep the session on screen"."""
        show_text(self.message, what_closing_does(client_name, self._demo), TITLE)
        if not self.isVisible():
            self._focus_before = QApplication.focusWidget()
            QApplication.instance().installEventFilter(self._escape)
        self.show()
        self.keep_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def keep(self) -> None:
        """Hide the question; the focus goes back where it was."""
        QApplication.instance().removeEventFilter(self._escape)
        if not self.isVisible():
            return
        self.hide()
        before, self._focus_before = self._focus_before, None
        if before is not None and shiboken6.isValid(before) and before.isVisible():
            before.setFocus(Qt.FocusReason.OtherFocusReason)
        self.dismissed.emit()


class _EscapeKeeps(QObject):
    """While the bar shows, Esc anywhere in the app answers "keep the session"."""

    def __init__(self, bar: CloseBar) -> None:
        super().__init__(bar)
        self._bar = bar

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        if not self._bar.isVisible():  # its window was closed with the bar up
            QApplication.instance().removeEventFilter(self)
            return False
        if event.key() != Qt.Key.Key_Escape or event.modifiers() != Qt.KeyboardModifier.NoModifier:
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # delivered as a key press, not to an Esc shortcut
        else:
            self._bar.keep()
        return True


def guard_logout(app: QApplication, ask_before_closing: Callable[[], bool]) -> None:
    """At logout, cancel the shutdown while a session runs (when the session manager allows).

    `ask_before_closing()` shows the question and returns True when a session
    runs; it returns False between sessions, and the logout goes on.
    """
    app.commitDataRequest.connect(logout_answer(ask_before_closing))


def logout_answer(ask_before_closing: Callable[[], bool]) -> Callable[[object], None]:
    """The answer to the session manager's commitDataRequest (see guard_logout)."""

    def commit_data(manager) -> None:  # noqa: ANN001 - a QSessionManager
        if ask_before_closing() and manager.allowsInteraction():
            manager.cancel()  # the logout stops; the question is on screen
            manager.release()

    return commit_data
