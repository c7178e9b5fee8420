"""The course at a glance: entries by lane in time order, the zoom's stretch, the ticks."""

from __future__ import annotations

import datetime as dt

from kapdesk.core.course_measures import Score
from kapdesk.core.course_view import (DAY, CourseEntry, DoseMark, Zoom, course_entries,
                                      largest_dose, shown_span, ticks)
from kapdesk.core.measures import MeasureKind
from kapdesk.core.talk_sessions import CheckInHow, TalkKind, TalkSession

UTC = dt.timezone.utc
T0 = dt.datetime(2026, 3, 2, 10, 0, tzinfo=UTC).timestamp()  # a Monday


def test_entries_in_time_order_each_in_its_lane_with_words():
    talks = [TalkSession(1, TalkKind.PREPARATION, T0, 50, {"intention": "x"}, id=1),
             TalkSession(1, TalkKind.CHECK_IN, T0 + 9 * DAY, 10, {"how_they_are": "ok"},
                         how=CheckInHow.PHONE, id=2)]
    doses = [DoseMark(5, T0 + 7 * DAY, 150, "ketamine 150 mg sublingual", ("Fall (mild)",))]
    entries = course_entries(talks, doses, [Score(MeasureKind.PHQ9, 9, T0 + 6 * DAY, 14, "moderate")],
                             UTC)
    assert [(e.lane, e.record, e.record_id) for e in entries] == [
        ("preparation", "talk_sessions", 1), ("phq9", "measures", 9), ("dosing", "sessions", 5),
        ("adverse", "sessions", 5), ("check_in", "talk_sessions", 2)]
    assert entries[2].label == "Dosing session, Mon 09 Mar 2026: ketamine 150 mg sublingual"
    assert entries[2].value == 150 and largest_dose(entries) == 150
    assert entries[1].label == "PHQ-9 14 (moderate), Sun 08 Mar 2026"


def test_zoom_stretches():
    entries = [CourseEntry("dosing", T0, "", "sessions", 1, 100.0),
               CourseEntry("dosing", T0 + 400 * DAY, "", "sessions", 2, 100.0)]
    now = T0 + 500 * DAY
    assert shown_span(entries, Zoom.WHOLE, now) == (T0 - 7 * DAY, now + 7 * DAY)
    start, end = shown_span(entries, Zoom.MONTH, now)
    assert end - start == 31 * DAY and end == now + DAY
    start, end = shown_span(entries, Zoom.YEAR, now, end=T0 + 100 * DAY)
    assert (start, end) == (T0 + 100 * DAY - 366 * DAY, T0 + 100 * DAY)
    assert shown_span([], Zoom.WHOLE, now) == (now - 30 * DAY, now + DAY)


def test_ticks_are_weeks_months_or_years_by_the_stretch():
    month = ticks(T0, T0 + 31 * DAY, UTC)
    assert [t.label for t in month][:2] == ["2 Mar", "9 Mar"]
    year = ticks(T0, T0 + 365 * DAY, UTC)
    assert year[0].label == "Apr" and "Jan 2027" in [t.label for t in year]
    years = ticks(T0, T0 + 5 * 365 * DAY, UTC)
    assert [t.label for t in years] == ["2027", "2028", "2029", "2030", "2031"]
