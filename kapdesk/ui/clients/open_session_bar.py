"""A session left open, in sight until it is ended: "Resume session" or "End it…".

Shown above the client list (one bar per open session) and on the open
session's page in Records; announced to a screen reader as it appears. Ending asks first, in the bar itself: the question
says what happens, the cursor goes to "Keep it open" (Esc), and only
"Yes, end it" (Ctrl+Shift+E, or a click) ends it. The bar only asks; whoever
hosts it stores the end or opens the session (SessionFlow).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from kapdesk.ui.common.widgets import key_button, label, show_text

RESUME_KEY, CONFIRM_KEY = "Ctrl+R", "Ctrl+Shift+E"
STYLE = """
QFrame#openSessionBar { background: #f6e7d2; border: 1px solid #d9b98a; border-radius: 8px; }
QFrame#openSessionBar QLabel { color: #5a4420; font-weight: 600; }
"""


class _EscapeFirst(QObject):
    """Esc on the bar's focused button cancels the question, before any window
    shortcut on Esc (Records' Back) can take it."""

    def __init__(self, bar: OpenSessionBar) -> None:
        super().__init__(bar)
        self._bar = bar

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and \
                event.key() == Qt.Key.Key_Escape and self._bar.asking():
            event.accept()
            if kind == QEvent.Type.KeyPress:
                self._bar.keep_open()
            return True
        return False


class OpenSessionBar(QFrame):
    resume_requested = Signal(int)  # session id
    end_confirmed = Signal(int)  # session id

    def __init__(self, session_id: int, client_name: str, text: str, with_keys: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openSessionBar")
        self.setStyleSheet(STYLE)
        self.session_id, self.client_name, self._text = session_id, client_name, text
        self._notice = ""  # why something waits on this session, once asked
        self.message = label("", "openSessionText", "Open session")
        self.resume_button = key_button("Resume session", RESUME_KEY if with_keys else None,
                                        lambda: self.resume_requested.emit(self.session_id), self,
                                        primary=True, name="resumeOpenSession")
        self.end_button = key_button("End it…", None, self.ask_end, self)
        self.confirm_button = key_button("Yes, end it", CONFIRM_KEY if with_keys else None,
                                         self._confirm, self)
        self.keep_button = key_button("Keep it open   Esc", None, self.keep_open, self)
        self.keep_button.setAccessibleName("Keep it open")
        self.keep_button.setAccessibleDescription("Esc keeps the session open")
        escape = _EscapeFirst(self)
        for button in (self.resume_button, self.end_button, self.confirm_button, self.keep_button):
            button.installEventFilter(escape)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.addWidget(self.message, 1)
        for button in (self.end_button, self.resume_button, self.confirm_button, self.keep_button):
            layout.addWidget(button)
        self._show(text, asking=False)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        # Announced when it appears (a screen reader reads its name), without
        # taking the cursor from the client list.
        super().showEvent(event)
        QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.Alert))

    def set_session(self, session_id: int, client_name: str, text: str) -> None:
        """Show another open session (Records reuses one bar for each page it opens)."""
        self.session_id, self.client_name, self._notice = session_id, client_name, ""
        self._text = text
        self._show(text, asking=False)

    def set_text(self, text: str) -> None:
        """The bar's line ("Session with Alex still open — …"); a question asked stays."""
        self._text = text
        if not self.asking():
            self._show(self._line(), asking=False)

    def say(self, notice: str) -> None:
        """Say why something waits on this session, and put the cursor on Resume."""
        self._notice = notice
        self._show(self._line(), asking=False)
        self.resume_button.setFocus()

    def _line(self) -> str:
        return f"{self._notice}   {self._text}" if self._notice else self._text

    def asking(self) -> bool:
        return not self.confirm_button.isHidden()

    def ask_end(self) -> None:
        from kapdesk.core.open_sessions import end_question  # not on the start-up path

        self._show(end_question(self.client_name), asking=True)
        self.keep_button.setFocus()

    def keep_open(self) -> None:
        self._show(self._line(), asking=False)
        self.end_button.setFocus()

    def _confirm(self) -> None:
        if self.asking():
            self.end_confirmed.emit(self.session_id)

    def _show(self, text: str, asking: bool) -> None:
        show_text(self.message, text, "Open session")
        self.setAccessibleName(text)
        for button in (self.resume_button, self.end_button):
            button.setVisible(not asking)
        for button in (self.confirm_button, self.keep_button):
            button.setVisible(asking)

