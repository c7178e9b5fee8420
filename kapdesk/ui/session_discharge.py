"""Discharge: the safety checklist, a summary of the session, and its end.

The four checks come from DOMAIN.md (alert and oriented, vitals near
baseline, an escort, no driving until the next day after sleep); each tick
is stored. The summary is read from the session state: script, times, dose,
first and latest vitals, checkpoints, what was observed, pauses and gaps.
Ending goes through the same two-step confirmation as in the room.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout, QWidget

from kapdesk.core.ending import end_warning
from kapdesk.core.session_summary import summary_lines
from kapdesk.core.timeline import SessionState
from kapdesk.ui.session_confirm import EndConfirmBar
from kapdesk.ui.session_controller import SessionController
from kapdesk.ui.session_settings import DISCHARGE_ITEMS
from kapdesk.ui.session_widgets import card, key_button, label, listen_while_shown


class DischargePage(QWidget):
    room_requested = Signal()
    debrief_requested = Signal()

    def __init__(self, controller: SessionController, client_name: str,
                 monotonic: Callable[[], float], parent: QWidget | None = None) -> None:
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
        self.summary = label("", "summary", "Session summary")
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.confirm = EndConfirmBar(monotonic, self)
        self.confirm.confirmed.connect(controller.end)
        self._lay_out(client_name)
        # The summary follows the display tick only while the page is seen
        # (show_discharge shows it afresh); the ticks follow events, seen or not.
        controller.event_committed.connect(self._event_committed)
        listen_while_shown(self, controller.state_changed, self.show_state, lambda: None)
        self.show_state(controller.state())

    def _lay_out(self, client_name: str) -> None:
        checks = card("Before they leave", *self.checkboxes.values())
        summary = card("Session summary", self.summary, grow=self.summary)
        body = QHBoxLayout()
        body.setSpacing(18)
        body.addWidget(checks, 2)
        body.addWidget(summary, 3)
        buttons = QHBoxLayout()
        buttons.addWidget(key_button("Room view", "Ctrl+R", self.room_requested.emit, self))
        buttons.addWidget(key_button("Debrief", "F10", self.debrief_requested.emit, self))
        buttons.addStretch(1)
        self.end_button = key_button("End session…", "F8", self._ask_end, self, name="endButton")
        buttons.addWidget(self.end_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 20)
        layout.setSpacing(12)
        layout.addWidget(label(f"Discharge — {client_name}", "pageTitle"))
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.confirm)

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
        if self.isVisible() or not self.summary.text():
            self.summary.setText("\n\n".join(summary_lines(state)))

    def _check(self, item: str, checked: bool) -> None:
        if self.controller.check_discharge(item, checked) is None:
            self._show(self.controller.state())

    def _ask_end(self) -> None:
        # What is left undone, named (core.ending): checks, discharge items, the debrief.
        self.confirm.toggle(end_warning(self.controller.state(), DISCHARGE_ITEMS))
