"""Opening, creating and closing a practice: one encrypted database in a folder.

Open order: the file is there and has a plausible size; it decrypts with the
passphrase (else: wrong passphrase or damage, told apart by `verifier`);
the header and schema are sound (open_checks.py: the same cost for any size
of practice; the whole file is checked by backups and in the background,
whole_check.py); the schema is current (else a backup is taken and it is
upgraded; a schema from a newer KAPDesk is refused). Nothing is written to the
file until every check has passed.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from kapdesk.core.clock import Clock, SystemClock
from kapdesk.storage import schema
from kapdesk.storage.engine import keying_of, make_engine
from kapdesk.storage.files import BACKUP_DIR, DB_NAME, META_NAME, db_path_in
from kapdesk.storage.open_checks import header_problem
from kapdesk.storage.folder import folder_write_error, journals_of, remove_empty_journals
from kapdesk.storage.errors import (DamagedPractice, PracticeError, PracticeMissing, StorageFault,
                                    WrongPassphrase, check_new_passphrase, storage_fault)
from kapdesk.storage.verifier import read_db_salt, read_verifier, write_verifier

PAGE_SIZE = 4096  # SQLCipher 4's default; a whole file is always a multiple of it


@dataclass
class Practice:
    """An open practice: the engine and a factory of ORM sessions on it."""

    data_dir: Path
    engine: Engine

    def __post_init__(self) -> None:
        # Opened and checked: from now on a damaged page met by any read or write
        # is said in words naming the practice and its latest checked backup.
        from kapdesk.storage.damage import speak_of_damage

        speak_of_damage(self.engine, self.data_dir)

    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_NAME

    @property
    def passphrase(self) -> str:
        """The practice's passphrase now (opened with, or changed to since): backups are keyed with it."""
        keying = keying_of(self.engine)
        return keying.passphrase if keying is not None else (self.engine.url.password or "")

    @cached_property
    def audit_key(self) -> bytes:
        """The audit chain's key, derived once from the practice's record secret (kept
        inside the encrypted file: storage/record_secret.py), held in memory, never stored."""
        from kapdesk.core.audit import CHAIN_LABEL, derive_key
        from kapdesk.storage.record_secret import record_secret

        return derive_key(record_secret(self.engine), CHAIN_LABEL)

    @cached_property
    def seal_key(self) -> bytes:
        """The signed records' seals' key: derived like the audit chain's, under its own label."""
        from kapdesk.core.audit import derive_key
        from kapdesk.core.record_seal import SEAL_KEY_LABEL
        from kapdesk.storage.record_secret import record_secret

        return derive_key(record_secret(self.engine), SEAL_KEY_LABEL)

    def orm(self):  # noqa: ANN201 - sqlalchemy.orm.Session, imported lazily
        """A new ORM session. The ORM is loaded on first use, after start-up."""
        from sqlalchemy.orm import Session

        return Session(self.engine, expire_on_commit=False)

    def close(self) -> None:
        """Fold the write-ahead log into the file and empty it, then close every connection.

        SQLite folds the log in when its last connection closes, but only then:
        a connection still open elsewhere (a backup, the command line beside the
        app) would leave recent pages in the -wal at quit. TRUNCATE leaves it
        empty (0 bytes) whoever else has the file open.
        """
        try:
            with self.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        except Exception:  # noqa: BLE001 - a full disk or a damaged page: closing goes on;
            pass  # the log stays whole beside the file and is replayed at the next open
        self.engine.dispose()


@contextmanager
def faults_in_words(data_dir: Path) -> Iterator[None]:
    """Turn a disk fault (read-only folder, full disk, failing disk) into a StorageFault.

    Without it such faults surfaced as "damaged" or as library text; the file
    is fine and the message must say what is really wrong. SQLite's words are
    vague ("unable to open database file" for a read-only folder, "disk I/O
    error" for a full disk), so the folder is asked first (folder.py).
    """
    try:
        yield
    except StorageFault:
        raise
    except (PracticeError, OSError, sa.exc.DBAPIError) as error:
        fault = _fault_of(data_dir, error)
        if fault is None:
            raise
        raise StorageFault(fault) from error


def _fault_of(data_dir: Path, error: BaseException) -> str | None:
    if isinstance(error, PracticeError) and not isinstance(error, DamagedPractice):
        return None  # a wrong passphrase or a newer schema is what it says
    named = storage_fault(error)
    if named is None and isinstance(error, PracticeError):
        return None
    blocked = folder_write_error(data_dir)
    return (storage_fault(blocked) if blocked is not None else None) or named


def practice_exists(data_dir: Path) -> bool:
    return db_path_in(data_dir).exists()


def create_practice(data_dir: Path, passphrase: str) -> Practice:
    """A new, empty practice at the current schema. Refuses to touch an existing one.

    The database is built under a staging name and renamed into place only
    when complete, so a crash during creation never leaves a half-made
    practice that later starts would call damaged.
    """
    # Every way in (dialog, KAPDESK_PASSPHRASE) meets the same minimum; an empty
    # key would not encrypt at all. Checked before anything is written.
    check_new_passphrase(passphrase, passphrase)
    with faults_in_words(Path(data_dir)):
        return _create(Path(data_dir), passphrase)


def _create(data_dir: Path, passphrase: str) -> Practice:
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    db_path = db_path_in(data_dir)
    if db_path.exists():
        raise PracticeError(f"A practice already exists in {data_dir}.")
    staging = data_dir / (DB_NAME + ".creating")
    _remove_with_journals(staging)
    _create_private_file(staging)
    engine = make_engine(staging, passphrase)
    schema.upgrade(engine)
    engine.dispose()  # the last connection folds the WAL back into the file
    write_verifier(data_dir / META_NAME, staging, passphrase)
    os.replace(staging, db_path)
    return Practice(data_dir, make_engine(db_path, passphrase))


