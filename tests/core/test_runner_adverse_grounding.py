"""Adverse events and the grounding screen in the session log: recorded in the room and
after the end, resolved later, kept through replay, refused in words when wrong."""

from __future__ import annotations

import pytest

from kapdesk.core.adverse_events import AdverseEvent, AdverseKind, Severity, recorded_adverse
from kapdesk.core.events import EventKind
from kapdesk.core.runner import SessionCommandError, SessionRunner
from kapdesk.core.timeline import replay
from tests.helpers.runner import MIN, T0, make_runner


def nausea(at: float, resolved_at: float | None = None) -> AdverseEvent:
    return AdverseEvent(AdverseKind.NAUSEA, Severity.MILD, at, "bowl and water",
                        resolved_at=resolved_at)


def test_an_adverse_event_in_the_room_is_in_the_log_and_the_state():
    runner, clock, sink = make_runner()
    clock.advance(30 * MIN)
    event = runner.record_adverse_event(nausea(T0 + 25 * MIN))
    assert event.kind is EventKind.ADVERSE_EVENT
    [(seq, recorded)] = recorded_adverse(runner.state().adverse, runner.state().adverse_resolved)
    assert (seq, recorded.kind, recorded.at, recorded.resolved) == (event.seq, AdverseKind.NAUSEA,
                                                                    T0 + 25 * MIN, False)


def test_it_resolves_later_once_and_replay_keeps_it():
    runner, clock, sink = make_runner()
    clock.advance(30 * MIN)
    seq = runner.record_adverse_event(nausea(T0 + 25 * MIN)).seq
    clock.advance(10 * MIN)
    runner.resolve_adverse_event(seq)
    with pytest.raises(SessionCommandError, match="already recorded as resolved"):
        runner.resolve_adverse_event(seq)
    state = replay(runner.script, sink.events, clock.now())
    [(_, recorded)] = recorded_adverse(state.adverse, state.adverse_resolved)
    assert recorded.resolved_at == T0 + 40 * MIN
    assert "Resolved at" in recorded.words()


def test_after_the_end_an_adverse_event_is_still_recorded():
    runner, clock, sink = make_runner()
    clock.advance(120 * MIN)
    runner.end()
    clock.advance(30 * MIN)
    runner.record_adverse_event(AdverseEvent(AdverseKind.FALL, Severity.MODERATE, clock.now() - 60,
                                             "sat down, checked for injury", clock.now()))
    state = replay(runner.script, sink.events, clock.now())
    assert state.ended and [e.data["kind"] for e in state.adverse] == ["fall"]


@pytest.mark.parametrize("event, words", [
    (AdverseEvent(AdverseKind.OTHER, Severity.MILD, T0, "watched"), "Say what happened"),
    (AdverseEvent(AdverseKind.AGITATION, Severity.MILD, T0, " "), "Say what was done"),
    (AdverseEvent(AdverseKind.AGITATION, Severity.MILD, T0 + 3600, "x"), "future"),
])
def test_a_wrong_entry_is_refused_in_words_and_nothing_stored(event, words):
    runner, clock, sink = make_runner()
    before = len(sink.events)
    with pytest.raises(SessionCommandError, match=words):
        runner.record_adverse_event(event)
    assert len(sink.events) == before


def test_a_resolution_before_the_event_or_for_no_event_is_refused():
    runner, clock, _sink = make_runner()
    clock.advance(30 * MIN)
    seq = runner.record_adverse_event(nausea(T0 + 25 * MIN)).seq
    with pytest.raises(SessionCommandError, match="Check the time"):
        runner.resolve_adverse_event(seq, T0 + 20 * MIN)
    with pytest.raises(SessionCommandError, match="no such adverse event"):
        runner.resolve_adverse_event(seq + 5)


def test_before_the_start_nothing_is_recorded():
    runner, _clock, _sink = make_runner(start=False)
    with pytest.raises(SessionCommandError, match="not started"):
        runner.record_adverse_event(nausea(T0))


def test_grounding_is_logged_open_and_closed_with_its_steps():
    runner, clock, sink = make_runner()
    runner.open_grounding()
    clock.advance(2 * MIN)
    runner.close_grounding(5)
    kinds = [(e.kind, dict(e.data)) for e in runner.state().groundings]
    assert kinds == [(EventKind.GROUNDING_OPENED, {}), (EventKind.GROUNDING_CLOSED, {"steps_seen": 5})]
    runner.end()
    with pytest.raises(SessionCommandError):
        runner.open_grounding()


def test_the_history_flags_it_and_the_record_says_it_in_words():
    from kapdesk.core.review_model import ADVERSE_EVENT, describe, facts_from_state, flags

    runner, clock, sink = make_runner()
    clock.advance(30 * MIN)
    runner.record_adverse_event(AdverseEvent(AdverseKind.RAISED_BP, Severity.MODERATE,
                                             clock.now(), "rested, rechecked in 10 min"))
    runner.open_grounding()
    runner.close_grounding(3)
    state = runner.state()
    facts = facts_from_state(runner.script, state, sink.events)
    assert facts.adverse == ("Raised blood pressure (moderate)",)
    assert type(facts).from_dict(facts.to_dict()) == facts
    assert [f.label for f in flags(facts) if f.code == ADVERSE_EVENT] == [
        "Adverse event: Raised blood pressure (moderate)"]
    lines = [describe(e) for e in sink.events[-3:]]
    assert lines[0].startswith("Adverse event at ") and "Not resolved when recorded." in lines[0]
    assert lines[1:] == ["Grounding screen opened", "Grounding screen closed after 3 of 5 steps"]
