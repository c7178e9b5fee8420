"""Storing suicide-risk assessment results (the C-SSRS done on paper) and their corrections.

A PHQ-9 question 9 above 0 calls for one before the client counts as ready for
a dose (core/suicide_risk.py). The row names the PHQ-9 record that called for
it, when known; a corrected result is a new row naming the one it supersedes.
Nothing is updated or deleted. Reads return core's `RiskAssessment`.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from kapdesk.core.clock import Clock
from kapdesk.core.measure_course import day_of
from kapdesk.core.suicide_risk import RiskAssessment, RiskLevel, assessment_problems
from kapdesk.core.superseding import correcting_problems, current
from kapdesk.storage.course_errors import CourseRecordRefused, refuse_if
from kapdesk.storage.practice import Practice
from kapdesk.storage.tables import clients, measures, risk_assessments


class RiskAssessmentStore:
    def __init__(self, practice: Practice, clock: Clock) -> None:
        self._engine = practice.engine
        self._clock = clock

    def add(self, assessment: RiskAssessment, today: dt.date,
            tz: dt.tzinfo | None = None) -> RiskAssessment:
        """Store an assessment (or a correction: `supersedes` and `reason` set)."""
        with self._engine.begin() as connection:
            if connection.execute(sa.select(clients.c.id).where(
                    clients.c.id == assessment.client_id)).first() is None:
                raise CourseRecordRefused(["There is no such client."])
            taken_on = _phq9_day(connection, assessment, tz) or assessment.assessed_on
            refuse_if(assessment_problems(assessment, taken_on, today))
            if assessment.supersedes is not None:
                refuse_if(correcting_problems(assessment, client_assessments(
                    connection, assessment.client_id), "assessment"))
            new_id = connection.execute(risk_assessments.insert().values(
                _row(assessment, self._clock.now()))).inserted_primary_key[0]
        return self.get(new_id)

    def get(self, assessment_id: int) -> RiskAssessment:
        with self._engine.connect() as connection:
            row = connection.execute(sa.select(risk_assessments).where(
                risk_assessments.c.id == assessment_id)).mappings().first()
        if row is None:
            raise KeyError(assessment_id)
        return assessment_of(row)

    def history(self, client_id: int) -> list[RiskAssessment]:
        """Every assessment of the client, corrected ones too, in the order stored."""
        with self._engine.connect() as connection:
            return client_assessments(connection, client_id)

    def for_client(self, client_id: int) -> list[RiskAssessment]:
        """The assessments that count now (corrected ones left out)."""
        return current(self.history(client_id))


def _phq9_day(connection: sa.Connection, assessment: RiskAssessment,
              tz: dt.tzinfo | None) -> dt.date | None:
    """The day the PHQ-9 it answers was filled; refused if that is not this client's PHQ-9."""
    if assessment.measure_id is None:
        return None
    row = connection.execute(sa.select(measures.c.client_id, measures.c.kind, measures.c.taken_at)
                             .where(measures.c.id == assessment.measure_id)).first()
    if row is None or row.client_id != assessment.client_id or row.kind != "phq9":
        raise CourseRecordRefused(["The PHQ-9 this assessment answers is not among the "
                                   "client's records."])
    return day_of(row.taken_at, tz)


def client_assessments(connection: sa.Connection, client_id: int) -> list[RiskAssessment]:
    rows = connection.execute(sa.select(risk_assessments)
                              .where(risk_assessments.c.client_id == client_id)
                              .order_by(risk_assessments.c.id)).mappings().all()
    return [assessment_of(row) for row in rows]


def assessment_of(row: sa.RowMapping) -> RiskAssessment:
    return RiskAssessment(client_id=row["client_id"], level=RiskLevel(row["level"]),
                          assessed_by=row["assessed_by"],
                          assessed_on=dt.date.fromisoformat(row["assessed_on"]),
                          note=row["note"], measure_id=row["measure_id"], id=row["id"],
                          supersedes=row["supersedes"], reason=row["reason"])


def _row(assessment: RiskAssessment, now: float) -> dict:
    return {"client_id": assessment.client_id, "level": RiskLevel(assessment.level).value,
            "assessed_by": assessment.assessed_by.strip(),
            "assessed_on": assessment.assessed_on.isoformat(), "note": assessment.note,
            "measure_id": assessment.measure_id, "recorded_at": now,
            "supersedes": assessment.supersedes, "reason": assessment.reason.strip()}
