"""The dose form: drug, milligrams, route and the time it was given.

Defaults follow DOMAIN.md: ketamine, 150 mg, sublingual lozenge, given now.
"Now" keeps following the clock until the therapist changes the time, so a
form opened ten minutes before the dose still says the right time. A time
typed later than now is taken as yesterday's (a session past midnight).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QLineEdit, QTimeEdit, QWidget

from kapdesk.ui.common.widgets import NamedComboBox

DEFAULT_DRUG, DEFAULT_MG, DEFAULT_ROUTE = "ketamine", 150.0, "sublingual lozenge"
ROUTES = ("sublingual lozenge", "intranasal", "intramuscular", "intravenous", "oral", "rectal")
FUTURE_TOLERANCE_S = 60


class DoseForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("doseForm")
        self.setAccessibleName("Dose")
        self.drug_edit = QLineEdit(DEFAULT_DRUG)
        self.drug_edit.setAccessibleName("Drug")
        self.mg_spin = QDoubleSpinBox()
        self.mg_spin.setAccessibleName("Dose in milligrams")
        self.mg_spin.setRange(0.0, 2000.0)
        self.mg_spin.setDecimals(1)
        self.mg_spin.setSuffix(" mg")
        self.mg_spin.setValue(DEFAULT_MG)
        self.route_box = NamedComboBox()
        self.route_box.setAccessibleName("Route")
        self.route_box.setEditable(True)
        # The editable box's own text field is what a screen reader lands in.
        self.route_box.lineEdit().setAccessibleName("Route")
        self.route_box.addItems(ROUTES)
        self.route_box.setCurrentText(DEFAULT_ROUTE)
        self.time_edit = QTimeEdit()
        self.time_edit.setAccessibleName("Time given")
        self.time_edit.setDisplayFormat("HH:mm")
        self.following_clock = True
        self._setting_time = False
        self.time_edit.timeChanged.connect(self._time_edited)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Drug", self.drug_edit)
        form.addRow("Dose", self.mg_spin)
        form.addRow("Route", self.route_box)
        form.addRow("Time given", self.time_edit)

    def follow_clock(self, now: float) -> None:
        """Show the current time, unless the therapist has set one."""
        if self.following_clock:
            local = dt.datetime.fromtimestamp(now)
            self._setting_time = True
            self.time_edit.setTime(QTime(local.hour, local.minute))
            self._setting_time = False

    def _time_edited(self) -> None:
        if not self._setting_time:
            self.following_clock = False

    def given_at(self, now: float) -> float | None:
        """The dose time as wall time, or None for "now"."""
        if self.following_clock:
            return None
        shown = self.time_edit.time()
        today = dt.datetime.fromtimestamp(now).date()
        given = dt.datetime.combine(today, dt.time(shown.hour(), shown.minute())).timestamp()
        return given - 86400 if given > now + FUTURE_TOLERANCE_S else min(given, now)

    def values(self, now: float) -> tuple[str, float, str, float | None]:
        return (self.drug_edit.text().strip(), self.mg_spin.value(),
                self.route_box.currentText().strip(), self.given_at(now))
