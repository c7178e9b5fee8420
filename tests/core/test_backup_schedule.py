"""Which backups are kept (12 daily, 10 weekly, 9 monthly, as Anki) and when the next one is due.

Tested with a fixed "today" and over a whole year of backups, day after day.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kapdesk.core.backup_schedule import (INTERVAL_S, Moment, Retention, Trigger, backup_due,
                                          backups_to_keep, next_due_at)

TODAY = dt.date(2026, 12, 7)
NOW = 1_796_640_000.0  # any wall time: the due rule only compares times


def at(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


def daily_for(days: int, today: dt.date = TODAY) -> dict[dt.datetime, dt.datetime]:
    made = [at(today - dt.timedelta(days=back)) for back in range(days)]
    return {when: when for when in made}


def test_a_year_of_daily_backups_thins_to_today_12_days_10_weeks_and_9_months() -> None:
    kept = sorted(backups_to_keep(daily_for(366), TODAY), reverse=True)
    assert len(kept) == 1 + 12 + 10 + 9
    assert kept[0].date() == TODAY
    days = [when.date() for when in kept[1:13]]
    assert days == [TODAY - dt.timedelta(days=back) for back in range(1, 13)]
    weeks = [when.date().isocalendar()[:2] for when in kept[13:23]]
    assert len(set(weeks)) == 10 and weeks == sorted(weeks, reverse=True)
    assert weeks[0] < days[-1].isocalendar()[:2]  # older than the oldest daily one
    months = [(when.year, when.month) for when in kept[23:]]
    assert len(set(months)) == 9 and months == sorted(months, reverse=True)
    assert months[0] < (kept[22].year, kept[22].month)
    # Reaches back most of a year: 12 days, 10 weeks and 9 months.
    assert (TODAY - kept[-1].date()).days > 300


def test_every_backup_of_today_is_kept_and_only_the_newest_of_an_older_day() -> None:
    made = {when: when for when in (at(TODAY, 9), at(TODAY, 13), at(TODAY, 17, 30),
                                    at(TODAY - dt.timedelta(days=1), 9),
                                    at(TODAY - dt.timedelta(days=1), 18))}
    kept = backups_to_keep(made, TODAY)
    assert kept == {at(TODAY, 9), at(TODAY, 13), at(TODAY, 17, 30),
                    at(TODAY - dt.timedelta(days=1), 18)}


def test_a_backup_dated_after_today_is_kept_a_changed_clock_deletes_nothing() -> None:
    future = at(TODAY + dt.timedelta(days=40))
    made = {**daily_for(60), future: future}
    assert future in backups_to_keep(made, TODAY)


def test_no_counts_keeps_only_today() -> None:
    kept = backups_to_keep(daily_for(30), TODAY, Retention(daily=0, weekly=0, monthly=0))
    assert kept == {at(TODAY)}


def test_gaps_in_the_backups_are_spanned_by_the_weekly_and_monthly_ones() -> None:
    # The laptop was away for the summer: a backup a day in spring, then nothing until December.
    spring = {when: when for when in (at(dt.date(2026, 3, 1) + dt.timedelta(days=n)) for n in range(90))}
    kept = sorted(backups_to_keep({**spring, **daily_for(3)}, TODAY), reverse=True)
    last_spring_day = dt.date(2026, 3, 1) + dt.timedelta(days=89)
    # Today, then 12 days that have a backup (2 in December, 10 at the end of the spring) ...
    assert [when.date() for when in kept[:13]] == (
        [TODAY - dt.timedelta(days=back) for back in range(3)]
        + [last_spring_day - dt.timedelta(days=back) for back in range(10)])
    # ... then one a week back into March; March itself is the oldest month there is.
    assert len({when.isocalendar()[:2] for when in kept[13:]}) == len(kept[13:]) == 10
    assert kept[-1] >= at(dt.date(2026, 3, 1))


def test_thinning_day_after_day_for_a_year_keeps_a_bounded_spread_of_backups() -> None:
    """The app thins after every backup: three backups a day, every day of a year."""
    kept: dict[dt.datetime, dt.datetime] = {}
    first = dt.date(2026, 1, 1)
    for number in range(365):
        today = first + dt.timedelta(days=number)
        before = set(kept)
        for hour in (9, 13, 17):
            kept[at(today, hour)] = at(today, hour)
            kept = {key: kept[key] for key in backups_to_keep(kept, today)}
        assert set(kept) - before - {at(today, h) for h in (9, 13, 17)} == set()  # nothing revived
        assert {at(today, h) for h in (9, 13, 17)} <= set(kept)  # today's are all there
        assert len(kept) <= 3 + 12 + 10 + 9
    last = first + dt.timedelta(days=364)
    days = sorted({when.date() for when in kept}, reverse=True)
    assert days[:13] == [last - dt.timedelta(days=back) for back in range(13)]
    # No gap between two kept backups is longer than about a month and a half.
    gaps = [(newer - older).days for newer, older in zip(days, days[1:])]
    assert max(gaps) <= 45
    assert (last - days[-1]).days > 250


def moment(changed: bool = True, last: float | None = NOW - INTERVAL_S, phase: str | None = None,
           running: bool = False) -> Moment:
    return Moment(now=NOW, changed=changed, last_backup_at=last, running_phase_kind=phase,
                  session_running=running)


def test_a_closed_session_is_backed_up_at_once() -> None:
    assert backup_due(Trigger.SESSION_CLOSED, moment(last=NOW - 60))


def test_quitting_backs_up_only_what_changed() -> None:
    assert backup_due(Trigger.QUIT, moment(changed=True, last=NOW - 60))
    assert not backup_due(Trigger.QUIT, moment(changed=False))


def test_the_timer_backs_up_at_most_every_30_minutes_and_only_what_changed() -> None:
    assert backup_due(Trigger.TIMER, moment(last=NOW - INTERVAL_S))
    assert not backup_due(Trigger.TIMER, moment(last=NOW - INTERVAL_S + 1))
    assert not backup_due(Trigger.TIMER, moment(changed=False, last=NOW - 5 * INTERVAL_S))
    assert backup_due(Trigger.TIMER, moment(last=None))  # never backed up yet


@pytest.mark.parametrize("trigger", list(Trigger))
@pytest.mark.parametrize("kind", ["dose", "journey", "observation", "breathwork", ""])
def test_never_while_the_client_lies_still_in_a_running_session(trigger: Trigger, kind: str) -> None:
    assert not backup_due(trigger, moment(phase=kind, running=True, last=NOW - 10 * INTERVAL_S))


@pytest.mark.parametrize("kind", ["check-in", "debrief", "discharge"])
def test_a_running_session_sitting_up_allows_a_backup(kind: str) -> None:
    assert backup_due(Trigger.TIMER, moment(phase=kind, running=True))


def test_the_next_timer_backup_waits_30_minutes_unless_the_clock_went_back() -> None:
    assert next_due_at(NOW - 60, NOW) == NOW - 60 + INTERVAL_S
    assert next_due_at(None, NOW) == NOW
    assert next_due_at(NOW + 3600, NOW) == NOW  # the last backup is "in the future"
