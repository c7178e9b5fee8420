"""The intake screening: the practice's contraindication list answered, and current medications.

The list is the practice's current version (services.documents; the seed's
labelled default until the practice edits it), and the screening stores the
version it answered. Exclusions and items that need a medical clearance are
two groups apart, each item answered no / yes / unknown (keys N, Y, U) with a
note. Nothing is answered until the therapist answers it: an unanswered item
is refused in words, never saved as "no". Below the form the verdict
(core/screening `screening_verdict`) follows the answers as they are given.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from kapdesk.core.screening import (Answer, ContraindicationList, ItemAnswer, ItemKind,
                                    Screening, ScreeningStatus, screening_problems,
                                    screening_verdict)
from kapdesk.ui.clients.choice_row import Choice, ChoiceRow
from kapdesk.ui.clients.course_dialog import (CourseDialog, date_edit, date_of, group_title,
                                              problem_label)
from kapdesk.ui.clients.medication_rows import MedicationRows
from kapdesk.ui.common.form_controls import hint_label, line_edit
from kapdesk.ui.common.widgets import set_level, show_text, wrapped_label

if TYPE_CHECKING:
    from kapdesk.services import Services

ANSWERS = (Choice(Answer.NO, "N", "No", "No  [N]"), Choice(Answer.YES, "Y", "Yes", "Yes  [Y]"),
           Choice(Answer.UNKNOWN, "U", "Unknown", "Unknown  [U]"))
GROUPS = ((ItemKind.EXCLUSION, "Exclusions: a yes or an unknown means not eligible"),
          (ItemKind.CLEARANCE, "Needs a medical clearance when yes or unknown"))
LEVELS = {ScreeningStatus.NOT_ELIGIBLE: "alert", ScreeningStatus.NEEDS_CLEARANCE: "caution"}


class ScreeningForm(CourseDialog):
    def __init__(self, services: Services, client_id: int,
                 parent: QWidget | None = None) -> None:
        name = services.clients.get(client_id).display_name
        super().__init__("Intake screening", f"Intake screening for {name}", parent)
        self._services = services
        self._client_id = client_id
        self.items: ContraindicationList = services.documents.contraindications()
        self._screening_settings = services.course.settings().screening
        self.saved: Screening | None = None
        self.rows: dict[str, ChoiceRow] = {}
        self.notes: dict[str, QLineEdit] = {}
        self._build()
        self._as_opened = self._fields()
        self._refresh()

    def _build(self) -> None:
        add = self.body_layout.addWidget
        label = f" ({self.items.label})" if self.items.label else ""
        add(hint_label(f"The practice's contraindication list, version {self.items.version}"
                       f"{label}. Keys N, Y and U answer the item the cursor is on."))
        self.date_edit = date_edit("Date of the screening", self._services.today())
        self.date_edit.dateChanged.connect(lambda _date: self._changed())
        self.date_problem = problem_label("Date of the screening")
        self.by_edit = line_edit("Screened by", "optional")
        self.by_edit.textChanged.connect(lambda _text: self._changed())
        for text, field in (("Date of the screening", self.date_edit),
                            ("Screened by", self.by_edit)):
            add(QLabel(text, accessibleName=text))
            add(field)
            if field is self.date_edit:
                add(self.date_problem)
        for kind, title in GROUPS:
            kind_items = [item for item in self.items.items if item.kind is kind]
            if not kind_items:
                continue
            add(group_title(title))
            for item in kind_items:
                note = line_edit(f"Note on \u201c{item.text}\u201d", "note (optional)")
                note.textChanged.connect(lambda _text: self._changed())
                row = ChoiceRow(item.text, item.text, ANSWERS, extra=note)
                row.answered.connect(self._answered)
                self.rows[item.key], self.notes[item.key] = row, note
                add(row)
        add(group_title("Current medications"))
        self.medications = MedicationRows()
        self.medications.changed.connect(self._changed)
        add(self.medications)
        self.body_layout.addStretch(1)
        self.verdict = wrapped_label("", "verdict", "Verdict")
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        self.layout().insertWidget(2, self.verdict)  # under the list, always in sight

    def focus_first(self) -> None:
        target = next((row for row in self.rows.values() if row.value is None), None)
        (target or self.date_edit).setFocus()

    # --- the draft -----------------------------------------------------------------

    def _fields(self) -> tuple:
        return (date_of(self.date_edit), self.by_edit.text().strip(), self._answers(),
                self.medications.medications())

    def has_changes(self) -> bool:
        return self._fields() != self._as_opened

    def _answers(self) -> tuple[ItemAnswer, ...]:
        return tuple(ItemAnswer(key, row.value, self.notes[key].text().strip())
                     for key, row in self.rows.items() if row.value is not None)

    def draft(self) -> Screening:
        return Screening(self._client_id, date_of(self.date_edit), self.items.version,
                         self._answers(), self.medications.medications(),
                         screened_by=self.by_edit.text().strip())

    def problems(self) -> list[str]:
        return screening_problems(self.draft(), self.items, self._services.today())

    def routes(self) -> Sequence[tuple[QLabel, Sequence[str]]]:
        # In the form's order: the first problem is the one scrolled to.
        routes: list[tuple[QLabel, Sequence[str]]] = [(self.date_problem, ("screening date",))]
        for key, row in self.rows.items():
            text = self.items.item(key).text.casefold()
            routes.append((row.problem, (f"\u201c{text}\u201d has no answer",)))
        routes.append((self.medications.problem, ("medication",)))
        return routes

    def show_problems(self, problems: Sequence[str]) -> None:
        super().show_problems(problems)
        for row in self.rows.values():
            row.mark()

    def store(self) -> None:
        self.saved = self._services.screenings.add(self.draft(), self._services.today())

    # --- as answers come in --------------------------------------------------------

    def _answered(self) -> None:
        row = self.sender()
        self._changed()
        if isinstance(row, ChoiceRow) and row.hasFocus():
            following = list(self.rows.values())
            index = following.index(row)
            if index + 1 < len(following):
                following[index + 1].setFocus()
                self.scroll.ensureWidgetVisible(following[index + 1], 0, 60)

    def _changed(self) -> None:
        self._refresh()
        self.edited()

    def _refresh(self) -> None:
        """The verdict of what is answered so far, and how many items are still to answer."""
        draft = self.draft()
        answered = {answer.key for answer in draft.answers}
        left = len(self.items.items) - len(answered)
        if not answered:
            show_text(self.verdict, f"Nothing answered yet: {left} items to answer.", "Verdict")
            set_level(self.verdict, "")
            return
        so_far = ContraindicationList(self.items.version,
                                      tuple(i for i in self.items.items if i.key in answered))
        verdict = screening_verdict(draft, so_far, self._services.today(),
                                    self._screening_settings)
        text = verdict.words
        if left:  # never a bare "Clear" while items are still open
            text = f"Still to answer: {left} item{'s' * (left > 1)}. So far: {text}"
        show_text(self.verdict, text, "Verdict")
        set_level(self.verdict, LEVELS.get(verdict.status, ""))
