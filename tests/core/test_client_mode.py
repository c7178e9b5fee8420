"""What client mode shows of the client (an initial, nothing more) and its words afterwards."""

from __future__ import annotations

import pytest

from kapdesk.core.client_mode import greeting_initial, left_unsaved_words, saved_words, thanks
from kapdesk.core.measures import MeasureKind


@pytest.mark.parametrize(("name", "initial"), [
    ("Alex Morgan", "A."), ("alex m.", "A."), ("  Émile Zola", "É."), ("J.", "J."),
    ("(Sam) Reed", "S."), ("7 of Nine", "7."), ("", ""), (" -- ", ""),
])
def test_the_greeting_holds_the_first_letter_only(name: str, initial: str) -> None:
    assert greeting_initial(name) == initial


def test_thanks_with_and_without_an_initial() -> None:
    assert thanks("Alex Morgan") == "Thank you, A."
    assert thanks("...") == "Thank you."


def test_the_words_afterwards_name_the_scale_and_what_became_of_it() -> None:
    assert saved_words(MeasureKind.PCL5) == "The PCL-5 the client filled on the laptop is saved."
    assert left_unsaved_words(MeasureKind.GAD7).startswith(
        "The GAD-7 was left before it was submitted: nothing of it was saved.")
