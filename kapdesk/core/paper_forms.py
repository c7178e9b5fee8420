"""A rating scale typed in from paper: the day it was filled, and what a correction must change.

A paper form carries the day the client filled it, not the hour. The record
needs a moment (`MeasureRecord.taken_at`), so a form dated today is placed at
the moment it is typed (it was filled by then, and it sorts after the forms
already in) and a form from an earlier day at that day's midday, local time:
far from both midnights, it stays on its own day when read back in the
practice's zone (`measure_course.day_of`). A form dated in the future is
refused in words, as every course record is.

A correction is a new record that supersedes the original (measure_course);
one that changes neither an answer nor the day is refused, because it would
only add a second copy of the same form to the history.
"""

from __future__ import annotations

import datetime as dt

from kapdesk.core.measure_course import MeasureRecord, day_of
from kapdesk.core.measures import MeasureResult


def taken_on_problems(taken_on: dt.date, today: dt.date) -> list[str]:
    """What is wrong with the day a paper form says it was filled, in words."""
    if taken_on > today:
        return ["The date the form was filled is in the future."]
    return []


def taken_at_for(taken_on: dt.date, today: dt.date, now: float,
                 tz: dt.tzinfo | None = None) -> float:
    """The moment recorded for a paper form filled on `taken_on` (see the module's note)."""
    if taken_on >= today:
        return now
    midday = dt.datetime.combine(taken_on, dt.time(12, 0), tzinfo=tz)
    return midday.timestamp()  # a naive midday is read in the machine's local zone


def unchanged_problems(original: MeasureRecord, result: MeasureResult, taken_on: dt.date,
                       tz: dt.tzinfo | None = None) -> list[str]:
    """["...nothing changed..."] when a correction repeats `original` exactly, else []."""
    same_answers = (result.answers == original.result.answers
                    and result.difficulty == original.result.difficulty)
    if same_answers and taken_on == day_of(original.taken_at, tz):
        return ["Nothing was changed: correct an answer or the date, or cancel."]
    return []
