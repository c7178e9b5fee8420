"""What is due in a client's course: the check-in and the integration session after
each dose, preparation before the first, and the pace of the doses.

DOMAIN.md "The course of care": the first 72 hours after a dose matter most,
so a follow-up check-in is due within the practice's window (72 hours by
default) of the dosing session's end, and an integration session within its
own (7 days); three or four preparation sessions come before the first dose;
some programmes allow at most two dosing sessions a week; a course is about six
dosing sessions. Every number is a practice setting (`CourseWindows`).

A due item is open until a record of its kind clears it (one linked to that
dosing session, or one recorded after the session ended and before the
client's next dose ended) or the therapist sets it aside with a reason. It
lapses from the list once the client's next dosing session has ended after
its window closed: the next dose's own check-in and integration are what is
due then (the course still shows the one missed). The
due list puts the overdue first (the longest overdue at the top), then what is
due today, then the coming week; `due_words` says each the way the main window
shows it: "72-hour check-in with A. M. — due by Thu 15:00".

Across a daylight-saving change the two windows are read as a clinician says
them: the check-in's hours are hours that pass (72 hours after a dose that
ended Friday 15:00 is Monday 16:00 when the clocks went forward on Sunday),
the integration's days are days on the calendar (7 days after Friday 15:00 is
the next Friday at 15:00, whichever way the clocks went between). What
became overdue while the laptop was shut is overdue when it opens: nothing
here reads the clock but `now`, and nothing lapses by time alone.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from kapdesk.core.talk_sessions import TalkKind, TalkSession

DAY_S = 86400.0
WEEK_S = 7 * DAY_S
# The ranges a practice may set; outside them a number is a typo, not a policy.
WINDOW_RANGES = {"check_in_hours": (1, 24 * 28), "integration_days": (1, 90),
                 "preparation_minimum": (0, 20), "planned_doses": (1, 50),
                 "doses_per_week": (1, 7)}


@dataclass(frozen=True)
class CourseWindows:
    """The practice's course settings, with DOMAIN.md's defaults."""

    check_in_hours: int = 72
    integration_days: int = 7
    preparation_minimum: int = 3
    planned_doses: int = 6
    doses_per_week: int = 2

    def to_data(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in WINDOW_RANGES}

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> CourseWindows:
        """Forgiving like every settings reader: a missing or malformed value takes its
        default, so a damaged setting never stops the therapist."""
        values = {}
        for name, (low, high) in WINDOW_RANGES.items():
            value = data.get(name)
            if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
                values[name] = value
        return cls(**values)


WINDOW_LABELS = {"check_in_hours": "Check-in due within (hours of the session's end)",
                 "integration_days": "Integration session due within (days)",
                 "preparation_minimum": "Preparation sessions before the first dose",
                 "planned_doses": "Dosing sessions planned in a course",
                 "doses_per_week": "Most dosing sessions in any 7 days"}


def windows_problems(windows: CourseWindows) -> list[str]:
    problems = []
    for name, (low, high) in WINDOW_RANGES.items():
        value = getattr(windows, name)
        if not low <= value <= high:
            problems.append(f"{WINDOW_LABELS[name]}: give a number from {low} to {high}.")
    return problems


class DueKind(str, Enum):
    CHECK_IN = "check_in"
    INTEGRATION = "integration"

    @property
    def talk_kind(self) -> TalkKind:
        return TalkKind.CHECK_IN if self is DueKind.CHECK_IN else TalkKind.INTEGRATION


class DueStatus(str, Enum):
    OVERDUE = "overdue"
    TODAY = "today"
    COMING = "coming"  # within the list's horizon (the coming week)
    LATER = "later"


@dataclass(frozen=True)
class DoseEnd:
    """A dosing session that ended: what makes a check-in and an integration due."""

    session_id: int
    client_id: int
    ended_at: float
    started_at: float | None = None


@dataclass(frozen=True)
class SetAside:
    """The therapist's decision that a due item will not be done, and why."""

    client_id: int
    session_id: int
    kind: DueKind
    reason: str
    at: float


