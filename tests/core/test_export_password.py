"""The export password's rule: eight characters or more, typed the same twice."""

from __future__ import annotations

from kapdesk.core.export_password import MIN_LENGTH, MISMATCH, TOO_SHORT, password_problem


def test_a_long_enough_password_typed_twice_is_accepted() -> None:
    assert password_problem("calm-lake", "calm-lake") is None
    assert password_problem("x" * MIN_LENGTH, "x" * MIN_LENGTH) is None
    assert password_problem("Zürich Morgen", "Zürich Morgen") is None  # any characters count


def test_a_short_password_is_refused_beside_the_first_field() -> None:
    problem = password_problem("seven77", "seven77")
    assert problem is not None and problem.field == "password" and problem.words == TOO_SHORT
    assert "at least 8 characters" in problem.words
    assert password_problem("", "").field == "password"


def test_a_mismatch_is_said_beside_the_repeat() -> None:
    problem = password_problem("calm-lake", "calm-lakes")
    assert problem is not None and problem.field == "repeat" and problem.words == MISMATCH


def test_the_length_is_judged_before_the_repeat() -> None:
    # Fix the password first: a repeat of a password that will change is wasted typing.
    assert password_problem("short", "other").field == "password"


def test_nothing_is_trimmed() -> None:
    # A space typed is part of the password the recipient must type: never dropped silently.
    assert password_problem("calm lake ", "calm lake").field == "repeat"
