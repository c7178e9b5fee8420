"""Adding or editing a client: a short form with inline, plain-language problems.

Nothing typed is lost by a slip: Esc, Cancel or the close box with something
typed asks first, inside the form ("Discard this new client?" / "Discard
your changes?"), with "Keep editing" as the default. A problem shown under
the form goes as soon as the field is put right.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QFormLayout, QFrame, QHBoxLayout, QLineEdit,
                               QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from kapdesk.core.clients import ClientDraft, client_problems
from kapdesk.ui.clients.course_dialog import DiscardBar, leave_or_ask
from kapdesk.ui.common.widgets import show_text
from kapdesk.ui.common.widgets import NamedComboBox, wrapped_label

PRONOUN_CHOICES = ("", "she/her", "he/him", "they/them")
DISCARD_NEW = "Discard this new client?"
DISCARD_CHANGES = "Discard your changes?"


def _text_area(name: str, height: int = 70) -> QPlainTextEdit:
    area = QPlainTextEdit()
    area.setAccessibleName(name)
    area.setTabChangesFocus(True)
    area.setFixedHeight(height)
    return area


class ClientDialog(QDialog):
    def __init__(self, today: Callable[[], dt.date], draft: ClientDraft | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.draft: ClientDraft | None = None
        self.setWindowTitle("KAPDesk — " + ("Edit client" if draft else "Add client"))
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName("Name or initials")
        self.birth_edit = QLineEdit()
        self.birth_edit.setAccessibleName("Date of birth")
        self.birth_edit.setPlaceholderText("optional: year-month-day")
        self.pronouns_box = NamedComboBox()
        self.pronouns_box.setEditable(True)
        self.pronouns_box.addItems(PRONOUN_CHOICES)
        self.pronouns_box.setAccessibleName("Pronouns")
        # The editable combo's text field is what a screen reader lands on.
        self.pronouns_box.lineEdit().setAccessibleName("Pronouns")
        self.notes_edit = _text_area("Notes")
        self.intention_edit = _text_area("Intention")
        self.likes_edit = _text_area("Music the client likes", 50)
        self.dislikes_edit = _text_area("Music the client dislikes", 50)
        self.error_label = wrapped_label("", "error", "Problems")
        self.save_button = QPushButton("Save")
        self.save_button.setProperty("primary", True)
        self.save_button.setDefault(True)
        self.save_button.setAccessibleName("Save client")
        self.save_button.clicked.connect(self._save)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel")
        self.cancel_button.clicked.connect(self.reject)
        self.discard_bar = DiscardBar(DISCARD_CHANGES if draft else DISCARD_NEW, self)
        self.discard_bar.discard_button.clicked.connect(self._discard)
        self.discard_bar.keep_button.clicked.connect(self._keep_editing)
        self._lay_out()
        if draft:
            self._fill(draft)
        self._as_opened = self.current_draft()
        for field in (self.name_edit, self.birth_edit, self.pronouns_box.lineEdit()):
            field.textChanged.connect(self._recheck)
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow("Name or initials", self.name_edit)
        form.addRow("Date of birth", self.birth_edit)
        form.addRow("Pronouns", self.pronouns_box)
        form.addRow("Intention", self.intention_edit)
        form.addRow("Notes", self.notes_edit)
        form.addRow("Music liked", self.likes_edit)
        form.addRow("Music disliked", self.dislikes_edit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.discard_bar)
        layout.addLayout(buttons)
        self.resize(560, 0)

    def _fill(self, draft: ClientDraft) -> None:
        self.name_edit.setText(draft.display_name)
        self.birth_edit.setText(draft.date_of_birth or "")
        self.pronouns_box.setCurrentText(draft.pronouns)
        self.notes_edit.setPlainText(draft.notes)
        self.intention_edit.setPlainText(draft.intention)
        self.likes_edit.setPlainText(draft.music_likes)
        self.dislikes_edit.setPlainText(draft.music_dislikes)

    def current_draft(self) -> ClientDraft:
        return ClientDraft(
            display_name=self.name_edit.text(),
            date_of_birth=self.birth_edit.text(),
            pronouns=self.pronouns_box.currentText(),
            notes=self.notes_edit.toPlainText(),
            intention=self.intention_edit.toPlainText(),
            music_likes=self.likes_edit.toPlainText(),
            music_dislikes=self.dislikes_edit.toPlainText(),
        ).cleaned()

    def has_changes(self) -> bool:
        return self.current_draft() != self._as_opened

    def _save(self) -> None:
        draft = self.current_draft()
        problems = client_problems(draft, self._today())
        if problems:
            self._show_problems(problems)
            return
        self.draft = draft
        self.accept()

    def _show_problems(self, problems: list[str]) -> None:
        show_text(self.error_label, "\n".join(problems), "Problems")

    def _recheck(self) -> None:
        """A shown problem goes as soon as it is put right (and none appears while typing)."""
        if self.error_label.text():
            self._show_problems(client_problems(self.current_draft(), self._today()))

    # --- leaving without saving -------------------------------------------------

    def reject(self) -> None:  # noqa: D102 - Esc, Cancel and the close box all come here
        leave_or_ask(self.discard_bar, self.has_changes(), self._keep_editing, super().reject)

    def _keep_editing(self) -> None:
        self.discard_bar.hide()
        self.save_button.setDefault(True)
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _discard(self) -> None:
        self.discard_bar.hide()
        super().reject()

