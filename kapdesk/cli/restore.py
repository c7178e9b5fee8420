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


def _audit_restore(data_dir: Path, passphrase: str, backup: Path, restored) -> None:  # noqa: ANN001
    """The restore, noted in the restored practice's audit trail (opened, and upgraded if
    the backup is older, as the app would at its next start). A failure leaves the
    restore standing and is said in words."""
    from kapdesk.core.audit import AuditKind
    from kapdesk.core.clock import SystemClock
    from kapdesk.services import open_services
    from kapdesk.storage.errors import describe_storage_error
    from kapdesk.storage.practice import open_practice
    from kapdesk.storage.restore import restore_detail

    try:
        practice = open_practice(data_dir, passphrase)
    except Exception as error:  # noqa: BLE001 - the restore stands; said in words
        print(f"The practice was restored, but the audit trail could not note it: "
              f"{describe_storage_error(error)}", file=sys.stderr)
        return
    try:
        audit = open_services(practice, SystemClock()).audit
        if not audit.record(AuditKind.RESTORE, detail=restore_detail(backup, restored)):
            print(audit.unwritten[-1], file=sys.stderr)
    finally:
        practice.close()


def _restore(backup: Path, data_dir: Path) -> int:
    from kapdesk.core.clock import SystemClock
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
        _audit_restore(data_dir, passphrase, backup, restored)
        return 0
    return 1
