"""A paper form's day and moment, and the correction that changes nothing (core/paper_forms.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from kapdesk.core.measure_course import FilledBy, MeasureRecord
from kapdesk.core.measures import MeasureKind, score
from kapdesk.core.paper_forms import taken_at_for, taken_on_problems, unchanged_problems

UTC = dt.timezone.utc
TODAY = dt.date(2026, 3, 10)
NOW = dt.datetime(2026, 3, 10, 15, 42, tzinfo=UTC).timestamp()


@pytest.mark.parametrize(("day", "problems"), [
    (TODAY, []),
    (dt.date(2025, 1, 1), []),
    (TODAY + dt.timedelta(days=1), ["The date the form was filled is in the future."]),
])
def test_a_form_dated_after_today_is_refused_in_words(day: dt.date, problems: list[str]) -> None:
    assert taken_on_problems(day, TODAY) == problems


def test_a_form_of_today_is_placed_now_and_an_earlier_one_at_its_midday() -> None:
    assert taken_at_for(TODAY, TODAY, NOW, UTC) == NOW
    earlier = taken_at_for(dt.date(2026, 3, 2), TODAY, NOW, UTC)
    assert dt.datetime.fromtimestamp(earlier, UTC) == dt.datetime(2026, 3, 2, 12, tzinfo=UTC)


@pytest.mark.parametrize("zone", [dt.timezone(dt.timedelta(hours=h)) for h in (-11, 0, 13)])
def test_midday_keeps_the_form_on_its_day_in_its_zone(zone: dt.tzinfo) -> None:
    day = dt.date(2026, 3, 2)
    assert dt.datetime.fromtimestamp(taken_at_for(day, TODAY, NOW, zone), zone).date() == day


def test_a_correction_must_change_an_answer_or_the_day() -> None:
    result = score(MeasureKind.PHQ9, [1, 1, 0, 0, 0, 0, 0, 0, 0], 1)
    original = MeasureRecord(1, result, NOW, FilledBy.PAPER, NOW, id=7)
    assert unchanged_problems(original, result, TODAY, UTC) == [
        "Nothing was changed: correct an answer or the date, or cancel."]
    assert unchanged_problems(original, result, dt.date(2026, 3, 9), UTC) == []
    other = score(MeasureKind.PHQ9, [1, 1, 0, 0, 0, 0, 0, 0, 0], 2)  # question 10 only
    assert unchanged_problems(original, other, TODAY, UTC) == []
