"""The last dosing sessions, summarised where today's dose is chosen.

DOMAIN.md "The course of care": the dose is adjusted between sessions (a
first half dose, then full). Before the dose the therapist needs, for the
last few sessions: the date, the drug, mg and route, the highest blood
pressure measured, the adverse events and tags such as nausea, and the
debrief's plan for integration. A session without a reading says "no BP
taken", never a number; one without a dose is not a dosing session and is
left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from kapdesk.core.review_model import SessionFacts

SHOWN = 3


@dataclass(frozen=True)
class PastDose:
    session_id: int
    started_at: float
    dose: str  # "ketamine 150 mg sublingual + 50 mg"
    peak_bp: str  # "168/98", or "no BP taken"
    adverse: tuple[str, ...]
    tags: tuple[str, ...]
    plan: str

    def words(self, tz: dt.tzinfo | None = None) -> str:
        day = dt.datetime.fromtimestamp(self.started_at, tz)
        parts = [f"{day:%a %d %b %Y}: {self.dose}", f"peak BP {self.peak_bp}"
                 if self.peak_bp[0].isdigit() else self.peak_bp]
        if self.adverse:
            parts.append("adverse: " + ", ".join(self.adverse))
        if self.tags:
            parts.append("tags: " + ", ".join(self.tags))
        text = "; ".join(parts)
        return text + (f". Plan: {self.plan}" if self.plan else ".")


def peak_bp(facts: SessionFacts) -> str:
    if not facts.readings:
        return "no BP taken"
    worst = max(facts.readings, key=lambda r: (r.systolic, r.diastolic))
    return f"{worst.systolic}/{worst.diastolic}"


def past_doses(sessions: Iterable[tuple[int, SessionFacts]], limit: int = SHOWN) -> list[PastDose]:
    """The latest `limit` dosing sessions among `sessions` (id, facts), newest first."""
    dosed = [(session_id, facts) for session_id, facts in sessions
             if facts.doses and facts.started_at is not None]
    dosed.sort(key=lambda pair: (pair[1].started_at, pair[0]), reverse=True)
    return [PastDose(session_id, facts.started_at, facts.dose_label, peak_bp(facts),
                     facts.adverse, facts.tags, facts.plan)
            for session_id, facts in dosed[:limit]]
