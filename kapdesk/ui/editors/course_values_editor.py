"""Settings → Course → screening and measures: when a screening is due again,
the rating scales' cut-offs that DOMAIN.md makes settings (PCL-5, response,
remission), the highest suicide-risk level to dose at, and the text the
therapist reads when PHQ-9 question 9 is above 0.

Each value shows its labelled default and a "Restore default" beside it, and
any problem in words beside the field (core: readiness_problems). The severity
bands of the PHQ-9 and GAD-7 are the instruments' own and not settings, so
they are not here. Values the editor does not show (the PHQ-9's greatest age)
are carried through unchanged.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QGridLayout, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton,
                               QSpinBox, QVBoxLayout, QWidget)

from kapdesk.core.measures import DEFAULT_SAFETY_TEXT, SETTING_LABELS, MeasureSettings
from kapdesk.core.practice_settings import readiness_problems
from kapdesk.core.readiness import ReadinessSettings
from kapdesk.core.screening import RESCREEN_LABEL, ScreeningSettings
from kapdesk.core.suicide_risk import RiskLevel
from kapdesk.ui.common.form_controls import (combo_box, hint_label, live_hint, mark_problem,
                                             section_heading, select_data, set_hint, spin_box,
                                             text_area)
from kapdesk.ui.common.widgets import action_button

RESCREEN = "rescreen_months"
SAFETY = "item9_safety_text"
RISK = "highest_risk_to_dose"
# (field, words on screen, suffix, the start of core's problem about it)
NUMBERS = (
    (RESCREEN, "Screening is due again after", " months", RESCREEN_LABEL),
    ("pcl5_cutoff", "PCL-5: probable PTSD at a total of (usual 31–33)", "",
     SETTING_LABELS["pcl5_cutoff"]),
    ("response_fall_percent", "Response: a fall from the course's baseline of", " %",
     SETTING_LABELS["response_fall_percent"]),
    ("phq9_remission_below", "PHQ-9 remission: a total below", "",
     SETTING_LABELS["phq9_remission_below"]),
    ("gad7_remission_below", "GAD-7 remission: a total below", "",
     SETTING_LABELS["gad7_remission_below"]),
)
RISK_CHOICES = tuple((level.value, level.value) for level in RiskLevel)
SAFETY_PROBLEM = "The text for PHQ-9 question 9"


def _value(settings: ReadinessSettings, name: str) -> object:
    if name == RESCREEN:
        return settings.screening.rescreen_months
    if name == RISK:
        return settings.highest_risk_to_dose.value
    return getattr(settings.measures, name)


class CourseValuesEditor(QWidget):
    """The course's settings as a draft over `current` (the stored ones)."""

    changed = Signal()

    def __init__(self, current: ReadinessSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Screening and measures")
        self.current = current
        self.boxes: dict[str, QSpinBox] = {}
        self.problem_labels: dict[str, QLabel] = {}
        self.restore_buttons: dict[str, QPushButton] = {}
        self.risk_combo = combo_box("Highest suicide-risk level at which to dose", RISK_CHOICES)
        self.safety_edit: QPlainTextEdit = text_area("Safety text for PHQ-9 question 9", 130)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(4, 1)
        for number, (name, words, suffix, _start) in enumerate(NUMBERS):
            self.boxes[name] = spin_box(words, suffix)
            self._add_row(grid, 2 * number, name, words, self.boxes[name])
        self._add_row(grid, 2 * len(NUMBERS), RISK, "Highest suicide-risk level to dose at",
                      self.risk_combo)
        self._lay_out(grid)
        self.set_settings(current)
        for box in self.boxes.values():
            box.valueChanged.connect(self._refresh)
        self.risk_combo.currentIndexChanged.connect(self._refresh)
        self.safety_edit.textChanged.connect(self._refresh)
        self._refresh()

    def _add_row(self, grid: QGridLayout, row: int, name: str, words: str, field: QWidget) -> None:
        label = QLabel(words)
        label.setAccessibleName(words)
        label.setBuddy(field)
        default = _value(ReadinessSettings(), name)
        shown = f"default {default}"
        button = action_button("Restore default", None, lambda: self.restore(name), self)
        button.setAccessibleName(f"Restore default: {words}")
        self.restore_buttons[name] = button
        problem = live_hint(f"Problem with {words.lower()}")
        problem.setObjectName("error")
        self.problem_labels[name] = problem
        grid.addWidget(label, row, 0)
        grid.addWidget(field, row, 1)
        grid.addWidget(hint_label(shown, f"{words}: {shown}"), row, 2)
        grid.addWidget(button, row, 3)
        grid.addWidget(problem, row + 1, 0, 1, 5)

    def _lay_out(self, grid: QGridLayout) -> None:
        self.safety_restore = action_button("Restore default", None, lambda: self.restore(SAFETY),
                                            self)
        self.safety_restore.setAccessibleName("Restore default: safety text for PHQ-9 question 9")
        self.safety_problem = live_hint("Problem with the safety text")
        self.safety_problem.setObjectName("error")
        self.problem_labels[SAFETY] = self.safety_problem
        self.restore_buttons[SAFETY] = self.safety_restore
        layout = QVBoxLayout(self)
        layout.addWidget(section_heading("Screening and the rating scales' cut-offs"))
        layout.addLayout(grid)
        layout.addWidget(hint_label(
            "The PHQ-9 and GAD-7 severity bands are the published instruments' own and are "
            "not settings. A change applies to every client's page and the next check before "
            "a dose; scores already recorded keep their answers."))
        layout.addSpacing(10)
        layout.addWidget(section_heading(SETTING_LABELS[SAFETY]))
        layout.addWidget(self.safety_edit)
        layout.addWidget(self.safety_problem)
        layout.addWidget(hint_label("The default asks for a suicide-risk assessment (for "
                                    "example the C-SSRS on paper) and its result recorded."))
        restore_row = QHBoxLayout()
        restore_row.addWidget(self.safety_restore)
        restore_row.addStretch(1)
        layout.addLayout(restore_row)
        layout.addStretch(1)

    # -- values ---------------------------------------------------------
    def set_settings(self, settings: ReadinessSettings) -> None:
        for name, box in self.boxes.items():
            box.setValue(_value(settings, name))
        select_data(self.risk_combo, settings.highest_risk_to_dose.value)
        self.safety_edit.setPlainText(settings.measures.item9_safety_text)

    def restore(self, name: str) -> None:
        if name == SAFETY:
            self.safety_edit.setPlainText(DEFAULT_SAFETY_TEXT)
        elif name == RISK:
            select_data(self.risk_combo, RiskLevel.LOW.value)
        else:
            self.boxes[name].setValue(_value(ReadinessSettings(), name))

    def settings(self) -> ReadinessSettings:
        measures = {name: box.value() for name, box in self.boxes.items() if name != RESCREEN}
        return replace(self.current,
                       screening=ScreeningSettings(self.boxes[RESCREEN].value()),
                       measures=MeasureSettings(**measures,
                                                item9_safety_text=self.safety_edit.toPlainText()),
                       highest_risk_to_dose=RiskLevel(self.risk_combo.currentData()))

    def is_changed(self) -> bool:
        return self.settings() != self.current

    def problems(self) -> list[str]:
        return readiness_problems(self.settings())

    def _refresh(self) -> None:
        problems = self.problems()
        starts = {name: start for name, _words, _suffix, start in NUMBERS}
        starts[SAFETY] = SAFETY_PROBLEM
        for name, label in self.problem_labels.items():
            # core's words for a field begin with that field's label
            found = [p for p in problems if name in starts and p.startswith(starts[name])]
            # beside the field its label is already on screen: only what is wrong
            set_hint(label, " ".join(p.removeprefix(starts[name]).lstrip(": ") for p in found)
                     if name != SAFETY else " ".join(found))
            label.setVisible(bool(found))
            if name in self.boxes:
                mark_problem(self.boxes[name], bool(found))
        self.changed.emit()
