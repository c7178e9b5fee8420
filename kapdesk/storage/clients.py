"""Storing clients. Clients are archived, never deleted: their sessions stay.

Core, not ORM. (The very first client list after launch is read without
SQLAlchemy: see first_read.py.)
"""

from __future__ import annotations

import sqlalchemy as sa

from kapdesk.core.clients import DRAFT_FIELDS, ClientDraft, ClientRecord, in_list_order, record_from_row
from kapdesk.core.audit import AuditKind
from kapdesk.core.clock import Clock
from kapdesk.storage.audit_log import AuditLog, changed_fields
from kapdesk.storage.practice import Practice
from kapdesk.storage.tables import clients


class ClientStore:
    def __init__(self, practice: Practice, clock: Clock, audit: AuditLog | None = None) -> None:
        self._engine = practice.engine
        self._clock = clock
        self._audit = audit  # every change of a client's details is audited (DESIGN.md)

    def list(self, include_archived: bool = False) -> list[ClientRecord]:
        query = sa.select(clients)
        if not include_archived:
            query = query.where(clients.c.archived.is_(False))
        with self._engine.connect() as connection:
            rows = connection.execute(query).mappings().all()
        return in_list_order(record_from_row(row) for row in rows)

    def get(self, client_id: int) -> ClientRecord:
        with self._engine.connect() as connection:
            row = connection.execute(sa.select(clients).where(clients.c.id == client_id)).mappings().first()
        if row is None:
            raise KeyError(client_id)
        return record_from_row(row)

    def add(self, draft: ClientDraft) -> ClientRecord:
        now = self._clock.now()
        values = {**_columns(draft), "archived": False, "created_at": now, "updated_at": now}
        with self._engine.begin() as connection:
            client_id = connection.execute(sa.insert(clients).values(values)).inserted_primary_key[0]
        self._audited(client_id, "client added")
        return self.get(client_id)

    def update(self, client_id: int, draft: ClientDraft) -> ClientRecord:
        before = self.get(client_id).draft
        self._update(client_id, _columns(draft))
        after = self.get(client_id)
        self._audited(client_id, changed_fields(before, after.draft, DRAFT_FIELDS) or "saved unchanged")
        return after

    def set_archived(self, client_id: int, archived: bool) -> ClientRecord:
        self._update(client_id, {"archived": archived})
        self._audited(client_id, "archived" if archived else "back from the archive")
        return self.get(client_id)

    def set_intention(self, client_id: int, intention: str) -> None:
        self._update(client_id, {"intention": intention})
        self._audited(client_id, "intention")

    def _audited(self, client_id: int, detail: str) -> None:
        if self._audit is not None:
            self._audit.record(AuditKind.CLIENT_CHANGED, client_id=client_id, detail=detail)

    def _update(self, client_id: int, values: dict) -> None:
        values = {**values, "updated_at": self._clock.now()}
        with self._engine.begin() as connection:
            result = connection.execute(sa.update(clients).where(clients.c.id == client_id).values(values))
        if result.rowcount != 1:
            raise KeyError(client_id)


def _columns(draft: ClientDraft) -> dict:
    draft = draft.cleaned()
    return {name: getattr(draft, name) for name in DRAFT_FIELDS}
