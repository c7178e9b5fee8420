"""`python -m kapdesk check`: integrity and encryption checks with a short report.

A fault of the disk (read-only, full, failing) is said as such, never as
damage to the practice, and a check leaves no empty -wal or -shm behind.
"""

from __future__ import annotations

import argparse
import sys

from kapdesk.cli.opening import open_practice_from_terminal


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Open the practice and run SQLite's integrity_check and SQLCipher's "
        "cipher_integrity_check. Exit 0 when sound, 1 otherwise."
    )


def run(args: argparse.Namespace) -> int:
    from kapdesk.locations import resolve_data_dir
    from kapdesk.storage.check import check_practice
    from kapdesk.storage.errors import describe_storage_error
    from kapdesk.storage.files import db_path_in
    from kapdesk.storage.folder import journals_of, remove_empty_journals

    # What was there before the check: only what the check itself made, and
    # left empty, is tidied away.
    journals = journals_of(db_path_in(resolve_data_dir(args.data_dir)))
    practice = open_practice_from_terminal(args.data_dir)
    if practice is None:
        return 1
    try:
        report = check_practice(practice)
    except Exception as error:  # noqa: BLE001 - said in words, never a traceback
        print(f"kapdesk: {describe_storage_error(error)}", file=sys.stderr)
        return 1
    finally:
        practice.close()
        remove_empty_journals(practice.db_path, journals)
    print(f"Practice folder: {practice.data_dir}")
    print("\n".join(report.lines()))
    return 0 if report.sound else 1
