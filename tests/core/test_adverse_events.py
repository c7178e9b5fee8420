"""Adverse events: the entry's rules and the words the timeline, flags and PDF show."""

from __future__ import annotations

import datetime as dt

import pytest

from kapdesk.core.adverse_events import AdverseEvent, AdverseKind, Severity, adverse_problems

UTC = dt.timezone.utc
NOW = dt.datetime(2026, 12, 7, 15, 0, tzinfo=UTC).timestamp()


def event(**changes) -> AdverseEvent:
    values = dict(kind=AdverseKind.NAUSEA, severity=Severity.MILD, at=NOW - 1800,
                  action="bowl and water; paused the music", resolved_at=NOW - 600)
    values.update(changes)
    return AdverseEvent(**values)


def test_words_say_what_when_and_how_it_ended():
    assert event().words(UTC) == ("Adverse event at 14:30: Nausea or vomiting (mild). "
                                  "Action: bowl and water; paused the music. "
                                  "Resolved at 14:50 (after 20 min).")
    assert event(resolved_at=None).words(UTC).endswith("Not resolved when recorded.")
    assert event(kind=AdverseKind.OTHER, other="Headache").title() == "Headache (mild)"


@pytest.mark.parametrize("changes, words", [
    ({"kind": AdverseKind.OTHER}, "Say what happened"),
    ({"action": " "}, "Say what was done"),
    ({"at": NOW + 600}, "in the future"),
    ({"resolved_at": NOW - 3600}, "resolved before it happened"),
    ({"resolved_at": NOW + 3600}, "Leave it empty"),
])
def test_problems_are_named(changes, words):
    assert any(words in p for p in adverse_problems(event(**changes), NOW))


def test_a_complete_entry_passes_and_round_trips():
    assert adverse_problems(event(), NOW) == []
    assert AdverseEvent.from_data(event().to_data()) == event()
