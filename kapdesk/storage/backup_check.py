"""Opening an encrypted file on a connection of its own, and checking that a copy is whole.

A copy counts only when it decrypts with the practice's passphrase, every
page's HMAC is right (`cipher_integrity_check`), SQLite finds nothing wrong
(`integrity_check`) and it holds what the practice held at the moment it was
copied: the same clients, sessions, events and schema revision. Each way it
can fail is said in words; the library's own text never reaches the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from kapdesk.storage.backup_files import Counts

#: The pragmas every connection of ours gets that matter here: no plaintext
#: temporary file (temp_store), and patience with a writer (busy_timeout).
PRAGMAS = ("PRAGMA temp_store = MEMORY", "PRAGMA busy_timeout = 5000")


class CopyProblem(Exception):
    """A copy that is not whole; the message says how, in words."""


class CopyUnreadable(CopyProblem):
    """A copy that does not decrypt: another passphrase, or damage to its first page."""


def open_keyed(path: Path, passphrase: str) -> Any:
    """A sqlcipher3 connection to `path`, keyed as the app's engine keys its own."""
    import sqlcipher3

    connection = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")
        # Quoted as SQLAlchemy's pysqlcipher dialect quotes it, so the same passphrase gives the same key.
        connection.execute('PRAGMA key = "{}"'.format(passphrase.replace('"', '""')))
        for pragma in PRAGMAS:
            connection.execute(pragma)
    except BaseException:
        connection.close()
        raise
    return connection


def read_counts(connection: Any) -> Counts:
    """The practice's figures, read on `connection` (inside its transaction, if one is open)."""
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def count(table: str) -> int:
        # A practice from before sessions were kept (the backup before an upgrade) holds none.
        if table not in tables:
            return 0
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    row = (connection.execute("SELECT version_num FROM alembic_version").fetchone()
           if "alembic_version" in tables else None)
    return Counts(count("clients"), count("sessions"), count("session_events"),
                  row[0] if row else "", _audit_head(connection))


def _audit_head(connection: Any) -> str:
    has_trail = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'").fetchone()
    if not has_trail:
        return ""  # a practice from before the audit trail (schema 0006 or older)
    row = connection.execute("SELECT mac FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return row[0] if row else ""


def check_copy(path: Path, passphrase: str, expected: Counts | None = None,
               connected: Callable[[Any], object] | None = None) -> Counts:
    """The copy's figures once every check passed; CopyProblem, in words, otherwise.

    `connected`, if given, is handed the connection before the checks run (the
    background check of the practice itself sets a progress handler on it, to
    stop when a session starts or the app quits).
    """
    import sqlcipher3

    try:
        connection = open_keyed(path, passphrase)
    except sqlcipher3.Error as error:
        raise CopyProblem(f"it could not be opened ({_cause(error)})") from None
    try:
        if connected is not None:
            connected(connection)
        return _checked(connection, expected)
    except sqlcipher3.Error as error:
        kind = CopyUnreadable if "not a database" in str(error).lower() else CopyProblem
        raise kind(f"it could not be read ({_cause(error)})") from None
    finally:
        connection.close()


def _checked(connection: Any, expected: Counts | None) -> Counts:
    # Page 1 first: a wrong key fails here as "not a database", where the
    # integrity checks would report every page of a sound file as damaged.
    connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    cipher = connection.execute("PRAGMA cipher_integrity_check").fetchall()
    if cipher:
        raise CopyProblem(f"the encryption check found {len(cipher)} damaged "
                          f"page{'s' * (len(cipher) != 1)}")
    integrity = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    if integrity != ["ok"]:
        raise CopyProblem(f"the database check found {len(integrity)} "
                          f"problem{'s' * (len(integrity) != 1)}")
    counts = read_counts(connection)
    if expected is not None and counts != expected:
        raise CopyProblem(f"it holds {_figures(counts)}, but the practice held {_figures(expected)}")
    return counts


def _figures(counts: Counts) -> str:
    return (f"{counts.clients} clients, {counts.sessions} sessions and {counts.events} events "
            f"(schema {counts.schema or 'none'})")


def _cause(error: BaseException) -> str:
    text = str(error).lower()
    if "not a database" in text:
        return "it does not decrypt with this passphrase, or it is damaged"
    if "no such table" in text:
        return "it is not a KAPDesk practice"
    if "malformed" in text or "corrupt" in text:
        return "it is damaged"
    return "the file could not be read"
