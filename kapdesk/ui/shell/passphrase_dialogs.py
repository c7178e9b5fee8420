"""First-run passphrase creation and the unlock prompt.

Errors are shown inline, in words, and the user simply tries again: no extra
message boxes, nothing written to the practice until a passphrase works.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QLabel, QPushButton,
                               QVBoxLayout, QWidget)

from kapdesk.storage.errors import MIN_PASSPHRASE_LENGTH, PracticeError, WeakPassphrase, WrongPassphrase, check_new_passphrase
from kapdesk.storage.practice import Practice
from kapdesk.ui.common.form_controls import hidden_field

LOST_PASSPHRASE_WARNING = (
    "KAPDesk cannot recover a lost passphrase. Without it nobody can open these "
    "records, not even you. Write it down and keep it somewhere safe."
)



def _label(text: str, object_name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if object_name:
        label.setObjectName(object_name)
    return label


class _PassphraseDialog(QDialog):
    """Shared frame: a heading, fields, an inline error line, and two buttons."""

    def __init__(self, title: str, intro: str, confirm_text: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"KAPDesk — {title}")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(28, 24, 28, 24)
        self._layout.setSpacing(12)
        heading = _label(title, "title")
        self._layout.addWidget(heading)
        self._layout.addWidget(_label(intro, "subtitle"))
        self.error_label = _label("", "error")
        self.error_label.setAccessibleName("Problem")
        self.confirm_button = QPushButton(confirm_text)
        self.confirm_button.setProperty("primary", True)
        self.confirm_button.setDefault(True)
        self.confirm_button.setAccessibleName(confirm_text)
        self.quit_button = QPushButton("Quit")
        self.quit_button.setAccessibleName("Quit KAPDesk")
        self.quit_button.clicked.connect(self.reject)
        self.confirm_button.clicked.connect(self._confirm)

    def _finish_layout(self) -> None:
        self._layout.addWidget(self.error_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.confirm_button)
        self._layout.addLayout(buttons)

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setAccessibleName(f"Problem: {message}" if message else "Problem")
        # A wrapped label does not make a shown dialog taller by itself: the
        # last line of a two-line message was cut off. Ask for its full height.
        width = self.error_label.width() or self.passphrase_edit.width()
        self.error_label.setMinimumHeight(self.error_label.heightForWidth(width) if message else 0)
        self._layout.activate()
        wanted = self._layout.totalHeightForWidth(self.width()) if self._layout.hasHeightForWidth() else -1
        wanted = max(wanted, self.minimumSizeHint().height())
        if self.height() < wanted:
            self.resize(self.width(), wanted)

    def _confirm(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class CreatePracticeDialog(_PassphraseDialog):
    """Asks for a new passphrase twice and warns that it cannot be recovered."""

    def __init__(self, create: Callable[[str], Practice], parent: QWidget | None = None) -> None:
        super().__init__(
            "Create your practice",
            "Your client records are kept on this laptop, encrypted with a passphrase "
            f"of at least {MIN_PASSPHRASE_LENGTH} characters. You will type it each "
            "time you open KAPDesk.",
            "Create practice",
            parent,
        )
        self._create = create
        self.practice: Practice | None = None
        self.passphrase_edit = hidden_field("New passphrase", "New passphrase")
        self.repeat_edit = hidden_field("Repeat the passphrase", "Type it again")
        self._layout.addWidget(self.passphrase_edit)
        self._layout.addWidget(self.repeat_edit)
        self._layout.addWidget(_label(LOST_PASSPHRASE_WARNING, "warning"))
        self._finish_layout()

    def _confirm(self) -> None:
        try:
            check_new_passphrase(self.passphrase_edit.text(), self.repeat_edit.text())
            self.practice = self._create(self.passphrase_edit.text())
        except (WeakPassphrase, PracticeError) as problem:
            self.show_error(str(problem))
            return
        self.accept()


class UnlockDialog(_PassphraseDialog):
    """Asks for the passphrase until it opens the practice or the user quits."""

    def __init__(self, open_with: Callable[[str], Practice], parent: QWidget | None = None) -> None:
        super().__init__(
            "Unlock your practice",
            "Type your practice passphrase to open your client records.",
            "Unlock",
            parent,
        )
        self._open_with = open_with
        self.practice: Practice | None = None
        self.fatal_error: PracticeError | None = None
        # Enter reaches the default "Unlock" button; a returnPressed connection
        # as well would try every passphrase twice.
        self.passphrase_edit = hidden_field("Practice passphrase", "Passphrase")
        self._layout.addWidget(self.passphrase_edit)
        self._finish_layout()
        self.passphrase_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _confirm(self) -> None:
        try:
            self.practice = self._open_with(self.passphrase_edit.text())
        except WrongPassphrase as problem:
            self.show_error(str(problem))
            self.passphrase_edit.selectAll()
            return
        except PracticeError as problem:
            # Damage or a newer schema: retrying cannot help; the app says so and stops.
            self.fatal_error = problem
            self.reject()
            return
        self.accept()
