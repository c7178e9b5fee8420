"""What makes a client description valid, in the words the therapist will read."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kapdesk.core.clients import ClientDraft, ClientRecord, client_problems

TODAY = dt.date(2026, 1, 15)


def test_a_name_alone_is_enough() -> None:
    assert client_problems(ClientDraft("J. K."), TODAY) == []


def test_a_blank_name_is_refused() -> None:
    assert client_problems(ClientDraft("   "), TODAY) == ["Give the client a name or initials."]


@pytest.mark.parametrize(("birth", "problem"), [
    ("14/05/1979", "is not a date"),
    ("1979-02-30", "is not a date"),
    ("2026-01-16", "in the future"),
    ("1900-01-01", "more than 120 years ago"),
])
def test_bad_dates_of_birth_are_explained(birth: str, problem: str) -> None:
    [message] = client_problems(ClientDraft("A. M.", birth), TODAY)
    assert problem in message


@pytest.mark.parametrize("birth", ["1979-05-14", "2026-01-15", " 1990-11-02 ", "", "   ", None])
def test_good_or_absent_dates_of_birth_pass(birth: str | None) -> None:
    assert client_problems(ClientDraft("A. M.", birth), TODAY) == []


def test_lengths_are_limited() -> None:
    assert client_problems(ClientDraft("x" * 200, pronouns="p" * 50), TODAY) == []
    problems = client_problems(ClientDraft("x" * 201, pronouns="p" * 51), TODAY)
    assert problems == ["The name is too long (200 characters at most).",
                        "Pronouns are too long (50 characters at most)."]


def test_cleaning_trims_the_short_fields_and_keeps_notes_as_typed() -> None:
    draft = ClientDraft("  A. M. ", " ", " she/her ", "  indented notes\n")
    cleaned = draft.cleaned()
    assert (cleaned.display_name, cleaned.date_of_birth, cleaned.pronouns) == ("A. M.", None, "she/her")
    assert cleaned.notes == "  indented notes\n"


def test_a_record_shows_its_display_name() -> None:
    assert ClientRecord(id=3, draft=ClientDraft("R. T.")).display_name == "R. T."


@given(st.text(max_size=30))
def test_any_typed_date_gives_a_verdict_never_an_exception(text: str) -> None:
    problems = client_problems(ClientDraft("A", text), TODAY)
    assert all(isinstance(problem, str) and problem for problem in problems)


@given(st.dates(min_value=dt.date(1906, 1, 16), max_value=TODAY))
def test_every_plausible_date_is_accepted(born: dt.date) -> None:
    assert client_problems(ClientDraft("A", born.isoformat()), TODAY) == []
