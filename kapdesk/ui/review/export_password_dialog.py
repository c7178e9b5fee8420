"""The password an export is protected with: typed twice, out of sight, checked before anything is written.

Asked after the file was chosen, when "Protect with a password" is ticked.
Both fields show dots; "Show the password" (Alt+S) shows the letters in both,
for a therapist alone in the office who would rather check than retype. The
rule is core's (core/export_password.py): at least eight characters, the same
twice; what is wrong is said in words beside the field to fix, which gets the
cursor. Enter protects and saves once both agree; Escape or Cancel closes the
dialog and nothing is written.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QVBoxLayout, QWidget)

from kapdesk.core.export_password import MIN_LENGTH, NOT_KEPT, password_problem
from kapdesk.ui.common.widgets import accept_or_cancel, show_text, wrapped_label
from kapdesk.ui.common.form_controls import hidden_field

SAVE = "Protect and save"


class ExportPasswordDialog(QDialog):
    """Asks for the password twice; `password` once both agree and the rule holds."""

    def __init__(self, parent: QWidget | None, what: str) -> None:
        super().__init__(parent)
        title = f"Protect the {what} with a password"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setModal(True)
        self.password: str | None = None
        self.password_edit = hidden_field("Password", min_width=280)
        self.repeat_edit = hidden_field("Password again", min_width=280)
        self.password_problem = wrapped_label("", "error", "Password problem")
        self.repeat_problem = wrapped_label("", "error", "Password again problem")
        self.show_box = QCheckBox("&Show the password")
        self.show_box.setAccessibleName("Show the password")
        self.show_box.toggled.connect(self._show_letters)
        buttons, self.save_button = accept_or_cancel(SAVE, self._try, self.reject,
                                                     "Cancel: export nothing")
        self.password_edit.textEdited.connect(lambda _t: self._clear(self.password_problem))
        self.repeat_edit.textEdited.connect(lambda _t: self._clear(self.repeat_problem))
        self._lay_out(what, buttons)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _lay_out(self, what: str, buttons: QDialogButtonBox) -> None:
        explanation = (f"Whoever opens the {what} will need this password: at least "
                       f"{MIN_LENGTH} characters. {NOT_KEPT}")
        form = QFormLayout()
        form.setVerticalSpacing(6)
        form.addRow(_buddy("&Password", self.password_edit), self.password_edit)
        form.addRow("", self.password_problem)
        form.addRow(_buddy("Type it &again", self.repeat_edit), self.repeat_edit)
        form.addRow("", self.repeat_problem)
        form.addRow("", self.show_box)
        for problem in (self.password_problem, self.repeat_problem):
            problem.hide()
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(wrapped_label(explanation, "", "About the password"))
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def _try(self) -> None:
        typed, repeat = self.password_edit.text(), self.repeat_edit.text()
        problem = password_problem(typed, repeat)
        if problem is None:
            self.password = typed
            self.accept()
            return
        field, shown = ((self.password_edit, self.password_problem) if problem.field == "password"
                        else (self.repeat_edit, self.repeat_problem))
        show_text(shown, problem.words, f"{field.accessibleName()} problem")
        shown.show()
        self.adjustSize()  # room for the words without squeezing the fields
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        field.selectAll()

    def _clear(self, problem: QLabel) -> None:
        problem.hide()
        show_text(problem, "", problem.accessibleName().split(":", 1)[0])

    def _show_letters(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        for edit in (self.password_edit, self.repeat_edit):
            edit.setEchoMode(mode)



def _buddy(text: str, field: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(field)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return label


def ask_export_password(parent: QWidget, what: str) -> str | None:
    """The password the export is to be protected with; None when cancelled (nothing is written)."""
    dialog = ExportPasswordDialog(parent, what)
    dialog.exec()
    return dialog.password
