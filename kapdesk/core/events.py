"""The session log's vocabulary: event kinds, the event record, and its checks.

A session is an append-only list of `Event`s (see DESIGN.md). Each kind has a
fixed set of required data keys; `validate_event_data` rejects a malformed
event before it reaches storage, because a bad record cannot be fixed later
(the log is never edited). Extra keys are allowed so later versions can add
detail without breaking old readers.

`EventSink` is what the session runner writes through; storage implements it
with a durable commit, and `MemorySink` keeps events in a list (tests, demos).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Callable, Mapping, Protocol


class EventKind(str, Enum):
    SESSION_STARTED = "session_started"
    INTENTION_UPDATED = "intention_updated"
    DOSE_GIVEN = "dose_given"
    CHECKLIST_TICKED = "checklist_ticked"
    PAUSED = "paused"
    RESUMED = "resumed"
    PHASE_EXTENDED = "phase_extended"
    PHASE_SKIPPED = "phase_skipped"
    NOTE = "note"
    TAG = "tag"
    VITALS = "vitals"
    CHECKPOINT_DONE = "checkpoint_done"
    CHECKPOINT_DISMISSED = "checkpoint_dismissed"
    DEBRIEF_SAVED = "debrief_saved"
    DISCHARGE_CHECKED = "discharge_checked"
    APP_RECOVERED = "app_recovered"
    SESSION_ENDED = "session_ended"
    TRACK_STARTED = "track_started"
    TRACK_STOPPED = "track_stopped"
    TRACK_FAILED = "track_failed"
    MUSIC_SILENCED = "music_silenced"
    MUSIC_RESUMED = "music_resumed"
    VOLUME_CHANGED = "volume_changed"
    OUTPUT_LOST = "output_lost"
    DIM_CHANGED = "dim_changed"
    ALERT_SEEN = "alert_seen"
    READINESS_OVERRIDDEN = "readiness_overridden"
    SIGNED = "signed"
    ADDENDUM = "addendum"
    ADVERSE_EVENT = "adverse_event"
    ADVERSE_RESOLVED = "adverse_resolved"
    GROUNDING_OPENED = "grounding_opened"
    GROUNDING_CLOSED = "grounding_closed"


MUSIC_KINDS = frozenset({
    EventKind.TRACK_STARTED, EventKind.TRACK_STOPPED, EventKind.TRACK_FAILED,
    EventKind.MUSIC_SILENCED, EventKind.MUSIC_RESUMED, EventKind.VOLUME_CHANGED,
    EventKind.OUTPUT_LOST,
})
# The room's veil (F9), lightest first: a room setting, kept in the log like the
# silence key so that a room resumed after a crash is as dark as it was.
DIM_LEVELS = ("off", "dim", "dimmer")
# Review events are written after the session, when the record is read and signed.
REVIEW_KINDS = frozenset({EventKind.SIGNED, EventKind.ADDENDUM})
# Adverse events are recorded in the room and after it (nausea on the way out,
# a fall in the car park): the log takes them after the end too.
ADVERSE_KINDS = frozenset({EventKind.ADVERSE_EVENT, EventKind.ADVERSE_RESOLVED})


class EventDataError(ValueError):
    """An event's data does not have the keys or types its kind requires."""


@dataclass(frozen=True)
class Event:
    """One committed entry of a session log.

    `seq` counts from 1 within a session; `at` is UTC wall-clock seconds since
    the epoch; `data` is JSON-able (its keys depend on `kind`).
    """

    seq: int
    kind: EventKind
    at: float
    data: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Storage hands kinds back as strings; a copy keeps the caller's dict from aliasing ours.
        object.__setattr__(self, "kind", EventKind(self.kind))
        object.__setattr__(self, "at", float(self.at))
        object.__setattr__(self, "data", dict(self.data))

    def to_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "kind": self.kind.value, "at": self.at, "data": dict(self.data)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Event:
        return cls(seq=int(data["seq"]), kind=EventKind(data["kind"]), at=float(data["at"]),
                   data=dict(data.get("data", {})))


# --- what each kind's data must hold -----------------------------------------

