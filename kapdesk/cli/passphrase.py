"""`python -m kapdesk passphrase`: change the practice passphrase.

The current passphrase comes from KAPDESK_PASSPHRASE or a prompt, the new one
from KAPDESK_NEW_PASSPHRASE or a prompt (typed twice), as the other tools
read theirs. A checked backup is made first; the change itself is safe to
cut at any moment (storage/passphrase_change.py): the practice then opens
with exactly one of the two passphrases, and nothing is lost. KAPDesk must
be closed on this practice meanwhile: the practice lock is held throughout.
Exit 0 when changed, 1 when not (nothing was changed), 2 when KAPDesk is
open on this practice.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable

NEW_PASSPHRASE_ENV = "KAPDESK_NEW_PASSPHRASE"
OPEN_ELSEWHERE = ("KAPDesk is open on this practice. Close it (end or pause any session "
                  "first), then change the passphrase again. Nothing was changed.")
OLD_BACKUPS = ("Backups made before today keep opening with the old passphrase only: keep it "
               "written down as long as you keep those backups.")

#: Told each step's name as the change reaches it (storage/passphrase_change.py).
#: Nothing by default; a test sets it to stop the process at a chosen step.
stage_hook: Callable[[str], None] = lambda _name: None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = ("Change the practice passphrase. A checked backup is made first. "
                          f"The current passphrase is read from KAPDESK_PASSPHRASE, the new one "
                          f"from {NEW_PASSPHRASE_ENV}, or both are asked for. Exit 0 when changed, "
                          "1 when not, 2 when KAPDesk is open on this practice.")


def run(args: argparse.Namespace) -> int:
    from kapdesk.locations import resolve_data_dir
    from kapdesk.storage.practice import practice_exists
    from kapdesk.storage.errors import PracticeMissing
    from kapdesk.ui.shell.practice_lock import PracticeLock

    data_dir = resolve_data_dir(args.data_dir)
    if not practice_exists(data_dir):
        print(f"kapdesk passphrase: {PracticeMissing(data_dir)}", file=sys.stderr)
        return 1
    lock = PracticeLock(data_dir)
    if not lock.acquire():
        print(f"kapdesk passphrase: {OPEN_ELSEWHERE}", file=sys.stderr)
        return 2
    try:
        return _change(data_dir)
    finally:
        lock.release()


def _change(data_dir) -> int:  # noqa: ANN001 - a Path
    from kapdesk.app import PASSPHRASE_ENV
    from kapdesk.core.clock import SystemClock
    from kapdesk.storage.errors import PracticeError, WeakPassphrase, describe_storage_error
    from kapdesk.storage.passphrase_change import change_passphrase, finish_interrupted_change

    left = finish_interrupted_change(data_dir)
    if left is not None:
        print(left)
    current = os.environ.get(PASSPHRASE_ENV)
    if current is None:
        current = _ask("Current passphrase: ")
    new = os.environ.get(NEW_PASSPHRASE_ENV)
    if new is None:
        new = _ask("New passphrase: ")
        repeated = _ask("The new passphrase again: ")
        if new is not None and repeated != new:
            print("kapdesk passphrase: The two new passphrases are not the same. Nothing was changed.",
                  file=sys.stderr)
            return 1
    if current is None or new is None:
        print(f"kapdesk passphrase: no passphrase given. Type it at the prompt, or set {PASSPHRASE_ENV} "
              f"and {NEW_PASSPHRASE_ENV}. Nothing was changed.", file=sys.stderr)
        return 1
    try:
        changed = change_passphrase(data_dir, current, new, SystemClock(), stage=stage_hook)
    except (PracticeError, WeakPassphrase) as error:
        print(f"kapdesk passphrase: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"kapdesk passphrase: {describe_storage_error(error)}", file=sys.stderr)
        return 1
    _audit_change(data_dir, new)
    counts = changed.counts
    print(f"The passphrase of the practice in {data_dir} is changed; {counts.clients} clients, "
          f"{counts.sessions} sessions and {counts.events} session events, checked.")
    print(f"A backup was made first: {changed.backup.path}")
    print(OLD_BACKUPS)
    return 0


def _audit_change(data_dir: Path, passphrase: str) -> None:
    """The change, noted in the practice's audit trail (the trail's keys do not hang on
    the passphrase, so it stays whole); a note that cannot be written is said, the
    change stands."""
    from kapdesk.core.audit import AuditKind
    from kapdesk.core.clock import SystemClock as Clock
    from kapdesk.services import open_services
    from kapdesk.storage.practice import open_practice

    try:
        practice = open_practice(data_dir, passphrase)
    except Exception as error:  # noqa: BLE001 - the change is done; only its note is missing
        print(f"The passphrase was changed, but the audit trail could not note it: {error}",
              file=sys.stderr)
        return
    try:
        audit = open_services(practice, Clock()).audit
        if not audit.record(AuditKind.PASSPHRASE_CHANGED, detail="from the command line"):
            print(audit.unwritten[-1], file=sys.stderr)
    finally:
        practice.close()


def _ask(prompt: str) -> str | None:
    try:
        return getpass.getpass(prompt)
    except (EOFError, KeyboardInterrupt):
        print(file=sys.stderr)
        return None
