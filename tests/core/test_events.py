"""Event kinds, their required data, and the in-memory sink."""

from __future__ import annotations

import json

import pytest

from kapdesk.core.events import (
                                 DATA_KEYS, MUSIC_KINDS, REVIEW_KINDS, Event, EventDataError, EventKind, MemorySink,
                                 event_data_problems, validate_event_data,
                                 )

GOOD = {
    EventKind.SESSION_STARTED: {"script": {"id": "x"}, "client_id": 3},
    EventKind.INTENTION_UPDATED: {"text": ""},
    EventKind.DOSE_GIVEN: {"drug": "ketamine", "mg": 150, "route": "sublingual",
                           "given_at": 1.5e9},
    EventKind.CHECKLIST_TICKED: {"item": "eye mask", "checked": True},
    EventKind.PAUSED: {},
    EventKind.RESUMED: {},
    EventKind.PHASE_EXTENDED: {"phase_index": 2, "seconds": 300},
    EventKind.PHASE_SKIPPED: {"phase_index": 3},
    EventKind.NOTE: {"text": "tearful, then calm"},
    EventKind.TAG: {"tag": "nausea"},
    EventKind.VITALS: {"systolic": 130, "diastolic": 85, "heart_rate": 70, "spo2": None,
                       "reason": None},
    EventKind.CHECKPOINT_DONE: {"checkpoint_id": "bp-40"},
    EventKind.CHECKPOINT_DISMISSED: {"checkpoint_id": "bp-40", "reason": "asleep"},
    EventKind.DEBRIEF_SAVED: {"fields": {"ready_to_leave": "14:10"}, "free_text": ""},
    EventKind.DISCHARGE_CHECKED: {"item": "ride home", "checked": False},
    EventKind.APP_RECOVERED: {"down_since": 1.5e9},
    EventKind.SESSION_ENDED: {},
    EventKind.TRACK_STARTED: {"path": "/m/a.ogg", "title": "A", "playlist": "Journey"},
    EventKind.TRACK_STOPPED: {"path": "/m/a.ogg", "reason": "faded"},
    EventKind.TRACK_FAILED: {"path": "/m/b.ogg", "message": "truncated"},
    EventKind.MUSIC_SILENCED: {},
    EventKind.MUSIC_RESUMED: {},
    EventKind.VOLUME_CHANGED: {"volume": 0.6},
    EventKind.OUTPUT_LOST: {"message": "headphones unplugged"},
    EventKind.DIM_CHANGED: {"level": "dimmer", "why": "key"},
    EventKind.ALERT_SEEN: {"vitals_seq": 12, "what": "BP 185/112", "reading_at": 1.5e9},
    EventKind.READINESS_OVERRIDDEN: {"reason": "consent signed on paper, scanned tomorrow",
                                     "not_ready": ["Consent"], "readiness": {"ready": False}},
    EventKind.SIGNED: {"by": "Dr A"},
    EventKind.ADDENDUM: {"text": "dose was 150 mg, not 100", "author": "Dr A"},
    EventKind.ADVERSE_EVENT: {"kind": "nausea_or_vomiting", "severity": "mild", "at": 1.0,
                              "action": "bowl and water", "resolved_at": None, "other": "",
                              "note": ""},
    EventKind.ADVERSE_RESOLVED: {"adverse_seq": 7, "resolved_at": 2.0},
    EventKind.GROUNDING_OPENED: {},
    EventKind.GROUNDING_CLOSED: {"steps_seen": 3},
}


def test_every_kind_has_a_data_spec_and_an_example() -> None:
    assert set(DATA_KEYS) == set(EventKind) == set(GOOD)
    assert REVIEW_KINDS <= set(EventKind) and MUSIC_KINDS <= set(EventKind)
    assert EventKind.NOTE == "note"  # a str enum: stored and compared as plain text


@pytest.mark.parametrize("kind", list(EventKind))
def test_good_data_passes(kind: EventKind) -> None:
    assert event_data_problems(kind, GOOD[kind]) == []


@pytest.mark.parametrize("kind, data, expected", [
    (EventKind.NOTE, {}, "needs “text”"),
    (EventKind.NOTE, {"text": "   "}, "unusable “text”"),
    (EventKind.DOSE_GIVEN, {"drug": "k", "mg": -1, "route": "sl", "given_at": 1.0}, "“mg”"),
    (EventKind.DOSE_GIVEN, {"drug": "k", "mg": True, "route": "sl", "given_at": 1.0}, "“mg”"),
    (EventKind.DOSE_GIVEN, {"drug": "k", "mg": float("nan"), "route": "sl", "given_at": 1},
     "“mg”"),
    (EventKind.PHASE_EXTENDED, {"phase_index": 0, "seconds": 0}, "“seconds”"),
    (EventKind.PHASE_EXTENDED, {"phase_index": -1, "seconds": 60}, "“phase_index”"),
    (EventKind.VITALS, {"systolic": "120", "diastolic": 80, "heart_rate": 70}, "“systolic”"),
    (EventKind.CHECKPOINT_DISMISSED, {"checkpoint_id": "x", "reason": ""}, "“reason”"),
    (EventKind.CHECKLIST_TICKED, {"item": "x", "checked": "yes"}, "“checked”"),
    (EventKind.DEBRIEF_SAVED, {"fields": {"when": object()}, "free_text": ""}, "JSON"),
    (EventKind.DIM_CHANGED, {"level": "dark"}, "“level”"),
    (EventKind.DIM_CHANGED, {"level": 2}, "“level”"),
    (EventKind.ALERT_SEEN, {"vitals_seq": 0, "what": "BP 185/112", "reading_at": 1.0},
     "“vitals_seq”"),
    (EventKind.ALERT_SEEN, {"vitals_seq": 3, "what": " ", "reading_at": 1.0}, "“what”"),
    ("not_a_kind", {}, "not a kind"),
])
def test_bad_data_is_refused(kind: EventKind | str, data: dict, expected: str) -> None:
    problems = event_data_problems(kind, data)
    assert any(expected in p for p in problems), problems
    with pytest.raises(EventDataError):
        validate_event_data(kind, data)


def test_vitals_spo2_and_reason_are_optional_and_extra_keys_allowed() -> None:
    assert event_data_problems(EventKind.VITALS, {"systolic": 1, "diastolic": 1,
                                                  "heart_rate": 1}) == []
    assert event_data_problems(EventKind.TAG, {"tag": "x", "colour": "blue"}) == []


def test_event_round_trips_and_does_not_alias_its_data() -> None:
    data = {"text": "calm"}
    event = Event(seq=4, kind="note", at=10, data=data)  # type: ignore[arg-type]
    data["text"] = "changed"
    assert event.kind is EventKind.NOTE and event.at == 10.0 and event.data == {"text": "calm"}
    assert Event.from_dict(json.loads(json.dumps(event.to_dict()))) == event


def test_memory_sink_numbers_from_one_and_continues_after_stored_events() -> None:
    sink = MemorySink()
    first = sink.append(EventKind.NOTE, 5.0, {"text": "a"})
    second = sink.append(EventKind.TAG, 6.0, {"tag": "b"})
    assert (first.seq, second.seq) == (1, 2) and sink.events == [first, second]
    assert MemorySink(sink.events).append(EventKind.PAUSED, 7.0, {}).seq == 3
    with pytest.raises(EventDataError):
        sink.append(EventKind.NOTE, 8.0, {})
    assert len(sink.events) == 2
