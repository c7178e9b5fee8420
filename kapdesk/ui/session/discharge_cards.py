"""The discharge page's two working cards: the discharge BP, and the departure.

`DischargeBpCard` takes the discharge BP on the page (F3 puts the cursor in
its first field; Enter saves), stores it, and marks the script's discharge
BP check done with it, even when the phase clock has not reached the
Discharge phase. A reading taken in the room after the dose can be counted
as the discharge BP instead (Ctrl+U), never a baseline.

`DepartureCard` stores when the client left and who with (Ctrl+D), in the
log with the discharge checks.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QTimeEdit, QWidget

from kapdesk.core.formatting import format_time_of_day
from kapdesk.core.review_model import departure_words
from kapdesk.core.session_summary import (checkpoint_words, departure, describe_reading,
                                          discharge_vitals_check)
from kapdesk.core.timeline import SessionState
from kapdesk.core.vitals import VitalsReading, VitalThresholds
from kapdesk.ui.session.controller import SessionController
from kapdesk.ui.session.vitals_form import VitalsEntry
from kapdesk.ui.common.widgets import card, key_button, key_hint, label, set_level, show_text

COUNT_KEY = "Ctrl+U"
DEPARTURE_KEY = "Ctrl+D"


class DischargeBpCard(QWidget):
    def __init__(self, controller: SessionController, thresholds: VitalThresholds,
                 page: QWidget) -> None:
        super().__init__(page)
        self.controller = controller
        self.status = label("", "discharge", "Discharge BP")
        self.vitals = VitalsEntry(thresholds, before_dose=False, parent=self)
        self.vitals.submitted.connect(self._save)
        self.count_button = key_button("Count the last reading as the discharge BP", COUNT_KEY,
                                       self.count_last_reading, self, name="useReading")
        # F3 takes vitals here as in the room: the discharge BP is entered on this page.
        QShortcut(QKeySequence("F3"), page, self.vitals.focus_first)
        self.frame = card("Discharge BP   (F3)", self.status, self.vitals,
                          row(self.count_button, 1))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.frame)
        # Tab follows the card as it reads: the reading's fields, then its Save.
        fields = list(self.vitals.fields.values())
        for before, after in zip(fields[-1:] + [self.vitals.save_button],
                                 [self.vitals.save_button, self.count_button]):
            QWidget.setTabOrder(before, after)

    def show_state(self, state: SessionState) -> None:
        check = discharge_vitals_check(self.controller.runner.script, state)
        if check is None:
            text = "This script asks for no discharge BP; F3 takes one all the same."
        elif check.is_open:
            text = f"{check.checkpoint.label}: not taken yet. Type it below, then Enter."
        else:
            text = f"{check.checkpoint.label}: {checkpoint_words(check)}."
        show_text(self.status, text, "Discharge BP")
        last = state.vitals[-1] if state.vitals else None
        # Only a reading taken after the dose can stand for the discharge BP.
        offer = (check is not None and check.is_open and last is not None
                 and state.dose_at is not None and last.at > state.dose_at)
        self.count_button.setVisible(offer)
        if offer and last is not None:
            self.count_button.setText(
                f"Count the {format_time_of_day(last.at)} reading "
                f"({describe_reading(VitalsReading.from_data(last.data))}) as the discharge BP"
                f"   {key_hint(COUNT_KEY)}")

    def count_last_reading(self) -> None:
        self._answer_check()

    def _save(self, reading: VitalsReading, reason: str) -> None:
        event = self.controller.record_vitals(reading, reason or None)
        if event is not None:
            self.vitals.show_saved(event)
            self._answer_check()

    def _answer_check(self) -> None:
        check = discharge_vitals_check(self.controller.runner.script, self.controller.state())
        if check is not None and check.is_open:
            self.controller.checkpoint_done(check.checkpoint.id)


class DepartureCard(QWidget):
    def __init__(self, controller: SessionController, page: QWidget) -> None:
        super().__init__(page)
        self.controller = controller
        self.left_at = QTimeEdit()
        self.left_at.setDisplayFormat("HH:mm")
        self.left_at.setAccessibleName("Time they left")
        inner = self.left_at.findChild(QLineEdit)
        if inner is not None:  # the field a screen reader lands in is named too
            inner.setAccessibleName("Time they left")
        self.left_with = QLineEdit()
        self.left_with.setAccessibleName("Who they left with")
        self.left_with.setPlaceholderText("Who they left with, e.g. her partner")
        self.left_with.returnPressed.connect(self.record)
        self.button = key_button("Record departure", DEPARTURE_KEY, self.record, self,
                                 name="recordDeparture")
        self.status = label("", "discharge", "Departure")
        self.frame = card("Leaving", row(label("Left at", "vitalsUnit", "Left at", wrap=False),
                                         self.left_at,
                                         label("with", "vitalsUnit", "with", wrap=False),
                                         (self.left_with, 1)),
                          row(self.button, (self.status, 1)))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.frame)

    def set_now(self, now: float) -> None:
        """The time field shows `now` (the page opens on the time it is)."""
        moment = dt.datetime.fromtimestamp(now)
        self.left_at.setTime(QTime(moment.hour, moment.minute))

    def show_state(self) -> None:
        left = departure(self.controller.runner.events)
        show_text(self.status, departure_words(left.data) + "." if left else "Not recorded yet.",
                  "Departure")

    def record(self) -> None:
        if self.controller.record_departure(self._left_at(), self.left_with.text()) is not None:
            set_level(self.status, "ok")

    def _left_at(self) -> float:
        """The chosen time today, or yesterday when today's would still be ahead (midnight)."""
        chosen, now = self.left_at.time(), self.controller.state().now
        moment = dt.datetime.fromtimestamp(now).replace(
            hour=chosen.hour(), minute=chosen.minute(), second=0, microsecond=0)
        if moment.timestamp() > now + 60:
            moment -= dt.timedelta(days=1)
        return moment.timestamp()


def row(*parts: QWidget | tuple[QWidget, int] | int) -> QFrame:
    """Widgets side by side in a card, each its natural width unless given a stretch."""
    frame = QFrame()
    frame.setObjectName("cardRow")  # transparent on the card (room.qss)
    layout = QHBoxLayout(frame)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(8)
    for part in parts:
        if isinstance(part, int):
            layout.addStretch(part)
        elif isinstance(part, tuple):
            layout.addWidget(*part)
        else:
            layout.addWidget(part)
    return frame
