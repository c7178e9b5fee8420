"""The readiness for the dose in words: on the before-the-dose page, and as it
stood at the dose in the record (the review's session page and the PDF).

Each piece gets a mark and a status in words that name what: "ready",
"missing", and for a failed piece what failed ("not eligible" for a
screening, "not current" for a consent given to an older version, ...).

At the dose the page stores `Readiness.snapshot()` in the dose's own event
(data key "readiness", see core/runner.py `record_dose`): one event, so a dose
is never stored without it. Sessions recorded before readiness was checked
have none; `snapshot_lines` then says so rather than showing nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from kapdesk.core.events import Event, EventKind

SNAPSHOT_KEY = "readiness"  # in the dose_given event's data
NO_SNAPSHOT = "No readiness was recorded with this dose (recorded before readiness was checked)."
NO_DOSE = "No dose was recorded, so no readiness at the dose."
NO_TOUCH = "Touch: no consent recorded"

MARKS = {"ready": "✓", "missing": "○", "failed": "✗"}
# What a failed piece is, named (the status "failed" alone says too little).
FAILED_WORDS = {"screening": "not eligible", "consent": "not current",
                "phq9": "suicide risk above the practice's limit",
                "blood_pressure": "above the limit", "pace": "beyond the practice's pace"}


def status_words(key: str, status: str) -> str:
    """"ready", "missing", or what failed: "not eligible", "not current", ..."""
    if status == "failed":
        return FAILED_WORDS.get(key, "not met")
    return status


def mark(status: str) -> str:
    return MARKS.get(status, "?")


def piece_line(piece: Mapping[str, Any]) -> str:
    """"✗ Screening — not eligible: Bipolar I disorder: yes." from a snapshot's piece."""
    key, status = str(piece.get("key", "")), str(piece.get("status", ""))
    words = str(piece.get("words", "")).strip()
    said = status_words(key, status)
    head = f"{mark(status)} {piece.get('label', key)} — "
    if words.casefold().startswith(said.casefold()):
        return head + words  # "Not eligible: …" says it already
    return f"{head}{said}: {words}" if words else head + said


def touch_line(touch_words: str) -> str:
    """The room's line: "Touch: none", "Touch: a hand on the shoulder only", or that
    no consent to touch is recorded (absence shown, never a blank)."""
    return touch_words.strip() or NO_TOUCH


def snapshot_at_dose(events: Iterable[Event]) -> Mapping[str, Any] | None:
    """The readiness stored with the session's first dose; None when there is none."""
    for event in events:
        if event.kind is EventKind.DOSE_GIVEN:
            found = event.data.get(SNAPSHOT_KEY)
            return found if isinstance(found, Mapping) else None
    return None


def has_dose(events: Iterable[Event]) -> bool:
    return any(event.kind is EventKind.DOSE_GIVEN for event in events)


def snapshot_lines(snapshot: Mapping[str, Any] | None) -> tuple[str, ...]:
    """The snapshot in words, one line each: the verdict, each piece, the medications,
    consent to touch. A session without one says so."""
    if snapshot is None:
        return (NO_SNAPSHOT,)
    pieces = [p for p in snapshot.get("pieces") or () if isinstance(p, Mapping)]
    if snapshot.get("ready"):
        verdict = "Ready for the dose."
    else:
        names = ", ".join(f"{p.get('label')} ({status_words(str(p.get('key')), str(p.get('status')))})"
                          for p in pieces if p.get("status") != "ready")
        verdict = f"Not ready: {names}." if names else "Not ready."
    medications = [str(m) for m in snapshot.get("medications") or () if str(m).strip()]
    return (verdict, *(piece_line(p) for p in pieces),
            "Medications: " + ("; ".join(medications) if medications else "none listed"),
            touch_line(str(snapshot.get("touch") or "")))


def at_dose_lines(events: Iterable[Event]) -> tuple[str, ...]:
    """What the record says of readiness: nothing without a dose; otherwise the
    snapshot in words, then each override with its reason (core/readiness.py)."""
    events = tuple(events)
    if not has_dose(events):
        return ()
    from kapdesk.core.readiness import override_words  # the rules load only for a dose

    overrides = tuple(override_words(event.data) for event in events
                      if event.kind is EventKind.READINESS_OVERRIDDEN)
    return (*snapshot_lines(snapshot_at_dose(events)), *overrides)
