"""A medical clearance for a screening's item that needs one: by whom, when, a note.

A clearance item answered yes (or unknown: nobody has said the condition is
absent) stands before a dose until a clearance is recorded against it
(core/screening). The form lists those items of the screening, the ones
still waiting first; with one waiting it is chosen already, otherwise the
therapist picks it (keys 1, 2, ...). The clearance is stored with the
screening (services.screenings.add_clearance), never by changing it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QWidget

from kapdesk.core.screening import (Answer, Clearance, ContraindicationItem, ItemKind,
                                    Screening, clearance_problems)
from kapdesk.ui.clients.choice_row import Choice, ChoiceRow
from kapdesk.ui.clients.course_dialog import CourseDialog, date_edit, date_of, problem_label
from kapdesk.ui.common.form_controls import hint_label, line_edit, text_area

if TYPE_CHECKING:
    from kapdesk.services import Services

CHOOSE_ITEM = "Choose the item the clearance is for."
NOTHING_TO_CLEAR = "Nothing in this screening needs a medical clearance."


def items_to_clear(screening: Screening,
                   items: Sequence[ContraindicationItem]) -> list[ContraindicationItem]:
    """The screening's clearance items answered yes or unknown, the uncleared ones first."""
    found = [item for item in items if item.kind is ItemKind.CLEARANCE
             and (answer := screening.answer_to(item.key)) is not None
             and answer.answer is not Answer.NO]
    return sorted(found, key=lambda item: screening.clearance_for(item.key) is not None)


class ClearanceForm(CourseDialog):
    def __init__(self, services: Services, client_id: int, screening_id: int,
                 parent: QWidget | None = None) -> None:
        name = services.clients.get(client_id).display_name
        super().__init__("Medical clearance", f"Medical clearance for {name}", parent)
        self._services = services
        self.screening = services.screenings.get(screening_id)
        if self.screening.client_id != client_id:
            raise ValueError(f"screening {screening_id} is not client {client_id}'s")
        self.items = services.documents.contraindication_list(self.screening.list_version)
        self.saved: Screening | None = None
        self._build()
        self._as_opened = self._fields()

    def _build(self) -> None:
        add, screening = self.body_layout.addWidget, self.screening
        add(hint_label(f"For the screening of {screening.screened_on.isoformat()}."))
        choices = []
        for number, item in enumerate(items_to_clear(screening, self.items.items), 1):
            answer = screening.answer_to(item.key)
            assert answer is not None  # items_to_clear keeps answered items only
            done = screening.clearance_for(item.key)
            state = f"already {done.words}" if done else "waiting for a clearance"
            note = f": {answer.note}" if answer.note else ""
            choices.append(Choice(item.key, str(number), item.text,
                                  f"{number}   {item.text} ({answer.answer.value}{note}; {state})"))
        self.item_row = ChoiceRow("Item", "The item the clearance is for", choices, stacked=True)
        waiting = [c for c in choices if screening.clearance_for(c.value) is None]
        if len(waiting) == 1:
            self.item_row.set_value(waiting[0].value)
        self.item_row.answered.connect(self.edited)
        add(self.item_row)
        if not choices:
            add(hint_label(NOTHING_TO_CLEAR))
        self.by_edit = line_edit("Cleared by", "the physician's name")
        self.by_edit.textChanged.connect(lambda _text: self.edited())
        self.by_problem = problem_label("Cleared by")
        self.date_edit = date_edit("Date of the clearance", self._services.today())
        self.date_edit.dateChanged.connect(lambda _date: self.edited())
        self.date_problem = problem_label("Date of the clearance")
        self.note_edit = text_area("Note on the clearance", 100)
        self.note_edit.textChanged.connect(self.edited)
        for text, field, problem in (("Cleared by", self.by_edit, self.by_problem),
                                     ("Date of the clearance", self.date_edit, self.date_problem),
                                     ("Note (optional)", self.note_edit, None)):
            add(QLabel(text, accessibleName=text))
            add(field)
            if problem is not None:
                add(problem)
        self.body_layout.addStretch(1)

    def focus_first(self) -> None:
        (self.by_edit if self.item_row.value is not None else self.item_row).setFocus()

    def _fields(self) -> tuple:
        return (self.item_row.value, self.by_edit.text().strip(), date_of(self.date_edit),
                self.note_edit.toPlainText().strip())

    def has_changes(self) -> bool:
        return self._fields() != self._as_opened

    def _clearance(self) -> Clearance:
        return Clearance(self.item_row.value or "", self.by_edit.text().strip(),
                         date_of(self.date_edit), self.note_edit.toPlainText().strip())

    def problems(self) -> list[str]:
        if not self.item_row.choices:
            return [NOTHING_TO_CLEAR]
        problems = [] if self.item_row.value is not None else [CHOOSE_ITEM]
        found = clearance_problems(self.screening, self.items, self._clearance(),
                                   self._services.today())
        if self.item_row.value is None:  # "only an item that needs clearance" says the same
            found = [problem for problem in found if not problem.startswith("Only an item")]
        return problems + found

    def routes(self) -> Sequence[tuple[QLabel, Sequence[str]]]:
        return ((self.item_row.problem, ("choose the item",)),
                (self.by_problem, ("who gave",)),
                (self.date_problem, ("clearance date", "clearance is dated")))

    def show_problems(self, problems: Sequence[str]) -> None:
        super().show_problems(problems)
        self.item_row.mark()

    def store(self) -> None:
        self.saved = self._services.screenings.add_clearance(
            self.screening.id, self._clearance(), self._services.today())
