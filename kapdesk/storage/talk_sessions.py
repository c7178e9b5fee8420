"""Storing preparation sessions, integration sessions and check-ins, their signatures
and addenda.

Append-only like every clinical record (migration 0008's triggers): a
correction is a new row naming the one it supersedes, and only an unsigned
record can be corrected that way — a signed one takes dated addenda, as a
signed dosing record does. Reads return core's `TalkSession`.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from kapdesk.core.clock import Clock
from kapdesk.core.superseding import correcting_problems, current
from kapdesk.core.talk_sessions import CheckInHow, TalkKind, TalkSession, talk_problems
from kapdesk.storage.course_errors import CourseRecordRefused, refuse_if
from kapdesk.storage.practice import Practice
from kapdesk.storage.tables import clients, sessions, talk_addenda, talk_sessions, talk_signatures


@dataclass(frozen=True)
class TalkSignature:
    signed_by: str
    signed_at: float


@dataclass(frozen=True)
class TalkAddendum:
    text: str
    written_by: str
    written_at: float


class TalkSessionStore:
    def __init__(self, practice: Practice, clock: Clock) -> None:
        self._engine = practice.engine
        self._clock = clock

    def add(self, talk: TalkSession) -> TalkSession:
        """Store a talk session (or a correction: `supersedes` and `reason` set)."""
        now = self._clock.now()
        with self._engine.begin() as connection:
            if connection.execute(sa.select(clients.c.id).where(
                    clients.c.id == talk.client_id)).first() is None:
                raise CourseRecordRefused(["There is no such client."])
            refuse_if(talk_problems(talk, now))
            if talk.after_dose_session is not None:
                owner = connection.execute(sa.select(sessions.c.client_id).where(
                    sessions.c.id == talk.after_dose_session)).scalar()
                if owner != talk.client_id:
                    raise CourseRecordRefused(["The dosing session it follows is not among "
                                               "the client's sessions."])
            if talk.supersedes is not None:
                refuse_if(correcting_problems(talk, client_talks(connection, talk.client_id),
                                              "record"))
                if _signature(connection, talk.supersedes) is not None:
                    raise CourseRecordRefused(["That record is signed: add an addendum "
                                               "instead of correcting it."])
            new_id = connection.execute(talk_sessions.insert().values(
                _row(talk, now))).inserted_primary_key[0]
        return self.get(new_id)

    def get(self, talk_id: int) -> TalkSession:
        with self._engine.connect() as connection:
            row = connection.execute(sa.select(talk_sessions).where(
                talk_sessions.c.id == talk_id)).mappings().first()
        if row is None:
            raise KeyError(talk_id)
        return talk_of(row)

    def history(self, client_id: int) -> list[TalkSession]:
        """Every talk record of the client, corrected ones too, in the order stored."""
        with self._engine.connect() as connection:
            return client_talks(connection, client_id)

    def for_client(self, client_id: int) -> list[TalkSession]:
        """The records that count now, oldest session first."""
        return sorted(current(self.history(client_id)), key=lambda t: (t.started_at, t.id or 0))

    def sign(self, talk_id: int, signed_by: str) -> TalkSignature:
        if not signed_by.strip():
            raise CourseRecordRefused(["Say who signs: set the therapist's name in Settings."])
        with self._engine.begin() as connection:
            if connection.execute(sa.select(talk_sessions.c.id).where(
                    talk_sessions.c.supersedes == talk_id)).first() is not None:
                raise CourseRecordRefused(["That record was corrected; sign the latest version."])
            if _signature(connection, talk_id) is not None:
                raise CourseRecordRefused(["That record is already signed."])
            connection.execute(talk_signatures.insert().values(
                talk_id=talk_id, signed_by=signed_by.strip(), signed_at=self._clock.now()))
            return _signature(connection, talk_id)  # type: ignore[return-value]

    def signature(self, talk_id: int) -> TalkSignature | None:
        with self._engine.connect() as connection:
            return _signature(connection, talk_id)

    def add_addendum(self, talk_id: int, text: str, written_by: str) -> TalkAddendum:
        """A dated addendum to a signed record (an unsigned one is corrected instead)."""
        if not text.strip():
            raise CourseRecordRefused(["Write the addendum first."])
        with self._engine.begin() as connection:
            if _signature(connection, talk_id) is None:
                raise CourseRecordRefused(["Only a signed record takes addenda; "
                                           "correct an unsigned one."])
            now = self._clock.now()
            connection.execute(talk_addenda.insert().values(
                talk_id=talk_id, text=text.strip(), written_by=written_by.strip(), written_at=now))
        return TalkAddendum(text.strip(), written_by.strip(), now)

    def addenda(self, talk_id: int) -> list[TalkAddendum]:
        with self._engine.connect() as connection:
            rows = connection.execute(sa.select(talk_addenda).where(
                talk_addenda.c.talk_id == talk_id).order_by(talk_addenda.c.id)).all()
        return [TalkAddendum(row.text, row.written_by, row.written_at) for row in rows]


def _signature(connection: sa.Connection, talk_id: int) -> TalkSignature | None:
    row = connection.execute(sa.select(talk_signatures).where(
        talk_signatures.c.talk_id == talk_id)).first()
    return None if row is None else TalkSignature(row.signed_by, row.signed_at)


def client_talks(connection: sa.Connection, client_id: int) -> list[TalkSession]:
    rows = connection.execute(sa.select(talk_sessions)
                              .where(talk_sessions.c.client_id == client_id)
                              .order_by(talk_sessions.c.id)).mappings().all()
    return [talk_of(row) for row in rows]


def talk_of(row: sa.RowMapping) -> TalkSession:
    return TalkSession(client_id=row["client_id"], kind=TalkKind(row["kind"]),
                       started_at=row["started_at"], minutes=row["minutes"],
                       fields=dict(row["fields"] or {}), notes=row["notes"],
                       private_note=row["private_note"],
                       how=None if row["how"] is None else CheckInHow(row["how"]),
                       after_dose_session=row["after_dose_session"], id=row["id"],
                       supersedes=row["supersedes"], reason=row["reason"])


def _row(talk: TalkSession, now: float) -> dict:
    data = talk.to_data()
    return {"client_id": talk.client_id, "kind": talk.kind.value, "started_at": talk.started_at,
            "minutes": talk.minutes, "fields": data["fields"], "notes": talk.notes.strip(),
            "private_note": talk.private_note.strip(), "how": data["how"],
            "after_dose_session": talk.after_dose_session, "recorded_at": now,
            "supersedes": talk.supersedes, "reason": talk.reason.strip()}
