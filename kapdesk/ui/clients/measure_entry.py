"""Typing in a paper PHQ-9, GAD-7 or PCL-5, and correcting a filled one.

Every item in the scale's exact words with its answer labels (core/measures),
answered by a click or by the number keys (0-3, 0-4 for the PCL-5); PHQ-9's
unscored 10th question appears once an answer is above 0. The total and the
severity show as the answers come in, but only a complete form gets a
severity: a missing answer is refused in words beside its question, never
scored as 0.

A correction opens the same form filled from the record, and needs a reason.
It is saved as a new record that supersedes the original
(measure_course.correction), which stays in the history as it was: a filled
form is never edited.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from kapdesk.core.measure_course import (FilledBy, MeasureRecord, correction,
                                         correction_problems, day_of)
from kapdesk.core.measures import (SCALES, MeasureAnswerError, MeasureKind, MeasureResult,
                                   difficulty_is_asked, score)
from kapdesk.core.paper_forms import taken_at_for, taken_on_problems, unchanged_problems
from kapdesk.ui.clients.choice_row import Choice, ChoiceRow
from kapdesk.ui.clients.course_dialog import (CourseDialog, date_edit, date_of, problem_label)
from kapdesk.ui.common.form_controls import hint_label, line_edit
from kapdesk.ui.common.widgets import set_level, show_text, wrapped_label

if TYPE_CHECKING:
    from kapdesk.services import Services


def _choices(options: Sequence) -> list[Choice]:  # noqa: ANN001 - AnswerOption
    return [Choice(o.value, str(o.value), o.label, f"{o.value}   {o.label}") for o in options]


class MeasureEntry(CourseDialog):
    def __init__(self, services: Services, client_id: int, kind: MeasureKind,
                 original: MeasureRecord | None = None, parent: QWidget | None = None) -> None:
        self.scale = SCALES[MeasureKind(kind)]
        name = services.clients.get(client_id).display_name
        if original is None:
            title = f"Type in a paper {self.scale.name}"
            heading = f"{self.scale.name} for {name}, typed from paper"
        else:
            title = f"Correct a {self.scale.name}"
            heading = (f"Correct the {self.scale.name} of {name} from "
                       f"{day_of(original.taken_at).isoformat()}")
        super().__init__(title, heading, parent)
        self._services = services
        self._client_id = client_id
        self._original = original
        self._settings = services.course.settings().measures
        # Read once: problems() runs on every keystroke once a save was refused, and the
        # store checks the correction again against what is stored when it saves.
        self._records = services.measures.for_client(client_id) if original is not None else []
        self.saved: MeasureRecord | None = None
        self._build()
        if original is not None:
            self._fill(original)
        self._as_opened = self._draft()
        self._refresh()

    # --- building ------------------------------------------------------------------

    def _build(self) -> None:
        scale, add = self.scale, self.body_layout.addWidget
        add(hint_label(scale.title))
        # A correction says why at the top, where the saved form's reader looks first.
        self.reason_edit = line_edit("Why it is corrected",
                                     "for example: typed 2 for 1 on question 4")
        self.reason_edit.textChanged.connect(lambda _text: self.edited())
        self.reason_problem = problem_label("Why it is corrected")
        if self._original is not None:
            add(hint_label("Saved as a new record that replaces this one; the original stays "
                           "in the history as it was."))
            add(QLabel("Why it is corrected", accessibleName="Why it is corrected"))
            add(self.reason_edit)
            add(self.reason_problem)
        else:  # kept (unshown) so a new form and a correction read their fields alike
            for widget in (self.reason_edit, self.reason_problem):
                widget.setParent(self.body)
                widget.hide()
        self.date_edit = date_edit("Date the form was filled", self._services.today())
        self.date_edit.dateChanged.connect(lambda _date: self.edited())
        self.date_problem = problem_label("Date the form was filled")
        add(QLabel("Date the form was filled", accessibleName="Date the form was filled"))
        add(self.date_edit)
        add(self.date_problem)
        add(hint_label(f"{scale.stem}  (Keys {scale.options[0].value}\N{EN DASH}"
                       f"{scale.max_answer} answer the question the cursor is on; Delete "
                       "takes an answer back.)"))
        self.rows = [ChoiceRow(f"Question {n}", f"{n}. {text}", _choices(scale.options))
                     for n, text in enumerate(scale.items, 1)]
        for row in self.rows:
            row.answered.connect(self._answered)
            add(row)
        self.difficulty_row: ChoiceRow | None = None
        if scale.extra_question:
            number = scale.item_count + 1
            self.difficulty_row = ChoiceRow(f"Question {number}",
                                            f"{number}. {scale.extra_question} (not scored)",
                                            _choices(scale.extra_options))
            self.difficulty_row.answered.connect(self._answered)
            add(self.difficulty_row)
        self.body_layout.addStretch(1)
        self.summary = wrapped_label("", "verdict", "Total")
        self.layout().insertWidget(2, self.summary)  # under the questions, always in sight

    def _fill(self, record: MeasureRecord) -> None:
        taken = day_of(record.taken_at)
        self.date_edit.setDate(QDate(taken.year, taken.month, taken.day))
        for row, value in zip(self.rows, record.result.answers):
            row.set_value(value)
        if self.difficulty_row is not None:
            self.difficulty_row.set_value(record.result.difficulty)

    def focus_first(self) -> None:
        target = next((row for row in self.rows if row.value is None), self.rows[0])
        target.setFocus()

    # --- the draft -----------------------------------------------------------------

    def answers(self) -> tuple[int | None, ...]:
        return tuple(row.value for row in self.rows)

    def _difficulty_shown(self) -> bool:
        row = self.difficulty_row
        return row is not None and (difficulty_is_asked(self.scale.kind, self.answers())
                                    or row.value is not None)

    def _difficulty(self) -> int | None:
        row = self.difficulty_row
        return row.value if row is not None and self._difficulty_shown() else None

    def _draft(self) -> tuple:
        return (self.answers(), self._difficulty(), date_of(self.date_edit),
                self.reason_edit.text().strip())

    def has_changes(self) -> bool:
        return self._draft() != self._as_opened

    def scored(self) -> MeasureResult:
        """The form scored (MeasureAnswerError names every question left unanswered)."""
        return score(self.scale.kind, list(self.answers()), self._difficulty(), self._settings)

    def problems(self) -> list[str]:
        today = self._services.today()
        problems = taken_on_problems(date_of(self.date_edit), today)
        try:
            result = self.scored()
        except MeasureAnswerError as refused:
            return problems + [text for _, text in refused.problems]
        if self._original is not None:
            new = correction(self._original, result, self.reason_edit.text(), 0.0)
            problems += correction_problems(new, self._records)
            problems += unchanged_problems(self._original, result, date_of(self.date_edit))
        return problems

    def routes(self) -> list[tuple[QLabel, Sequence[str]]]:
        routes: list[tuple[QLabel, Sequence[str]]] = [(self.date_problem, ("date the form",))]
        rows = self.rows + ([self.difficulty_row] if self.difficulty_row is not None else [])
        for number, row in enumerate(rows, 1):
            routes.append((row.problem, (f"question {number} is", f"question {number}:")))
        routes.append((self.reason_problem, ("say why",)))
        return routes

    def show_problems(self, problems: Sequence[str]) -> None:
        super().show_problems(problems)
        for row in self.rows + ([self.difficulty_row] if self.difficulty_row else []):
            row.mark()

    def store(self) -> None:
        result = self.scored()
        taken_on, today = date_of(self.date_edit), self._services.today()
        taken_at = taken_at_for(taken_on, today, self._services.clock.now())
        if self._original is None:
            self.saved = self._services.measures.add(self._client_id, result, taken_at,
                                                     FilledBy.PAPER)
            return
        same_day = taken_on == day_of(self._original.taken_at)
        self.saved = self._services.measures.correct(self._original, result,
                                                     self.reason_edit.text(),
                                                     None if same_day else taken_at)

    # --- as answers come in --------------------------------------------------------

    def _answered(self) -> None:
        row = self.sender()
        self._refresh()
        self.edited()
        if isinstance(row, ChoiceRow) and row.hasFocus():
            self.focusNextChild()
            focused = QApplication.focusWidget()
            if focused is not None and self.body.isAncestorOf(focused):
                self.scroll.ensureWidgetVisible(focused, 0, 60)

    def _refresh(self) -> None:
        if self.difficulty_row is not None:
            self.difficulty_row.setVisible(self._difficulty_shown())
        text, alert = self._summary()
        show_text(self.summary, text, "Total")
        set_level(self.summary, "alert" if alert else "")

    def _summary(self) -> tuple[str, bool]:
        """The live total in words, and whether question 9 calls for the safety text."""
        answers = self.answers()
        missing = [str(n) for n, value in enumerate(answers, 1) if value is None]
        given = sum(value for value in answers if value is not None)
        if missing:
            if len(missing) == len(answers):
                return f"No answers yet. The total shows when all {len(answers)} are in.", False
            return (f"Total so far {given}; not answered yet: question"
                    f"{'s' * (len(missing) > 1)} {', '.join(missing)}."), False
        result = self.scored()
        lines = [f"Total {result.total} of {self.scale.max_total}: {result.severity}."]
        if result.symptom_count is not None:
            rule = "met" if result.provisional_ptsd else "not met"
            lines.append(f"{result.symptom_count} symptoms (answers of 2 or more); "
                         f"provisional PTSD rule {rule}.")
        if result.needs_risk_assessment:
            lines.append(f"{result.item9_words}. When this form is saved, the practice's "
                         "safety text is shown and the suicide-risk assessment is offered.")
        return "\n".join(lines), result.needs_risk_assessment

