"""Settings -> Backups: the practice's backups listed in words, and "Back up now".

Opened from the settings dialog. The list is read through the practice's
BackupKeeper (services.backups), on the app's task runner: the backups
folder is listed from the notes beside each backup (nothing is decrypted),
and the second folder may be a slow network share. "Back up now" runs the
same checked backup as the automatic ones, on the runner, with its progress
shown; its outcome is said in calm words and the list is read again, so the
new row appears at the top. A backup that failed its check is shown as
failed and kept aside; never a traceback.

"Restore this backup" (when the app offers it: never in the demo) puts the
chosen checked backup in the practice's place after a calm question naming
its date and what happens: the current file is moved aside, never deleted,
and KAPDesk restarts on the restored practice (ui/shell/restore_restart.py).
During a session it is refused in words. Without it, one line says how to
restore from the command line.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QMessageBox, QProgressBar, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from kapdesk.core.formatting import local_datetime
from kapdesk.core.tasks import TaskCancelled
from kapdesk.core.whole_check import WholeCheck
from kapdesk.storage.backup_files import BEFORE_UPGRADE, BY_HAND, CHECKED, FAILED, BackupInfo
from kapdesk.storage.errors import describe_storage_error
from kapdesk.ui.common.form_controls import (table_list, Confirm, editor_style, hint_label, live_hint,
                                             name_by_role, section_heading, set_hint)
from kapdesk.ui.common.widgets import key_button, wrapped_label

if TYPE_CHECKING:
    from kapdesk.core.tasks import Progress
    from kapdesk.storage.backup_keeper import BackupKeeper
    from kapdesk.storage.backups import BackupReport
    from kapdesk.ui.common.tasks import TaskRunner

BACK_UP_KEY = "Ctrl+B"
RESTORE_KEY = "Ctrl+R"
RESTORE_IN_APP_HINT = ("“Restore this backup” puts the chosen checked backup in the practice's "
                       "place: the practice as it is now is moved aside, never deleted, and "
                       "KAPDesk restarts on the restored one.")
CHOOSE_CHECKED = "Choose a checked backup to restore; a failed or unchecked one cannot be."


def whole_check_words(result: WholeCheck | None, tz: dt.tzinfo | None = None) -> str:
    """When the practice file was last read through whole, and what was found, in one line."""
    if result is None:
        return ("The practice file has not been read through whole yet: that happens in the "
                "background a little after start-up, and with every backup.")
    when = when_words(result.checked_at, tz)
    if result.whole:
        return f"The practice file was last read through whole on {when}: it was sound."
    return (f"The practice file was read through on {when} and part of it is damaged "
            f"({result.problem.rstrip('.')}). Restore a checked backup from the list.")
THIS_LAPTOP = "this laptop"
SECOND_FOLDER = "the second folder"
RESTORE_HINT = ("To restore a backup, close KAPDesk and run "
                "“python -m kapdesk restore <file>”: the practice as it is now is kept aside, "
                "never deleted.")
INTRO = ("Each backup is encrypted with the practice's own passphrase and counts only after "
         "it was opened again and checked. Newest first.")
NONE_YET = "No backups yet. “Back up now” makes the first one."
READING = "Reading the list of backups…"
WORKING = "Making a backup and checking it…"


def when_words(made_at: float, tz: dt.tzinfo | None = None) -> str:
    """"Mon 7 Dec 2026, 14:05" in the machine's zone (or `tz`)."""
    moment = local_datetime(made_at, tz)
    return f"{moment:%a} {moment.day} {moment:%b %Y, %H:%M}"


