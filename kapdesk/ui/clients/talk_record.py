"""Signing a talk session's record, and dated addenda after it, from the client's page.

Like a dosing session's record (ui/review/record.py): signing asks the
signer's name (from Settings) and the practice passphrase (the review's
signing dialog); from then on the record is not corrected but added to, each
addendum dated and signed the same way. The store refuses in words what may
not be done (signing twice, an addendum to an unsigned record); the words are
shown, never an exception.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QLabel, QWidget

from kapdesk.storage.course_errors import CourseRecordRefused
from kapdesk.storage.practice_settings_store import load
from kapdesk.ui.clients.course_dialog import CourseDialog, problem_label
from kapdesk.ui.common.form_controls import text_area
from kapdesk.ui.review.sign_dialog import ask_signer

if TYPE_CHECKING:
    from kapdesk.core.talk_sessions import TalkSession
    from kapdesk.services import Services

AskSigner = Callable[[QWidget, str, str, str, str, Callable[[str], bool]], "str | None"]
DialogRunner = Callable[[QDialog], int]


class AddendumForm(CourseDialog):
    """The addendum's words; stored once the signer is confirmed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Addendum", "An addendum to the signed record", parent)
        self.text_edit = text_area("Addendum", 140)
        self.text_edit.textChanged.connect(self.edited)
        self.text_problem = problem_label("Addendum")
        self.body_layout.addWidget(self.text_edit)
        self.body_layout.addWidget(self.text_problem)
        self.body_layout.addStretch(1)
        self.resize(700, 360)
        self.text = ""

    def focus_first(self) -> None:
        self.text_edit.setFocus()

    def has_changes(self) -> bool:
        return bool(self.text_edit.toPlainText().strip())

    def problems(self) -> list[str]:
        return [] if self.has_changes() else ["Write the addendum first."]

    def routes(self) -> Sequence[tuple[QLabel, Sequence[str]]]:
        return ((self.text_problem, ("write the addendum",)),)

    def store(self) -> None:
        self.text = self.text_edit.toPlainText().strip()


class TalkRecordActions:
    """Sign and add to the talk session shown on the course card."""

    def __init__(self, services: Services, parent: QWidget, run_dialog: DialogRunner,
                 signer: AskSigner = ask_signer) -> None:
        self._services, self._parent = services, parent
        self._run_dialog, self._signer = run_dialog, signer

    def status(self, talk: TalkSession) -> str:
        """"Signed by Dr A on 2026-12-07; 1 addendum." or "Not signed yet.\""""
        signature = self._services.talks.signature(talk.id or 0)
        if signature is None:
            return "Not signed yet: once signed it is not corrected, only added to."
        import datetime as dt

        when = dt.datetime.fromtimestamp(signature.signed_at).strftime("%Y-%m-%d %H:%M")
        addenda = self._services.talks.addenda(talk.id or 0)
        lines = [f"Signed by {signature.signed_by}, {when}."]
        lines += [f"Addendum by {a.written_by}, "
                  f"{dt.datetime.fromtimestamp(a.written_at):%Y-%m-%d %H:%M}: {a.text}"
                  for a in addenda]
        return "\n".join(lines)

    def sign(self, talk: TalkSession) -> str:
        """Sign it; returns what to say (the refusal's words, or "")."""
        name = self._ask("Sign the session record", "Sign",
                         "A signed record is not corrected any more; you can still add dated "
                         "addenda. Confirm with the practice passphrase that it is you who signs.")
        if name is None:
            return ""
        try:
            self._services.talks.sign(talk.id or 0, name)
        except CourseRecordRefused as refused:
            return str(refused)
        return ""

    def add_addendum(self, talk: TalkSession) -> str:
        form = AddendumForm(self._parent)
        form.focus_first()
        if not self._run_dialog(form) or not form.text:
            return ""
        name = self._ask("Add the addendum", "Add the addendum",
                         "The addendum is added with your name and today's date. Confirm with "
                         "the practice passphrase.")
        if name is None:
            return ""
        try:
            self._services.talks.add_addendum(talk.id or 0, form.text, name)
        except CourseRecordRefused as refused:
            return str(refused)
        return ""

    def _ask(self, title: str, action: str, explanation: str) -> str | None:
        known = load(self._services.settings).therapist_name.strip()
        return self._signer(self._parent, title, action, explanation, known,
                            self._services.records.passphrase_confirms)
