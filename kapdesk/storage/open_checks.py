"""What is checked when a practice opens: only what costs the same for any size of practice.

Start-up must not grow with the practice (a year of notes is a large file),
so it reads no more than the header and the schema: the first page decrypts
with the key (SQLCipher checks that page's HMAC), the schema can be read, and
the file is as long as its header says (a file cut short at a page boundary
would otherwise go unnoticed until a missing page is read). The whole file is
checked elsewhere: by every backup's check (backup_check.py) and by a pass in
the background after start-up (whole_check.py).

`scalar(sql)` runs one statement and returns the first column of its first
row, so both the plain DB-API connection of the fast start-up path
(first_read.py) and an SQLAlchemy connection (practice.py) can be checked.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

Scalar = Callable[[str], Any]


def header_problem(scalar: Scalar, db_path: Path) -> str | None:
    """What is wrong with the file's header and schema, in words; None when they are sound.

    Raises what the driver raises when the first page cannot be decrypted.
    """
    scalar("SELECT count(*) FROM sqlite_master")  # page 1 and the schema: a wrong key fails here
    pages = int(scalar("PRAGMA page_count") or 0)
    page_size = int(scalar("PRAGMA page_size") or 0)
    if _wal_holds_pages(db_path):
        return None  # the newest pages may still be in the write-ahead log, not yet in the file
    try:
        size = db_path.stat().st_size
    except OSError:
        return None  # the open itself will say what is wrong with the file
    if size < pages * page_size:
        return "the file is cut short"
    return None


def _wal_holds_pages(db_path: Path) -> bool:
    try:
        return Path(f"{db_path}-wal").stat().st_size > 0
    except OSError:
        return False
