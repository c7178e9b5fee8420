"""Putting a backup in the practice's place, without losing the practice that was there.

Order, so that a crash at any moment loses nothing:
1. the backup is checked (it decrypts with the passphrase, both integrity
   checks pass, its schema is one this KAPDesk knows) before anything moves;
2. it is copied beside the practice as `practice.kapdesk.restoring` and that
   copy is checked again, against the backup's own figures;
3. the current practice's write-ahead log is folded into its file (so the
   file in place is whole at every moment), then the practice is moved aside,
   never deleted: its file is linked to
   `practice-replaced-STAMP.kapdesk` first, and its -wal and -shm follow it
   there (a write-ahead log left beside the restored file would be replayed
   into it); its passphrase check (the verifier) is copied beside it too;
4. the checked copy is renamed over `practice.kapdesk` in one step, and the
   verifier is rewritten for the restored file.
Call with no connection open on the practice (the command line holds the
practice lock while it restores).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from kapdesk.atomic_file import write_atomic
from kapdesk.crash_points import reached
from kapdesk.storage.backup_check import CopyProblem, CopyUnreadable, check_copy, open_keyed
from kapdesk.storage.backup_files import Counts, read_backup
from kapdesk.storage.errors import PracticeError
from kapdesk.storage.files import DB_NAME, META_NAME, db_path_in
from kapdesk.storage.schema import KNOWN_REVISIONS
from kapdesk.storage.verifier import write_verifier

STAGING = DB_NAME + ".restoring"


class RestoreRefused(PracticeError):
    """The backup cannot be restored; nothing was changed. The message says why."""


class BackupUnreadable(RestoreRefused):
    """The backup does not decrypt: most often another passphrase than its own."""

    def __init__(self, backup: Path) -> None:
        super().__init__(f"That passphrase does not open the backup {backup}, or the backup is "
                         "damaged. A backup opens with the passphrase the practice had when it "
                         "was made. Nothing was changed.")


@dataclass(frozen=True)
class Restored:
    counts: Counts
    moved_aside: Path | None  # where the practice that was there now is (None: there was none)
    made_at: float | None = None  # when the backup was made (its note or name), None if unknown


def check_backup(backup: Path, passphrase: str) -> Counts:
    """The backup's figures when it can be restored; RestoreRefused, in words, otherwise."""
    if not backup.is_file():
        raise RestoreRefused(f"There is no backup file at {backup}.")
    try:
        counts = check_copy(backup, passphrase)
    except CopyUnreadable:
        raise BackupUnreadable(backup) from None
    except CopyProblem as problem:
        raise RestoreRefused(f"The backup {backup} cannot be restored: {problem}. "
                             "Nothing was changed.") from None
    if counts.schema and counts.schema not in KNOWN_REVISIONS:
        raise RestoreRefused(f"The backup {backup} was made by a newer version of KAPDesk "
                             f"(schema {counts.schema}). Update KAPDesk to restore it. "
                             "Nothing was changed.")
    return counts


def restore_backup(backup: Path, data_dir: Path, passphrase: str, now: float) -> Restored:
    """Put `backup` in the practice's place in `data_dir` (see the module docstring)."""
    counts = check_backup(backup, passphrase)
    reached("restore-backup-checked")
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    staging = data_dir / STAGING
    _copy_private(backup, staging)
    reached("restore-copied")
    try:
        check_copy(staging, passphrase, counts)
    except CopyProblem as problem:
        staging.unlink(missing_ok=True)
        raise RestoreRefused(f"The copy of the backup in {data_dir} is not whole ({problem}); "
                             "is the disk full or failing? Nothing was changed.") from None
    reached("restore-copy-checked")
    _fold_log(db_path_in(data_dir), passphrase)
    reached("restore-log-folded")
    aside = _move_aside(data_dir, now)
    reached("restore-moved-aside")
    os.replace(staging, db_path_in(data_dir))
    reached("restore-replaced")
    write_verifier(data_dir / META_NAME, db_path_in(data_dir), passphrase)
    _fsync_dir(data_dir)
    known = read_backup(backup)  # its note, or the time in its name; a renamed copy has neither
    return Restored(counts, aside, known.made_at if known is not None else None)


def restore_detail(backup: Path, restored: Restored) -> str:
    """The restore as the audit trail notes it in the restored practice: which backup, when it
    was made, and where the practice it replaced was moved (by name: it is in the same folder)."""
    made = ("made at a time its name does not tell" if restored.made_at is None else
            "made " + dt.datetime.fromtimestamp(restored.made_at, dt.timezone.utc)
            .strftime("%Y-%m-%d %H:%M UTC"))
    aside = restored.moved_aside
    kept = (f"; the practice it replaced is kept beside it as {aside.name}" if aside else
            "; there was no practice to replace")
    return f"from {backup}, {made}{kept}"


def _fold_log(current: Path, passphrase: str) -> None:
    """Fold the current practice's write-ahead log into its file, and empty the log.

    The log is moved aside with the file; a crash after moving it and before
    the restored file is in place would leave the old file without its newest
    pages. Folded first, the log is empty and the file in place is whole at
    every moment. A log that does not open with this passphrase (the practice
    had another) is moved aside as it is, whole, with its file.
    """
    wal = Path(f"{current}-wal")
    if not current.exists() or not wal.exists() or wal.stat().st_size == 0:
        return
    import sqlcipher3

    try:
        connection = open_keyed(current, passphrase)
    except sqlcipher3.Error:
        return
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    except sqlcipher3.Error:
        pass
    finally:
        connection.close()


def _copy_private(source: Path, target: Path) -> None:
    for leftover in (target, Path(f"{target}-journal")):
        leftover.unlink(missing_ok=True)  # a restore cut short before left it: it is only a copy
    os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    shutil.copyfile(source, target)
    with open(target, "rb") as handle:
        os.fsync(handle.fileno())


def _move_aside(data_dir: Path, now: float) -> Path | None:
    current = db_path_in(data_dir)
    if not current.exists():
        return None
    aside = _aside_name(data_dir, now)
    try:
        os.link(current, aside)  # the practice stays in place until the restored one replaces it
    except OSError:
        shutil.copy2(current, aside)  # a file system without hard links
    reached("restore-aside-linked")
    for suffix in ("-wal", "-shm"):
        journal = Path(f"{current}{suffix}")
        if journal.exists():
            os.replace(journal, Path(f"{aside}{suffix}"))
    meta = data_dir / META_NAME
    if meta.exists():
        write_atomic(aside.with_name(aside.name + ".json"), meta.read_bytes())
    return aside


def _aside_name(data_dir: Path, now: float) -> Path:
    stamp = dt.datetime.fromtimestamp(now, dt.timezone.utc).strftime("%Y%m%d-%H%M%S")
    for number in range(1, 1000):
        path = data_dir / f"practice-replaced-{stamp}{'' if number == 1 else f'-{number}'}.kapdesk"
        if not path.exists():
            return path
    raise FileExistsError(f"too many practices moved aside at {stamp} in {data_dir}")


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
