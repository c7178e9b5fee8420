"""Storing filled rating scales (PHQ-9, GAD-7, PCL-5) and their corrections.

A row keeps the answers as the client gave them, item by item, PHQ-9's
difficulty question, when and how the form was filled (client mode or typed
from paper); the scores are computed from the answers on every read (scoring
is exact and cheap), with the practice's cut-offs. A correction is a new row
naming the one it supersedes, with the reason (measure_course.correction):
nothing is updated or deleted. Reads return core's `MeasureRecord`, every
record of the client, corrected ones too: core's `current_records`,
`history` and `course_figures` decide what counts.
"""

from __future__ import annotations

import sqlalchemy as sa

from kapdesk.core.clock import Clock
from kapdesk.core.measure_course import FilledBy, MeasureRecord, correction, correction_problems
from kapdesk.core.measures import DEFAULT_SETTINGS, MeasureKind, MeasureResult, MeasureSettings
from kapdesk.storage.course_errors import CourseRecordRefused, refuse_if
from kapdesk.storage.practice import Practice
from kapdesk.storage.tables import clients, measures

# Only what a record is made of; read in one query per client.
_COLUMNS = (measures.c.id, measures.c.client_id, measures.c.kind, measures.c.taken_at,
            measures.c.filled_by, measures.c.answers, measures.c.difficulty,
            measures.c.recorded_at, measures.c.supersedes, measures.c.reason)


class MeasureStore:
    def __init__(self, practice: Practice, clock: Clock) -> None:
        self._engine = practice.engine
        self._clock = clock

    def add(self, client_id: int, result: MeasureResult, taken_at: float,
            filled_by: FilledBy) -> MeasureRecord:
        """Store a newly filled form (scored already: a refused form never gets here)."""
        record = MeasureRecord(client_id, result, taken_at, FilledBy(filled_by),
                               self._clock.now())
        return self._insert(record)

    def correct(self, original: MeasureRecord, result: MeasureResult, reason: str,
                taken_at: float | None = None,
                filled_by: FilledBy | None = None) -> MeasureRecord:
        """Store a correction of `original`, which stays as it was."""
        return self._insert(correction(original, result, reason, self._clock.now(),
                                       taken_at, filled_by))

    def for_client(self, client_id: int, kind: MeasureKind | None = None,
                   settings: MeasureSettings = DEFAULT_SETTINGS) -> list[MeasureRecord]:
        """Every record of the client (of `kind`, when given), in the order stored."""
        with self._engine.connect() as connection:
            return client_measures(connection, client_id, kind, settings)

    def get(self, measure_id: int, settings: MeasureSettings = DEFAULT_SETTINGS) -> MeasureRecord:
        with self._engine.connect() as connection:
            row = connection.execute(sa.select(*_COLUMNS).where(measures.c.id == measure_id)
                                     ).mappings().first()
        if row is None:
            raise KeyError(measure_id)
        return record_of(row, settings)

    def _insert(self, record: MeasureRecord) -> MeasureRecord:
        with self._engine.begin() as connection:
            if connection.execute(sa.select(clients.c.id).where(
                    clients.c.id == record.client_id)).first() is None:
                raise CourseRecordRefused(["There is no such client."])
            if record.supersedes is not None:
                refuse_if(correction_problems(record, client_measures(
                    connection, record.client_id, None, DEFAULT_SETTINGS)))
            new_id = connection.execute(measures.insert().values(_row(record))).inserted_primary_key[0]
        return MeasureRecord(record.client_id, record.result, record.taken_at, record.filled_by,
                             record.recorded_at, new_id, record.supersedes, record.reason)


def client_measures(connection: sa.Connection, client_id: int, kind: MeasureKind | None,
                    settings: MeasureSettings) -> list[MeasureRecord]:
    query = sa.select(*_COLUMNS).where(measures.c.client_id == client_id)
    if kind is not None:
        query = query.where(measures.c.kind == MeasureKind(kind).value)
    rows = connection.execute(query.order_by(measures.c.id)).mappings().all()
    return [record_of(row, settings) for row in rows]


def record_of(row: sa.RowMapping, settings: MeasureSettings = DEFAULT_SETTINGS) -> MeasureRecord:
    return MeasureRecord.from_data(row, settings)


def _row(record: MeasureRecord) -> dict:
    return {"client_id": record.client_id, "kind": record.kind.value,
            "taken_at": record.taken_at, "filled_by": record.filled_by.value,
            "answers": list(record.result.answers), "difficulty": record.result.difficulty,
            "recorded_at": record.recorded_at, "supersedes": record.supersedes,
            "reason": record.reason.strip()}
