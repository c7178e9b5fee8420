"""The whole practice file read through in the background, and a calm notice if it is damaged.

Opening a practice reads only its header and schema, so start-up costs the
same for a new practice and a practice of many years. A little while after
start-up (core/whole_check.py: 20 s; then daily, and again at every start
while the last check found damage) the whole file is read on the app's one
task runner (storage/whole_check.py), never while a session runs: it waits
for a session to close, and a session that opens while it reads stops it
(the room must have the disk): within milliseconds, or within a second while
SQLCipher checks its pages, one long step (measured on 250,000 notes). What it found is kept in
the practice.

When it finds damage, a notice (a dialog, never during a session) names the
practice file and what is wrong, says nothing was changed, and offers the
latest checked backup: "Show backups" opens Settings → Backups, where it can
be restored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QVBoxLayout, QWidget

from kapdesk.core.tasks import Progress, Task
from kapdesk.core.whole_check import AFTER_SESSION_S, AFTER_START_S, WholeCheck
from kapdesk.storage.damage import backup_date_words
from kapdesk.ui.common.form_controls import editor_style, section_heading
from kapdesk.ui.common.widgets import key_button, label

if TYPE_CHECKING:
    from pathlib import Path

    from kapdesk.storage.backup_files import BackupInfo
    from kapdesk.services import Services
    from kapdesk.storage.whole_check import WholeCheckKeeper
    from kapdesk.ui.common.tasks import TaskRunner
    from kapdesk.ui.editors.backups import AutomaticBackups, Restorer
    from kapdesk.ui.session.flow import SessionFlow

log = logging.getLogger(__name__)

SHOW_BACKUPS_KEY = "Ctrl+B"
NOTICE_TITLE = "The practice file needs attention"


def damage_words(db_path: Path, problem: str, latest: BackupInfo | None) -> str:
    """The notice's text: which practice, what is wrong, that nothing changed, what to do."""
    found = (f"KAPDesk read the whole practice file {db_path} in the background and found "
             f"that part of it is damaged: {problem.rstrip('.')}. No record in it was changed and "
             "nothing was overwritten; what can be read is as it was.")
    if latest is None:
        offer = ("There is no checked backup of this practice yet. Keep the file as it is, "
                 "and run “kapdesk check” on it to learn more.")
    else:
        offer = (f"The latest checked backup is from {backup_date_words(latest.made_at)}. "
                 "Restoring it puts it in the practice's place and keeps this file aside, "
                 "never deleted; what was recorded after that backup is only in this file.")
    return f"{found} {offer}"


class DamageNotice(QDialog):
    """The calm notice; "Show backups" (Ctrl+B) opens Settings → Backups, Esc closes."""

    def __init__(self, text: str, show_backups: Callable[[QWidget], None] | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("damageNotice")
        self.setWindowTitle(f"KAPDesk — {NOTICE_TITLE}")
        self.setAccessibleName(NOTICE_TITLE)
        self.setStyleSheet(editor_style())
        self.text = label(text, "damageText", accessible=text)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(section_heading(NOTICE_TITLE))
        layout.addWidget(self.text)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        self.show_backups_button = None
        if show_backups is not None:
            self.show_backups_button = key_button(
                "Show backups", SHOW_BACKUPS_KEY, lambda: self._show_backups(show_backups), self,
                primary=True, name="showBackups")
            buttons.addWidget(self.show_backups_button)
        buttons.addStretch(1)
        self.later_button = key_button("Not now", None, self.reject, self, name="notNow")
        buttons.addWidget(self.later_button)
        layout.addLayout(buttons)
        self.resize(620, 260)
        (self.show_backups_button or self.later_button).setFocus()

    def _show_backups(self, show_backups: Callable[[QWidget], None]) -> None:
        parent = self.parentWidget()
        self.accept()
        show_backups(parent)


class BackgroundCheck(QObject):
    """Starts the whole-file check when due and no session runs; shows a damage notice."""

    checked = Signal(object)  # WholeCheck: what a finished check found

    def __init__(self, keeper: WholeCheckKeeper, session_running: Callable[[], bool],
                 tasks: TaskRunner, window: QWidget,
                 show_backups: Callable[[QWidget], None] | None = None,
                 after_start_s: float = AFTER_START_S) -> None:
        super().__init__(window)
        self.setObjectName("backgroundCheck")
        self._keeper, self._running, self._tasks = keeper, session_running, tasks
        self._window, self._show_backups = window, show_backups
        self._task: Task | None = None
        self._stopping = False
        self.notice: DamageNotice | None = None
        self.timer = QTimer(self)
        self.timer.setObjectName("wholeCheckTimer")
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.consider)
        self.timer.start(int(after_start_s * 1000))

    def consider(self) -> bool:
        """Start the check if one is due now; True if one was started."""
        if self._task is not None and not self._task.ended:
            return False
        try:
            due = self._keeper.due(self._running())
        except Exception:  # noqa: BLE001 - the practice cannot be read just now (a disk gone)
            log.info("The whole-file check could not ask whether it is due", exc_info=True)
            return False
        if not due:
            return False
        self._stopping = False
        self._task = self._tasks.run(self._work, on_done=self._done, on_failed=self._failed,
                                     owner=self, name="whole-file check")
        return True

    def session_opened(self) -> None:
        """A session begins: a check reading the file stops now, and waits for the session to close."""
        self._stopping = True
        self.timer.stop()

    def session_closed(self) -> None:
        self.timer.start(int(AFTER_SESSION_S * 1000))

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.ended

    def _work(self, progress: Progress) -> WholeCheck:  # on a worker thread
        return self._keeper.check(stop=lambda: self._stopping or progress.cancelled())

    def _done(self, result: WholeCheck) -> None:
        self.checked.emit(result)
        if not result.whole and not self._running():
            self.show_notice(result)

    def _failed(self, error: str) -> None:
        # Cancelled (a session began, the app quits) or the file could not be opened
        # for it: nothing was found either way, and the next start checks again.
        log.info("The whole-file check did not finish: %s", error)

    def show_notice(self, result: WholeCheck) -> DamageNotice:
        """The damage notice over the window (not modal to the app: the record stays usable)."""
        text = damage_words(self._keeper.db_path, result.problem,
                            self._keeper.latest_checked_backup())
        if self.notice is not None:
            self.notice.close()
        self.notice = DamageNotice(text, self._show_backups, self._window)
        self.notice.open()
        return self.notice


def watch_whole_file(services: Services, flow: SessionFlow, tasks: TaskRunner, window: QWidget,
                     automatic: AutomaticBackups | None = None,
                     restore: Restorer | None = None) -> BackgroundCheck:
    """The background check of the open practice, told when sessions open and close;
    its notice's "Show backups" opens Settings → Backups on the practice's backups."""
    from kapdesk.ui.editors.backups import open_backups

    check = BackgroundCheck(services.whole_check, lambda: flow.running_client() is not None, tasks,
                            window, lambda parent: open_backups(services.backups, tasks, parent,
                                                                automatic=automatic, restore=restore))
    flow.session_opened.connect(lambda _view: check.session_opened())
    flow.session_closed.connect(check.session_closed)
    return check
