"""Settings → Change passphrase: the current passphrase, the new one twice, done in the background.

The new passphrase meets the same rules as when the practice was created
(storage/errors.check_new_passphrase: long enough, typed the same twice),
said inline like the create dialog's. The change itself
(storage/passphrase_change.py: a checked backup first, then the whole
practice written under the new key and swapped in at one stroke) runs on the
app's task runner: the screen keeps answering, the dialog says what it is
doing and cannot be closed half-way. It is refused while a session is on
screen. The dialog says in plain words that backups made before the change
keep opening with the old passphrase.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kapdesk.core.tasks import Progress
from kapdesk.storage.errors import (MIN_PASSPHRASE_LENGTH, PracticeError, WeakPassphrase, WrongPassphrase,
                                    check_new_passphrase, describe_storage_error)
from kapdesk.ui.common.form_controls import editor_style, hidden_field, hint_label, name_by_role, set_hint
from kapdesk.ui.common.widgets import wrapped_label

if TYPE_CHECKING:
    from kapdesk.services import Services
    from kapdesk.ui.common.tasks import TaskRunner

TITLE = "Change the practice passphrase"
INTRO = (f"Type the passphrase you use now, then the new one twice (at least {MIN_PASSPHRASE_LENGTH} "
         "characters). KAPDesk makes a checked backup first, then puts the whole practice under "
         "the new passphrase. It takes a few seconds.")
OLD_BACKUPS = ("Backups made before this change keep opening with the old passphrase only. "
               "Keep the old passphrase written down for as long as you keep those backups.")
LOST = "KAPDesk cannot recover a lost passphrase. Write the new one down and keep it somewhere safe."
WORKING = "Changing the passphrase: a backup first, then the practice. Please wait…"
DONE = "The passphrase is changed. From now on the practice opens with the new one."
NOT_CURRENT = "That is not the passphrase the practice opens with now. Check it and try again."
IN_SESSION = "A session is running. Change the passphrase between sessions."


@dataclass(frozen=True)
class _Outcome:
    changed: bool
    words: str


class ChangePassphraseDialog(QDialog):
    """The three fields and the change; `change(current, new)` does it (on a worker thread)."""

    def __init__(self, change: Callable[[str, str], None], tasks: TaskRunner,
                 session_running: Callable[[], bool] = lambda: False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"KAPDesk — {TITLE}")
        self.setAccessibleName(TITLE)
        self.setStyleSheet(editor_style())
        self._change, self._tasks, self._session_running = change, tasks, session_running
        self._working = False
        self.changed = False
        self.current_edit = hidden_field("Current passphrase", "Current passphrase")
        self.new_edit = hidden_field("New passphrase", "New passphrase")
        self.repeat_edit = hidden_field("Repeat the new passphrase", "Repeat the new passphrase")
        self.message = name_by_role(wrapped_label("", "error"), "Problem")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel")
        self.cancel_button.clicked.connect(self.reject)
        self.change_button = QPushButton("Change passphrase")
        self.change_button.setAccessibleName("Change passphrase")
        self.change_button.setProperty("primary", True)
        self.change_button.setDefault(True)
        self.change_button.clicked.connect(self._confirm)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(10)
        heading = wrapped_label(TITLE, "title")
        layout.addWidget(heading)
        layout.addWidget(wrapped_label(INTRO, "subtitle"))
        for edit in (self.current_edit, self.new_edit, self.repeat_edit):
            layout.addWidget(edit)
        layout.addWidget(hint_label(OLD_BACKUPS))
        layout.addWidget(hint_label(LOST))
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.change_button)
        layout.addLayout(buttons)
        self.resize(560, self.sizeHint().height())
        self.current_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def say(self, text: str, level: str = "error") -> None:
        """A problem in the style sheet's error colour; progress and the outcome in plain text."""
        self.message.setObjectName("error" if level == "error" else "subtitle")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        set_hint(self.message, text)

    def _confirm(self) -> None:
        if self._working:
            return
        if self.changed:
            self.accept()
            return
        if self._session_running():
            self.say(IN_SESSION)
            return
        current, new = self.current_edit.text(), self.new_edit.text()
        if not current:
            self.say(NOT_CURRENT)
            self.current_edit.setFocus()
            return
        try:
            check_new_passphrase(new, self.repeat_edit.text())
        except WeakPassphrase as problem:
            self.say(str(problem))
            self.new_edit.setFocus()
            return
        self._set_working(True)
        self.say(WORKING, "hint")
        change = self._change

        def work(_progress: Progress) -> _Outcome:  # on a worker thread: a backup, an export, checks
            try:
                change(current, new)
            except WrongPassphrase:
                return _Outcome(False, NOT_CURRENT)
            except PracticeError as error:
                return _Outcome(False, str(error))
            except OSError as error:
                return _Outcome(False, describe_storage_error(error))
            return _Outcome(True, DONE)

        self._tasks.run(work, on_done=self._done, on_failed=self._failed, owner=self, name="passphrase change")

    def _done(self, outcome: _Outcome) -> None:
        self._set_working(False)
        if outcome.changed:
            self.changed = True
            for edit in (self.current_edit, self.new_edit, self.repeat_edit):
                edit.clear()
                edit.setEnabled(False)
            self.say(outcome.words, "ok")  # the old backups' passphrase is said just above
            self.change_button.setText("Close")
            self.change_button.setAccessibleName("Close")
            self.cancel_button.hide()
            self.change_button.setFocus()
            return
        self.say(outcome.words)
        field = self.current_edit if outcome.words == NOT_CURRENT else self.new_edit
        field.selectAll()
        field.setFocus()

    def _failed(self, _message: str) -> None:
        self._set_working(False)
        self.say("The passphrase could not be changed just now; the practice is as it was. Try again.")

    def _set_working(self, working: bool) -> None:
        self._working = working
        for widget in (self.current_edit, self.new_edit, self.repeat_edit, self.change_button,
                       self.cancel_button):
            widget.setEnabled(not working)

    def reject(self) -> None:
        if not self._working:  # half-way through, it is not the dialog's to stop
            super().reject()



def open_change_passphrase(services: Services, tasks: TaskRunner, session_running: Callable[[], bool],
                           parent: QWidget | None) -> bool:
    """Show the dialog over `parent`; True if the passphrase was changed."""
    from kapdesk.storage.passphrase_change import change_open_practice

    def change(current: str, new: str) -> None:
        from kapdesk.core.audit import AuditKind

        change_open_practice(services.practice, current, new, services.clock)
        services.audit.record(AuditKind.PASSPHRASE_CHANGED, detail="in the app")

    dialog = ChangePassphraseDialog(change, tasks, session_running, parent)
    dialog.exec()
    return dialog.changed
