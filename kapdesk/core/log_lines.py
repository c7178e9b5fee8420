"""A session log's lines: the words and times the room's log and Records share.

Both list a session's events, with each phase's beginning between them.
They once worded them each their own way ("Moved on early" in the room,
"Phase ended early" in Records) and stamped them by their own clocks; now
both read their lines here: the record's one time convention
(formatting.record_time, "14:47 +0:42", stated once as LOG_LEGEND) and
review_model.describe's words, headed by the kind of entry where the words
alone would not say it ("Note — …", "Vitals — BP 120/80, HR 72").
"""

from __future__ import annotations

from typing import Iterable

from kapdesk.core.events import EventKind
from kapdesk.core.formatting import SINCE_DOSE_LEGEND, dose_before, record_time
from kapdesk.core.review_model import MARK_KINDS

# Every kind Records lists (all but the two that repeat the track list); the room too.
LISTED_KINDS = MARK_KINDS
KIND_WORDS = {EventKind.NOTE: "Note", EventKind.TAG: "Tag", EventKind.VITALS: "Vitals",
              EventKind.DOSE_GIVEN: "Dose", EventKind.DEBRIEF_SAVED: "Debrief",
              EventKind.ADDENDUM: "Addendum", EventKind.SIGNED: "Signed",
              EventKind.APP_RECOVERED: "Gap", EventKind.READINESS_OVERRIDDEN: "Readiness"}
LOG_LEGEND = f"Times: clock time; {SINCE_DOSE_LEGEND}"


def line_time(at: float, doses: Iterable[float]) -> str:
    """"14:47 +0:42": the clock, and the time since the latest dose given by then."""
    return record_time(at, dose_before(doses, at))


def entry_words(kind: EventKind, text: str) -> str:
    """"Note — Tearful", "Tag — talking": describe's words, headed by the kind of entry."""
    heading = KIND_WORDS.get(kind, "")
    if not heading:
        return text
    return f"{heading} — {text.removeprefix(f'{heading}: ')}"


def log_line(at: float, kind: EventKind, text: str, doses: Iterable[float]) -> str:
    """"14:35 +0:20   Note — Tearful when the music changed"."""
    return f"{line_time(at, doses)}   {entry_words(kind, text)}"


def phase_line(at: float, name: str, doses: Iterable[float]) -> str:
    """"14:20 +0:10   — Lying-down journey began —"."""
    return f"{line_time(at, doses)}   — {name} began —"
