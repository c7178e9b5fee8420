"""Can the practice folder be written? The true cause behind vague open errors.

SQLite answers a read-only folder with "unable to open database file" and a
full disk with "disk I/O error", and QLockFile with a bare "unknown error":
none says what a therapist must do. Writing one small file in the folder
asks the operating system itself, whose errno (EROFS, EACCES, ENOSPC) does.
Also here: tidying away the empty -wal and -shm files a failed open leaves.
"""

from __future__ import annotations

import os
from pathlib import Path

PROBE_NAME = ".kapdesk-write-test"
PROBE_BYTES = 64 * 1024  # more than a page or two: a nearly full disk must show as full
JOURNALS = ("-wal", "-shm")


def folder_write_error(data_dir: Path) -> OSError | None:
    """The OSError that writing in `data_dir` meets, or None if it can be written."""
    probe = Path(data_dir) / PROBE_NAME
    try:
        Path(data_dir).mkdir(parents=True, exist_ok=True, mode=0o700)
        handle = os.open(probe, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        try:
            os.write(handle, b"\0" * PROBE_BYTES)
            os.fsync(handle)
        finally:
            os.close(handle)
    except OSError as error:
        return error
    finally:
        try:
            probe.unlink(missing_ok=True)
        except OSError:
            pass
    return None


def journals_of(db_path: Path) -> set[Path]:
    """The -wal and -shm files of a database that exist now."""
    return {Path(f"{db_path}{suffix}") for suffix in JOURNALS if Path(f"{db_path}{suffix}").exists()}


def remove_empty_journals(db_path: Path, existed_before: set[Path]) -> None:
    """Remove a -wal (and its -shm) that a failed open created and left empty.

    An empty WAL holds nothing, and the -shm is only its index; a WAL with
    anything in it, or one that was there before, is never touched. Call
    only with every connection to the database closed.
    """
    wal, shm = (Path(f"{db_path}{suffix}") for suffix in JOURNALS)
    try:
        if wal not in existed_before and wal.exists() and wal.stat().st_size == 0:
            wal.unlink()
        if shm not in existed_before and shm.exists() and not wal.exists():
            shm.unlink()
    except OSError:
        pass  # a folder that cannot be written keeps them; they do no harm
