"""The talk sessions around the doses: preparation, integration and follow-up check-ins.

DOMAIN.md "The course of care": three or four preparation sessions before the
first dose, an integration session after every dose, and a check-in in the 72
hours after it. Each is a record of its own, with what its kind asks for
(integration: what stayed with the client, changes since the dose, practices,
the plan; check-in: how it was given, how the client is, any after-effects)
and free notes. Like every clinical record it is never edited: a correction is
a new record naming the one it supersedes (core/superseding.py).

A private psychotherapy note (DOMAIN.md "Records": kept apart from the medical
record) is its own field, `private_note`: kept with the record, shown with a
mark, and left out of exports and summaries unless asked for (`shared_data`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

# Long enough for any talk session; a longer number is a typo (minutes typed as seconds).
LONGEST_MINUTES = 8 * 60
PRIVATE_MARK = "Private psychotherapy note"


class TalkKind(str, Enum):
    PREPARATION = "preparation"
    INTEGRATION = "integration"
    CHECK_IN = "check_in"

    @property
    def words(self) -> str:
        return {"preparation": "Preparation session", "integration": "Integration session",
                "check_in": "Follow-up check-in"}[self.value]


class CheckInHow(str, Enum):
    PHONE = "phone"
    MESSAGE = "message"
    IN_PERSON = "in_person"
    VIDEO = "video"

    @property
    def words(self) -> str:
        return {"phone": "by phone", "message": "by message", "in_person": "in person",
                "video": "by video"}[self.value]


# The kind-specific fields, in the order a form shows them, with their labels.
KIND_FIELDS: dict[TalkKind, tuple[tuple[str, str], ...]] = {
    TalkKind.PREPARATION: (("intention", "Intention for the dosing sessions"),
                           ("history", "History and medications discussed")),
    TalkKind.INTEGRATION: (("stayed_with", "What stayed with them"),
                           ("changes", "Changes noticed since the dose"),
                           ("practices", "Practices"),
                           ("plan", "Plan")),
    TalkKind.CHECK_IN: (("how_they_are", "How they are"),
                        ("after_effects", "Any after-effects")),
}


@dataclass(frozen=True)
class TalkSession:
    """One preparation session, integration session or check-in, as recorded."""

    client_id: int
    kind: TalkKind
    started_at: float  # epoch seconds
    minutes: int
    fields: Mapping[str, str] = field(default_factory=dict)
    notes: str = ""
    private_note: str = ""
    how: CheckInHow | None = None  # check-ins only
    after_dose_session: int | None = None  # the dosing session it follows, when it does
    id: int | None = None
    supersedes: int | None = None
    reason: str = ""  # why it was corrected

    def field_text(self, name: str) -> str:
        return (self.fields.get(name) or "").strip()

    @property
    def has_private_note(self) -> bool:
        return bool(self.private_note.strip())

    def to_data(self) -> dict[str, Any]:
        """Everything, the private note included: the practice's own copy."""
        return {"id": self.id, "client_id": self.client_id, "kind": self.kind.value,
                "started_at": self.started_at, "minutes": self.minutes,
                "fields": {name: self.field_text(name) for name, _ in KIND_FIELDS[self.kind]},
                "notes": self.notes, "private_note": self.private_note,
                "how": None if self.how is None else self.how.value,
                "after_dose_session": self.after_dose_session,
                "supersedes": self.supersedes, "reason": self.reason}

    def shared_data(self, include_private: bool = False) -> dict[str, Any]:
        """What an export or a summary carries: the private note only when asked for;
        its absence is marked so a reader knows one was kept back."""
        data = self.to_data()
        if not include_private:
            data["private_note"] = None
            data["private_note_withheld"] = self.has_private_note
        return data

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> TalkSession:
        how = data.get("how")
        return cls(client_id=data["client_id"], kind=TalkKind(data["kind"]),
                   started_at=float(data["started_at"]), minutes=int(data["minutes"]),
                   fields=dict(data.get("fields") or {}), notes=data.get("notes") or "",
                   private_note=data.get("private_note") or "",
                   how=None if how is None else CheckInHow(how),
                   after_dose_session=data.get("after_dose_session"), id=data.get("id"),
                   supersedes=data.get("supersedes"), reason=data.get("reason") or "")


def talk_problems(draft: TalkSession, now: float) -> list[str]:
    """What stops a draft from being saved, in words a therapist acts on."""
    problems = []
    if draft.started_at > now + 60:
        problems.append("The session's time is in the future. Record it after it happened.")
    if not 1 <= draft.minutes <= LONGEST_MINUTES:
        problems.append(f"Give the session's length in minutes, between 1 and {LONGEST_MINUTES}.")
    if draft.kind is TalkKind.CHECK_IN and draft.how is None:
        problems.append("Say how the check-in was given: phone, message, video or in person.")
    if draft.kind is not TalkKind.CHECK_IN and draft.how is not None:
        problems.append("Only a check-in says how it was given.")
    known = {name for name, _ in KIND_FIELDS[draft.kind]}
    unknown = sorted(set(draft.fields) - known)
    if unknown:
        problems.append(f"A {draft.kind.words.lower()} has no field {', '.join(unknown)}.")
    written = [draft.field_text(name) for name in known] + [draft.notes.strip(),
                                                            draft.private_note.strip()]
    if not any(written):
        problems.append("Write something about the session: its fields or a note.")
    return problems


def correction_of(original: TalkSession, corrected: TalkSession, reason: str) -> TalkSession:
    """The new record that corrects `original` (its id), with the reason kept."""
    if original.id is None:
        raise ValueError("Only a saved record can be corrected.")
    return replace(corrected, id=None, client_id=original.client_id, kind=original.kind,
                   supersedes=original.id, reason=reason.strip())


def correction_problems(reason: str) -> list[str]:
    return [] if reason.strip() else ["Say why the record is corrected; both stay in the history."]


def talk_words(talk: TalkSession, tz: dt.tzinfo | None = None) -> str:
    """One line for a list or a course: kind, day and time, length, how."""
    when = dt.datetime.fromtimestamp(talk.started_at, tz).strftime("%a %d %b %Y %H:%M")
    text = f"{talk.kind.words}, {when}, {talk.minutes} min"
    if talk.how is not None:
        text += f", {talk.how.words}"
    if talk.has_private_note:
        text += f" · {PRIVATE_MARK.lower()} kept"
    return text
