"""Talk-session records: what each kind asks for, the private note kept back, corrections."""

from __future__ import annotations

import datetime as dt

import pytest

from kapdesk.core.talk_sessions import (PRIVATE_MARK, CheckInHow, TalkKind, TalkSession,
                                        correction_of, correction_problems, talk_problems,
                                        talk_words)

UTC = dt.timezone.utc
NOW = dt.datetime(2026, 12, 7, 15, 0, tzinfo=UTC).timestamp()


def talk(**changes) -> TalkSession:
    values = dict(client_id=1, kind=TalkKind.INTEGRATION, started_at=NOW - 3600, minutes=50,
                  fields={"stayed_with": "the lake", "plan": "journal daily"})
    values.update(changes)
    return TalkSession(**values)


def test_a_complete_integration_session_has_no_problems():
    assert talk_problems(talk(), NOW) == []


@pytest.mark.parametrize("changes, words", [
    ({"started_at": NOW + 3600}, "in the future"),
    ({"minutes": 0}, "length in minutes"),
    ({"minutes": 9000}, "length in minutes"),
    ({"kind": TalkKind.CHECK_IN, "fields": {"how_they_are": "tired"}}, "how the check-in was given"),
    ({"how": CheckInHow.PHONE}, "Only a check-in"),
    ({"fields": {"mood": "x"}}, "no field mood"),
    ({"fields": {}, "notes": " "}, "Write something"),
])
def test_problems_are_named(changes, words):
    problems = talk_problems(talk(**changes), NOW)
    assert any(words in problem for problem in problems), problems


def test_a_private_note_alone_is_enough_and_is_withheld_from_what_is_shared():
    record = talk(fields={}, private_note="transference; my reaction")
    assert talk_problems(record, NOW) == []
    shared = record.shared_data()
    assert shared["private_note"] is None and shared["private_note_withheld"] is True
    assert "transference" not in repr(shared)
    assert record.shared_data(include_private=True)["private_note"] == "transference; my reaction"
    assert PRIVATE_MARK.lower() in talk_words(record, UTC)


def test_round_trip_keeps_everything():
    record = talk(kind=TalkKind.CHECK_IN, fields={"how_they_are": "calm", "after_effects": "none"},
                  how=CheckInHow.MESSAGE, after_dose_session=4, id=9, private_note="p")
    assert TalkSession.from_data(record.to_data()) == record


def test_a_correction_is_a_new_record_naming_the_old_and_needs_a_reason():
    original = talk(id=5)
    fixed = correction_of(original, talk(fields={"plan": "journal weekly"}), " typo ")
    assert (fixed.id, fixed.supersedes, fixed.reason) == (None, 5, "typo")
    assert original.field_text("plan") == "journal daily"
    assert correction_problems("") and not correction_problems("typo")
    with pytest.raises(ValueError):
        correction_of(talk(), talk(), "x")


def test_words_for_a_list():
    record = talk(kind=TalkKind.CHECK_IN, fields={"how_they_are": "ok"}, how=CheckInHow.PHONE,
                  started_at=NOW, minutes=10)
    assert talk_words(record, UTC) == "Follow-up check-in, Mon 07 Dec 2026 15:00, 10 min, by phone"
