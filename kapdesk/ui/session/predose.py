"""Before the dose: reread the intention, baseline vitals, the checklist, the dose.

The session is already running (check-in) while this panel is up; its clock
line shows where the check-in stands. The page opens with the cursor in the
systolic field: the baseline blood pressure is what comes next. The
intention can be edited: it is stored in the session (intention_updated) and
in the client's record. Every checklist tick is stored as it is made.

Ctrl+Enter records the dose wherever the cursor is, vitals fields included
(a reading typed there and not saved yet is saved first). The rules are
core.predose's: a baseline above the practice's pre-dose limit (default
140/90) is saved only with a reason; checklist items left unticked are
named, and the dose then needs a reason, typed in a box that takes the
cursor, stored with the dose. Recording the dose opens the room.

Ready for the dose (issue 12): the readiness panel (readiness_panel.py) shows
core's verdict, re-read when a baseline blood pressure is saved. While the
client is not ready the dose is held: the dose button says so and names
what; "Go on anyway" (Ctrl+G) opens a box for the reason, and the dose goes
ahead only once that reason is stored as the log's own event
(`readiness_overridden`). Every dose stores the readiness as it stood, in
its own event (core/readiness_record.py).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (QCheckBox, QGridLayout, QHBoxLayout, QLineEdit, QPlainTextEdit,
                               QVBoxLayout, QWidget)

from kapdesk.core.clock import Clock
from kapdesk.core.formatting import format_clock, format_countdown
from kapdesk.core.practice_settings import PracticeSettings
from kapdesk.core.predose import dose_reason_label, gate_text, high_reading_blocker, unticked
from kapdesk.core.events import Event, EventKind
from kapdesk.core.readiness import Readiness
from kapdesk.core.timeline import SessionState
from kapdesk.core.vitals import VitalsReading
from kapdesk.ui.session.controller import SessionController
from kapdesk.ui.session.dose_form import DoseForm
from kapdesk.ui.session.dose_hold import DOSE_KEY, DOSE_TEXT, DoseHold
from kapdesk.ui.session.readiness_panel import ReadinessPanel, ReadinessSource, scrolling
from kapdesk.ui.session.vitals_form import VitalsEntry
from kapdesk.ui.common.widgets import (card, key_button, label, listen_while_shown, set_level,
                                       show_text)


class PreDosePanel(QWidget):
    dose_recorded = Signal()
    room_requested = Signal()

    def __init__(self, controller: SessionController, settings: PracticeSettings,
                 client_name: str, clock: Clock, save_client_intention: Callable[[str], None],
                 parent: QWidget | None = None, *, readiness: ReadinessSource) -> None:
        super().__init__(parent)
        self.setObjectName("preDosePanel")
        self.setAccessibleName("Before the dose")
        self.controller, self._clock = controller, clock
        self._thresholds = settings.vital_thresholds
        self._save_client_intention = save_client_intention
        self.title = label(f"Before the dose — {client_name}", "pageTitle")
        self.clock_line = label("", "preDoseClock", "Check-in time", wrap=False)
        self._build_intention()
        self._build_checklist(settings.checklist_items)
        self.vitals = VitalsEntry(self._thresholds, before_dose=True, parent=self)
        self.vitals.submitted.connect(self._save_vitals)
        self.dose_form = DoseForm(self)
        self._build_dose_reason()
        self.readiness = ReadinessPanel(readiness, self)
        self.gate = label("", "doseGate", "Before dosing")
        self.dose_button = key_button(DOSE_TEXT, DOSE_KEY, self.record_dose, self, primary=True,
                                      name="doseButton")
        self.hold = DoseHold(controller, self.dose_button, self._say, self.record_dose, self)
        self.go_on_button, self.override_edit = self.hold.go_on_button, self.hold.reason_edit
        self.room_button = key_button("Room view without a dose", "Ctrl+R",
                                      self.room_requested.emit, self)
        self.message = label("", "preDoseMessage", "Messages")
        controller.command_failed.connect(self._failed)
        self._lay_out()
        self._seq_shown = -1  # the last event the checklist and the gate show
        self._refresh_readiness(controller.state())
        # Events change the checklist and the gate, shown or not; the clock line
        # and the dose time follow the display tick only while the page is seen.
        controller.event_committed.connect(self._event_committed)
        listen_while_shown(self, controller.state_changed, self.show_state,
                           lambda: self.show_state(controller.state()))
        self.show_state(controller.state())

    def _build_intention(self) -> None:
        self.intention_edit = QPlainTextEdit()
        self.intention_edit.setObjectName("intentionEdit")
        self.intention_edit.setAccessibleName("Intention")
        self.intention_edit.setTabChangesFocus(True)
        self.intention_edit.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # A few lines are an intention; the height left goes to the dose and its reason.
        self.intention_edit.setMaximumHeight(120)
        self.intention_edit.setPlainText(self.controller.state().intention)
        self.intention_button = key_button("Save intention", "Ctrl+I", self.save_intention, self)
        self.intention_status = label("", "hint", "Intention saved")

    def _build_checklist(self, items: tuple[str, ...]) -> None:
        self.checkboxes: dict[str, QCheckBox] = {}
        for item in items:
            box = QCheckBox(item)
            box.setAccessibleName(item)
            box.toggled.connect(lambda checked, item=item: self._tick(item, checked))
            self.checkboxes[item] = box

    def _build_dose_reason(self) -> None:
        self.dose_reason_label = label("Reason to dose anyway (required)", "doseReasonLabel")
        self.dose_reason_edit = QLineEdit()
        self.dose_reason_edit.setObjectName("doseReason")
        self.dose_reason_edit.setAccessibleName("Reason to dose anyway")
        self.dose_reason_edit.setPlaceholderText("e.g. ride home confirmed by phone")
        self.dose_reason_label.setBuddy(self.dose_reason_edit)
        self.dose_reason_edit.returnPressed.connect(self.record_dose)
        self.dose_reason_label.hide()
        self.dose_reason_edit.hide()

    def _lay_out(self) -> None:
        left = card("Intention — reread it together",
                     self.intention_edit, self.intention_button, self.intention_status)
        checklist = card("Set and setting", *self.checkboxes.values())
        right = card("Baseline vitals", self.vitals)
        dose = card("Dose", self.dose_form, self.gate, self.dose_reason_label,
                    self.dose_reason_edit)
        # Its own column, in a box layout rather than across the grid's rows: a
        # spanning cell did not give the wrapped lines the height they need.
        readiness = scrolling(self.readiness)
        ready = card("Ready for the dose", readiness, *self.hold.widgets, grow=readiness)
        grid = QGridLayout()
        grid.setSpacing(18)
        grid.addWidget(left, 0, 0)
        grid.addWidget(checklist, 1, 0)
        grid.addWidget(right, 0, 1)
        grid.addWidget(dose, 1, 1)
        # The vitals fields need the wider column.
        grid.setColumnStretch(0, 4)
        grid.setColumnStretch(1, 7)
        # The dose row takes the spare height: it grows a reason box when one is needed.
        grid.setRowStretch(1, 1)
        body = QHBoxLayout()
        body.setSpacing(18)
        body.addWidget(ready, 6)
        body.addLayout(grid, 10)
        buttons = QHBoxLayout()
        buttons.addWidget(self.room_button)
        buttons.addStretch(1)
        buttons.addWidget(self.dose_button)
        self.message.hide()  # a row of its own, shown while it has something to say
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 20)
        layout.setSpacing(12)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.clock_line)
        layout.addLayout(header)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self._set_tab_order()

    def _set_tab_order(self) -> None:
        """In the order of the work: vitals, checklist, dose, then the intention."""
        chain = [*self.vitals.fields.values(), self.vitals.reason_edit, self.vitals.save_button,
                 *self.checkboxes.values(), self.dose_form.drug_edit, self.dose_form.mg_spin,
                 self.dose_form.route_box, self.dose_form.time_edit, self.dose_reason_edit,
                 self.go_on_button, self.override_edit, self.dose_button, self.intention_edit,
                 self.intention_button, self.room_button]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.vitals.focus_first()

    # --- behaviour ---------------------------------------------------------------

    def show_state(self, state: SessionState) -> None:
        self._show_clock(state)
        if state.last_seq != self._seq_shown:
            self._show_record(state)

    def _show_clock(self, state: SessionState) -> None:
        remaining = format_countdown(state.phase_remaining_s)
        show_text(self.clock_line, f"{state.phase.name}: {remaining} left   ·   "
                                   f"session {format_clock(state.session_elapsed_s)}",
                  "Check-in time")
        self.dose_form.follow_clock(state.now)

    def _event_committed(self, event: Event) -> None:
        state = self.controller.state()
        if event.kind is EventKind.VITALS and not state.doses:
            self._refresh_readiness(state)  # the baseline blood pressure is one of its pieces
        self._show_record(state)

    def _show_record(self, state: SessionState) -> None:
        self._seq_shown = state.last_seq
        for item, box in self.checkboxes.items():
            if box.isChecked() != state.checklist.get(item, False):
                box.blockSignals(True)
                box.setChecked(state.checklist.get(item, False))
                box.blockSignals(False)
        self._show_gate(state)

    def _show_gate(self, state: SessionState) -> None:
        self.dose_button.setEnabled(not state.doses)
        show_text(self.gate, gate_text(state, self.checkboxes, self._thresholds), "Before dosing")
        ready = state.vitals and not high_reading_blocker(state, self._thresholds) and not \
            unticked(self.checkboxes, state.checklist)
        set_level(self.gate, "ok" if ready or state.doses else "caution")
        if not self.dose_reason_edit.isHidden():
            self._show_dose_reason(unticked(self.checkboxes, state.checklist))
        self._show_hold(state)

    # --- ready for the dose (the hold and "Go on anyway": dose_hold.py) ----------------

    def _refresh_readiness(self, state: SessionState) -> Readiness:
        """Read the verdict again, with the latest baseline reading (before the dose)."""
        baseline, reason = None, ""
        if state.vitals:
            event = state.vitals[-1]
            baseline = VitalsReading.from_data(event.data)
            reason = str(event.data.get("reason") or "")
        found = self.readiness.refresh(baseline, reason)
        self._show_hold(state)
        return found

    def held(self) -> Readiness | None:
        """The verdict that holds the dose now, or None when it may be recorded."""
        return self.hold.held

    def _show_hold(self, state: SessionState) -> None:
        self.hold.show(self.readiness.current, state)

    def go_on_anyway(self) -> None:
        """Ctrl+G: ask for the written reason to dose although the client is not ready."""
        self.hold.open()

    def save_intention(self) -> None:
        text = self.intention_edit.toPlainText().strip()
        if self.controller.update_intention(text) is None:
            return
        try:
            self._save_client_intention(text)
        except Exception as error:  # noqa: BLE001 - the session record already has it
            from kapdesk.storage.errors import fault_cause

            show_text(self.intention_status, "Saved in the session, not in the client's record: "
                      f"{fault_cause(error)}.", "Intention")
            return
        show_text(self.intention_status, "Saved in the session and the client's record.",
                  "Intention")

    def _tick(self, item: str, checked: bool) -> None:
        if self.controller.tick_checklist(item, checked) is None:
            self._show_record(self.controller.state())  # not stored: show what is

    def _save_vitals(self, reading: VitalsReading, reason: str) -> None:
        event = self.controller.record_vitals(reading, reason or None)
        if event is not None:
            self.vitals.show_saved(event)
            self._show_gate(self.controller.state())

    def record_dose(self) -> None:
        """Ctrl+Enter: save a reading still in the fields, then check, then dose."""
        state = self.controller.state()
        if state.doses:
            return
        if self.vitals.has_input():
            self.vitals.submit()
            if self.vitals.has_input():
                return  # not saved: the vitals entry has said why, and where
            state = self.controller.state()
        blocker = high_reading_blocker(state, self._thresholds)
        if blocker:
            self._say("Take the blood pressure again first: see under the dose.", "caution")
            self.vitals.focus_first()
            return
        readiness = self._refresh_readiness(state)  # as it stands now, stored with the dose
        if self.hold.held is not None:
            if not self.hold.go_on():
                return
            state = self.controller.state()
        missing = unticked(self.checkboxes, state.checklist)
        reason = self.dose_reason_edit.text().strip()
        if missing and not reason:
            self._show_dose_reason(missing)
            self._say("A reason is needed to dose: see the box under the dose.", "caution")
            self.dose_reason_edit.setFocus()
            return
        values = self.dose_form.values(self._clock.now())
        if self.controller.record_dose(*values, unticked=missing,
                                       reason=reason if missing else None,
                                       readiness=readiness.snapshot()) is not None:
            self._say("", "")
            self.dose_recorded.emit()

    def _show_dose_reason(self, missing: tuple[str, ...]) -> None:
        visible = bool(missing)
        if visible:  # the gate line above names the items; the box's name says them too
            self.dose_reason_edit.setAccessibleName(dose_reason_label(missing))
        self.dose_reason_label.setVisible(visible)
        self.dose_reason_edit.setVisible(visible)

    def _say(self, text: str, level: str) -> None:
        self.message.setVisible(bool(text))
        show_text(self.message, text, "Messages")
        set_level(self.message, level)

    def _failed(self, text: str) -> None:
        self._say(text, "alert")

