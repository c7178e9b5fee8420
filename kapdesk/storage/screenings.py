"""Storing intake screenings, their medical clearances and their corrections.

A screening is stored once, with the version of the contraindication list it
answered (that version is pinned in the practice: practice_documents.py). A
clearance recorded later is a row of its own; a corrected screening is a new
row naming the one it supersedes, and keeps the clearances recorded against
the screenings it corrected. Nothing is ever updated or deleted (the
migration's triggers refuse it). Reads return core's `Screening`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace

import sqlalchemy as sa

from kapdesk.core.clock import Clock
from kapdesk.core.screening import Clearance, Screening, clearance_problems, screening_problems
from kapdesk.core.superseding import chain, correcting_problems, current
from kapdesk.storage.course_errors import CourseRecordRefused, refuse_if
from kapdesk.storage.practice import Practice
from kapdesk.storage.practice_documents import list_version, pin_default_list
from kapdesk.storage.tables import clients, screening_clearances, screenings


class ScreeningStore:
    def __init__(self, practice: Practice, clock: Clock) -> None:
        self._engine = practice.engine
        self._clock = clock

    def add(self, screening: Screening, today: dt.date) -> Screening:
        """Store a new screening (or a correction: `supersedes` and `reason` set)."""
        with self._engine.begin() as connection:
            if connection.execute(sa.select(clients.c.id).where(
                    clients.c.id == screening.client_id)).first() is None:
                raise CourseRecordRefused(["There is no such client."])
            answered = list_version(connection, screening.list_version)
            if answered is None:
                raise CourseRecordRefused([f"There is no contraindication list version "
                                           f"{screening.list_version}."])
            refuse_if(screening_problems(screening, answered, today))
            if screening.supersedes is not None:
                refuse_if(correcting_problems(screening, client_screenings(
                    connection, screening.client_id), "screening"))
            pin_default_list(connection, self._clock.now())
            new_id = connection.execute(screenings.insert().values(
                _row(screening, self._clock.now()))).inserted_primary_key[0]
        return self.get(new_id)

    def add_clearance(self, screening_id: int, clearance: Clearance, today: dt.date) -> Screening:
        """Record a medical clearance for one item of a stored screening."""
        found = self.get(screening_id)
        with self._engine.begin() as connection:
            if connection.execute(sa.select(screenings.c.id).where(
                    screenings.c.supersedes == screening_id)).first() is not None:
                raise CourseRecordRefused(["This screening was corrected; record the clearance "
                                           "on its latest version."])
            items = list_version(connection, found.list_version)
            assert items is not None  # a stored screening's version is pinned
            refuse_if(clearance_problems(found, items, clearance, today))
            connection.execute(screening_clearances.insert().values(
                screening_id=screening_id, item_key=clearance.item_key,
                cleared_by=clearance.cleared_by.strip(), cleared_on=clearance.cleared_on.isoformat(),
                note=clearance.note, recorded_at=self._clock.now()))
        return self.get(screening_id)

    def get(self, screening_id: int) -> Screening:
        with self._engine.connect() as connection:
            client_id = connection.execute(sa.select(screenings.c.client_id).where(
                screenings.c.id == screening_id)).scalar()
            if client_id is None:
                raise KeyError(screening_id)
            every = client_screenings(connection, client_id)
        return next(screening for screening in every if screening.id == screening_id)

    def history(self, client_id: int) -> list[Screening]:
        """Every screening of the client, corrected ones too, in the order stored."""
        with self._engine.connect() as connection:
            return client_screenings(connection, client_id)

    def for_client(self, client_id: int) -> list[Screening]:
        """The screenings that count now (corrected ones left out), oldest first."""
        return current(self.history(client_id))


def client_screenings(connection: sa.Connection, client_id: int) -> list[Screening]:
    """Every screening of one client with its clearances, in two queries."""
    rows = connection.execute(sa.select(screenings).where(screenings.c.client_id == client_id)
                              .order_by(screenings.c.id)).mappings().all()
    if not rows:
        return []
    found = [_screening(row) for row in rows]
    clearances = connection.execute(
        sa.select(screening_clearances)
        .where(screening_clearances.c.screening_id.in_([s.id for s in found]))
        .order_by(screening_clearances.c.id)).mappings().all()
    return [_with_clearances(screening, found, clearances) for screening in found]


def _with_clearances(screening: Screening, every: list[Screening],
                     rows: Iterable[sa.RowMapping]) -> Screening:
    # A correction keeps what was cleared against the screenings it corrected.
    ids = set(chain(screening, every))
    kept = tuple(Clearance(row["item_key"], row["cleared_by"],
                           dt.date.fromisoformat(row["cleared_on"]), row["note"])
                 for row in rows if row["screening_id"] in ids)
    return replace(screening, clearances=kept)


def _screening(row: sa.RowMapping) -> Screening:
    return Screening.from_data({**row, "clearances": []})


def _row(screening: Screening, now: float) -> dict:
    data = screening.to_data()
    return {"client_id": screening.client_id, "screened_on": data["screened_on"],
            "list_version": screening.list_version, "screened_by": screening.screened_by.strip(),
            "answers": data["answers"], "medications": data["medications"], "recorded_at": now,
            "supersedes": screening.supersedes, "reason": screening.reason.strip()}
