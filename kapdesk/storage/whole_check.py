"""Reading the whole practice file through, in the background, and remembering what was found.

Opening a practice reads only its header and schema (open_checks.py). The
whole file is read here instead, on a connection of its own: every page's
HMAC (`cipher_integrity_check`) and SQLite's `integrity_check`, the same
checks a backup's copy passes (backup_check.py). It only reads; the result
is kept in the practice's settings (core/whole_check.py says when a check is
due and what is kept). A checked backup counts as a whole check too: making
it read every page of the practice, and its copy passed both checks (its note
beside it says when; nothing more is written into the practice for it).

`stop()` is asked every few thousand steps of SQLite's work, so the check
ends soon after a session starts or the app quits (measured on 250,000
notes, 152 MiB, whole check 3.1 s: a few milliseconds in SQLite's check, up to
0.6 s in SQLCipher's page check, which is one long step), and then raises
TaskCancelled: a check cut short has found nothing either way.

No Qt: the app runs `check` on its task runner (ui/shell/background_check.py).
Built once, in kapdesk/services.py.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kapdesk.core.clock import Clock
from kapdesk.core.practice_settings import WHOLE_CHECK
from kapdesk.core.tasks import TaskCancelled
from kapdesk.core.whole_check import (BY_BACKGROUND, BY_BACKUP, WholeCheck, whole_check_due,
                                      whole_check_from)
from kapdesk.storage.backup_check import CopyProblem, check_copy
from kapdesk.storage.backup_files import BackupInfo
from kapdesk.storage.damage import damaged_page, latest_checked_backup
from kapdesk.storage.errors import DamagedPage
from kapdesk.storage.practice import Practice
from kapdesk.storage.settings import SettingsStore

log = logging.getLogger(__name__)

#: SQLite's virtual-machine steps between two looks at `stop()`: about a
#: millisecond of work, and no measurable cost to the check.
STEPS_PER_LOOK = 20_000


class WholeCheckKeeper:
    def __init__(self, practice: Practice, clock: Clock, settings: SettingsStore) -> None:
        self._practice = practice
        self._clock = clock
        self._settings = settings

    @property
    def db_path(self) -> Path:
        return self._practice.db_path

    def last(self) -> WholeCheck | None:
        """What the last reading of the whole file found (None: never read whole, or unreadable).

        The newest checked backup counts as a reading found whole, at the time it
        was made: it is read from the backups' notes rather than written into the
        practice, so a backup's check never itself makes the next backup due.
        """
        try:
            stored = whole_check_from(self._settings.get(WHOLE_CHECK))
        except Exception:  # noqa: BLE001 - a damaged settings page: then the check is due
            stored = None
        newest = latest_checked_backup(self._practice.data_dir)
        by_backup = None if newest is None else WholeCheck(newest.made_at, True, "", BY_BACKUP)
        known = [result for result in (stored, by_backup) if result is not None]
        return max(known, key=lambda result: result.checked_at) if known else None

    def due(self, session_running: bool) -> bool:
        return whole_check_due(self.last(), self._clock.now(), session_running)

    def check(self, stop: Callable[[], bool] = lambda: False) -> WholeCheck:
        """Read the whole file and remember what was found; call off the GUI thread."""
        def connected(connection: Any) -> None:
            connection.set_progress_handler(lambda: 1 if stop() else 0, STEPS_PER_LOOK)

        started = self._clock.now()
        try:
            check_copy(self.db_path, self._practice.passphrase, connected=connected)
        except CopyProblem as problem:
            if stop():
                raise TaskCancelled from None
            result = WholeCheck(started, False, f"{problem}", BY_BACKGROUND)
        else:
            if stop():
                raise TaskCancelled
            result = WholeCheck(started, True, "", BY_BACKGROUND)
        self.record(result)
        return result

    def record(self, result: WholeCheck) -> None:
        """Keep `result` in the practice. A practice too damaged to take it is told anyway."""
        try:
            self._settings.set(WHOLE_CHECK, result.to_data())
        except Exception:  # noqa: BLE001 - the screen shows the result all the same
            log.warning("What the whole-file check found could not be kept in the practice")

    def latest_checked_backup(self) -> BackupInfo | None:
        return latest_checked_backup(self._practice.data_dir)

    def damaged_page(self) -> DamagedPage:
        """The words for a damaged page of this practice, offering the latest checked backup."""
        return damaged_page(self._practice.data_dir)
