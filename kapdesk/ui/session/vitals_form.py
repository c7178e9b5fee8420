"""Vitals entry: blood pressure, heart rate and optional SpO2, checked in words.

Enter in any field saves (Ctrl+Enter is left to the page: before the dose it
records the dose). Impossible values ("400", "twenty") are refused with a
sentence naming the field, and that field is marked; a possible reading is
judged against the practice's thresholds as it is typed and coloured ok /
caution / alert. Empty fields show no number at all: a placeholder "120"
reads as a real, normal reading in a dim room.

Before the dose, a reading above the pre-dose limit needs a reason. The box
for it, labelled "Reason to go on (required above 140/90)", shows as soon as
such a reading is typed; saving without a reason stores nothing, says so and
puts the cursor in the box. The reason is stored with the reading.

The widget only emits `submitted(reading, reason)`; the page stores it and
calls `show_saved` once the event is committed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kapdesk.core.events import Event
from kapdesk.core.formatting import format_time_of_day
from kapdesk.core.predose import limit_text, reading_needs_reason, reading_reason_label
from kapdesk.core.session_summary import describe_reading
from kapdesk.core.vitals import (VitalsError, VitalsReading, VitalThresholds, classify,
                                 parse_vitals)
from kapdesk.ui.common.widgets import announce_key
from kapdesk.ui.common.widgets import label, set_level, show_text

_FIELDS = (  # attribute, accessible name, what it holds (its description), placeholder word
    ("systolic", "Systolic pressure", "The upper blood pressure number, in mmHg", "sys"),
    ("diastolic", "Diastolic pressure", "The lower blood pressure number, in mmHg", "dia"),
    ("heart_rate", "Heart rate", "Beats per minute", "bpm"),
    ("spo2", "Oxygen saturation, optional", "SpO2 in percent; leave empty without an oximeter",
     "opt."),
)
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _EnterFilter(QObject):
    """Plain Enter in a field saves; Ctrl+Enter is never taken as "save the vitals"."""

    def __init__(self, entry: VitalsEntry) -> None:
        super().__init__(entry)
        self._entry = entry

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() != QEvent.Type.KeyPress or event.key() not in _ENTER_KEYS:
            return False
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            event.ignore()  # left to the page's own Ctrl+Enter, if it has one
            return True
        self._entry.submit()
        return True


class VitalsEntry(QWidget):
    submitted = Signal(object, str)  # VitalsReading, reason ("" if none)

    def __init__(self, thresholds: VitalThresholds, before_dose: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("vitalsEntry")
        self.setAccessibleName("Vitals entry")
        self.thresholds = thresholds
        self.before_dose = before_dose
        self._enter = _EnterFilter(self)
        self.fields: dict[str, QLineEdit] = {}
        for key, name, description, word in _FIELDS:
            self.fields[key] = self._field(name, description, word)
        self._build_reason()
        self.save_button = QPushButton("Save vitals   Enter", self)
        self.save_button.setObjectName("saveVitals")
        self.save_button.setAccessibleName("Save vitals")
        self.save_button.setAccessibleDescription("Enter in a vitals field saves them")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(lambda _checked=False: self.submit())
        announce_key(self.save_button, "Return")  # Enter in a vitals field is what saves
        self.message = label("", "vitalsMessage", "Vitals message")
        # Room for two wrapped lines: nested layouts do not always grow a wrapped label.
        self.message.setMinimumHeight(52)
        self.message.hide()
        self._lay_out()

    def _field(self, name: str, description: str, word: str) -> QLineEdit:
        edit = _WordField()
        edit.setObjectName("vitalsField")
        edit.setAccessibleName(name)
        edit.setAccessibleDescription(description)
        edit.setPlaceholderText(word)
        edit.setToolTip(description)
        edit.setMaxLength(6)
        edit.installEventFilter(self._enter)
        edit.textChanged.connect(self._preview)
        return edit

    def _build_reason(self) -> None:
        title = reading_reason_label(self.thresholds)
        self.reason_label = label(title, "vitalsReasonLabel", title)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("vitalsReason")
        self.reason_edit.setAccessibleName(title)
        self.reason_edit.setAccessibleDescription(
            "Why the dose may go ahead at this reading; stored with the reading")
        self.reason_edit.setPlaceholderText("e.g. usual for this client, prescriber agreed")
        self.reason_label.setBuddy(self.reason_edit)
        self.reason_edit.installEventFilter(self._enter)
        self.reason_edit.textChanged.connect(self._preview)
        self._show_reason(False)

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
        layout.addWidget(self.reason_label)
        layout.addWidget(self.reason_edit)
        layout.addLayout(save_row)
        layout.addWidget(self.message)

    # --- behaviour ------------------------------------------------------------

    def focus_first(self) -> None:
        self.fields["systolic"].setFocus()
        self.fields["systolic"].selectAll()

    def texts(self) -> tuple[str, str, str, str]:
        return tuple(self.fields[key].text() for key, *_ in _FIELDS)  # type: ignore[return-value]

    def has_input(self) -> bool:
        """Something typed and not saved yet (a reading, or a reason for one)."""
        return any(text.strip() for text in self.texts())

    def submit(self) -> None:
        try:
            reading = parse_vitals(*self.texts())
        except VitalsError as error:
            self._mark(error.field)
            text = str(error)
            self.show_message(text if text.endswith(("?", ".")) else text + ".", "alert")
            return
        reason = self.reason_edit.text().strip()
        if self._needs_reason(reading) and not reason:
            self._ask_reason()
            return
        self.submitted.emit(reading, reason if self._needs_reason(reading) else "")

    def _needs_reason(self, reading: VitalsReading) -> bool:
        return self.before_dose and reading_needs_reason(reading, self.thresholds)

    def _ask_reason(self) -> None:
        """Nothing is saved: say so, and put the cursor where the reason goes."""
        self._show_reason(True)
        self.show_message(f"Not saved yet: above {limit_text(self.thresholds)}, a reason is "
                          "needed. Type it in the box above and press Enter — or take the "
                          "blood pressure again.", "caution")
        self.reason_edit.setFocus()

    def show_saved(self, event: Event) -> None:
        """The reading is stored: clear the form and say what was saved, coloured."""
        reading = VitalsReading.from_data(event.data)
        verdict = classify(reading, self.thresholds, self.before_dose)
        for edit in self.fields.values():
            edit.clear()
        self.reason_edit.clear()
        self._show_reason(False)
        when = format_time_of_day(event.at)
        reason = event.data.get("reason")
        if verdict.level == "ok":
            verdict_text = "within the practice's limits"
        elif verdict.level == "caution" and reason:
            verdict_text = f"above {limit_text(self.thresholds)}; reason recorded: {reason}"
        else:
            verdict_text = verdict.message
        self.show_message(f"Saved {when}: {describe_reading(reading)} — {verdict_text}",
                          verdict.level)

    def show_message(self, text: str, level: str) -> None:
        self.message.setVisible(bool(text))  # an empty line would only take room from the log
        show_text(self.message, text, "Vitals message")
        self.message.setAccessibleDescription(text)
        set_level(self.message, level)

    def _show_reason(self, visible: bool) -> None:
        self.reason_label.setVisible(visible)
        self.reason_edit.setVisible(visible)

    def _mark(self, bad_field: str | None) -> None:
        for key, edit in self.fields.items():
            set_level(edit, "alert" if key == bad_field else "")
        if bad_field in self.fields:
            self.fields[bad_field].setFocus()

    def _preview(self) -> None:
        """Judge the reading while it is typed; say nothing until it is complete.

        The reason box shows as soon as a complete reading needs one, and
        stays while it holds a reason (a field being retyped is no reason to
        take away what was written).
        """
        self._mark(None)
        try:
            reading = parse_vitals(*self.texts())
        except VitalsError:
            self.show_message("", "")
            self._show_reason(bool(self.reason_edit.text()))
            return
        verdict = classify(reading, self.thresholds, self.before_dose)
        needs_reason = self._needs_reason(reading)
        message = verdict.message
        if needs_reason and verdict.level == "caution":
            message = (f"Above {limit_text(self.thresholds)}: a reason is needed to go on "
                       "(box below)")
        self.show_message(message, verdict.level)
        self._show_reason(needs_reason or bool(self.reason_edit.text()))


class _WordField(QLineEdit):
    """A vitals field at least as wide as its placeholder word ("sys", not "s…").

    The words are a blood pressure monitor's own (sys, dia, bpm) and short,
    so that they fit the room's narrow column whole.
    """

    # The style sheet's padding (8 px a side), a focused border (2 px a side)
    # and the line edit's own text margins.
    _AROUND_TEXT = 28

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        hint = super().minimumSizeHint()
        word = self.fontMetrics().horizontalAdvance(self.placeholderText())
        return QSize(max(hint.width(), word + self._AROUND_TEXT), hint.height())
