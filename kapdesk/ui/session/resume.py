"""After a crash: offering to resume the session that never ended.

Shown after unlock when the practice holds an open session, as a page in the
main window rather than a dialog, so nothing waits for a person (this also
keeps `--quit-after-start` hands-free). Each offer reads like "Session with
Alex — Lying-down journey, 42:10 elapsed", computed by replaying the stored
log at the current time: the time the app was down is counted, because the
client was in the room all along.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kapdesk.core.clock import Clock
from kapdesk.core.formatting import format_time_of_day, resume_summary
from kapdesk.core.timeline import replay, script_from_events
from kapdesk.storage.sessions import OpenSession
from kapdesk.ui.common.widgets import key_button, label


def offer_text(session: OpenSession, clock: Clock) -> str:
    script = script_from_events(session.events)
    if script is None:  # open_sessions() leaves these out; kept safe anyway
        return f"Session with {session.client_name} — not started"
    state = replay(script, session.events, max(clock.now(), session.down_since))
    return f"Session with {session.client_name} — {resume_summary(state)}"


class ResumeOffer(QWidget):
    resume_requested = Signal(object)  # OpenSession
    end_requested = Signal(object)  # OpenSession: close it without resuming
    dismissed = Signal()

    def __init__(self, sessions: list[OpenSession], clock: Clock,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resumeOffer")
        self.setAccessibleName("Resume an unfinished session")
        self.texts: list[str] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 20)
        layout.setSpacing(14)
        layout.addWidget(label("A session did not finish", "title"))
        layout.addWidget(label(
            "KAPDesk stopped while a session was running. Resume it to carry on at the "
            "right time; the time the app was not running will show as a gap in the log. "
            "If the client has already left, end it: the gap and the end are recorded now. "
            "Not now leaves it open, at the top of the client list, until you resume or end it.",
            "subtitle"))
        for position, session in enumerate(sessions):
            layout.addWidget(self._row(session, clock, first=position == 0))
        self.not_now_button = key_button("Not now", "Esc", self.dismissed.emit, self)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.not_now_button)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        # What comes next is resuming: the cursor is on the first Resume, never on End it.
        super().showEvent(event)
        self.resume_button.setFocus()

    def _row(self, session: OpenSession, clock: Clock, first: bool) -> QFrame:
        text = offer_text(session, clock)
        self.texts.append(text)
        row = QFrame()
        row.setObjectName("card")
        row.setAccessibleName(text)
        since = label(f"Last seen running at {format_time_of_day(session.down_since)}",
                      "subtitle")
        button = key_button("Resume", "Ctrl+Return" if first else None,
                            lambda: self.resume_requested.emit(session), self, primary=True)
        button.setAccessibleName(f"Resume: {text}")
        end_button = key_button("End it", None, lambda: self._end(end_button, session), self)
        end_button.setAccessibleName(f"End without resuming: {text}")
        if first:
            self.resume_button, self.end_button = button, end_button
        layout = QHBoxLayout(row)
        layout.setContentsMargins(18, 14, 18, 14)
        column = QVBoxLayout()
        column.addWidget(label(text, "title", text))
        column.addWidget(since)
        layout.addLayout(column, 1)
        layout.addWidget(end_button)
        layout.addWidget(button)
        return row

    def _end(self, button: QPushButton, session: OpenSession) -> None:
        # Ending cannot be undone, so it takes a second, deliberate click.
        if button.property("armed"):
            self.end_requested.emit(session)
            return
        button.setProperty("armed", True)
        button.setText("Click again to end it")
        button.setAccessibleName(f"Press again to end it: {session.client_name}'s session")
