"""Discharge: the safety checklist, the discharge BP, the departure, a summary, the end.

The four checks come from DOMAIN.md (alert and oriented, vitals near
baseline, an escort, no driving until the next day after sleep); each tick
is stored. The discharge BP and the departure have their own cards
(session_discharge_parts.py). The summary is read from the session state:
script, times, dose, baseline and latest vitals, checkpoints, what was
observed, pauses and gaps. Ending goes through the same two-step
confirmation as in the room, naming what is not done or not ticked.

The page opens with the focus on the first check (the next thing to do).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout, QWidget

from kapdesk.core.ending import DISCHARGE_ITEMS, end_warning
from kapdesk.core.session_summary import summary_lines
from kapdesk.core.timeline import SessionState
from kapdesk.core.vitals import VitalThresholds
from kapdesk.ui.session.end_confirm import EndConfirmBar
from kapdesk.ui.session.controller import SessionController
from kapdesk.ui.session.discharge_cards import DepartureCard, DischargeBpCard
from kapdesk.ui.common.widgets import (card, key_button, label, listen_while_shown, set_level,
                                       show_text)

if TYPE_CHECKING:
    from kapdesk.ui.session.take_home import TakeHomeSheets

TAKE_HOME_KEY, OPEN_SHEET_KEY = "Ctrl+T", "Ctrl+Shift+T"


class DischargePage(QWidget):
    room_requested = Signal()
    debrief_requested = Signal()

    def __init__(self, controller: SessionController, client_name: str,
                 monotonic: Callable[[], float], parent: QWidget | None = None,
                 thresholds: VitalThresholds = VitalThresholds(),
                 take_home: TakeHomeSheets | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dischargePage")
        self.take_home = take_home
        self.setAccessibleName("Discharge")
        self.controller = controller
        self.checkboxes: dict[str, QCheckBox] = {}
        for item in DISCHARGE_ITEMS:
            box = QCheckBox(item)
            box.setAccessibleName(item)
            box.toggled.connect(lambda checked, item=item: self._check(item, checked))
            self.checkboxes[item] = box
        self.bp = DischargeBpCard(controller, thresholds, self)
        self.bp.count_button.clicked.connect(self.focus_first)
        self.leaving = DepartureCard(controller, self)
        self.summary = label("", "summary", "Session summary")
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.message = label("", "hint", "Discharge message")
        self.confirm = EndConfirmBar(monotonic, self)
        self.confirm.confirmed.connect(controller.end)
        self._lay_out(client_name)
        # The summary follows the display tick only while the page is seen
        # (show_discharge shows it afresh); the ticks follow events, seen or not.
        controller.event_committed.connect(self._event_committed)
        controller.command_failed.connect(self._failed)
        listen_while_shown(self, controller.state_changed, self.show_state, lambda: None)
        self.show_state(controller.state())

    def _lay_out(self, client_name: str) -> None:
        left = QVBoxLayout()
        left.setSpacing(14)
        for part in (card("Before they leave", *self.checkboxes.values()), self.bp, self.leaving):
            left.addWidget(part)
        left.addStretch(1)
        body = QHBoxLayout()
        body.setSpacing(18)
        body.addLayout(left, 2)
        # What Ctrl+T or a fault says goes under the summary, where the page has room:
        # in the buttons' row a long message (the sheet's file and folder) wrapped into a
        # tall column, and under them it took the height the cards on the left need.
        right = QVBoxLayout()
        right.addWidget(card("Session summary", self.summary, grow=self.summary), 1)
        right.addWidget(self.message)
        self.message.hide()
        body.addLayout(right, 3)
        buttons = QHBoxLayout()
        buttons.addWidget(key_button("Room view", "Ctrl+R", self.room_requested.emit, self))
        buttons.addWidget(key_button("Debrief", "F10", self.debrief_requested.emit, self))
        self.take_home_button = key_button("Take-home sheet", TAKE_HOME_KEY, self.write_take_home,
                                           self, name="takeHomeButton")
        self.open_sheet_button = key_button("Open it to print", OPEN_SHEET_KEY, self.open_take_home,
                                            self, name="openSheetButton")
        self.take_home_button.setVisible(self.take_home is not None)
        self.open_sheet_button.hide()
        buttons.addWidget(self.take_home_button)
        buttons.addWidget(self.open_sheet_button)
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

    # --- the client's take-home sheet --------------------------------------------------

    def write_take_home(self) -> None:
        """Ctrl+T: the client's one-page sheet, saved; Ctrl+Shift+T then opens it to print."""
        if self.take_home is None:
            return
        try:
            path = self.take_home.write(self.controller.state())
        except OSError as error:
            self._say(f"The take-home sheet could not be saved ({error.strerror or 'disk error'}). "
                      "Check the disk has room, then press Ctrl+T again.", "alert")
            return
        self.open_sheet_button.show()
        self._say(f"Take-home sheet saved: {path.name}, in the practice's “{path.parent.name}” "
                  "folder. Ctrl+Shift+T opens it to print.", "ok")

    def open_take_home(self) -> None:
        if self.take_home is not None and not self.take_home.open_last():
            self._say("The sheet could not be opened here: no PDF viewer answered. "
                      f"It is saved in {self.take_home.folder}.", "caution")

    def _say(self, text: str, level: str) -> None:
        show_text(self.message, text, "Discharge message")
        set_level(self.message, level)
        self.message.setVisible(bool(text))  # no empty line taking the cards' height

    # --- showing -----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if not event.spontaneous():  # opened, not a window restored from the taskbar
            self.leaving.set_now(self.controller.state().now)
            self.focus_first()

    def focus_first(self) -> None:
        """The first check has the focus: it is what the therapist does next here."""
        next(iter(self.checkboxes.values())).setFocus(Qt.FocusReason.OtherFocusReason)

    def show_state(self, state: SessionState) -> None:
        self._show(state)

    def _event_committed(self, _event: object) -> None:
        self._say("", "")  # stored: an earlier fault is past
        self._show(self.controller.state())

    def _show(self, state: SessionState) -> None:
        for item, box in self.checkboxes.items():
            checked = state.discharge_checks.get(item, False)
            if box.isChecked() != checked:
                box.blockSignals(True)
                box.setChecked(checked)
                box.blockSignals(False)
        self.bp.show_state(state)
        self.leaving.show_state()
        if self.isVisible() or not self.summary.text():
            show_text(self.summary, "\n\n".join(summary_lines(state)), "Session summary")

    # --- actions -----------------------------------------------------------------------

    def _check(self, item: str, checked: bool) -> None:
        if self.controller.check_discharge(item, checked) is None:
            self._show(self.controller.state())

    def _failed(self, text: str) -> None:
        if self.isVisible():
            self._say(text, "alert")

    def _ask_end(self) -> None:
        # What is left undone, named (core.ending): checks, discharge items, the debrief.
        self.confirm.toggle(end_warning(self.controller.state(), DISCHARGE_ITEMS))