Check = Callable[[Any], bool]


def _text(value: Any) -> bool:
    return isinstance(value, str)


def _nonempty_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _number(value: Any) -> bool:
    # bool is an int subclass, but True is never a dose or a time.
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _positive_number(value: Any) -> bool:
    return _number(value) and value > 0


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _index(value: Any) -> bool:
    return _whole(value) and value >= 0


def _positive_whole(value: Any) -> bool:
    return _whole(value) and value > 0


def _flag(value: Any) -> bool:
    return isinstance(value, bool)


def _object(value: Any) -> bool:
    return isinstance(value, Mapping)


def _client_id(value: Any) -> bool:
    return _whole(value) or _nonempty_text(value)


def _playlist(value: Any) -> bool:
    return value is None or _text(value) or _whole(value)


def _texts(value: Any) -> bool:
    return isinstance(value, list) and all(_nonempty_text(item) for item in value)


def _dim_level(value: Any) -> bool:
    return value in DIM_LEVELS


def _or_none(check: Check) -> Check:
    return lambda value: value is None or check(value)


# kind -> {key: check}. Keys listed in OPTIONAL_KEYS may be absent.
DATA_KEYS: Mapping[EventKind, Mapping[str, Check]] = {
    EventKind.SESSION_STARTED: {"script": _object, "client_id": _client_id},
    EventKind.INTENTION_UPDATED: {"text": _text},
    EventKind.DOSE_GIVEN: {"drug": _nonempty_text, "mg": _positive_number,
                           "route": _nonempty_text, "given_at": _number,
                           "unticked": _texts, "reason": _or_none(_text),
                           "readiness": _object},
    EventKind.CHECKLIST_TICKED: {"item": _nonempty_text, "checked": _flag},
    EventKind.PAUSED: {},
    EventKind.RESUMED: {},
    EventKind.PHASE_EXTENDED: {"phase_index": _index, "seconds": _positive_whole},
    EventKind.PHASE_SKIPPED: {"phase_index": _index},
    EventKind.NOTE: {"text": _nonempty_text},
    EventKind.TAG: {"tag": _nonempty_text},
    EventKind.VITALS: {"systolic": _whole, "diastolic": _whole, "heart_rate": _whole,
                       "spo2": _or_none(_whole), "reason": _or_none(_text)},
    EventKind.CHECKPOINT_DONE: {"checkpoint_id": _nonempty_text},
    EventKind.CHECKPOINT_DISMISSED: {"checkpoint_id": _nonempty_text, "reason": _nonempty_text},
    EventKind.DEBRIEF_SAVED: {"fields": _object, "free_text": _text},
    # "left_at" / "left_with": the departure, stored with the item DEPARTURE_ITEM.
    EventKind.DISCHARGE_CHECKED: {"item": _nonempty_text, "checked": _flag,
                                  "left_at": _number, "left_with": _text},
    EventKind.APP_RECOVERED: {"down_since": _number},
    EventKind.SESSION_ENDED: {},
    EventKind.TRACK_STARTED: {"path": _nonempty_text, "title": _text, "playlist": _playlist},
    EventKind.TRACK_STOPPED: {"path": _nonempty_text, "reason": _text},
    EventKind.TRACK_FAILED: {"path": _text, "message": _text},
    EventKind.MUSIC_SILENCED: {},
    EventKind.MUSIC_RESUMED: {},
    EventKind.VOLUME_CHANGED: {"volume": _number},
    EventKind.OUTPUT_LOST: {"message": _text},
    # "why": "key" (F9) or "alert" (a safety alert lifted the veil).
    EventKind.DIM_CHANGED: {"level": _dim_level, "why": _text},
    # The therapist saw a safety alert (F12): which reading (the vitals event's
    # seq), what was at alert level in words ("BP 185/112") and when it was taken.
    EventKind.ALERT_SEEN: {"vitals_seq": _positive_whole, "what": _nonempty_text,
                           "reading_at": _number},
    # The dose went ahead although the client was not ready (core/readiness.py,
    # override_event_data): the therapist's reason, the labels of the pieces
    # missing or failed, and the readiness snapshot it overrode.
    EventKind.READINESS_OVERRIDDEN: {"reason": _nonempty_text, "not_ready": _texts,
                                     "readiness": _object},
    EventKind.SIGNED: {"by": _nonempty_text},
    EventKind.ADDENDUM: {"text": _nonempty_text, "author": _nonempty_text},
    # core/adverse_events.py's AdverseEvent.to_data(); `at` is when it happened,
    # the event's own time when it was recorded.
    EventKind.ADVERSE_EVENT: {"kind": _nonempty_text, "severity": _nonempty_text, "at": _number,
                              "action": _nonempty_text, "resolved_at": _or_none(_number),
                              "other": _text, "note": _text},
    # A recorded adverse event (its seq) resolved at a time learnt later.
    EventKind.ADVERSE_RESOLVED: {"adverse_seq": _positive_whole, "resolved_at": _number},
    # The 5-4-3-2-1 grounding screen (one key in the room): opened, and closed
    # after how many of its five steps.
    EventKind.GROUNDING_OPENED: {},
    EventKind.GROUNDING_CLOSED: {"steps_seen": _index},
}
OPTIONAL_KEYS: Mapping[EventKind, frozenset[str]] = {
    EventKind.VITALS: frozenset({"spo2", "reason"}),
    EventKind.DISCHARGE_CHECKED: frozenset({"left_at", "left_with"}),
    # The checklist items not ticked at the dose, and why it was given anyway;
    # "readiness": the readiness as it stood at the dose (core/readiness_record.py),
    # absent in sessions recorded before readiness was checked.
    EventKind.DOSE_GIVEN: frozenset({"unticked", "reason", "readiness"}),
    EventKind.DIM_CHANGED: frozenset({"why"}),
    EventKind.ADVERSE_EVENT: frozenset({"resolved_at", "other", "note"}),
}
# The discharge item under which the client's departure (when, with whom) is stored.
DEPARTURE_ITEM = "Left the practice"


