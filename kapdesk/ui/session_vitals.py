"""Vitals entry: blood pressure, heart rate and optional SpO2, checked in words.

Enter in any field saves. Impossible values ("400", "twenty") are refused with
a sentence naming the field, and that field is marked; a possible reading is
judged against the practice's thresholds as it is typed and coloured ok /
caution / alert. Before the dose, a reading above the pre-dose limit asks for
a reason, which is stored with the reading (the dose waits for it).

The widget only emits `submitted(reading, reason)`; the page stores it and
calls `show_saved` once the event is committed.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kapdesk.core.events import Event
from kapdesk.core.formatting import format_time_of_day
from kapdesk.core.session_summary import describe_reading
from kapdesk.core.vitals import (VitalsError, VitalsReading, VitalThresholds, classify,
                                 parse_vitals)
from kapdesk.ui.session_widgets import key_button, label, set_level

_FIELDS = (  # attribute, accessible name, placeholder
    ("systolic", "Systolic pressure", "120"),
    ("diastolic", "Diastolic pressure", "80"),
    ("heart_rate", "Heart rate", "72"),
    ("spo2", "Oxygen saturation, optional", "98"),
)


class VitalsEntry(QWidget):
    submitted = Signal(object, str)  # VitalsReading, reason ("" if none)

    def __init__(self, thresholds: VitalThresholds, before_dose: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("vitalsEntry")
        self.setAccessibleName("Vitals entry")
        self.thresholds = thresholds
        self.before_dose = before_dose
        self.fields: dict[str, QLineEdit] = {}
        for key, name, example in _FIELDS:
            self.fields[key] = self._field(name, example)
        self.reason_edit = QLineEdit()
        self.reason_edit.setAccessibleName("Reason for dosing above the limit")
        self.reason_edit.setPlaceholderText("Reason for dosing above the limit, e.g. "
                                            "usual for this client, prescriber agreed")
        self.reason_edit.returnPressed.connect(self.submit)
        self.reason_edit.hide()
        self.save_button = key_button("Save vitals", None, self.submit, self, name="saveVitals")
        self.save_button.setText("Save vitals   Enter")
        self.message = label("", "vitalsMessage", "Vitals message")
        # Room for two wrapped lines: nested layouts do not always grow a wrapped label.
        self.message.setMinimumHeight(52)
        self.message.hide()
        self._lay_out()

    def _field(self, name: str, example: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName("vitalsField")
        edit.setAccessibleName(name)
        edit.setPlaceholderText(example)
        edit.setMaxLength(6)
        edit.returnPressed.connect(self.submit)
        edit.textChanged.connect(self._preview)
        return edit

    def _lay_out(self) -> None:
        row = QHBoxLayout()
        row.setSpacing(8)
        parts = (("BP", None), (None, "systolic"), ("/", None), (None, "diastolic"),
                 ("HR", None), (None, "heart_rate"), ("SpO2", None), (None, "spo2"))
        for text, key in parts:
            row.addWidget(label(text, "vitalsUnit", text, wrap=False) if text else self.fields[key])
        row.addStretch(1)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.reason_edit)
        layout.addLayout(save_row)
        layout.addWidget(self.message)

    # --- behaviour ------------------------------------------------------------

    def focus_first(self) -> None:
        self.fields["systolic"].setFocus()
        self.fields["systolic"].selectAll()

    def texts(self) -> tuple[str, str, str, str]:
        return tuple(self.fields[key].text() for key, _, _ in _FIELDS)  # type: ignore[return-value]

    def submit(self) -> None:
        try:
            reading = parse_vitals(*self.texts())
        except VitalsError as error:
            self._mark(error.field)
            text = str(error)
            self.show_message(text if text.endswith(("?", ".")) else text + ".", "alert")
            return
        self.submitted.emit(reading, self.reason_edit.text().strip())

    def show_saved(self, event: Event) -> None:
        """The reading is stored: clear the form and say what was saved, coloured."""
        reading = VitalsReading.from_data(event.data)
        verdict = classify(reading, self.thresholds, self.before_dose)
        for edit in self.fields.values():
            edit.clear()
        self.reason_edit.clear()
        self.reason_edit.hide()
        when = format_time_of_day(event.at)
        verdict_text = "within the practice's limits" if verdict.level == "ok" else verdict.message
        self.show_message(f"Saved {when}: {describe_reading(reading)} — {verdict_text}",
                          verdict.level)

    def show_message(self, text: str, level: str) -> None:
        self.message.setVisible(bool(text))  # an empty line would only take room from the log
        self.message.setText(text)
        self.message.setAccessibleDescription(text)
        set_level(self.message, level)

    def _mark(self, bad_field: str | None) -> None:
        for key, edit in self.fields.items():
            set_level(edit, "alert" if key == bad_field else "")
        if bad_field in self.fields:
            self.fields[bad_field].setFocus()

    def _preview(self) -> None:
        """Judge the reading while it is typed; say nothing until it is complete."""
        self._mark(None)
        try:
            reading = parse_vitals(*self.texts())
        except VitalsError:
            self.show_message("", "")
            self.reason_edit.setVisible(bool(self.reason_edit.text()))
            return
        verdict = classify(reading, self.thresholds, self.before_dose)
        self.show_message(verdict.message, verdict.level)
        self.reason_edit.setVisible(self.before_dose and verdict.level != "ok")

