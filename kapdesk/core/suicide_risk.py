"""The suicide-risk assessment a PHQ-9 question 9 above 0 calls for.

DOMAIN.md: question 9 (thoughts of death or self-harm) above 0 calls for a
suicide-risk assessment before the client leaves, and before the client
counts as ready for a dose. The C-SSRS's electronic versions are licensed, so
the app does not ship its questions: the therapist does one on paper and
records its result here (risk level, who, when, a note). `assessment_for`
finds the assessment that answers a given PHQ-9; `assessment_problems` says in
words what a draft lacks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any


class RiskLevel(str, Enum):
    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return ("low", "moderate", "high").index(self.value)


@dataclass(frozen=True)
class RiskAssessment:
    """The result of a suicide-risk assessment done on paper."""

    client_id: int
    level: RiskLevel
    assessed_by: str
    assessed_on: dt.date
    note: str = ""
    measure_id: int | None = None  # the PHQ-9 record that called for it, when known
    id: int | None = None
    supersedes: int | None = None  # the stored assessment this one corrects
    reason: str = ""  # why it was corrected

    @property
    def words(self) -> str:
        text = (f"Suicide-risk assessment: {self.level.value} risk, by {self.assessed_by}, "
                f"{self.assessed_on.isoformat()}")
        return f"{text}. {self.note}" if self.note else text

    def to_data(self) -> dict[str, Any]:
        return {"id": self.id, "client_id": self.client_id, "level": self.level.value,
                "assessed_by": self.assessed_by, "assessed_on": self.assessed_on.isoformat(),
                "note": self.note, "measure_id": self.measure_id,
                "supersedes": self.supersedes, "reason": self.reason}

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> RiskAssessment:
        return cls(client_id=data["client_id"], level=RiskLevel(data["level"]),
                   assessed_by=data["assessed_by"],
                   assessed_on=dt.date.fromisoformat(data["assessed_on"]),
                   note=data.get("note") or "", measure_id=data.get("measure_id"),
                   id=data.get("id"), supersedes=data.get("supersedes"),
                   reason=data.get("reason") or "")


def assessment_problems(draft: RiskAssessment, taken_on: dt.date, today: dt.date) -> list[str]:
    """What is missing or wrong in a draft assessment for a PHQ-9 filled on `taken_on`."""
    problems = []
    if not draft.assessed_by.strip():
        problems.append("Say who did the assessment.")
    if draft.assessed_on > today:
        problems.append("The assessment date is in the future.")
    if draft.assessed_on < taken_on:
        problems.append(f"The assessment is dated before the PHQ-9 it answers "
                        f"({taken_on.isoformat()}); an earlier one does not count.")
    return problems


def assessment_for(measure_id: int | None, taken_on: dt.date,
                   assessments: Iterable[RiskAssessment],
                   earlier_ids: Iterable[int] = ()) -> RiskAssessment | None:
    """The latest assessment that answers the PHQ-9 `measure_id` filled on `taken_on`.

    One that names this record (or a record it corrected, `earlier_ids`)
    counts; one that names no record counts when done on or after the day the
    form was filled. One dated before the form never counts: it cannot have
    heard this answer.
    """
    ids = {measure_id, *earlier_ids} - {None}
    fitting = [a for a in assessments
               if a.assessed_on >= taken_on and (a.measure_id is None or a.measure_id in ids)]
    return max(fitting, key=lambda a: (a.assessed_on, a.id or 0), default=None)