def set_aside_problems(reason: str) -> list[str]:
    return [] if reason.strip() else ["Say why it is set aside; the reason is kept with the course."]


@dataclass(frozen=True)
class DueItem:
    client_id: int
    session_id: int  # the dosing session it follows
    kind: DueKind
    due_by: float

    def status(self, now: float, tz: dt.tzinfo | None = None, horizon_days: int = 7) -> DueStatus:
        if self.due_by < now:
            return DueStatus.OVERDUE
        today = _day(now, tz)
        due_day = _day(self.due_by, tz)
        if due_day == today:
            return DueStatus.TODAY
        if (due_day - today).days <= horizon_days:
            return DueStatus.COMING
        return DueStatus.LATER


def _day(epoch_s: float, tz: dt.tzinfo | None) -> dt.date:
    return dt.datetime.fromtimestamp(epoch_s, tz).date()


def _days_later(epoch_s: float, days: int, tz: dt.tzinfo | None) -> float:
    """The same wall-clock time `days` calendar days on, in `tz` (the machine's zone by
    default): arithmetic on a local time keeps the hour across a daylight-saving change."""
    return (dt.datetime.fromtimestamp(epoch_s, tz) + dt.timedelta(days=days)).timestamp()


def _clears(talk: TalkSession, dose: DoseEnd, next_end: float | None) -> bool:
    if talk.after_dose_session is not None:
        return talk.after_dose_session == dose.session_id
    return talk.started_at >= dose.ended_at and (next_end is None or talk.started_at < next_end)


def open_items(doses: Iterable[DoseEnd], talks: Iterable[TalkSession],
               set_asides: Iterable[SetAside], windows: CourseWindows = CourseWindows(),
               tz: dt.tzinfo | None = None) -> list[DueItem]:
    """Every check-in and integration session still owed, for every client given.

    `talks` are the records that count (corrected ones already left out); a
    record clears at most the dose it follows, so one check-in after two doses
    does not clear the first's.
    """
    by_client: dict[int, list[DoseEnd]] = {}
    for dose in doses:
        by_client.setdefault(dose.client_id, []).append(dose)
    talks_by_client: dict[int, list[TalkSession]] = {}
    for talk in talks:
        talks_by_client.setdefault(talk.client_id, []).append(talk)
    aside = {(item.client_id, item.session_id, item.kind) for item in set_asides}
    items = []
    for client_id, client_doses in by_client.items():
        ordered = sorted(client_doses, key=lambda d: (d.ended_at, d.session_id))
        client_talks = talks_by_client.get(client_id, [])
        for index, dose in enumerate(ordered):
            next_end = ordered[index + 1].ended_at if index + 1 < len(ordered) else None
            for kind, due_by in ((DueKind.CHECK_IN, dose.ended_at + windows.check_in_hours * 3600.0),
                                 (DueKind.INTEGRATION, _days_later(dose.ended_at,
                                                                   windows.integration_days, tz))):
                if next_end is not None and next_end >= due_by:
                    continue  # lapsed: the next dose came after its window closed
                if (client_id, dose.session_id, kind) in aside:
                    continue
                if any(talk.kind is kind.talk_kind and _clears(talk, dose, next_end)
                       for talk in client_talks):
                    continue
                items.append(DueItem(client_id, dose.session_id, kind, due_by))
    return items


#: The most overdue entries the main window lists: what is overdue longest is the
#: least likely to be done, and a practice upgraded with years of doses and no
#: follow-ups recorded would otherwise bury today's entries under hundreds of old
#: ones (and make the window's start grow with the practice). Each client's page
#: still lists all of its own.
OVERDUE_MOST = 100


@dataclass(frozen=True)
class DueListing:
    """What a due list shows, in order, and how many older overdue entries it leaves out."""

    items: list[DueItem]
    older_left_out: int = 0


