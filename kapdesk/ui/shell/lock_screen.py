"""The lock screen: dark, calm, the passphrase field; during a session, what the chair needs.

Between sessions it says only "KAPDesk is locked" and asks for the practice
passphrase. Locked during a running session it also shows, large, what
core/session_lock.py lets through: the phase and its count-down, what is due
now, and a safety alert that stands, and that F1 still silences the music.
Nothing of a client is ever put in its widgets (a test walks the tree for a
marker in the client's name and notes).

Every lock screen, and every cover laid over another window (lock_covers.py),
carries the property LOCK_PROPERTY: while locked, input reaches only widgets
under such a screen (idle_lock.InputWatch).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kapdesk.core.session_lock import PAUSED, LockedSession
from kapdesk.ui.common.widgets import label, set_level, show_text
from kapdesk.ui.session.alert import alert_text

LOCKED_TITLE = "KAPDesk is locked"
LOCKED_HINT = "Type the practice passphrase and press Enter to go on."
WRONG_PASSPHRASE = "That is not the practice passphrase. Check it and try again."
CHECKING = "Checking…"
CHECK_FAILED = "The passphrase could not be checked just now. Try again."
SESSION_GOES_ON = "The session goes on: the timer, the checks and the music. F1 silences the music."
LOCK_PROPERTY = "kapdeskLockScreen"

_STYLE = """
QWidget#lockScreen { background: #17120f; }
QWidget#lockScreen QLabel { background: transparent; color: #e9dcc9; font-size: 17px; }
QWidget#lockScreen QLabel#lockTitle { color: #e9c99b; font-size: 30px; }
QWidget#lockScreen QLabel#lockHint { color: #b09c86; }
QWidget#lockScreen QLabel#lockMessage { color: #e6b567; }
QWidget#lockScreen QLabel#lockPhase { color: #d9c3a5; font-size: 24px; }
QWidget#lockScreen QLabel#lockCountdown { color: #f3e6d3; font-size: 72px; }
QWidget#lockScreen QLabel#lockCountdown[level="paused"] { color: #b09c86; }
QWidget#lockScreen QLabel#lockDue { color: #e6b567; font-size: 20px; }
QWidget#lockScreen QLabel#lockDue[level="alert"] { color: #ff9d7a; }
QWidget#lockScreen QLabel#lockNext { color: #b09c86; font-size: 18px; }
QWidget#lockScreen QFrame#lockAlert { background: #5a1d12; border: 2px solid #ff8a65; border-radius: 8px; }
QWidget#lockScreen QFrame#lockAlert QLabel { color: #fff1e6; font-size: 20px; }
QLineEdit#lockPassphrase { background: #2d241e; color: #e9dcc9; border: 1px solid #5a4a3d;
                           border-radius: 6px; padding: 10px; font-size: 18px; min-width: 360px; }
QLineEdit#lockPassphrase:focus { border-color: #c99558; }
QPushButton#lockUnlock { background: #3a2f28; color: #f0d3a8; border: 1px solid #8a6440;
                         border-radius: 6px; padding: 10px 28px; font-size: 18px; }
