"""`python -m kapdesk backup [--to FOLDER]`: make one checked, encrypted backup now.

Without --to, the backup goes where the app puts its own (the practice's
backups folder), old ones are thinned by the practice's retention settings
and the newest is copied to the second backup folder, if one is set. With
--to, it goes into FOLDER and nothing there is thinned. The backup opens with
the practice's own passphrase. Exit 0 when it was made and checked, 1
otherwise (the reason on stderr). The practice is only read, so the app may
be open meanwhile.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kapdesk.cli.opening import open_practice_with_passphrase


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = ("Make an encrypted backup of the practice now, re-open it and check it. "
                          "Exit 0 when it was made and checked, 1 otherwise.")
    parser.add_argument("--to", metavar="FOLDER",
                        help="put the backup in FOLDER (default: the practice's backups folder)")


def run(args: argparse.Namespace) -> int:
    if args.to is not None and not Path(args.to).expanduser().is_dir():
        print(f"kapdesk backup: the folder {Path(args.to).expanduser()} does not exist.",
              file=sys.stderr)
        return 1
    opened = open_practice_with_passphrase(args.data_dir)
    if opened is None:
        return 1
    practice, passphrase = opened
    try:
        return _back_up(practice, passphrase, args)
    finally:
        practice.close()


def _back_up(practice, passphrase: str, args: argparse.Namespace) -> int:  # noqa: ANN001
    from kapdesk.core.clock import SystemClock
    from kapdesk.services import date_on, open_services
    from kapdesk.storage import practice_settings_store
    from kapdesk.storage.backup_files import BY_HAND
    from kapdesk.storage.backups import back_up, make_backup
    from kapdesk.storage.errors import describe_storage_error

    clock = SystemClock()
    try:
        if args.to is not None:
            info, notes = make_backup(practice.db_path, passphrase, Path(args.to).expanduser(),
                                      clock, BY_HAND), []
        else:
            settings = practice_settings_store.load_backup_settings(
                open_services(practice, clock).settings)
            report = back_up(practice.data_dir, passphrase, clock, settings, date_on(clock), BY_HAND)
            info, notes = report.backup, report.notes
    except Exception as error:  # noqa: BLE001 - said in words, never a traceback
        print(f"kapdesk backup: no backup was made. {describe_storage_error(error)}", file=sys.stderr)
        return 1
    for note in notes:
        print(note, file=sys.stderr)
    if not info.checked:
        print(f"kapdesk backup: {info.problem} It was kept aside as {info.path}. "
              "The practice itself was not changed; run “kapdesk check” on it.", file=sys.stderr)
        return 1
    counts = info.counts
    print(f"Backup made and checked: {info.path}")
    print(f"  {_size(info.size)}; {counts.clients} clients, {counts.sessions} sessions, "
          f"{counts.events} session events. It opens with the practice's passphrase.")
    _audit_backup(practice, clock, info)
    return 0


def _audit_backup(practice, clock, info) -> None:  # noqa: ANN001
    from kapdesk.core.audit import AuditKind, short
    from kapdesk.services import open_services

    audit = open_services(practice, clock).audit
    head = short(info.counts.audit_head)
    print(f"  The audit trail in it ends at {head}.")
    if not audit.record(AuditKind.BACKUP, detail=f"{info.path} (audit trail at {head})"):
        print(audit.unwritten[-1], file=sys.stderr)


def _size(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{max(1, round(size / 1024))} KB"
