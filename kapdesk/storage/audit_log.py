"""The practice's audit trail: one append-only, chained entry per audited action.

`AuditLog.record(kind, ...)` is the one call each place makes after the action
it audits has happened (an unlock, a search, an export, a signature...). It
never raises and never undoes the action: if the entry cannot be written (a
full disk, say) the action stands, the failure is kept in words
(`unwritten`, newest last) and handed to `on_unwritten` when the app has set
one, so a screen can say it calmly.

Each entry is sealed with the practice's audit key (Practice.audit_key, never
stored) and chained to the one before (core/audit.py). The insert is a
compare-and-swap in one statement: it only lands if the newest entry is still
the one it was chained to, so two writers (the screen and a backup worker, or
a tool in a terminal) never fork the chain; the loser chains again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from threading import Lock

import sqlalchemy as sa

from kapdesk.core.audit import (GENESIS, AuditEntry, AuditKind, ChainVerdict, clip_detail,
                                seal_entry, verify_chain)
from kapdesk.core.clock import Clock
from kapdesk.core.record_seal import key_id
from kapdesk.storage.practice import Practice
from kapdesk.storage.tables import audit_log

ATTEMPTS = 5
_HEAD = sa.text("SELECT mac FROM audit_log ORDER BY id DESC LIMIT 1")
_APPEND = sa.text(
    "INSERT INTO audit_log (at, kind, client_id, session_id, detail, prev_mac, mac, key_id) "
    "SELECT :at, :kind, :client_id, :session_id, :detail, :prev_mac, :mac, :key_id "
    "WHERE coalesce((SELECT mac FROM audit_log ORDER BY id DESC LIMIT 1), '') = :prev_mac")


class AuditLog:
    def __init__(self, practice: Practice, clock: Clock) -> None:
        self._practice = practice
        self._engine = practice.engine
        self._clock = clock
        self._lock = Lock()  # one writer at a time within the app; the SQL guards across processes
        self.unwritten: list[str] = []
        self.on_unwritten: Callable[[str], None] | None = None

    def record(self, kind: AuditKind, client_id: int | None = None, session_id: int | None = None,
               detail: str = "") -> bool:
        """Write one entry; True when written. Never raises: the audited action stands."""
        try:
            self._append(AuditKind(kind), client_id, session_id, clip_detail(detail))
            return True
        except Exception as error:  # noqa: BLE001 - whatever failed, the user's action stands
            self._unwritten(str(getattr(kind, "words", kind)), error)
            return False

    def _append(self, kind: AuditKind, client_id: int | None, session_id: int | None,
                detail: str) -> None:
        key = self._practice.audit_key
        at = self._clock.now()
        with self._lock:
            for _ in range(ATTEMPTS):
                with self._engine.begin() as connection:
                    prev = connection.execute(_HEAD).scalar() or GENESIS
                    mac = seal_entry(key, at, kind.value, client_id, session_id, detail, prev)
                    written = connection.execute(_APPEND, {
                        "at": at, "kind": kind.value, "client_id": client_id,
                        "session_id": session_id, "detail": detail, "prev_mac": prev, "mac": mac,
                        "key_id": key_id(key)}).rowcount
                if written == 1:
                    return
        raise RuntimeError("the audit trail was busy")

    def _unwritten(self, what: str, error: BaseException) -> None:
        from kapdesk.storage.errors import fault_cause

        stamp = dt.datetime.fromtimestamp(self._clock.now()).strftime("%H:%M")
        message = (f"At {stamp}, “{what}” was done, but the audit trail could not note it: "
                   f"{fault_cause(error)}. Nothing else was affected.")
        self.unwritten.append(message)
        if self.on_unwritten is not None:
            try:
                self.on_unwritten(message)
            except Exception:  # noqa: BLE001 - telling must not undo the action either
                pass

    # --- reading --------------------------------------------------------------

    def entries(self, client_id: int | None = None, since: float | None = None,
                limit: int | None = None) -> list[AuditEntry]:
        """Entries newest first, for a client and from a time when given."""
        query = sa.select(audit_log).order_by(audit_log.c.id.desc())
        if client_id is not None:
            query = query.where(audit_log.c.client_id == client_id)
        if since is not None:
            query = query.where(audit_log.c.at >= since)
        if limit is not None:
            query = query.limit(limit)
        with self._engine.connect() as connection:
            return [_entry(row) for row in connection.execute(query)]

    def verify(self) -> ChainVerdict:
        """The whole chain checked, oldest first (core/audit.verify_chain)."""
        with self._engine.connect() as connection:
            return verify_trail(connection, self._practice.audit_key)

    def head(self) -> str:
        """The newest entry's seal ("" before the first): printed on PDFs, kept with backups."""
        with self._engine.connect() as connection:
            return connection.execute(_HEAD).scalar() or GENESIS


def verify_trail(connection: sa.Connection, key: bytes) -> ChainVerdict:
    """The practice's whole audit trail, read in storage order and checked."""
    rows = connection.execute(sa.select(audit_log).order_by(audit_log.c.id))
    return verify_chain(key, [_entry(row) for row in rows])


def audited_check(check: Callable[[str], bool], audit: AuditLog | None, where: str
                  ) -> Callable[[str], bool]:
    """`check` (is this the practice passphrase?), each answer written to the audit trail."""
    def checked(passphrase: str) -> bool:
        confirmed = check(passphrase)
        if audit is not None:
            audit.record(AuditKind.UNLOCK if confirmed else AuditKind.UNLOCK_FAILED, detail=where)
        return confirmed

    return checked


def changed_fields(before: object, after: object, names: tuple[str, ...]) -> str:
    """Which fields differ, by name only (an audit detail never holds what they say)."""
    return ", ".join(name.replace("_", " ") for name in names
                     if getattr(before, name) != getattr(after, name))


def _entry(row: sa.Row) -> AuditEntry:
    return AuditEntry(number=row.id, at=row.at, kind=row.kind, client_id=row.client_id,
                      session_id=row.session_id, detail=row.detail, prev_mac=row.prev_mac,
                      mac=row.mac)