QPushButton#lockUnlock:focus { border-color: #c99558; }
"""


def mark_as_lock(widget: QWidget) -> None:
    """Input goes to this widget and its children while the app is locked."""
    widget.setProperty(LOCK_PROPERTY, True)


def inside_lock(obj: QObject | None) -> bool:
    """Whether `obj` is a lock screen or a widget inside one."""
    while obj is not None:
        if obj.property(LOCK_PROPERTY):
            return True
        obj = obj.parent()
    return False


class SessionPanel(QWidget):
    """The running session under the lock: phase, count-down, what is due, a safety alert."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockSession")
        self.setAccessibleName("The session goes on")
        self.phase = label("", "lockPhase", "Phase")
        self.countdown = label("", "lockCountdown", "Time left in the phase", wrap=False)
        self.alert = QFrame()
        self.alert.setObjectName("lockAlert")
        self.alert.setAccessibleName("Safety alert")
        self.alert_text = label("", "lockAlertText", "Safety alert")
        QVBoxLayout(self.alert).addWidget(self.alert_text)
        self.alert.hide()
        self.due = label("", "lockDue", "Due now")
        self.next_due = label("", "lockNext", "Next check")
        self.goes_on = label(SESSION_GOES_ON, "lockHint")
        for each in (self.phase, self.countdown, self.due, self.next_due, self.goes_on):
            each.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.alert)
        layout.addSpacing(12)
        layout.addWidget(self.phase)
        layout.addWidget(self.countdown)
        layout.addWidget(self.due)
        layout.addWidget(self.next_due)
        layout.addWidget(self.goes_on)
        self._shown: LockedSession | None = None

    def show_session(self, view: LockedSession) -> None:
        if view == self._shown:
            return  # most ticks change only the count-down's seconds, if that
        self._shown = view
        show_text(self.phase, f"{view.phase}   ·   {PAUSED}" if view.paused else view.phase, "Phase")
        show_text(self.countdown, view.countdown, "Time left in the phase")
        set_level(self.countdown, "paused" if view.paused else "")
        self.countdown.setVisible(bool(view.countdown))
        show_text(self.due, "\n".join(view.due), "Due now")
        set_level(self.due, "alert" if view.overdue else "")
        self.due.setVisible(bool(view.due))
        show_text(self.next_due, view.next_due, "Next check")
        self.next_due.setVisible(bool(view.next_due))
        if view.alert is None:
            self.alert.hide()
        else:
            words = alert_text(view.alert)
            show_text(self.alert_text, f"⚠  {words}", "Safety alert")
            self.alert.setAccessibleName(f"Safety alert: {words}")
            self.alert.show()


class LockScreen(QWidget):
    """What the locked window shows: no client, no record, only the way back in
    (and, during a session, the session's panel)."""

    unlock_requested = Signal(str)  # the passphrase typed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.setAccessibleName(LOCKED_TITLE)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(_STYLE)
        mark_as_lock(self)
        self.session = SessionPanel()
        self.session.hide()
        self.title = label(LOCKED_TITLE, "lockTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = label(LOCKED_HINT, "lockHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("lockPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Practice passphrase")
        self.passphrase.setPlaceholderText("Practice passphrase")
        self.passphrase.returnPressed.connect(self._ask)
        self.unlock_button = QPushButton("Unlock")
        self.unlock_button.setObjectName("lockUnlock")
        self.unlock_button.setAccessibleName("Unlock")
        self.unlock_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.unlock_button.clicked.connect(self._ask)
        self.message = label("", "lockMessage", "Lock message")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(18)
        layout.addStretch(2)
        layout.addWidget(self.session)
        self._gap = layout.count()
        layout.addSpacing(0)  # between the session and the way in, while a session shows
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addSpacing(10)
        layout.addWidget(self.passphrase, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.message)
        layout.addStretch(3)
        self._checking = False

    def reset(self) -> None:
        self.passphrase.clear()
        self.set_checking(False)
        self.say("")

    def show_session(self, view: LockedSession | None) -> None:
        """The running session's panel, or none between sessions."""
        gap = self.layout().itemAt(self._gap).spacerItem()
        if view is None:
            self.session.hide()
            gap.changeSize(0, 0)
            return
        self.session.show_session(view)
        self.session.show()
        gap.changeSize(0, 36)
        self.layout().invalidate()

    def say(self, text: str) -> None:
        show_text(self.message, text, "Lock message")

    def set_checking(self, checking: bool) -> None:
        """While the passphrase is checked, a second Enter does nothing; the field keeps its text."""
        self._checking = checking
        self.unlock_button.setEnabled(not checking)
        self.passphrase.setReadOnly(checking)

    def refused(self, text: str = WRONG_PASSPHRASE) -> None:
        self.set_checking(False)
        self.say(text)
        self.passphrase.selectAll()  # typing again replaces it; nothing to clear by hand
        self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)

    def _ask(self) -> None:
        if self._checking:
            return
        if not self.passphrase.text():
            self.say(LOCKED_HINT)
            self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.unlock_requested.emit(self.passphrase.text())
