"""`python -m kapdesk check`: integrity and encryption checks with a short report."""

from __future__ import annotations

import argparse

from kapdesk.cli_common import open_practice_from_terminal


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Open the practice and run SQLite's integrity_check and SQLCipher's "
        "cipher_integrity_check. Exit 0 when sound, 1 otherwise."
    )


def run(args: argparse.Namespace) -> int:
    from kapdesk.storage.check import check_practice

    practice = open_practice_from_terminal(args.data_dir)
    if practice is None:
        return 1
    try:
        report = check_practice(practice)
    finally:
        practice.close()
    print(f"Practice folder: {practice.data_dir}")
    print("\n".join(report.lines()))
    return 0 if report.sound else 1
