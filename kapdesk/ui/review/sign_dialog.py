"""The signing dialog: who signs, and the practice passphrase that shows it is them.

A signed record cannot be changed, so signing asks for two things: the
signer's name (filled in from the practice settings, editable) and the
practice passphrase, checked against the practice's stored check value by
the `check` it is given. A wrong passphrase is said plainly and the dialog
stays open with the passphrase selected; nothing is signed until both are
right. Adding an addendum, which also puts a name on the record, asks the same.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QVBoxLayout, QWidget)

from kapdesk.ui.common.widgets import accept_or_cancel, wrapped_label

WRONG_PASSPHRASE = ("That is not the practice passphrase. Type the one you unlock KAPDesk "
                    "with, then press Enter.")
NO_NAME = "Type the name the record is signed with."
NO_PASSPHRASE = "Type the practice passphrase to confirm that it is you who signs."


class SignDialog(QDialog):
    """Asks for the signer's name and the practice passphrase; `signer` once accepted."""

    def __init__(self, parent: QWidget | None, title: str, action: str, explanation: str,
                 name: str, check: Callable[[str], bool]) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setModal(True)
        self._check = check
        self.signer: str | None = None
        self.name_edit = QLineEdit(name)
        self.name_edit.setAccessibleName("Signed by")
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setAccessibleName("Practice passphrase")
        self.message = wrapped_label("", "error", "Signing message")
        self.message.hide()
        buttons, self.sign_button = accept_or_cancel(action, self._try, self.reject)
        for edit in (self.name_edit, self.passphrase_edit):
            edit.textEdited.connect(self._clear_message)
        self._lay_out(explanation, buttons)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        # The name is usually right already: the cursor waits in the passphrase.
        first = self.passphrase_edit if self.name_edit.text().strip() else self.name_edit
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _lay_out(self, explanation: str, buttons: QDialogButtonBox) -> None:
        form = QFormLayout()
        form.addRow(_buddy("Signed &by", self.name_edit), self.name_edit)
        form.addRow(_buddy("Practice &passphrase", self.passphrase_edit), self.passphrase_edit)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(wrapped_label(explanation, "", explanation))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def _try(self) -> None:
        name = " ".join(self.name_edit.text().split())
        if not name:
            self._say(NO_NAME, self.name_edit)
            return
        if not self.passphrase_edit.text():
            self._say(NO_PASSPHRASE, self.passphrase_edit)
            return
        if not self._check(self.passphrase_edit.text()):
            self._say(WRONG_PASSPHRASE, self.passphrase_edit)
            self.passphrase_edit.selectAll()
            return
        self.signer = name
        self.accept()

    def _say(self, text: str, field: QLineEdit) -> None:
        self.message.setText(text)
        self.message.setAccessibleName(f"Signing message: {text}")
        self.message.show()
        self.adjustSize()  # room for the message without squeezing the fields
        field.setFocus()

    def _clear_message(self) -> None:
        self.message.hide()
        self.message.setText("")


def _buddy(text: str, field: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(field)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return label


def ask_signer(parent: QWidget, title: str, action: str, explanation: str, name: str,
               check: Callable[[str], bool]) -> str | None:
    """The signer's name once the passphrase is confirmed; None when cancelled."""
    dialog = SignDialog(parent, title, action, explanation, name, check)
    dialog.exec()
    return dialog.signer
