"""What is due across the practice: read in four queries whatever its size.

The main window's due list needs, for every client, the dosing sessions that
ended with a dose given, the check-ins and integration sessions recorded, and
what the therapist set aside; core/course_due.py decides what is still owed
and in which order. Corrected talk records are read too so that only the
latest version counts (core/superseding.current).
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from kapdesk.core.clock import Clock
from kapdesk.core.course_due import (CourseWindows, DoseEnd, DueItem, DueKind, SetAside, open_items,
                                     set_aside_problems)
from kapdesk.core.events import EventKind
from kapdesk.core.superseding import current
from kapdesk.core.talk_sessions import TalkKind, TalkSession
from kapdesk.storage.course_errors import CourseRecordRefused, refuse_if
from kapdesk.storage.practice import Practice
from kapdesk.storage.practice_settings_store import load_course_windows
from kapdesk.storage.settings import SettingsStore
from kapdesk.storage.tables import clients, due_set_asides, session_events, sessions, talk_sessions

_OWED_KINDS = (TalkKind.CHECK_IN.value, TalkKind.INTEGRATION.value)


@dataclass(frozen=True)
class DueEntry:
    item: DueItem
    client_name: str


class DueReader:
    def __init__(self, practice: Practice, clock: Clock, settings: SettingsStore) -> None:
        self._engine = practice.engine
        self._clock = clock
        self._settings = settings

    def windows(self) -> CourseWindows:
        return load_course_windows(self._settings)

    def open_items(self, client_id: int | None = None) -> list[DueEntry]:
        """Every check-in and integration session still owed (of one client, when given),
        with the client's name; active clients only (an archived client owes nothing)."""
        with self._engine.connect() as connection:
            doses = _dose_ends(connection, client_id)
            client_ids = {dose.client_id for dose in doses}
            if not client_ids:
                return []
            # Only what clearing needs: no fields or notes to decode for a list of what is owed.
            talk_rows = connection.execute(
                sa.select(talk_sessions.c.id, talk_sessions.c.client_id, talk_sessions.c.kind,
                          talk_sessions.c.started_at, talk_sessions.c.after_dose_session,
                          talk_sessions.c.supersedes)
                .where(talk_sessions.c.client_id.in_(client_ids),
                       talk_sessions.c.kind.in_(_OWED_KINDS))
                .order_by(talk_sessions.c.id)).all()
            aside_rows = connection.execute(sa.select(due_set_asides).where(
                due_set_asides.c.client_id.in_(client_ids))).all()
            names = dict(connection.execute(sa.select(clients.c.id, clients.c.display_name)
                                            .where(clients.c.id.in_(client_ids))).all())
        talks = current(TalkSession(row.client_id, TalkKind(row.kind), row.started_at, 0,
                                    after_dose_session=row.after_dose_session, id=row.id,
                                    supersedes=row.supersedes) for row in talk_rows)
        asides = [SetAside(row.client_id, row.session_id, DueKind(row.kind), row.reason, row.set_at)
                  for row in aside_rows]
        items = open_items(doses, talks, asides, self.windows())
        return [DueEntry(item, names[item.client_id]) for item in items]

    def set_aside(self, client_id: int, session_id: int, kind: DueKind, reason: str) -> SetAside:
        """Record that an owed check-in or integration session will not happen, and why."""
        refuse_if(set_aside_problems(reason))
        now = self._clock.now()
        with self._engine.begin() as connection:
            owner = connection.execute(sa.select(sessions.c.client_id).where(
                sessions.c.id == session_id)).scalar()
            if owner != client_id:
                raise CourseRecordRefused(["That dosing session is not the client's."])
            if connection.execute(sa.select(due_set_asides.c.id).where(
                    due_set_asides.c.session_id == session_id,
                    due_set_asides.c.kind == kind.value)).first() is not None:
                raise CourseRecordRefused(["That was already set aside."])
            connection.execute(due_set_asides.insert().values(
                client_id=client_id, session_id=session_id, kind=kind.value,
                reason=reason.strip(), set_at=now))
        return SetAside(client_id, session_id, kind, reason.strip(), now)


def _dose_ends(connection: sa.Connection, client_id: int | None) -> list[DoseEnd]:
    """Ended sessions of active clients in which a dose was given."""
    dosed = sa.exists().where(session_events.c.session_id == sessions.c.id,
                              session_events.c.kind == EventKind.DOSE_GIVEN.value)
    query = (sa.select(sessions.c.id, sessions.c.client_id, sessions.c.ended_at,
                       sessions.c.started_at)
             .join(clients, clients.c.id == sessions.c.client_id)
             .where(sessions.c.ended_at.is_not(None), clients.c.archived.is_(False), dosed))
    if client_id is not None:
        query = query.where(sessions.c.client_id == client_id)
    return [DoseEnd(row.id, row.client_id, row.ended_at, row.started_at)
            for row in connection.execute(query).all()]
