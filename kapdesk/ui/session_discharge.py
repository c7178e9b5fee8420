"""Discharge: the safety checklist, the discharge BP, the departure, a summary, the end.

The four checks come from DOMAIN.md (alert and oriented, vitals near
baseline, an escort, no driving until the next day after sleep); each tick
is stored. The discharge BP is taken here (F3), or a reading just taken in
the room is counted as it (one click, stored as the checkpoint done). The
departure (the time they left and who with) is stored in the log with the
checks. The summary is read from the session state: script, times, dose,
baseline and latest vitals, checkpoints, what was observed, pauses and gaps.
Ending goes through the same two-step confirmation as in the room.

The page opens with the focus on the first check (the next thing to do).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (QCheckBox, QHBoxLayout, QLineEdit, QTimeEdit, QVBoxLayout,
                               QWidget)

from kapdesk.core.events import Event
from kapdesk.core.formatting import format_time_of_day
from kapdesk.core.review_model import departure_words
from kapdesk.core.session_summary import (checkpoint_words, departure, describe_reading,
                                          discharge_vitals_check, open_checks, summary_lines)
from kapdesk.core.timeline import SessionState
from kapdesk.core.vitals import VitalsReading, VitalThresholds
from kapdesk.ui.session_confirm import EndConfirmBar
from kapdesk.ui.session_controller import SessionController
from kapdesk.ui.session_settings import DISCHARGE_ITEMS
from kapdesk.ui.session_vitals import VitalsEntry
from kapdesk.ui.session_widgets import (card, key_button, key_hint, label, listen_while_shown,
                                        set_level, show_text)


class DischargePage(QWidget):
    room_requested = Signal()
    debrief_requested = Signal()

    def __init__(self, controller: SessionController, client_name: str,
                 monotonic: Callable[[], float], parent: QWidget | None = None,
                 thresholds: VitalThresholds = VitalThresholds()) -> None:
        super().__init__(parent)
        self.setObjectName("dischargePage")
        self.setAccessibleName("Discharge")
        self.controller = controller
        self.checkboxes: dict[str, QCheckBox] = {}
        for item in DISCHARGE_ITEMS:
            box = QCheckBox(item)
            box.setAccessibleName(item)
            box.toggled.connect(lambda checked, item=item: self._check(item, checked))
            self.checkboxes[item] = box
        self._build_vitals(thresholds)
        self._build_departure()
        self.summary = label("", "summary", "Session summary")
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.confirm = EndConfirmBar(monotonic, self)
        self.confirm.confirmed.connect(controller.end)
        self._lay_out(client_name)
        # Tab follows the page as it reads: the reading's fields, then its Save.
        fields = list(self.vitals.fields.values())
        for before, after in zip(fields[-1:] + [self.vitals.save_button],
                                 [self.vitals.save_button, self.use_reading_button]):
            QWidget.setTabOrder(before, after)
        # The summary follows the display tick only while the page is seen
        # (show_discharge shows it afresh); the ticks follow events, seen or not.
        controller.event_committed.connect(self._event_committed)
        listen_while_shown(self, controller.state_changed, self.show_state, lambda: None)
        self.show_state(controller.state())

    # --- building --------------------------------------------------------------------

    def _build_vitals(self, thresholds: VitalThresholds) -> None:
        self.bp_status = label("", "discharge", "Discharge BP")
        self.vitals = VitalsEntry(thresholds, before_dose=False, parent=self)
        self.vitals.submitted.connect(self._save_vitals)
        self.use_reading_button = key_button("Count the last reading as the discharge BP", "Ctrl+U",
                                             self._count_last_reading, self, name="useReading")
        # F3 takes vitals here as in the room: the discharge BP is entered on this page.
        QShortcut(QKeySequence("F3"), self, self.vitals.focus_first)

    def _build_departure(self) -> None:
        self.left_at = QTimeEdit()
        self.left_at.setDisplayFormat("HH:mm")
        self.left_at.setAccessibleName("Time they left")
        inner = self.left_at.findChild(QLineEdit)
        if inner is not None:  # the field a screen reader lands in is named too
            inner.setAccessibleName("Time they left")
        self.left_with = QLineEdit()
        self.left_with.setAccessibleName("Who they left with")
        self.left_with.setPlaceholderText("Who they left with, e.g. her partner")
        self.left_with.returnPressed.connect(self._record_departure)
        self.departure_button = key_button("Record departure", "Ctrl+D", self._record_departure,
                                           self, name="recordDeparture")
        self.departure_status = label("", "discharge", "Departure")
        self.message = label("", "hint", "Discharge message")
        self.controller.command_failed.connect(self._failed)

    def _lay_out(self, client_name: str) -> None:
        checks = card("Before they leave", *self.checkboxes.values())
        bp = card("Discharge BP   (F3)", self.bp_status, self.vitals,
                  _row(self.use_reading_button, 1))
        leaving = card("Leaving", _row(label("Left at", "vitalsUnit", "Left at", wrap=False),
                                       self.left_at,
                                       label("with", "vitalsUnit", "with", wrap=False),
                                       (self.left_with, 1)),
                       _row(self.departure_button, (self.departure_status, 1)))
        left = QVBoxLayout()
        left.setSpacing(14)
        for part in (checks, bp, leaving):
            left.addWidget(part)
        left.addStretch(1)
        summary = card("Session summary", self.summary, grow=self.summary)
        body = QHBoxLayout()
        body.setSpacing(18)
        body.addLayout(left, 2)
        body.addWidget(summary, 3)
        buttons = QHBoxLayout()
        buttons.addWidget(key_button("Room view", "Ctrl+R", self.room_requested.emit, self))
        buttons.addWidget(key_button("Debrief", "F10", self.debrief_requested.emit, self))
        buttons.addWidget(self.message, 1)
        self.end_button = key_button("End session…", "F8", self._ask_end, self, name="endButton")
        buttons.addWidget(self.end_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 20)
        layout.setSpacing(12)
        layout.addWidget(label(f"Discharge — {client_name}", "pageTitle"))
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.confirm)

    # --- showing -----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if not event.spontaneous():  # opened, not a window restored from the taskbar
            now = dt.datetime.fromtimestamp(self.controller.state().now)
            self.left_at.setTime(QTime(now.hour, now.minute))
            self.focus_first()

    def focus_first(self) -> None:
        """The first check has the focus: it is what the therapist does next here."""
        next(iter(self.checkboxes.values())).setFocus(Qt.FocusReason.OtherFocusReason)

    def show_state(self, state: SessionState) -> None:
        self._show(state)

    def _event_committed(self, _event: object) -> None:
        self._show(self.controller.state())

    def _show(self, state: SessionState) -> None:
        for item, box in self.checkboxes.items():
            checked = state.discharge_checks.get(item, False)
            if box.isChecked() != checked:
                box.blockSignals(True)
                box.setChecked(checked)
                box.blockSignals(False)
        self._show_bp(state)
        left = departure(self.controller.runner.events)
        show_text(self.departure_status, departure_words(left.data) + "." if left else
                  "Not recorded yet.", "Departure")
        if self.isVisible() or not self.summary.text():
            show_text(self.summary, "\n\n".join(summary_lines(state)), "Session summary")

    def _show_bp(self, state: SessionState) -> None:
        check = discharge_vitals_check(self.controller.runner.script, state)
        last = state.vitals[-1] if state.vitals else None
        if check is None:
            text = "This script asks for no discharge BP; F3 takes one all the same."
        elif check.is_open:
            text = f"{check.checkpoint.label}: not taken yet. Type it below, then Enter."
        else:
            text = f"{check.checkpoint.label}: {checkpoint_words(check)}."
        show_text(self.bp_status, text, "Discharge BP")
        # Only a reading taken after the dose can stand for the discharge BP.
        offer = (check is not None and check.is_open and last is not None
                 and state.dose_at is not None and last.at > state.dose_at)
        self.use_reading_button.setVisible(offer)
        if offer and last is not None:
            self.use_reading_button.setText(
                f"Count the {format_time_of_day(last.at)} reading "
                f"({describe_reading(VitalsReading.from_data(last.data))}) as the discharge BP"
                f"   {key_hint('Ctrl+U')}")

    # --- actions -----------------------------------------------------------------------

    def _check(self, item: str, checked: bool) -> None:
        if self.controller.check_discharge(item, checked) is None:
            self._show(self.controller.state())

    def _save_vitals(self, reading: VitalsReading, reason: str) -> None:
        event = self.controller.record_vitals(reading, reason or None)
        if event is None:
            return
        self.vitals.show_saved(event)
        # Taken on this page, the reading is the discharge BP, even when the
        # phase clock has not reached the Discharge phase yet.
        self._answer_discharge_check()

    def _count_last_reading(self) -> None:
        self._answer_discharge_check()
        self.focus_first()

    def _answer_discharge_check(self) -> Event | None:
        check = discharge_vitals_check(self.controller.runner.script, self.controller.state())
        if check is None or not check.is_open:
            return None
        return self.controller.checkpoint_done(check.checkpoint.id)

    def _failed(self, text: str) -> None:
        if self.isVisible():
            show_text(self.message, text, "Discharge message")
            set_level(self.message, "alert")

    def _record_departure(self) -> None:
        chosen = self.left_at.time()
        today = dt.datetime.fromtimestamp(self.controller.state().now)
        left_at = today.replace(hour=chosen.hour(), minute=chosen.minute(), second=0,
                                microsecond=0).timestamp()
        if self.controller.record_departure(left_at, self.left_with.text()) is not None:
            show_text(self.message, "", "Discharge message")
            set_level(self.departure_status, "ok")

    def _ask_end(self) -> None:
        state = self.controller.state()
        missing = [item for item in DISCHARGE_ITEMS if not state.discharge_checks.get(item)]
        undone = open_checks(state)
        warning = " ".join(part for part in (
            f"Not done: {', '.join(undone)}." if undone else "",
            f"Not ticked: {', '.join(missing)}." if missing else "") if part)
        self.confirm.toggle(warning)


def _row(*parts: QWidget | tuple[QWidget, int] | int) -> QWidget:
    """Widgets side by side in a card, each its natural width unless given a stretch."""
    row = QWidget()
    row.setObjectName("cardRow")  # transparent on the card (room.qss)
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(8)
    for part in parts:
        if isinstance(part, int):
            layout.addStretch(part)
        elif isinstance(part, tuple):
            layout.addWidget(*part)
        else:
            layout.addWidget(part)
    return row
