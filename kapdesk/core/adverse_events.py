"""Adverse events: what went wrong in or after a dosing session, and what was done.

DOMAIN.md "Records": an adverse event is recorded with its kind, severity,
time, the action taken and when it resolved. Kinds are a closed list the
history can count and flag (nausea or vomiting, raised blood pressure,
agitation, distressing emergence, a fall) plus "other" in words. An event
still unresolved is said so; a resolution time before the event is refused.
Entered in the room with one key and after the session; like every clinical
record it is never edited: a correction is a new record naming the old.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any


class AdverseKind(str, Enum):
    NAUSEA = "nausea_or_vomiting"
    RAISED_BP = "raised_blood_pressure"
    AGITATION = "agitation"
    DISTRESSING_EMERGENCE = "distressing_emergence"
    FALL = "fall"
    OTHER = "other"

    @property
    def words(self) -> str:
        return {"nausea_or_vomiting": "Nausea or vomiting",
                "raised_blood_pressure": "Raised blood pressure",
                "agitation": "Agitation", "distressing_emergence": "Distressing emergence",
                "fall": "Fall", "other": "Other"}[self.value]


class Severity(str, Enum):
    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"


@dataclass(frozen=True)
class AdverseEvent:
    kind: AdverseKind
    severity: Severity
    at: float  # epoch seconds
    action: str
    resolved_at: float | None = None
    other: str = ""  # what it was, for OTHER
    note: str = ""

    @property
    def resolved(self) -> bool:
        return self.resolved_at is not None

    def title(self) -> str:
        name = self.other.strip() if self.kind is AdverseKind.OTHER and self.other.strip() \
            else self.kind.words
        return f"{name} ({self.severity.value})"

    def words(self, tz: dt.tzinfo | None = None) -> str:
        at = dt.datetime.fromtimestamp(self.at, tz)
        text = f"Adverse event at {at:%H:%M}: {self.title()}. Action: {self.action.strip()}."
        if self.resolved_at is None:
            return text + " Not resolved when recorded."
        resolved = dt.datetime.fromtimestamp(self.resolved_at, tz)
        minutes = int((self.resolved_at - self.at) // 60)
        return text + f" Resolved at {resolved:%H:%M} (after {minutes} min)."

    def to_data(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "severity": self.severity.value, "at": self.at,
                "action": self.action, "resolved_at": self.resolved_at, "other": self.other,
                "note": self.note}

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> AdverseEvent:
        resolved = data.get("resolved_at")
        return cls(kind=AdverseKind(data["kind"]), severity=Severity(data["severity"]),
                   at=float(data["at"]), action=data.get("action") or "",
                   resolved_at=None if resolved is None else float(resolved),
                   other=data.get("other") or "", note=data.get("note") or "")


def adverse_problems(draft: AdverseEvent, now: float) -> list[str]:
    """What stops the entry being saved, in words."""
    problems = []
    if draft.kind is AdverseKind.OTHER and not draft.other.strip():
        problems.append("Say what happened: the kind is “Other”.")
    if not draft.action.strip():
        problems.append("Say what was done, even “watched, no action needed”.")
    if draft.at > now + 60:
        problems.append("The event's time is in the future.")
    if draft.resolved_at is not None:
        if draft.resolved_at < draft.at:
            problems.append("It cannot have resolved before it happened. Check the two times.")
        elif draft.resolved_at > now + 60:
            problems.append("The time it resolved is in the future. Leave it empty until it has.")
    return problems


def recorded_adverse(adverse: Iterable[Any], resolved: Mapping[int, float]) -> list[tuple[int, AdverseEvent]]:
    """A session's adverse events (its `state.adverse` and `state.adverse_resolved`)
    as (seq, AdverseEvent), each with the resolution learnt later folded in."""
    found = []
    for event in adverse:
        record = AdverseEvent.from_data(event.data)
        if record.resolved_at is None and event.seq in resolved:
            record = replace(record, resolved_at=resolved[event.seq])
        found.append((event.seq, record))
    return found
