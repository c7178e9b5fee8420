"""Changing the practice passphrase so that a crash at any moment loses nothing.

SQLCipher's `PRAGMA rekey` rewrites every page in place. It is not safe in
WAL mode (the house journal mode): SQLite3 Multiple Ciphers refuses it there
outright because it "could easily lead to database corruption", and
SQLCipher gives no promise for a rekey cut short. So the change is made on a
copy, and one rename is the moment it happens:

1. A checked backup first (backups.py), keyed with the current passphrase.
2. On a connection of our own, keyed with the current passphrase, the write-
   ahead log is folded into the file and `sqlcipher_export` writes the whole
   database into `practice.kapdesk.rekeying`, keyed with the new one (the
   schema's user_version too, which the export leaves out).
3. The copy is re-opened with the new passphrase and checked
   (`cipher_integrity_check`, `integrity_check`, the same clients, sessions,
   events and schema as the source), and flushed to the disk.
4. The new passphrase's check file (verifier.py) is written beside the
   current one as `practice.kapdesk.json.new`: it names the copy's salt.
5. The current file is kept aside (a hard link, `practice.kapdesk.before-change`)
   and the copy is renamed over `practice.kapdesk`: the one atomic step. From
   here the practice opens with the new passphrase only.
6. The copy is checked again in place; the new check file replaces the old
   one; the file kept aside goes. The folder is flushed after each rename.

A kill -9 before step 5 leaves the practice as it was (old passphrase); after
it, the new file whole (new passphrase). What is left between steps is
finished or cleared by `finish_interrupted_change` (no passphrase needed: the
database's first 16 bytes, its salt, say which file is in place), which the
app and the command line run, holding the practice lock, before they open it.

Backups made before the change are copies keyed with the passphrase they
were made with: they keep opening with the old passphrase.

Nothing of the practice may be read or written meanwhile on another
connection: in the app the engine is paused (engine.Keying) while this runs,
and then goes on with the new passphrase.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kapdesk.core.clock import Clock
from kapdesk.storage.backup_check import CopyProblem, check_copy, open_keyed, read_counts
from kapdesk.storage.backup_files import BY_HAND, CHECKED, BackupInfo, Counts
from kapdesk.storage.errors import PracticeError, WrongPassphrase, check_new_passphrase
from kapdesk.storage.files import BACKUP_DIR, KEPT_ASIDE, META_NAME, NEW_CHECK, REKEYING, db_path_in
from kapdesk.storage.verifier import read_db_salt, read_verifier, write_verifier

#: How long the app waits for its own connections to be handed back before it
#: gives up (a long export holding one): "busy, try again", nothing changed.
PAUSE_WAIT_S = 10.0

SAME_PASSPHRASE = "The new passphrase is the same as the current one; nothing was changed."
BACKUP_FAILED = ("The backup made before the change could not be checked, so the passphrase "
                 "was not changed. {detail}")
COPY_FAILED = ("The practice under the new passphrase did not check out whole, so the passphrase "
               "was not changed; the practice is as it was. {detail}")
BUSY = ("KAPDesk is still reading or writing the practice (a backup or a search). "
        "Nothing was changed; try again in a moment.")

Stage = Callable[[str], None]  # told the name of each step as it is reached


class PassphraseChangeError(PracticeError):
    """The passphrase was not changed; the message says why and that nothing was lost."""


@dataclass(frozen=True)
class PassphraseChanged:
    """A finished change: the backup made first (it opens with the old passphrase) and the figures."""

    backup: BackupInfo
    counts: Counts


def finish_interrupted_change(data_dir: Path) -> str | None:
    """Finish or clear a change cut short; what was done, in words, or None if nothing was left.

    Call only while holding the practice lock (no other copy is changing it).
    """
    data_dir = Path(data_dir)
    db, rekeying, aside = db_path_in(data_dir), data_dir / REKEYING, data_dir / KEPT_ASIDE
    new_check, check = data_dir / NEW_CHECK, data_dir / META_NAME
    if not any(path.exists() for path in (rekeying, aside, new_check)):
        return None
    pending = read_verifier(new_check) if new_check.exists() else None
    done = None
    if pending is not None and db.exists() and read_db_salt(db) == pending.db_salt:
        os.replace(new_check, check)  # the new file is in place: its check file goes with it
        done = "A change of passphrase that was cut short was finished: the new passphrase opens it."
    else:
        new_check.unlink(missing_ok=True)
        if pending is not None or rekeying.exists():
            done = "A change of passphrase that was cut short was undone: the current passphrase opens it."
    for leftover in (rekeying, Path(f"{rekeying}-journal"), Path(f"{rekeying}-wal"),
                     Path(f"{rekeying}-shm"), aside):
        leftover.unlink(missing_ok=True)
    _flush_folder(data_dir)
    return done or "A file left by a change of passphrase was removed."


def change_passphrase(data_dir: Path, current: str, new: str, clock: Clock,
                      stage: Stage = lambda _name: None) -> PassphraseChanged:
    """Re-key the practice from `current` to `new` (see the module docstring for the steps).

    Nothing else may hold a connection to the practice meanwhile (the app
    pauses its engine; the command line holds the practice lock). Raises
    WrongPassphrase, WeakPassphrase or PassphraseChangeError; OSError for a
    disk fault. In every case the practice opens with exactly one of the two.
    """
    from kapdesk.storage.backups import make_backup

    data_dir = Path(data_dir)
    db = db_path_in(data_dir)
    check_new_passphrase(new, new)
    if new == current:
        raise PassphraseChangeError(SAME_PASSPHRASE)
    finish_interrupted_change(data_dir)
    _check_opens(db, current)
    stage("backup")
    backup = make_backup(db, current, data_dir / BACKUP_DIR, clock, kind=BY_HAND)
    if backup.status != CHECKED:
        raise PassphraseChangeError(BACKUP_FAILED.format(detail=backup.problem or ""))
    rekeying = data_dir / REKEYING
    stage("export")
    counts = _export(db, current, rekeying, new)
    stage("check copy")
    try:
        check_copy(rekeying, new, counts)
    except CopyProblem as problem:
        rekeying.unlink(missing_ok=True)
        raise PassphraseChangeError(COPY_FAILED.format(detail=str(problem))) from None
    _fsync(rekeying)
    stage("new check file")
    write_verifier(data_dir / NEW_CHECK, rekeying, new)
    _flush_folder(data_dir)
    stage("keep aside")
    aside = data_dir / KEPT_ASIDE
    aside.unlink(missing_ok=True)
    os.link(db, aside)
    _remove_empty_journals(db)
    stage("swap")
    os.replace(rekeying, db)  # the change happens here, whole
    _flush_folder(data_dir)
    stage("check in place")
    check_copy(db, new, counts)
    stage("replace check file")
    os.replace(data_dir / NEW_CHECK, data_dir / META_NAME)
    _flush_folder(data_dir)
    stage("remove old")
    aside.unlink()
    _flush_folder(data_dir)
    stage("done")
    return PassphraseChanged(backup, counts)


def _check_opens(db: Path, passphrase: str) -> None:
    try:
        connection = open_keyed(db, passphrase)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            connection.close()
    except Exception as error:  # noqa: BLE001 - sqlcipher3's DatabaseError, named below
        if "not a database" in str(error):
            raise WrongPassphrase() from None
        raise


def _export(db: Path, current: str, target: Path, new: str) -> Counts:
    """The whole database into `target`, keyed with `new`; the figures it held."""
    for leftover in (target, Path(f"{target}-journal")):
        leftover.unlink(missing_ok=True)
    os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    source = open_keyed(db, current)
    try:
        # Fold the log into the file: the export reads the file as it stands, and the
        # file renamed over later must not find an older log beside it.
        source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        counts = read_counts(source)
        version = source.execute("PRAGMA user_version").fetchone()[0]
        key = new.replace("'", "''")
        source.execute(f"ATTACH DATABASE '{_quoted_path(target)}' AS rekeyed KEY '{key}'")
        try:
            source.execute("SELECT sqlcipher_export('rekeyed')")
            source.execute(f"PRAGMA rekeyed.user_version = {int(version)}")
        finally:
            source.execute("DETACH DATABASE rekeyed")
    finally:
        source.close()
    return counts


def _quoted_path(path: Path) -> str:
    return str(path).replace("'", "''")


def _remove_empty_journals(db: Path) -> None:
    """The old file's log, if SQLite left it empty: it must not meet the new file."""
    for journal in (Path(f"{db}-wal"), Path(f"{db}-shm")):
        if journal.exists() and (journal.name.endswith("-shm") or journal.stat().st_size == 0):
            journal.unlink(missing_ok=True)
    wal = Path(f"{db}-wal")
    if wal.exists():
        raise PassphraseChangeError(BUSY)


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _flush_folder(folder: Path) -> None:
    """A rename is on the disk only once its folder is (POSIX); elsewhere a no-op."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def change_open_practice(practice, current: str, new: str, clock: Clock,  # noqa: ANN001 - a Practice
                         stage: Stage = lambda _name: None) -> PassphraseChanged:
    """`change_passphrase` on the practice the app has open: its engine paused meanwhile.

    Every connection of the engine is closed first (those in use are waited
    for, PAUSE_WAIT_S at most: else BUSY and nothing changed); new ones wait.
    Afterwards the engine goes on keyed with whichever passphrase now opens
    the file, so the stores need nothing new.
    """
    from kapdesk.storage.engine import keying_of

    keying = keying_of(practice.engine)
    if keying is None:
        raise PassphraseChangeError(BUSY)
    if not keying.pause(practice.engine, PAUSE_WAIT_S):
        raise PassphraseChangeError(BUSY)
    changed = None
    try:
        changed = change_passphrase(practice.data_dir, current, new, clock, stage)
        return changed
    finally:
        # The new key only if the new file is in place: a failure after the swap
        # leaves it there. What was left is settled first (the app holds the
        # practice lock), then the check file says which passphrase opens it.
        now_new = changed is not None
        if not now_new:
            try:
                finish_interrupted_change(practice.data_dir)
            except OSError:
                pass
            in_place = read_verifier(practice.data_dir / META_NAME)
            now_new = (in_place is not None and in_place.db_salt == read_db_salt(practice.db_path)
                       and in_place.matches(new))
        keying.resume(new if now_new else None)
