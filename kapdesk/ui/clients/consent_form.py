"""The client's informed consent and consent to touch.

The practice's current consent document (services.documents; the shipped
template until the practice writes its own) is shown read-only, filled in for
this client (core/consent `render`), and the consent is stored against its
version. The therapist records the date, how it was given (signed on paper,
or the client typing their name on screen, which must be the client's name)
and consent to touch: none, the limits in the client's words, or not asked
yet (readiness then names it as missing). Nothing is chosen for the therapist.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from kapdesk.core.consent import (ClientConsent, ConsentHow, TouchConsent, consent_problems,
                                  render)
from kapdesk.storage.practice_settings_store import load
from kapdesk.ui.clients.choice_row import Choice, ChoiceRow
from kapdesk.ui.clients.course_dialog import CourseDialog, date_edit, date_of, problem_label
from kapdesk.ui.common.form_controls import line_edit, text_area

if TYPE_CHECKING:
    from kapdesk.services import Services

HOW = (Choice(ConsentHow.PAPER, "P", "Signed on paper", "Signed on paper  [P]"),
       Choice(ConsentHow.TYPED_NAME, "T", "Name typed on screen", "Name typed on screen  [T]"))
NO_TOUCH, LIMITS, NOT_ASKED = "none", "limits", "not asked"
TOUCH = (Choice(NO_TOUCH, "N", "No touch", "No touch  [N]"),
         Choice(LIMITS, "L", "Touch within limits", "Within these limits  [L]"),
         Choice(NOT_ASKED, "A", "Not asked yet", "Not asked yet  [A]"))
CHOOSE_HOW = "Choose how the client gave consent: signed on paper or name typed on screen."
CHOOSE_TOUCH = ("Choose the consent to touch: no touch, touch within limits (written in "
                "words), or not asked yet.")


class ConsentForm(CourseDialog):
    def __init__(self, services: Services, client_id: int,
                 parent: QWidget | None = None) -> None:
        self.client_name = services.clients.get(client_id).display_name
        super().__init__("Consent", f"Consent of {self.client_name}", parent)
        self._services = services
        self._client_id = client_id
        self.document = services.documents.consent_document()
        self._documents = services.documents.consent_documents()  # read once, not per keystroke
        self._therapist = load(services.settings).therapist_name
        self.saved: ClientConsent | None = None
        self._build()
        self._as_opened = self._fields()
        self._show_document()
        self._follow_choices()

    def _build(self) -> None:
        add = self.body_layout.addWidget
        title = f"{self.document.title}, version {self.document.version}"
        add(QLabel(title, accessibleName=title))
        self.document_view = QPlainTextEdit()
        self.document_view.setReadOnly(True)
        self.document_view.setAccessibleName(title)
        self.document_view.setMinimumHeight(220)
        add(self.document_view)
        self.date_edit = date_edit("Date consent was given", self._services.today())
        self.date_edit.dateChanged.connect(lambda _date: (self._show_document(), self.edited()))
        self.date_problem = problem_label("Date consent was given")
        self.how_row = ChoiceRow("How given", "How the client gave consent", HOW)
        self.how_row.answered.connect(self._chosen)
        self.typed_edit = line_edit("Name the client typed",
                                    f"the client types their name: {self.client_name}")
        self.typed_edit.textChanged.connect(lambda _text: self.edited())
        self.typed_problem = problem_label("Name the client typed")
        self.limits_edit = line_edit("Limits of touch", "for example: a hand on the shoulder only")
        self.limits_edit.textChanged.connect(lambda _text: self.edited())
        self.touch_row = ChoiceRow("Consent to touch", "Consent to touch during the session",
                                   TOUCH)
        self.touch_row.answered.connect(self._chosen)
        self.note_edit = text_area("Note on the consent", 80)
        self.note_edit.textChanged.connect(self.edited)
        for text, field, problem in (
                ("Date consent was given", self.date_edit, self.date_problem),
                ("", self.how_row, None),
                ("Name the client typed", self.typed_edit, self.typed_problem),
                ("", self.touch_row, None),
                ("Limits of touch, in the client's words", self.limits_edit, None),
                ("Note (optional)", self.note_edit, None)):
            if text:
                add(QLabel(text, accessibleName=text))
            add(field)
            if problem is not None:
                add(problem)
        self.body_layout.addStretch(1)

    def _show_document(self) -> None:
        self.document_view.setPlainText(render(self.document, self.client_name, self._therapist,
                                               date_of(self.date_edit)))

    def _chosen(self) -> None:
        self._follow_choices()
        self.edited()

    def _follow_choices(self) -> None:
        """The typed name and the limits are asked only when their choice needs them."""
        self.typed_edit.setEnabled(self.how_row.value is ConsentHow.TYPED_NAME)
        self.limits_edit.setEnabled(self.touch_row.value == LIMITS)
        if self.how_row.value is ConsentHow.TYPED_NAME and self.how_row.hasFocus():
            self.typed_edit.setFocus()
        if self.touch_row.value == LIMITS and self.touch_row.hasFocus():
            self.limits_edit.setFocus()

    def focus_first(self) -> None:
        self.how_row.setFocus()

    # --- the draft -----------------------------------------------------------------

    def _fields(self) -> tuple:
        return (date_of(self.date_edit), self.how_row.value, self.typed_edit.text().strip(),
                self.touch_row.value, self.limits_edit.text().strip(),
                self.note_edit.toPlainText().strip())

    def has_changes(self) -> bool:
        return self._fields() != self._as_opened

    def _touch(self) -> TouchConsent | None:
        choice = self.touch_row.value
        if choice in (None, NOT_ASKED):
            return None
        return TouchConsent(choice == LIMITS, self.limits_edit.text().strip()
                            if choice == LIMITS else "")

    def draft(self) -> ClientConsent:
        how = self.how_row.value or ConsentHow.PAPER  # checked apart: problems() says it is missing
        typed = self.typed_edit.text().strip() if how is ConsentHow.TYPED_NAME else ""
        return ClientConsent(self._client_id, self.document.version, date_of(self.date_edit),
                             how, self._touch(), typed, self.note_edit.toPlainText().strip())

    def problems(self) -> list[str]:
        problems = []
        if self.how_row.value is None:
            problems.append(CHOOSE_HOW)
        if self.touch_row.value is None:
            problems.append(CHOOSE_TOUCH)
        return problems + consent_problems(self.draft(), self.client_name,
                                           self._services.today(),
                                           self._documents)

    def routes(self) -> Sequence[tuple[QLabel, Sequence[str]]]:
        return ((self.date_problem, ("consent date",)),
                (self.how_row.problem, ("how the client gave",)),
                (self.typed_problem, ("typed",)),
                (self.touch_row.problem, ("touch",)))

    def show_problems(self, problems: Sequence[str]) -> None:
        super().show_problems(problems)
        self.how_row.mark()
        self.touch_row.mark()

    def store(self) -> None:
        self.saved = self._services.consents.add(self.draft(), self._services.today())