def _create_private_file(path: Path) -> None:
    # SQLite gives the -wal and -shm files the database file's own mode.
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


def _remove_with_journals(path: Path) -> None:
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)


def open_practice(data_dir: Path, passphrase: str, keyed_connection: Any = None,
                  clock: Clock | None = None) -> Practice:
    """Open and check an existing practice (see the module docstring for the order).

    `keyed_connection`: a DB-API connection already keyed with `passphrase`
    (prewarm.py), saving one key derivation on the start-up path. `clock`
    names the backup taken before an upgrade (the machine's clock if None).
    """
    data_dir = Path(data_dir)
    db_path = db_path_in(data_dir)
    if not db_path.exists():
        raise PracticeMissing(data_dir)
    if not passphrase:
        # SQLCipher rejects an empty key with an error that would read as damage.
        raise WrongPassphrase()
    _check_size(db_path)
    journals = journals_of(db_path)
    engine = make_engine(db_path, passphrase, keyed_connection)
    try:
        with faults_in_words(data_dir):
            _check_readable(engine, data_dir, passphrase)
            _mend_verifier(data_dir, passphrase)
            if schema.needs_upgrade(engine, db_path):
                backup_practice(engine, data_dir, clock or SystemClock())
                schema.upgrade(engine)
    except BaseException:
        engine.dispose()
        remove_empty_journals(db_path, journals)
        raise
    return Practice(data_dir, engine)


def adopt_practice(data_dir: Path, passphrase: str, keyed_connection: Any) -> Practice:
    """The practice on a connection whose open checks first_read.py has already run.

    Only for the start-up path that painted the client list from that read:
    the checks are not repeated, and the connection becomes the pool's first.
    """
    data_dir = Path(data_dir)
    return Practice(data_dir, make_engine(db_path_in(data_dir), passphrase, keyed_connection))


def _check_size(db_path: Path) -> None:
    size = db_path.stat().st_size
    if size == 0:
        raise DamagedPractice(db_path, "the file is empty")
    if size < PAGE_SIZE or size % PAGE_SIZE:
        raise DamagedPractice(db_path, "the file is cut short")


def _check_readable(engine: Engine, data_dir: Path, passphrase: str) -> None:
    db_path = db_path_in(data_dir)
    try:
        with engine.connect() as connection:
            problem = header_problem(lambda sql: connection.exec_driver_sql(sql).scalar(), db_path)
    except sa.exc.DatabaseError as error:
        if storage_fault(error) is not None:
            raise  # a disk fault, not damage: faults_in_words names it
        if "not a database" in str(error.orig):
            raise _diagnose_unreadable(data_dir, passphrase) from None
        raise DamagedPractice(db_path, _first_line(error.orig)) from None
    if problem is not None:
        raise DamagedPractice(db_path, problem)


def _mend_verifier(data_dir: Path, passphrase: str) -> None:
    """Rewrite the passphrase check beside a file that the passphrase just opened, when the
    check names another file's salt: a restore killed between putting the backup in place
    and rewriting the check leaves it so. Costs two small reads when all is well."""
    verifier = read_verifier(data_dir / META_NAME)
    if verifier is not None and verifier.db_salt != read_db_salt(db_path_in(data_dir)):
        write_verifier(data_dir / META_NAME, db_path_in(data_dir), passphrase)


def _diagnose_unreadable(data_dir: Path, passphrase: str) -> PracticeError:
    db_path = db_path_in(data_dir)
    verifier = read_verifier(data_dir / META_NAME)
    if verifier is None:
        return WrongPassphrase()
    if read_db_salt(db_path) != verifier.db_salt:
        return DamagedPractice(db_path, "its header does not belong to this practice")
    if verifier.matches(passphrase):
        return DamagedPractice(db_path, "it cannot be decrypted even with the right passphrase")
    return WrongPassphrase()


def _first_line(error: BaseException | None) -> str:
    return str(error).splitlines()[0] if error else "unknown error"


def backup_practice(engine: Engine, data_dir: Path, clock: Clock) -> Path:
    """A checked backup of the practice in backups/, before a migration.

    Made and checked like every other backup (backups.make_backup: the online
    copy, re-opened, both integrity checks, the same counts) and listed with
    them in Settings → Backups, as "before an upgrade" (never thinned). It is
    named after `clock`'s UTC time, to the second, and the schema it holds.
    A copy that fails its check is kept aside as failed and the upgrade does
    not happen: DamagedPractice says why, and the practice is unchanged.
    """
    from kapdesk.storage.backup_files import BEFORE_UPGRADE, CHECKED
    from kapdesk.storage.backups import make_backup

    with engine.connect() as connection:
        revision = schema.stored_revision(connection) or "empty"
    stamp = dt.datetime.fromtimestamp(clock.now(), dt.timezone.utc).strftime("%Y%m%d-%H%M%S")
    name = f"practice-{stamp}-schema{revision}.kapdesk"
    info = make_backup(db_path_in(data_dir), engine.url.password or "", data_dir / BACKUP_DIR, clock,
                       kind=BEFORE_UPGRADE, name=name)
    if info.status != CHECKED:
        raise DamagedPractice(db_path_in(data_dir), "the backup made before upgrading it did not "
                              f"pass its check, so it was not upgraded: {info.problem}")
    return info.path