def size_words(size: int) -> str:
    """"152 MB", "840 KB": what a person reads off a file manager."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.0f} MB" if size >= 10_000_000 else f"{size / 1_000_000:.1f} MB"
    return f"{max(1, round(size / 1000))} KB"


def status_words(info: BackupInfo) -> str:
    if info.status == CHECKED:
        return "checked"
    if info.status == FAILED:
        return "failed — kept aside"
    return "not checked"


COLUMNS = ("When", "Size", "Sessions", "Checked", "Where")
FAILED_COLOUR = "#9a3b2f"  # the editors' colour for a problem (form_controls.py)


_KIND_WORDS = {BY_HAND: " (made by hand)", BEFORE_UPGRADE: " (before an upgrade)"}


def backup_cells(info: BackupInfo, where: str, tz: dt.tzinfo | None = None) -> list[str]:
    """One backup as the list's columns: when, size, sessions, checked or failed, where."""
    sessions = ("unknown" if info.counts is None else
                f"{info.counts.sessions} session{'' if info.counts.sessions == 1 else 's'}")
    when = when_words(info.made_at, tz) + _KIND_WORDS.get(info.kind, "")
    return [when, size_words(info.size), sessions, status_words(info), f"on {where}"]


def backup_row(info: BackupInfo, where: str, tz: dt.tzinfo | None = None) -> str:
    """One backup in one line, as a screen reader says the row."""
    return " · ".join(backup_cells(info, where, tz))


def outcome_words(report: BackupReport, tz: dt.tzinfo | None = None) -> str:
    """What "Back up now" did, calmly, with any note (the second folder not there)."""
    backup = report.backup
    if backup.checked:
        said = f"A backup was made at {when_words(backup.made_at, tz)[-5:]} and checked."
    else:
        said = (f"The backup did not pass its check and was kept aside as {backup.path.name}. "
                f"{backup.problem} Your practice itself is unchanged; try again, or run "
                "“python -m kapdesk backup” to see more.").replace("  ", " ")
    return " ".join([said, *report.notes])


class AutomaticBackups(Protocol):
    """What the page needs of the app's automatic backups (ui/shell/auto_backups.py)."""

    backed_up: SignalInstance  # BackupReport
    last_report: BackupReport | None


class Restorer(Protocol):
    """What the page needs of the app to restore (ui/shell/restore_restart.AppRestore)."""

    def refusal(self) -> str | None: ...
    def request(self, backup: Path) -> None: ...


def restore_question(info: BackupInfo, tz: dt.tzinfo | None = None) -> str:
    """The calm question before a restore: which backup, and what will happen."""
    sessions = "" if info.counts is None else (
        f" It holds {info.counts.sessions} session{'' if info.counts.sessions == 1 else 's'}.")
    return (f"Restore the backup from {when_words(info.made_at, tz)}?{sessions}\n\n"
            "The practice as it is now is moved aside in its folder, never deleted; anything "
            "recorded after that backup stays only in that file. KAPDesk then closes and starts "
            "again on the restored practice (the passphrase is the practice's own).")


RESTORE_ANSWER = "Restore and restart"
KEEP_ANSWER = "Keep the practice as it is"


