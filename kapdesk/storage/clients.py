"""Storing clients. Clients are archived, never deleted: their sessions stay."""

from __future__ import annotations

import sqlalchemy as sa

from kapdesk.core.clients import ClientDraft, ClientRecord
from kapdesk.core.clock import Clock
from kapdesk.storage.models import Client
from kapdesk.storage.practice import Practice

_DRAFT_FIELDS = tuple(ClientDraft.__dataclass_fields__)


class ClientStore:
    def __init__(self, practice: Practice, clock: Clock) -> None:
        self._practice = practice
        self._clock = clock

    def list(self, include_archived: bool = False) -> list[ClientRecord]:
        query = sa.select(Client)
        if not include_archived:
            query = query.where(Client.archived.is_(False))
        with self._practice.orm() as orm:
            rows = orm.scalars(query).all()
        return sorted((_record(row) for row in rows), key=lambda c: c.display_name.casefold())

    def get(self, client_id: int) -> ClientRecord:
        with self._practice.orm() as orm:
            row = orm.get(Client, client_id)
            if row is None:
                raise KeyError(client_id)
            return _record(row)

    def add(self, draft: ClientDraft) -> ClientRecord:
        now = self._clock.now()
        row = Client(archived=False, created_at=now, updated_at=now, **_columns(draft))
        with self._practice.orm() as orm, orm.begin():
            orm.add(row)
        return _record(row)

    def update(self, client_id: int, draft: ClientDraft) -> ClientRecord:
        with self._practice.orm() as orm, orm.begin():
            row = orm.get_one(Client, client_id)
            for name, value in _columns(draft).items():
                setattr(row, name, value)
            row.updated_at = self._clock.now()
        return _record(row)

    def set_archived(self, client_id: int, archived: bool) -> ClientRecord:
        with self._practice.orm() as orm, orm.begin():
            row = orm.get_one(Client, client_id)
            row.archived = archived
            row.updated_at = self._clock.now()
        return _record(row)

    def set_intention(self, client_id: int, intention: str) -> None:
        with self._practice.orm() as orm, orm.begin():
            row = orm.get_one(Client, client_id)
            row.intention = intention
            row.updated_at = self._clock.now()


def _columns(draft: ClientDraft) -> dict:
    draft = draft.cleaned()
    return {name: getattr(draft, name) for name in _DRAFT_FIELDS}


def _record(row: Client) -> ClientRecord:
    draft = ClientDraft(**{name: getattr(row, name) for name in _DRAFT_FIELDS})
    return ClientRecord(id=row.id, draft=draft, archived=row.archived)
