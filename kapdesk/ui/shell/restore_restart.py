"""Restoring a backup from inside the app: asked on Settings → Backups, done between two runs.

Restoring replaces the practice file under every store, screen and
connection of the running app. Rather than rebuild all of them in place,
the app does what the command line does, in its own process: the Backups
page asks (`AppRestore.request`), the app quits the normal way (the task
runner stops, the practice closes: its write-ahead log folded in), then,
still holding the practice lock so no other copy can open the file
meanwhile, `carry_out_restore` runs storage/restore.py (the backup checked,
copied in and checked again, the current file moved aside, never deleted),
the restore is noted in the restored practice's audit trail by the same
function the command line uses (kapdesk/restore_audit.py), and the app
starts again the same way it was started (same command line), so it opens
the restored practice through every check of a normal start. If
the backup cannot be restored, nothing was changed: that is said and the app
starts again on the practice as it was.

Never during a session: `refusal()` says so in words, and the Backups page
offers nothing until the session has closed.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from kapdesk.core.clock import Clock

SESSION_RUNNING = ("A session is running. A backup can be restored between sessions: end the "
                   "session first (its record stays as it is), then restore.")


@dataclass(frozen=True)
class PendingRestore:
    backup: Path
    passphrase: str


_pending: list[PendingRestore] = []  # one app per process: at most one request, taken at quit


class AppRestore:
    """What the Backups page asks of the app to restore a backup."""

    def __init__(self, passphrase: Callable[[], str], session_running: Callable[[], bool],
                 quit_app: Callable[[], object] = QApplication.quit) -> None:
        self._passphrase, self._session_running, self._quit = passphrase, session_running, quit_app

    def refusal(self) -> str | None:
        """Why a restore cannot be done now, in words; None when it can."""
        return SESSION_RUNNING if self._session_running() else None

    def request(self, backup: Path) -> None:
        """Quit now; the backup is restored once the practice is closed, then the app restarts."""
        _pending.clear()
        _pending.append(PendingRestore(Path(backup), self._passphrase()))
        self._quit()


def take_pending_restore() -> PendingRestore | None:
    return _pending.pop() if _pending else None


def carry_out_restore(pending: PendingRestore, data_dir: Path, clock: Clock) -> str | None:
    """Restore `pending` into `data_dir` (practice closed, lock held) and note it in the restored
    practice's audit trail, as the command line does; None, or what went wrong in words."""
    from kapdesk.restore_audit import note_restore
    from kapdesk.storage.errors import describe_storage_error
    from kapdesk.storage.restore import restore_backup

    try:
        restored = restore_backup(pending.backup, data_dir, pending.passphrase, clock.now())
    except Exception as error:  # noqa: BLE001 - said in words; the practice is unchanged
        return (f"The backup was not restored. {describe_storage_error(error)} "
                "KAPDesk opens the practice as it was.")
    return note_restore(data_dir, pending.passphrase, pending.backup, restored, clock)


def restart_app() -> None:
    """Start KAPDesk again the way it was started, in this process (its lock already released)."""
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, [sys.executable, *sys.orig_argv[1:]])
