"""Sessions in the practice: creating them, their durable event log, recovery.

`StoredEventSink.append` is the only way a live session writes: the event and
the session row's "last alive" time go in one transaction, committed with
synchronous=FULL before the call returns, so whatever the screen shows has
reached the disk. Core, not ORM: this is the hot path of every note.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from kapdesk.core.clock import Clock
from kapdesk.core.events import REVIEW_KINDS, Event, EventKind, validate_event_data
from kapdesk.core.script import Script
from kapdesk.storage.practice import Practice
from kapdesk.storage.tables import clients, session_events, sessions


@dataclass(frozen=True)
class OpenSession:
    """A session that was never ended: the app stopped while it ran."""

    session_id: int
    client_id: int
    client_name: str
    events: tuple[Event, ...]
    last_alive_at: float

    @property
    def down_since(self) -> float:
        """When the app was last known to be running this session."""
        last_event = self.events[-1].at if self.events else self.last_alive_at
        return max(self.last_alive_at, last_event)


class StoredEventSink:
    """An EventSink committing each event of one session to the practice."""

    def __init__(self, engine: sa.Engine, session_id: int) -> None:
        self._engine = engine
        self.session_id = session_id
        with engine.connect() as connection:
            last = connection.execute(
                sa.select(sa.func.max(session_events.c.seq))
                .where(session_events.c.session_id == session_id)).scalar()
        self._next_seq = (last or 0) + 1

    def append(self, kind: EventKind, at: float, data: Mapping[str, Any]) -> Event:
        return self.append_with(kind, at, data, also=None)

    def append_with(self, kind: EventKind, at: float, data: Mapping[str, Any],
                    also: Callable[[sa.Connection], object] | None) -> Event:
        """Append one event; `also(connection)` runs in the same transaction
        (signing seals the session row together with its `signed` event)."""
        kind = EventKind(kind)
        validate_event_data(kind, data)
        event = Event(seq=self._next_seq, kind=kind, at=at, data=data)
        with self._engine.begin() as connection:
            connection.execute(session_events.insert().values(
                session_id=self.session_id, seq=event.seq, kind=kind.value, at=at, data=event.data))
            if kind not in REVIEW_KINDS:
                connection.execute(_session_row(self.session_id).values(**_row_updates(kind, at)))
            if also is not None:
                also(connection)
        self._next_seq += 1
        return event


# Built once: it runs every 30 s through a whole session, and building and
# compiling the statement each time cost a third of its CPU time.
_KEEP_ALIVE = (sa.update(sessions)
               .where(sessions.c.id == sa.bindparam("session_id"), sessions.c.ended_at.is_(None))
               .values(last_alive_at=sa.bindparam("at")))


def _session_row(session_id: int) -> sa.Update:
    return sa.update(sessions).where(sessions.c.id == session_id)


def _row_updates(kind: EventKind, at: float) -> dict[str, float]:
    updates = {"last_alive_at": at}
    if kind is EventKind.SESSION_ENDED:
        updates["ended_at"] = at
    return updates


class SessionStore:
    def __init__(self, practice: Practice, clock: Clock) -> None:
        self._engine = practice.engine
        self._practice = practice  # its seal key seals a record as it is signed
        self._clock = clock

    def create(self, client_id: int, script: Script) -> int:
        """A new session row; its log starts when the runner's start() is stored."""
        now = self._clock.now()
        with self._engine.begin() as connection:
            return connection.execute(sessions.insert().values(
                client_id=client_id, script_id=script.id, script_name=script.name,
                started_at=now, last_alive_at=now)).inserted_primary_key[0]

    def sink(self, session_id: int) -> StoredEventSink:
        return StoredEventSink(self._engine, session_id)

    def events(self, session_id: int) -> tuple[Event, ...]:
        query = (sa.select(session_events.c.seq, session_events.c.kind, session_events.c.at,
                           session_events.c.data)
                 .where(session_events.c.session_id == session_id).order_by(session_events.c.seq))
        with self._engine.connect() as connection:
            rows = connection.execute(query).all()
        return tuple(Event(seq=row.seq, kind=row.kind, at=row.at, data=row.data) for row in rows)

    def keep_alive(self, session_id: int) -> None:
        """Note that the app is still running this session (for gaps after a crash)."""
        with self._engine.begin() as connection:
            connection.execute(_KEEP_ALIVE, {"session_id": session_id, "at": self._clock.now()})

    def open_sessions(self) -> list[OpenSession]:
        """The sessions never ended, newest first, each with its log (for replaying).

        Read through the partial index of open sessions (ix_sessions_open): the
        cost follows the open sessions, usually none, not the practice's years.
        """
        query = (sa.select(sessions.c.id, sessions.c.client_id, sessions.c.last_alive_at,
                           clients.c.display_name)
                 .join(clients, clients.c.id == sessions.c.client_id)
                 .where(sessions.c.ended_at.is_(None)).order_by(sessions.c.started_at.desc()))
        with self._engine.connect() as connection:
            rows = connection.execute(query).all()
        found = [OpenSession(row.id, row.client_id, row.display_name, self.events(row.id),
                             row.last_alive_at) for row in rows]
        # A session row whose start was never stored holds nothing to resume.
        return [session for session in found if session.events]

    def sign(self, session_id: int, by: str) -> Event:
        """Sign a session: the `signed` event, the row's signature and the record's
        seal (record_seals.py), in one transaction.

        From then on the storage itself (triggers) refuses any change but addenda.
        """
        from kapdesk.storage.record_seals import seal_session

        at = self._clock.now()

        def seal(connection: sa.Connection) -> None:
            connection.execute(_session_row(session_id).values(signed_at=at, signed_by=by))
            seal_session(connection, self._practice.seal_key, session_id, at)

        return self.sink(session_id).append_with(EventKind.SIGNED, at, {"by": by}, also=seal)
