"""Storing a client's consents (to a version of the practice's document, with
consent to touch) and their corrections.

A consent names the document version given; that version is pinned in the
practice (practice_documents.py) so its words can be shown as the client read
them. A corrected consent is a new row naming the one it supersedes; nothing
is updated or deleted. Reads return core's `ClientConsent`.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from kapdesk.core.clock import Clock
from kapdesk.core.consent import ClientConsent, ConsentHow, TouchConsent, consent_problems
from kapdesk.core.superseding import correcting_problems, current
from kapdesk.storage.course_errors import CourseRecordRefused, refuse_if
from kapdesk.storage.practice import Practice
from kapdesk.storage.practice_documents import all_documents, pin_default_document
from kapdesk.storage.tables import clients, consents


class ConsentStore:
    def __init__(self, practice: Practice, clock: Clock) -> None:
        self._engine = practice.engine
        self._clock = clock

    def add(self, consent: ClientConsent, today: dt.date) -> ClientConsent:
        """Store a consent (or a correction: `supersedes` and `reason` set)."""
        with self._engine.begin() as connection:
            name = connection.execute(sa.select(clients.c.display_name).where(
                clients.c.id == consent.client_id)).scalar()
            if name is None:
                raise CourseRecordRefused(["There is no such client."])
            refuse_if(consent_problems(consent, name, today, all_documents(connection)))
            if consent.supersedes is not None:
                refuse_if(correcting_problems(consent, client_consents(
                    connection, consent.client_id), "consent"))
            pin_default_document(connection, self._clock.now())
            new_id = connection.execute(consents.insert().values(
                _row(consent, self._clock.now()))).inserted_primary_key[0]
        return self.get(new_id)

    def get(self, consent_id: int) -> ClientConsent:
        with self._engine.connect() as connection:
            row = connection.execute(sa.select(consents).where(consents.c.id == consent_id)
                                     ).mappings().first()
        if row is None:
            raise KeyError(consent_id)
        return consent_of(row)

    def history(self, client_id: int) -> list[ClientConsent]:
        """Every consent of the client, corrected ones too, in the order stored."""
        with self._engine.connect() as connection:
            return client_consents(connection, client_id)

    def for_client(self, client_id: int) -> list[ClientConsent]:
        """The consents that count now (corrected ones left out), oldest stored first."""
        return current(self.history(client_id))


def client_consents(connection: sa.Connection, client_id: int) -> list[ClientConsent]:
    rows = connection.execute(sa.select(consents).where(consents.c.client_id == client_id)
                              .order_by(consents.c.id)).mappings().all()
    return [consent_of(row) for row in rows]


def consent_of(row: sa.RowMapping) -> ClientConsent:
    allowed = row["touch_allowed"]
    return ClientConsent(
        client_id=row["client_id"], document_version=row["document_version"],
        given_on=dt.date.fromisoformat(row["given_on"]), how=ConsentHow(row["how"]),
        touch=None if allowed is None else TouchConsent(bool(allowed), row["touch_limits"]),
        typed_name=row["typed_name"], note=row["note"], id=row["id"],
        supersedes=row["supersedes"], reason=row["reason"])


def _row(consent: ClientConsent, now: float) -> dict:
    touch = consent.touch
    return {"client_id": consent.client_id, "document_version": consent.document_version,
            "given_on": consent.given_on.isoformat(), "how": consent.how.value,
            "touch_allowed": None if touch is None else touch.allowed,
            "touch_limits": "" if touch is None or not touch.allowed else touch.limits.strip(),
            "typed_name": consent.typed_name.strip(), "note": consent.note, "recorded_at": now,
            "supersedes": consent.supersedes, "reason": consent.reason.strip()}
