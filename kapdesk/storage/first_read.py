"""The first screen's data, read on the prewarmed connection before SQLAlchemy loads.

When the passphrase is known at launch, prewarm.py keys a DB-API connection
while Qt imports. On that connection this module runs the checks that must
pass before anything is shown (the header and schema, open_checks.py: nothing
that grows with the practice; the schema is this version's, so
nothing needs migrating; no session was left open by a crash) and reads the
client list in plain SQL. The window can then paint before SQLAlchemy, which
alone takes longer to import than a whole bare Qt window takes to start, has
loaded; the app opens the practice properly right after the first paint
(practice.adopt_practice, on this same connection).

Anything out of the ordinary returns None, and the app takes the full path
(practice.open_practice) which migrates, offers the resume, or explains the
problem in words. This module therefore never reports anything itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kapdesk.core.clients import RECORD_COLUMNS, ClientRecord, in_list_order, record_from_row
from kapdesk.storage.open_checks import header_problem
from kapdesk.storage.schema import HEAD

_CLIENTS_SQL = f"SELECT {', '.join(RECORD_COLUMNS)} FROM clients"


@dataclass(frozen=True)
class FirstRead:
    """Every client (archived too), read once; answers the client list like ClientStore."""

    clients: tuple[ClientRecord, ...]

    def list(self, include_archived: bool = False) -> list[ClientRecord]:
        return [client for client in self.clients if include_archived or not client.archived]


def read_first_screen(connection: Any) -> FirstRead | None:
    """The client list if the practice opens without anything to do or say, else None.

    `connection` is a keyed sqlcipher3 connection; it is left open, unchanged,
    for the engine to adopt.
    """
    try:
        db_path = _db_path(connection)
        if header_problem(lambda sql: _scalar(connection, sql), db_path) is not None:
            return None
        if not _verifier_belongs(db_path):
            return None  # the full path rewrites the passphrase check (practice.py)
        if _scalar(connection, "SELECT version_num FROM alembic_version") != HEAD:
            return None
        if _scalar(connection, "SELECT EXISTS (SELECT 1 FROM sessions WHERE ended_at IS NULL)"):
            return None  # the full path decides whether to offer a resume
        cursor = connection.execute(_CLIENTS_SQL)
        rows = [dict(zip(RECORD_COLUMNS, row, strict=True)) for row in cursor.fetchall()]
    except Exception:  # noqa: BLE001 - e.g. a missing table: the full path explains it
        return None
    return FirstRead(tuple(in_list_order(record_from_row(row) for row in rows)))


def _verifier_belongs(db_path: Path) -> bool:
    from kapdesk.storage.files import META_NAME
    from kapdesk.storage.verifier import read_db_salt, read_verifier

    verifier = read_verifier(db_path.with_name(META_NAME))
    return verifier is None or verifier.db_salt == read_db_salt(db_path)


def _db_path(connection: Any) -> Path:
    return Path(_scalar(connection, "SELECT file FROM pragma_database_list WHERE name = 'main'"))


def _scalar(connection: Any, sql: str) -> Any:
    row = connection.execute(sql).fetchone()
    return row[0] if row else None
