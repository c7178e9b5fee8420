"""PHQ-9 question 9 above 0: the practice's safety text, then the suicide-risk assessment's result.

The safety text is the practice's own setting (core/measures
`MeasureSettings.item9_safety_text`, with a sensible default), shown first
and in full. Below it the therapist records the result of the assessment done
on paper (the C-SSRS's questions are licensed and not shipped): the risk
level, who did it, when, and a note (core/suicide_risk). No level is chosen
until the therapist chooses one. Until a result is recorded, the client does
not count as ready for a dose (core/readiness).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from kapdesk.core.measure_course import corrected_ids, day_of
from kapdesk.core.suicide_risk import RiskAssessment, RiskLevel, assessment_for, assessment_problems
from kapdesk.core.superseding import current
from kapdesk.ui.clients.choice_row import Choice, ChoiceRow
from kapdesk.ui.clients.course_dialog import (CourseDialog, date_edit, date_of, group_title,
                                              problem_label)
from kapdesk.ui.common.form_controls import hint_label, line_edit, text_area
from kapdesk.ui.common.widgets import wrapped_label

if TYPE_CHECKING:
    from kapdesk.services import Services

LEVELS = (Choice(RiskLevel.LOW, "L", "Low", "Low  [L]"),
          Choice(RiskLevel.MODERATE, "M", "Moderate", "Moderate  [M]"),
          Choice(RiskLevel.HIGH, "H", "High", "High  [H]"))
CHOOSE_LEVEL = "Choose the risk level the assessment found."


class RiskForm(CourseDialog):
    def __init__(self, services: Services, client_id: int, measure_id: int,
                 parent: QWidget | None = None) -> None:
        name = services.clients.get(client_id).display_name
        super().__init__("Suicide-risk assessment", f"Suicide-risk assessment for {name}", parent)
        self._services = services
        self._client_id = client_id
        self.measure = services.measures.get(measure_id)
        self.taken_on = day_of(self.measure.taken_at)
        self.saved: RiskAssessment | None = None
        self._build(services.course.settings().measures.item9_safety_text)
        self._as_opened = self._fields()

    def _build(self, safety_text: str) -> None:
        add = self.body_layout.addWidget
        self.safety_label = wrapped_label(safety_text, "warning", "Safety text: " + " ".join(
            safety_text.split()))
        self.safety_label.setTextFormat(Qt.TextFormat.PlainText)
        self.safety_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        result = self.measure.result
        add(wrapped_label(f"PHQ-9 of {self.taken_on.isoformat()}: {result.total}, "
                          f"{result.severity}. {result.item9_words}.", "",
                          f"PHQ-9 of {self.taken_on.isoformat()}: {result.total}, "
                          f"{result.severity}. {result.item9_words}."))
        add(self.safety_label)
        found = self._recorded()
        if found is not None:
            add(hint_label(f"Already recorded for this form: {found.words}. Record another "
                           "result only for a new assessment."))
        add(group_title("The result of the assessment done on paper"))
        add(hint_label("Until a result is recorded, the client does not count as ready for "
                       "a dose. The app does not ship the C-SSRS's questions: record the "
                       "result of the one done on paper."))
        self.level_row = ChoiceRow("Risk level", "Risk level the assessment found", LEVELS)
        self.level_row.answered.connect(self.edited)
        add(self.level_row)
        self.who_edit = line_edit("Who did the assessment")
        self.who_edit.textChanged.connect(lambda _text: self.edited())
        self.who_problem = problem_label("Who did the assessment")
        self.date_edit = date_edit("Date of the assessment", self._services.today())
        self.date_edit.dateChanged.connect(lambda _date: self.edited())
        self.date_problem = problem_label("Date of the assessment")
        self.note_edit = text_area("Note on the assessment", 110)
        self.note_edit.textChanged.connect(self.edited)
        for label, field, problem in (("Who did the assessment", self.who_edit, self.who_problem),
                                      ("Date of the assessment", self.date_edit,
                                       self.date_problem),
                                      ("Note (optional)", self.note_edit, None)):
            add(QLabel(label, accessibleName=label))
            add(field)
            if problem is not None:
                add(problem)
        self.body_layout.addStretch(1)

    def _recorded(self) -> RiskAssessment | None:
        """An assessment already recorded that answers this PHQ-9, if any."""
        measures = self._services.measures.for_client(self._client_id)
        assessments = current(self._services.risk_assessments.history(self._client_id))
        return assessment_for(self.measure.id, self.taken_on, assessments,
                              corrected_ids(self.measure, measures))

    def focus_first(self) -> None:
        self.level_row.setFocus()

    def _fields(self) -> tuple:
        return (self.level_row.value, self.who_edit.text().strip(), date_of(self.date_edit),
                self.note_edit.toPlainText().strip())

    def has_changes(self) -> bool:
        return self._fields() != self._as_opened

    def draft(self, level: RiskLevel) -> RiskAssessment:
        return RiskAssessment(self._client_id, level, self.who_edit.text().strip(),
                              date_of(self.date_edit), self.note_edit.toPlainText().strip(),
                              measure_id=self.measure.id)

    def problems(self) -> list[str]:
        level = self.level_row.value
        problems = [] if level is not None else [CHOOSE_LEVEL]
        # The other fields are checked whatever the level, so every problem shows at once.
        return problems + assessment_problems(self.draft(level or RiskLevel.LOW), self.taken_on,
                                              self._services.today())

    def routes(self) -> Sequence[tuple[QLabel, Sequence[str]]]:
        return ((self.level_row.problem, ("risk level",)),
                (self.who_problem, ("who did",)),
                (self.date_problem, ("assessment date", "dated before")))

    def show_problems(self, problems: Sequence[str]) -> None:
        super().show_problems(problems)
        self.level_row.mark()

    def store(self) -> None:
        level = self.level_row.value
        assert level is not None  # problems() refused the form without one
        self.saved = self._services.risk_assessments.add(self.draft(level),
                                                         self._services.today())
