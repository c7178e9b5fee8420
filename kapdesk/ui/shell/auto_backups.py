"""Automatic backups while the app runs: after a session closes, every half hour, at quit.

Whether one is due is the core rule's to say (core/backup_schedule.py, asked
through the practice's BackupKeeper): never while a running session is in a
phase where the client lies still, only when something was written, at most
every 30 minutes on the timer. A backup runs in the app's one task runner,
off the GUI thread; at quit, one that is due is made before the practice
closes (the window is gone by then, so nobody waits on a screen). The
outcome, with any calm note (a second folder not there), is emitted for the
screens that list backups.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from kapdesk.core.backup_schedule import Trigger
from kapdesk.core.tasks import Progress, Task

if TYPE_CHECKING:
    from kapdesk.storage.backup_keeper import BackupKeeper
    from kapdesk.storage.backups import BackupReport
    from kapdesk.ui.common.tasks import TaskRunner
    from kapdesk.ui.session.flow import SessionFlow

log = logging.getLogger(__name__)

#: How often the timer asks whether a backup is due; the rule itself waits 30 minutes.
ASK_EVERY_MS = 5 * 60 * 1000


class AutoBackups(QObject):
    backed_up = Signal(object)  # BackupReport: the backup (checked or failed) and its notes

    def __init__(self, keeper: BackupKeeper, flow: SessionFlow, tasks: TaskRunner,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("autoBackups")
        self._keeper, self._flow, self._tasks = keeper, flow, tasks
        self._task: Task | None = None
        self.last_report: BackupReport | None = None  # Settings -> Backups shows its notes
        self.timer = QTimer(self)
        self.timer.setObjectName("backupTimer")
        self.timer.setInterval(ASK_EVERY_MS)
        self.timer.timeout.connect(lambda: self.consider(Trigger.TIMER))
        self.timer.start()
        flow.session_closed.connect(lambda: self.consider(Trigger.SESSION_CLOSED))

    def consider(self, trigger: Trigger) -> bool:
        """Start a backup if one is due now; True if one was started."""
        if self._task is not None and not self._task.ended:
            return False
        if not self._keeper.due(trigger, *self._session()):
            return False
        self._task = self._tasks.run(self._work, on_done=self._done, on_failed=self._failed,
                                     owner=self, name="backup")
        return True

    def at_quit(self) -> None:
        """A backup due at quit is made now, before the practice closes."""
        if self._task is not None and not self._task.ended:
            self._task.wait()
        if self._keeper.due(Trigger.QUIT, *self._session()):
            try:
                self._done(self._keeper.back_up())
            except Exception:  # noqa: BLE001 - a failed backup must not stop the app closing
                log.exception("The backup at quit could not be made")

    def _session(self) -> tuple[bool, str | None]:
        """(a session runs, the kind of its current phase)."""
        view = self._flow.view
        if view is None:
            return False, None
        controller = view.controller
        phases = controller.runner.script.phases
        index = controller.state().phase_index
        return True, (phases[index].kind if 0 <= index < len(phases) else None)

    def _work(self, progress: Progress) -> BackupReport:  # on a worker thread
        return self._keeper.back_up(progress)

    def _done(self, report: BackupReport) -> None:
        for note in report.notes:
            log.info("%s", note)
        if not report.backup.checked:
            log.warning("%s", report.backup.problem)
        self.last_report = report
        self.backed_up.emit(report)

    def _failed(self, error: str) -> None:
        log.warning("No backup was made: %s", error)


def keep_backups(keeper: BackupKeeper, flow: SessionFlow, tasks: TaskRunner,
                 parent: QObject) -> AutoBackups:
    """Automatic backups for the open practice, and the one at quit."""
    backups = AutoBackups(keeper, flow, tasks, parent)
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(backups.at_quit)
    return backups
