"""`python -m kapdesk restore BACKUP`: put a backup in the practice's place.

The backup is checked before anything moves; the practice that was there is
moved aside (never deleted) and named in the report; the restored file is
checked again in place before KAPDesk will open it (storage/restore.py).
KAPDesk must be closed on this practice meanwhile: the practice lock is held
throughout. Exit 0 when restored, 1 when not (nothing was changed), 2 when
KAPDesk is open on this practice.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kapdesk.cli.opening import passphrase_from_terminal

OPEN_ELSEWHERE = ("KAPDesk is open on this practice. Close it (end or pause any session "
                  "first), then restore again. Nothing was changed.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = ("Restore the practice from a backup file. The current practice is "
                          "moved aside, never deleted. Exit 0 when restored, 1 when not, "
                          "2 when KAPDesk is open on this practice.")
    parser.add_argument("backup", metavar="BACKUP", help="the backup file (.kapdesk)")


def run(args: argparse.Namespace) -> int:
    from kapdesk.locations import resolve_data_dir
    from kapdesk.ui.shell.practice_lock import PracticeLock

    backup = Path(args.backup).expanduser().resolve()
    if not backup.is_file():
        print(f"kapdesk restore: there is no backup file at {backup}.", file=sys.stderr)
        return 1
    data_dir = resolve_data_dir(args.data_dir)
    lock = PracticeLock(data_dir)
    if not lock.acquire():
        print(f"kapdesk restore: {OPEN_ELSEWHERE}", file=sys.stderr)
        return 2
    try:
        return _restore(backup, data_dir)
    finally:
        lock.release()


def _restore(backup: Path, data_dir: Path) -> int:
    from kapdesk.core.clock import SystemClock
    from kapdesk.restore_audit import note_restore
    from kapdesk.storage.errors import PracticeError, describe_storage_error
    from kapdesk.storage.restore import BackupUnreadable, restore_backup

    for passphrase in passphrase_from_terminal():
        try:
            restored = restore_backup(backup, data_dir, passphrase, SystemClock().now())
        except BackupUnreadable as error:
            print(f"kapdesk restore: {error}", file=sys.stderr)
            continue
        except (PracticeError, OSError) as error:
            print(f"kapdesk restore: {describe_storage_error(error)}", file=sys.stderr)
            return 1
        counts = restored.counts
        print(f"Restored the practice in {data_dir} from {backup}:")
        print(f"  {counts.clients} clients, {counts.sessions} sessions, {counts.events} session "
              "events; checked before and after it was put in place.")
        if restored.moved_aside is not None:
            print(f"The practice that was there is kept, unchanged, as {restored.moved_aside}.")
        unnoted = note_restore(data_dir, passphrase, backup, restored, SystemClock())
        if unnoted is not None:
            print(unnoted, file=sys.stderr)  # the restore stands; only its note is missing
        return 0
    return 1
