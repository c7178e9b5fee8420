"""The client filling a measure, one question at a time: the form's pages and moves.

Issue 12's client mode: one question per page, answered with a number key
(0-3, or 0-4 for the PCL-5) or a large button; Back changes an answer; a review
page lists every answer; Submit scores the form. PHQ-9's 10th question (how
difficult these problems made things) is asked only when some answer is above
0, so its page appears and disappears as answers change. Each move is a pure
function returning a new `FormState`, so the screen only draws the current
`page` and the rules are tested here without widgets.
"""

from __future__ import annotations

from dataclasses import dataclass

from kapdesk.core.measures import (DEFAULT_SETTINGS, SCALES, AnswerOption, MeasureKind,
                                   MeasureResult, MeasureSettings, difficulty_is_asked, score)

REVIEW = -1  # `position` of the review page


@dataclass(frozen=True)
class FormState:
    kind: MeasureKind
    answers: tuple[int | None, ...]
    difficulty: int | None = None
    position: int = 0  # the page: 0-based question index, the item count for question 10, or REVIEW

    @property
    def on_review(self) -> bool:
        return self.position == REVIEW


@dataclass(frozen=True)
class Page:
    """What the screen shows now."""

    number: int  # the question's number on the form (1-based); 0 on the review page
    text: str  # the question, or "" on the review page
    options: tuple[AnswerOption, ...]
    chosen: int | None  # the answer given so far
    progress: str  # "Question 3 of 9", "One more question", "Check your answers"
    stem: str = ""


def start(kind: MeasureKind) -> FormState:
    return FormState(MeasureKind(kind), (None,) * SCALES[kind].item_count)


def _asks_difficulty(state: FormState) -> bool:
    return difficulty_is_asked(state.kind, state.answers)


def _last_position(state: FormState) -> int:
    items = SCALES[state.kind].item_count
    return items if _asks_difficulty(state) else items - 1


def page(state: FormState) -> Page:
    scale = SCALES[state.kind]
    if state.on_review:
        return Page(0, "", (), None, "Check your answers, then submit.")
    if state.position == scale.item_count:
        return Page(scale.item_count + 1, scale.extra_question, scale.extra_options,
                    state.difficulty, "One more question")
    index = state.position
    return Page(index + 1, scale.items[index], scale.options, state.answers[index],
                f"Question {index + 1} of {scale.item_count}", scale.stem)


def answer(state: FormState, value: int) -> FormState:
    """Record the answer on the current page and move to the next page (or the review).

    Raises ValueError for a value that is not one of the page's answers, and on
    the review page (there is nothing to answer there).
    """
    current = page(state)
    if state.on_review or value not in {option.value for option in current.options}:
        raise ValueError(f"{value!r} is not an answer to this page")
    scale = SCALES[state.kind]
    if state.position == scale.item_count:
        state = FormState(state.kind, state.answers, value, state.position)
    else:
        answers = list(state.answers)
        answers[state.position] = value
        state = FormState(state.kind, tuple(answers), state.difficulty, state.position)
    return _next(state)


def _next(state: FormState) -> FormState:
    """The next page; the review page once nothing is left unanswered (so a
    changed answer goes straight back to the review) or after the last question;
    question 10 when it is the only one left."""
    if _complete(state) or state.position >= _last_position(state):
        position = REVIEW
    elif None not in state.answers:  # a change made question 10 asked: it is all that is left
        position = SCALES[state.kind].item_count
    else:
        position = state.position + 1
    return FormState(state.kind, state.answers, state.difficulty, position)


def _complete(state: FormState) -> bool:
    return None not in state.answers and (not _asks_difficulty(state)
                                          or state.difficulty is not None)


def key_answer(state: FormState, key: str) -> FormState | None:
    """The state after a number key, or None when the key is not an answer here."""
    if state.on_review or len(key) != 1 or not key.isdigit():
        return None
    value = int(key)
    if value not in {option.value for option in page(state).options}:
        return None
    return answer(state, value)


def back(state: FormState) -> FormState:
    """One page back (from the review: the last question); the first page stays."""
    position = _last_position(state) if state.on_review else max(0, state.position - 1)
    return FormState(state.kind, state.answers, state.difficulty, position)


def go_to(state: FormState, number: int) -> FormState:
    """From the review page, the page of question `number` (to change its answer)."""
    scale = SCALES[state.kind]
    last = _last_position(state) + 1
    if not 1 <= number <= last:
        raise ValueError(f"the {scale.name} has no question {number} now")
    return FormState(state.kind, state.answers, state.difficulty, number - 1)


def review_lines(state: FormState) -> tuple[str, ...]:
    """The review page: "3. Trouble falling or staying asleep…: Several days", one per question."""
    scale = SCALES[state.kind]
    lines = [f"{n}. {text}: {'not answered' if value is None else scale.answer_label(value)}"
             for n, (text, value) in enumerate(zip(scale.items, state.answers), 1)]
    if _asks_difficulty(state):
        chosen = ("not answered" if state.difficulty is None
                  else scale.extra_options[state.difficulty].label)
        lines.append(f"{scale.item_count + 1}. {scale.extra_question}: {chosen}")
    return tuple(lines)


def submit(state: FormState, settings: MeasureSettings = DEFAULT_SETTINGS) -> MeasureResult:
    """Score the form from its review page (MeasureAnswerError names what is unanswered).

    Question 10's answer is kept only while it is asked: a change that brought
    every answer to 0 takes it away, as the paper form would not have asked it.
    """
    if not state.on_review:
        raise ValueError("submit from the review page")
    difficulty = state.difficulty if _asks_difficulty(state) else None
    return score(state.kind, state.answers, difficulty, settings)