def event_data_problems(kind: EventKind | str, data: Mapping[str, Any]) -> list[str]:
    """What is wrong with `data` for an event of `kind`; empty when it is fine."""
    try:
        kind = EventKind(kind)
    except ValueError:
        return [f"“{kind}” is not a kind of session event."]
    if not isinstance(data, Mapping):
        return [f"{kind.value} data must be an object."]
    optional = OPTIONAL_KEYS.get(kind, frozenset())
    problems = []
    for key, check in DATA_KEYS[kind].items():
        if key not in data:
            if key not in optional:
                problems.append(f"{kind.value} needs “{key}”.")
        elif not check(data[key]):
            problems.append(f"{kind.value} has an unusable “{key}”: {data[key]!r}.")
    if not problems and not _json_able(data):
        problems.append(f"{kind.value} data cannot be stored as JSON.")
    return problems


def validate_event_data(kind: EventKind | str, data: Mapping[str, Any]) -> None:
    """Raise EventDataError unless `data` is right for `kind`."""
    problems = event_data_problems(kind, data)
    if problems:
        raise EventDataError(" ".join(problems))


def _json_able(data: Mapping[str, Any]) -> bool:
    try:
        json.dumps(data, allow_nan=False)
    except (TypeError, ValueError):
        return False
    return True


# --- where events go ---------------------------------------------------------

class EventSink(Protocol):
    """Commits one event durably and returns it with its sequence number.

    Raising means nothing was stored; the runner then leaves its state alone.
    """

    def append(self, kind: EventKind, at: float, data: Mapping[str, Any]) -> Event:
        ...


class MemorySink:
    """An EventSink that keeps events in a list: for tests and the demo mode."""

    def __init__(self, events: tuple[Event, ...] | list[Event] = ()) -> None:
        self.events: list[Event] = list(events)

    def append(self, kind: EventKind, at: float, data: Mapping[str, Any]) -> Event:
        validate_event_data(kind, data)
        seq = self.events[-1].seq + 1 if self.events else 1
        event = Event(seq=seq, kind=EventKind(kind), at=at, data=data)
        self.events.append(event)
        return event
