"""Dosing although the client is not ready (issue 12): the therapist's reason is the
session log's own event, kept through a resume, and read in the review, the
history's flags, the PDF's flags and the log in words."""

from __future__ import annotations

import datetime as dt

import pytest

from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
from kapdesk.core.consent import DEFAULT_DOCUMENT
from kapdesk.core.events import EventKind, validate_event_data
from kapdesk.core.log_lines import log_line
from kapdesk.core.readiness import OVERRIDE_EVENT_KIND, readiness
from kapdesk.core.review_model import (READINESS_OVERRIDE, SessionFacts, describe, flags,
                                       session_facts)
from kapdesk.core.runner import SessionCommandError, SessionRunner
from kapdesk.core.screening import DEFAULT_CONTRAINDICATIONS
from kapdesk.core.timeline import replay
from tests.helpers.runner import MIN, T0, make_runner

REASON = "Consent signed on paper today; it goes into the practice tomorrow"


def nothing_recorded() -> object:
    return readiness(screening=None, contraindications=DEFAULT_CONTRAINDICATIONS, consent=None,
                     consent_document=DEFAULT_DOCUMENT, phq9=None, today=dt.date(2026, 1, 1))


def test_the_override_is_a_kind_of_the_log() -> None:
    assert OVERRIDE_EVENT_KIND is EventKind.READINESS_OVERRIDDEN
    with pytest.raises(ValueError, match="reason"):
        validate_event_data(EventKind.READINESS_OVERRIDDEN,
                            {"reason": " ", "not_ready": [], "readiness": {}})


def test_the_reason_is_stored_and_a_resumed_session_still_has_it() -> None:
    runner, clock, sink = make_runner()
    clock.advance(5 * MIN)
    event = runner.override_readiness(nothing_recorded(), f"  {REASON} ")
    assert event.kind is EventKind.READINESS_OVERRIDDEN
    assert event.data["reason"] == REASON
    assert event.data["not_ready"] == ["Screening", "Consent", "PHQ-9", "Baseline blood pressure"]
    assert event.data["readiness"]["ready"] is False
    resumed = SessionRunner(KAP_SUBLINGUAL, clock, sink, sink.events)
    assert [e.data["reason"] for e in resumed.state().overrides] == [REASON]
    assert replay(KAP_SUBLINGUAL, sink.events, T0 + MIN).overrides == ()  # not yet then


@pytest.mark.parametrize("reason", ["", "   "])
def test_no_reason_no_override(reason: str) -> None:
    runner, _clock, sink = make_runner()
    with pytest.raises(SessionCommandError, match="Write why the dose goes ahead"):
        runner.override_readiness(nothing_recorded(), reason)
    assert [e.kind for e in sink.events] == [EventKind.SESSION_STARTED]


def test_an_override_needs_a_running_session() -> None:
    runner, _clock, _sink = make_runner(start=False)
    with pytest.raises(SessionCommandError, match="not started"):
        runner.override_readiness(nothing_recorded(), REASON)


def test_the_review_the_flags_and_the_log_say_it_in_words() -> None:
    runner, clock, sink = make_runner()
    clock.advance(5 * MIN)
    event = runner.override_readiness(nothing_recorded(), REASON)
    words = ("Dosed although not ready (Screening, Consent, PHQ-9, Baseline blood pressure). "
             f"Reason: {REASON}")
    assert describe(event) == words
    assert log_line(event.at, event.kind, describe(event), ()).endswith(f"Readiness — {words}")
    clock.advance(60 * MIN)
    runner.end()
    facts = session_facts(KAP_SUBLINGUAL, sink.events, clock.now())
    assert facts.overrides == (words,)
    assert (READINESS_OVERRIDE, words) in [tuple(flag) for flag in flags(facts)]
    assert SessionFacts.from_dict(facts.to_dict()) == facts


def test_facts_stored_before_overrides_existed_read_as_none() -> None:
    runner, clock, sink = make_runner()
    old = session_facts(KAP_SUBLINGUAL, sink.events, clock.now()).to_dict()
    del old["overrides"]
    assert SessionFacts.from_dict(old).overrides == ()