def confirm_restore(parent: QWidget, question: str) -> bool:
    """The calm question; its default answer (Enter, Esc) keeps the practice as it is."""
    box = QMessageBox(QMessageBox.Icon.Question, "KAPDesk — Restore a backup", question,
                      QMessageBox.StandardButton.NoButton, parent)
    restore = box.addButton(RESTORE_ANSWER, QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton(KEEP_ANSWER, QMessageBox.ButtonRole.RejectRole)
    restore.setAccessibleName(RESTORE_ANSWER)
    keep.setAccessibleName(KEEP_ANSWER)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is restore


class NotMade(Exception):
    """A backup by hand that could not be made, in the app's words."""


class BackupsDialog(QDialog):
    """The backups of the open practice and "Back up now"; Esc or Close closes it."""

    def __init__(self, keeper: BackupKeeper, tasks: TaskRunner, parent: QWidget | None = None,
                 tz: dt.tzinfo | None = None, automatic: AutomaticBackups | None = None,
                 restore: Restorer | None = None, confirm: Confirm | None = None) -> None:
        super().__init__(parent)
        self._keeper, self._tasks, self._tz = keeper, tasks, tz
        self._restore, self._confirm = restore, confirm
        self._infos: list[BackupInfo] = []  # the rows' backups, in the list's order
        self._backing_up = False
        self._last_said = ""
        self._automatic = automatic
        self.setWindowTitle("KAPDesk — Backups")
        self.setAccessibleName("Backups")
        self.setStyleSheet(editor_style())
        self.list = table_list("Backups, newest first", COLUMNS)
        self.status_label = name_by_role(wrapped_label(READING), "Backup status")
        self.whole_label = live_hint("Whole-file check")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Backup progress")
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.back_up_button = key_button("Back up now", BACK_UP_KEY, self.back_up_now, self,
                                         primary=True, name="backUpNow")
        self.close_button = key_button("Close", None, self.accept, self, name="closeBackups")
        self.restore_button = key_button("Restore this backup", RESTORE_KEY, self.restore_selected,
                                         self, name="restoreBackup")
        self.restore_button.setVisible(restore is not None)
        self.restore_button.setEnabled(False)  # until a checked backup is chosen
        self.list.currentItemChanged.connect(lambda *_items: self._offer_restore())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(8)
        layout.addWidget(section_heading("Backups"))
        layout.addWidget(hint_label(INTRO))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.whole_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.progress)
        layout.addWidget(hint_label(RESTORE_IN_APP_HINT) if restore is not None else
                         hint_label(RESTORE_HINT, "How to restore a backup"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_up_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.resize(860, 560)
        if automatic is not None:
            # An automatic backup made while the page is open shows as a new row; the last
            # one's notes (a second folder not there) are said on opening.
            automatic.backed_up.connect(self._made_automatically)
            if automatic.last_report is not None and automatic.last_report.notes:
                self._last_said = "The last automatic backup: " + " ".join(automatic.last_report.notes)
        self._say(READING)
        self.refresh()

    def done(self, result: int) -> None:  # noqa: D102 - Qt API: Close, Esc, the close box
        # A closed page no longer follows the automatic backups. A backup by hand still
        # running goes on (the page lives on with the settings) and is listed next time.
        if self._automatic is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                self._automatic.backed_up.disconnect(self._made_automatically)
            self._automatic = None
        super().done(result)

    # -- the list -------------------------------------------------------
    def refresh(self) -> None:
        """Read the list again on the task runner; the rows follow when it is read."""
        self._tasks.run(self._read, on_done=self._show, on_failed=self._not_read, owner=self,
                        name="backup list")
        self._tasks.run(lambda _progress: self._keeper.last_whole_check(),
                        on_done=lambda result: set_hint(self.whole_label,
                                                        whole_check_words(result, self._tz)),
                        owner=self, name="whole-file check's result")

    def _read(self, _progress: Progress) -> list[tuple[BackupInfo, str]]:  # on a worker
        rows = [(info, THIS_LAPTOP) for info in self._keeper.backups()]
        _second, copies = self._keeper.second_folder_backups()
        rows += [(info, SECOND_FOLDER) for info in copies]
        return sorted(rows, key=lambda row: row[0].made_at, reverse=True)

    def _show(self, rows: list[tuple[BackupInfo, str]]) -> None:
        self.list.clear()
        self._infos = [info for info, _where in rows]
        for info, where in rows:
            item = QTreeWidgetItem(backup_cells(info, where, self._tz))
            item.setData(0, Qt.ItemDataRole.UserRole, str(info.path))  # which file the row is
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, backup_row(info, where, self._tz))
            if info.status == FAILED:
                for column in range(len(COLUMNS)):
                    item.setForeground(column, QBrush(QColor(FAILED_COLOUR)))
            if info.problem:
                for column in range(len(COLUMNS)):
                    item.setToolTip(column, info.problem)
            self.list.addTopLevelItem(item)
        if not rows:
            self.list.addTopLevelItem(QTreeWidgetItem([NONE_YET]))
            self.list.setFirstColumnSpanned(0, self.list.rootIndex(), True)
        if not self._backing_up and self.status_label.text() == READING:
            self._say(self._last_said)
        self._offer_restore()

    # -- restore ----------------------------------------------------------
    def selected_backup(self) -> BackupInfo | None:
        row = self.list.indexOfTopLevelItem(self.list.currentItem()) if self.list.currentItem() else -1
        return self._infos[row] if 0 <= row < len(self._infos) else None

    def _offer_restore(self) -> None:
        chosen = self.selected_backup()
        self.restore_button.setEnabled(chosen is not None and chosen.checked)

    def restore_selected(self) -> bool:
        """Ask, then have the app restore the chosen backup; True when it was asked to."""
        if self._restore is None:
            return False
        chosen = self.selected_backup()
        if chosen is None or not chosen.checked:
            self._say(CHOOSE_CHECKED)
            return False
        refusal = self._restore.refusal()
        if refusal is not None:
            self._say(refusal)
            return False
        confirm = self._confirm or confirm_restore
        if not confirm(self, restore_question(chosen, self._tz)):
            return False
        self._restore.request(chosen.path)
        self.accept()
        return True

    def _made_automatically(self, report: BackupReport) -> None:
        if not self._backing_up:
            said = outcome_words(report, self._tz).replace("A backup was made", "An automatic "
                                                           "backup was made", 1)
            self._say(said)
        self.refresh()

    def _say(self, text: str) -> None:
        set_hint(self.status_label, text)  # a screen reader reads "Backup status: ..." anew

    def _not_read(self, _error: str) -> None:
        # Listing reads only file names and their small notes; a folder that cannot be
        # read is said plainly, never with the library's text.
        self._say("The list of backups could not be read just now. Close this page and open "
                  "it again; the backups themselves are not touched.")

    def rows(self) -> list[str]:
        """The rows as shown (tests, and what a screen reader reads)."""
        items = (self.list.topLevelItem(index) for index in range(self.list.topLevelItemCount()))
        return [" · ".join(filter(None, (item.text(column) for column in range(len(COLUMNS)))))
                for item in items]

    # -- back up now ----------------------------------------------------
    def back_up_now(self) -> None:
        if self._backing_up:
            return
        self._backing_up = True
        self.back_up_button.setEnabled(False)
        self._say(WORKING)
        self.progress.setRange(0, 0)  # busy until the first page count arrives
        self.progress.show()
        self._tasks.run(self._work, on_done=self._done, on_failed=self._failed,
                        on_progress=self._progressed, owner=self, name="backup by hand")

    def _work(self, progress: Progress) -> BackupReport:  # on a worker
        try:
            return self._keeper.back_up(progress, kind=BY_HAND)
        except TaskCancelled:
            raise
        except Exception as error:  # noqa: BLE001 - told in words, never the library's text
            raise NotMade(describe_storage_error(error)) from error

    def _progressed(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _done(self, report: BackupReport) -> None:
        self._finish(outcome_words(report, self._tz))

    def _failed(self, error: str) -> None:
        self._finish(f"No backup was made. {error} Your practice itself is unchanged; "
                     "you can try again.")

    def _finish(self, text: str) -> None:
        self._backing_up = False
        self.progress.hide()
        self.back_up_button.setEnabled(True)
        self._say(text)
        self.refresh()


def open_backups(keeper: BackupKeeper, tasks: TaskRunner, parent: QWidget | None = None,
                 automatic: AutomaticBackups | None = None, restore: Restorer | None = None) -> None:
    """Show the backups, modal over the settings; with `restore`, a backup can be restored."""
    BackupsDialog(keeper, tasks, parent, automatic=automatic, restore=restore).exec()


__all__ = ["BackupsDialog", "backup_row", "open_backups", "outcome_words"]