def due_list(items: Iterable[DueItem], now: float, tz: dt.tzinfo | None = None,
             horizon_days: int = 7, overdue_most: int | None = None) -> DueListing:
    """The main window's list: overdue first (longest overdue on top), then today,
    then the coming `horizon_days`; what is due later is left for the client's page.

    Overdue, today and coming follow each other in time, so one sort by the due
    time is that order; the horizon is one cut-off (the start of the day after
    it, in `tz`), so no entry's day is worked out. With `overdue_most`, only
    that many of the overdue entries are kept: the most recently overdue."""
    horizon_end = _day(now, tz) + dt.timedelta(days=horizon_days + 1)
    cutoff = dt.datetime.combine(horizon_end, dt.time.min, tzinfo=tz).timestamp()
    shown = sorted((item for item in items if item.due_by < cutoff),
                   key=lambda item: (item.due_by, item.client_id, item.kind.value))
    overdue = bisect.bisect_left([item.due_by for item in shown], now)
    left_out = 0 if overdue_most is None else max(0, overdue - overdue_most)
    return DueListing(shown[left_out:], left_out)


def due_words(item: DueItem, client_name: str, now: float, windows: CourseWindows = CourseWindows(),
              tz: dt.tzinfo | None = None) -> str:
    """"72-hour check-in with A. M. — due by Thu 15:00",
    "Integration session with R. T. — overdue 2 days"."""
    what = (f"{windows.check_in_hours}-hour check-in" if item.kind is DueKind.CHECK_IN
            else "Integration session")
    due = dt.datetime.fromtimestamp(item.due_by, tz)
    status = item.status(now, tz)
    if status is DueStatus.OVERDUE:
        days = (_day(now, tz) - due.date()).days
        when = (f"overdue since {due:%H:%M} today" if days == 0
                else "overdue 1 day" if days == 1 else f"overdue {days} days")
    elif status is DueStatus.TODAY:
        when = f"due today by {due:%H:%M}"
    else:
        when = f"due by {due:%a} {due:%H:%M}" if (due.date() - _day(now, tz)).days < 7 \
            else f"due by {due:%a %d %b} {due:%H:%M}"
    return f"{what} with {client_name} — {when}"


def initials(name: str) -> str:
    """"Anna Maria Meyer" -> "A. M. M.": how the main window names a client in a list a
    passer-by might glance at."""
    return " ".join(f"{part[0].upper()}." for part in name.split() if part)


def preparation_words(preparations: int, doses: int, windows: CourseWindows = CourseWindows()) -> str:
    """Before the first dose: how many preparation sessions against the practice's
    minimum; "" once the client has had a dose (or when the practice sets none)."""
    if doses or windows.preparation_minimum == 0:
        return ""
    done = "none yet" if preparations == 0 else str(preparations)
    text = f"Preparation sessions: {done} of {windows.preparation_minimum} before the first dose"
    return text + ("." if preparations >= windows.preparation_minimum
                   else f" ({windows.preparation_minimum - preparations} to go).")


def course_position(doses_before: int, windows: CourseWindows = CourseWindows()) -> str:
    """Where today's dose falls in the course: "Dosing session 3 of 6 planned"."""
    number = doses_before + 1
    if number <= windows.planned_doses:
        return f"Dosing session {number} of {windows.planned_doses} planned"
    return f"Dosing session {number} ({windows.planned_doses} were planned)"


def pace_problem(previous_starts: Sequence[float], now: float,
                 windows: CourseWindows = CourseWindows(), tz: dt.tzinfo | None = None) -> str:
    """The before-the-dose page's warning when a dose today would exceed the practice's
    pace (at most `doses_per_week` in any 7 days), naming the earlier ones; "" when fine.
    Going on needs a written reason (the same gate as readiness)."""
    recent = sorted(start for start in previous_starts if now - WEEK_S < start <= now)
    if len(recent) < windows.doses_per_week:
        return ""
    days = ", ".join(f"{dt.datetime.fromtimestamp(start, tz):%a %d %b}" for start in recent)
    count = len(recent)
    sessions = "dosing session" if count == 1 else "dosing sessions"
    return (f"{count} {sessions} in the last 7 days ({days}); the practice allows at most "
            f"{windows.doses_per_week} a week. Write a reason to go on.")
