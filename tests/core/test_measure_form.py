"""The client's form, one question at a time: number keys, Back, the review page,
PHQ-9's 10th question appearing only when asked, Submit."""

from __future__ import annotations

import pytest

from kapdesk.core.measure_form import (REVIEW, FormState, answer, back, go_to, key_answer, page,
                                       review_lines, start, submit)
from kapdesk.core.measures import MeasureAnswerError, MeasureKind


def test_one_question_at_a_time_then_the_review_then_submit() -> None:
    state = start(MeasureKind.GAD7)
    first = page(state)
    assert (first.number, first.progress, first.chosen) == (1, "Question 1 of 7", None)
    assert first.text == "Feeling nervous, anxious, or on edge"
    assert first.stem.startswith("Over the last 2 weeks")
    for key in "0123012":
        state = key_answer(state, key)
    assert state.on_review and page(state).progress == "Check your answers, then submit."
    assert review_lines(state)[1] == "2. Not being able to stop or control worrying: Several days"
    result = submit(state)
    assert result.answers == (0, 1, 2, 3, 0, 1, 2) and result.total == 9


def test_keys_that_are_not_answers_do_nothing() -> None:
    state = start(MeasureKind.PHQ9)
    assert key_answer(state, "4") is None
    assert key_answer(state, "a") is None
    assert key_answer(state, "Escape") is None
    assert key_answer(start(MeasureKind.PCL5), "4") is not None
    with pytest.raises(ValueError):
        answer(state, 7)


def test_back_changes_an_answer_and_returns_to_the_review() -> None:
    state = start(MeasureKind.GAD7)
    for value in (1, 1, 1):
        state = answer(state, value)
    state = back(back(state))
    assert page(state).number == 2 and page(state).chosen == 1
    state = answer(state, 3)
    assert page(state).number == 3  # later questions still to answer: go on
    assert back(start(MeasureKind.GAD7)).position == 0  # the first page stays
    for value in (1, 1, 1, 1, 1):
        state = answer(state, value)
    assert state.on_review
    state = answer(go_to(state, 5), 0)
    assert state.on_review  # a change on a complete form goes straight back
    assert submit(state).answers == (1, 3, 1, 1, 0, 1, 1)
    assert page(back(state)).number == 7


def test_the_phq9_asks_question_10_only_when_an_answer_is_above_0() -> None:
    state = start(MeasureKind.PHQ9)
    for _ in range(9):
        state = answer(state, 0)
    assert state.on_review and len(review_lines(state)) == 9
    assert submit(state).difficulty is None
    state = answer(go_to(state, 3), 2)
    tenth = page(state)
    assert (tenth.number, tenth.progress) == (10, "One more question")
    assert [o.label for o in tenth.options][0] == "Not difficult at all"
    state = key_answer(state, "1")
    assert state.on_review
    assert review_lines(state)[-1].endswith(": Somewhat difficult")
    assert submit(state).difficulty == 1
    # Back to all zeros: the question is no longer asked, and its answer not kept.
    state = answer(go_to(state, 3), 0)
    assert state.on_review and submit(state).difficulty is None
    with pytest.raises(ValueError, match="no question 10"):
        go_to(state, 10)


def test_submit_only_from_a_complete_review() -> None:
    state = start(MeasureKind.GAD7)
    with pytest.raises(ValueError, match="review page"):
        submit(state)
    for value in (1,) * 6:
        state = answer(state, value)
    state = back(answer(state, 1))  # from the review, back on question 7
    assert page(state).number == 7
    with pytest.raises(ValueError, match="review page"):
        submit(state)
    partial = FormState(MeasureKind.GAD7, (None,) * 7, None, REVIEW)  # a review, unanswered
    with pytest.raises(MeasureAnswerError, match="GAD-7 question 1 is not answered"):
        submit(partial)
