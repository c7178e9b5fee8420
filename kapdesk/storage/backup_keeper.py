"""The open practice's backups as the app asks for them: is one due now, make it, list them.

It keeps what the rule in core/backup_schedule.py needs to know: when the
last checked backup was made and whether anything was written since. "Written
since" is read from the practice file and its -wal on the disk (size and
time of last change), which every commit moves and no read does: it costs
two `stat` calls, whatever the size of the practice. The mark is taken
before a copy starts, so whatever a session writes during the copy makes the
next backup due.

No Qt: the app runs `back_up` in its one task runner; the screens only ask
`due` and show the report. Built once, in kapdesk/services.py.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable
from pathlib import Path

from kapdesk.core.audit import AuditKind, short
from kapdesk.core.backup_schedule import Moment, Trigger, backup_due
from kapdesk.core.clock import Clock
from kapdesk.storage.audit_log import AuditLog
from kapdesk.core.whole_check import BY_BACKUP, WholeCheck
from kapdesk.storage.backup_files import AUTOMATIC, BackupInfo, list_backups
from kapdesk.storage.backups import BackupReport, Report, back_up, backup_folder
from kapdesk.storage.practice import Practice
from kapdesk.storage.practice_settings_store import load_backup_settings
from kapdesk.storage.errors import is_damage
from kapdesk.storage.settings import SettingsStore
from kapdesk.storage.damage import damaged_page
from kapdesk.storage.whole_check import WholeCheckKeeper

Mark = tuple[tuple[int, int], ...]


class BackupKeeper:
    def __init__(self, practice: Practice, clock: Clock, settings: SettingsStore,
                 audit: AuditLog | None = None,
                 whole: WholeCheckKeeper | None = None) -> None:
        self._practice = practice
        self._audit = audit
        self._whole = whole  # told when copying met a damaged page of the practice
        self._clock = clock
        self._settings = settings
        self._lock = threading.Lock()  # `back_up` runs on a worker, `due` on the GUI thread
        self._backed_up_mark: Mark | None = self._mark()  # what is on the disk now was opened, not written
        self._last_at: float | None = None
        self._last_known = False

    def due(self, trigger: Trigger, session_running: bool = False,
            phase_kind: str | None = None) -> bool:
        """Whether a backup should be made now (core/backup_schedule.py decides)."""
        with self._lock:
            changed = self._mark() != self._backed_up_mark
            moment = Moment(now=self._clock.now(), changed=changed, last_backup_at=self._last_backup_at(),
                            running_phase_kind=phase_kind, session_running=session_running)
        return backup_due(trigger, moment)

    def back_up(self, progress: Report | None = None, kind: str = AUTOMATIC) -> BackupReport:
        """Make, check and thin (see storage/backups.py); call off the GUI thread."""
        mark = self._mark()
        today = dt.datetime.fromtimestamp(self._clock.now()).date()  # the local day, as on the screens
        try:
            report = back_up(self._practice.data_dir, self._practice.passphrase, self._clock,
                             load_backup_settings(self._settings), today, kind, progress)
        except Exception as error:
            if not is_damage(error):
                raise
            # Copying met a damaged page of the practice itself: say so, and remember it.
            if self._whole is not None:
                self._whole.record(WholeCheck(self._clock.now(), False,
                                              "a page could not be read while it was copied",
                                              BY_BACKUP))
            raise damaged_page(self._practice.data_dir) from error
        if report.backup.checked:
            mark = self._audited(report.backup, mark)
            with self._lock:
                self._backed_up_mark, self._last_at, self._last_known = mark, report.backup.made_at, True
        return report

    def _audited(self, backup: BackupInfo, mark: Mark) -> Mark:
        """Note the backup in the audit trail. That entry is a write of its own: were
        nothing else written during the copy, it must not make the next backup due
        (else every backup would call for another), so the mark moves past it."""
        if self._audit is None:
            return mark
        untouched = self._mark() == mark
        head = backup.counts.audit_head if backup.counts else ""
        self._audit.record(AuditKind.BACKUP, detail=f"{backup.path} (audit trail at {short(head)})")
        return self._mark() if untouched else mark

    def unchanged_after(self, write: Callable[[], object]) -> None:
        """Run `write`, a note the app keeps for itself (the audit entry of the unlock that
        opened the practice): when nothing else was written since the last backup, that
        note alone does not make a backup due."""
        with self._lock:
            untouched = self._mark() == self._backed_up_mark
        write()
        if untouched:
            with self._lock:
                self._backed_up_mark = self._mark()

    def last_whole_check(self) -> WholeCheck | None:
        """When the whole practice file was last read through, and what was found (or None)."""
        return self._whole.last() if self._whole is not None else None

    def backups(self) -> list[BackupInfo]:
        """The practice's backups, newest first, from their notes (nothing is decrypted)."""
        return list_backups(backup_folder(self._practice.data_dir))

    def second_folder_backups(self) -> tuple[Path | None, list[BackupInfo]]:
        """The second backup folder (None when none is set) and its backups, newest first;
        none when it is not there. May be slow (a network folder): call off the GUI thread."""
        folder = load_backup_settings(self._settings).second_folder
        if not folder:
            return None, []
        second = Path(folder).expanduser()
        return second, list_backups(second)

    def _last_backup_at(self) -> float | None:
        if not self._last_known:
            newest = next((info for info in self.backups() if info.checked), None)
            self._last_at, self._last_known = (newest.made_at if newest else None), True
        return self._last_at

    def _mark(self) -> Mark:
        path = self._practice.db_path
        return tuple(_stat(Path(f"{path}{suffix}")) for suffix in ("", "-wal"))


def _stat(path: Path) -> tuple[int, int]:
    try:
        status = os.stat(path)
    except OSError:
        return (0, 0)
    # An empty -wal is made by merely opening the file, and holds nothing written.
    return (status.st_size, status.st_mtime_ns) if status.st_size else (0, 0)
