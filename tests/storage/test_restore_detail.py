"""What the audit trail says of a restore: which backup, when it was made, where the practice
it replaced went — and, when the backup's name and note do not tell its time, that plainly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kapdesk.storage.backup_files import Counts
from kapdesk.storage.restore import Restored, restore_detail

COUNTS = Counts(clients=1, sessions=2, events=30, schema="")
MADE = dt.datetime(2026, 3, 4, 9, 30, tzinfo=dt.timezone.utc).timestamp()


def test_a_known_backup_over_a_practice() -> None:
    restored = Restored(COUNTS, Path("/p/practice-replaced-20260305-120000.kapdesk"), MADE)
    assert restore_detail(Path("/b/practice-20260304-093000.kapdesk"), restored) == (
        "from /b/practice-20260304-093000.kapdesk, made 2026-03-04 09:30 UTC; the practice it "
        "replaced is kept beside it as practice-replaced-20260305-120000.kapdesk")


def test_a_renamed_copy_into_an_empty_folder() -> None:
    restored = Restored(COUNTS, None, None)
    assert restore_detail(Path("/usb/friday.kapdesk"), restored) == (
        "from /usb/friday.kapdesk, made at a time its name does not tell; there was no practice "
        "to replace")
