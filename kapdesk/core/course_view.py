"""The course at a glance: every preparation, dose, integration, check-in, adverse event
and score of one client on one time axis, across weeks and months.

Pure data for the client page's course view (ui/clients/course_view.py): the
entries by lane, the stretch of time a zoom shows (a month, a year, the whole
course) and the axis's ticks. A dose is a bar whose height is its mg against
the course's largest dose; a score is a point of its measure's line. Only
what was recorded is drawn: a lane with nothing in it says so, and no line
joins scores across a gap the client did not fill.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from kapdesk.core.course_measures import ORDER, Score, lane_name
from kapdesk.core.measures import SCALES
from kapdesk.core.talk_sessions import TalkKind, TalkSession

DAY = 86400.0
# Always drawn; a measure's lane follows only when the client has a score of it.
LANES = ("preparation", "dosing", "integration", "check_in", "adverse")
MEASURE_LANES = tuple(lane_name(kind) for kind in ORDER)
ALL_LANES = LANES + MEASURE_LANES
LANE_WORDS = {"preparation": "Preparation", "dosing": "Dosing (mg)", "integration": "Integration",
              "check_in": "Check-ins", "adverse": "Adverse events",
              **{lane_name(kind): SCALES[kind].name for kind in ORDER}}


class Zoom(str, Enum):
    MONTH = "month"
    YEAR = "year"
    WHOLE = "whole"

    @property
    def words(self) -> str:
        return {"month": "A month", "year": "A year", "whole": "The whole course"}[self.value]


@dataclass(frozen=True)
class CourseEntry:
    lane: str  # one of LANES
    at: float
    label: str  # words for the tooltip, the list and a screen reader
    record: str  # "talk_sessions", "sessions", "measures": what a click opens
    record_id: int
    value: float | None = None  # mg for a dose, the total for a score
    band: str = ""  # a score's severity band in words
    cutoff: int | None = None  # the PCL-5's cut-off its band was read against


@dataclass(frozen=True)
class DoseMark:
    session_id: int
    at: float
    mg: float
    label: str  # "ketamine 150 mg sublingual"
    adverse: tuple[str, ...] = ()


def course_entries(talks: Iterable[TalkSession], doses: Iterable[DoseMark],
                   scores: Iterable[Score] = (),
                   tz: dt.tzinfo | None = None) -> list[CourseEntry]:
    """The course's entries in time order. `talks` are those that count (corrected ones
    left out); `scores` are the filled forms that count, of every measure."""
    entries = []
    for talk in talks:
        lane = {TalkKind.PREPARATION: "preparation", TalkKind.INTEGRATION: "integration",
                TalkKind.CHECK_IN: "check_in"}[talk.kind]
        entries.append(CourseEntry(lane, talk.started_at, f"{talk.kind.words}, {_day(talk.started_at, tz)}",
                                   "talk_sessions", talk.id or 0))
    for dose in doses:
        entries.append(CourseEntry("dosing", dose.at, f"Dosing session, {_day(dose.at, tz)}: "
                                   f"{dose.label}", "sessions", dose.session_id, dose.mg))
        for title in dose.adverse:
            entries.append(CourseEntry("adverse", dose.at, f"Adverse event, {_day(dose.at, tz)}: "
                                       f"{title}", "sessions", dose.session_id))
    for score in scores:
        entries.append(CourseEntry(lane_name(score.kind), score.at, score.label(tz), "measures",
                                   score.record_id, float(score.total), score.band, score.cutoff))
    return sorted(entries, key=lambda e: (e.at, ALL_LANES.index(e.lane), e.record_id))


def _day(epoch_s: float, tz: dt.tzinfo | None) -> str:
    return dt.datetime.fromtimestamp(epoch_s, tz).strftime("%a %d %b %Y")


def shown_span(entries: Sequence[CourseEntry], zoom: Zoom, now: float,
               end: float | None = None) -> tuple[float, float]:
    """The stretch of time the view shows: a month or a year ending at `end` (now by
    default), or the whole course from its first entry (a week either side)."""
    if zoom is Zoom.WHOLE:
        if not entries:
            return now - 30 * DAY, now + DAY
        first, last = entries[0].at, max(entries[-1].at, now)
        return first - 7 * DAY, last + 7 * DAY
    right = now + DAY if end is None else end
    length = 31 * DAY if zoom is Zoom.MONTH else 366 * DAY
    return right - length, right


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


def ticks(start: float, end: float, tz: dt.tzinfo | None = None) -> list[Tick]:
    """Week starts (Mondays) for up to ~10 weeks, month starts up to ~3 years, else years."""
    span_days = (end - start) / DAY
    day = dt.datetime.fromtimestamp(start, tz).date()
    last = dt.datetime.fromtimestamp(end, tz).date()
    found: list[Tick] = []
    if span_days <= 75:
        day += dt.timedelta(days=(7 - day.weekday()) % 7)
        while day <= last:
            found.append(Tick(_epoch(day, tz), f"{day.day} {day:%b}"))
            day += dt.timedelta(days=7)
    elif span_days <= 3 * 366:
        month = dt.date(day.year, day.month, 1)
        step = 1 if span_days <= 400 else 3
        while month <= last:
            if month >= day:
                found.append(Tick(_epoch(month, tz), f"{month:%b}" if month.month != 1
                                  else f"{month:%b %Y}"))
            year, index = divmod(month.month - 1 + step, 12)
            month = dt.date(month.year + year, index + 1, 1)
    else:
        for year in range(day.year + 1, last.year + 1):
            found.append(Tick(_epoch(dt.date(year, 1, 1), tz), str(year)))
    return found


def _epoch(day: dt.date, tz: dt.tzinfo | None) -> float:
    return dt.datetime(day.year, day.month, day.day, tzinfo=tz).timestamp() if tz \
        else dt.datetime(day.year, day.month, day.day).timestamp()


def largest_dose(entries: Iterable[CourseEntry]) -> float:
    return max((e.value or 0.0 for e in entries if e.lane == "dosing"), default=0.0)
