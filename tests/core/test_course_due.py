"""What is due after a dose, in the order and words the main window shows it."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from kapdesk.core.course_due import (CourseWindows, DoseEnd, DueItem, DueKind, DueStatus, SetAside,
                                     course_position, due_list, due_words, initials,
                                     open_items, pace_problem, preparation_words,
                                     set_aside_problems, windows_problems)
from kapdesk.core.talk_sessions import CheckInHow, TalkKind, TalkSession

UTC = dt.timezone.utc
HOUR = 3600.0
DAY = 86400.0


def at(text: str) -> float:
    """'2026-12-07 15:00' (a Monday) as epoch seconds, UTC."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp()


def check_in(client_id: int, when: str, after: int | None = None) -> TalkSession:
    return TalkSession(client_id, TalkKind.CHECK_IN, at(when), 15,
                       {"how_they_are": "well"}, how=CheckInHow.PHONE, after_dose_session=after)


def integration(client_id: int, when: str, after: int | None = None) -> TalkSession:
    return TalkSession(client_id, TalkKind.INTEGRATION, at(when), 50, {"plan": "walks"},
                       after_dose_session=after)


def test_a_dose_makes_a_check_in_due_in_72_hours_and_integration_in_7_days():
    dose = DoseEnd(10, 1, at("2026-12-07 12:00"))
    items = {item.kind: item for item in open_items([dose], [], [])}
    assert items[DueKind.CHECK_IN].due_by == at("2026-12-10 12:00")
    assert items[DueKind.INTEGRATION].due_by == at("2026-12-14 12:00")


def test_the_windows_are_the_practices():
    dose = DoseEnd(10, 1, at("2026-12-07 12:00"))
    windows = CourseWindows(check_in_hours=24, integration_days=3)
    items = {item.kind: item for item in open_items([dose], [], [], windows)}
    assert items[DueKind.CHECK_IN].due_by == at("2026-12-08 12:00")
    assert items[DueKind.INTEGRATION].due_by == at("2026-12-10 12:00")


def test_recording_a_check_in_clears_only_the_check_in():
    dose = DoseEnd(10, 1, at("2026-12-07 12:00"))
    items = open_items([dose], [check_in(1, "2026-12-08 09:00")], [])
    assert [item.kind for item in items] == [DueKind.INTEGRATION]


def test_a_late_check_in_still_clears_it():
    dose = DoseEnd(10, 1, at("2026-12-01 12:00"))
    assert [i.kind for i in open_items([dose], [check_in(1, "2026-12-06 09:00")], [])] \
        == [DueKind.INTEGRATION]


def test_a_talk_before_the_dose_ended_clears_nothing():
    dose = DoseEnd(10, 1, at("2026-12-07 12:00"))
    assert len(open_items([dose], [check_in(1, "2026-12-07 10:00")], [])) == 2


def test_another_clients_record_clears_nothing():
    dose = DoseEnd(10, 1, at("2026-12-07 12:00"))
    assert len(open_items([dose], [check_in(2, "2026-12-08 10:00")], [])) == 2


def test_one_check_in_after_two_doses_clears_only_the_later_one():
    first = DoseEnd(10, 1, at("2026-12-01 12:00"))
    second = DoseEnd(11, 1, at("2026-12-03 12:00"))  # within the first's check-in window
    items = open_items([first, second], [check_in(1, "2026-12-05 09:00")], [])
    assert {(i.session_id, i.kind) for i in items} == {
        (10, DueKind.CHECK_IN), (10, DueKind.INTEGRATION), (11, DueKind.INTEGRATION)}


def test_a_linked_record_clears_the_dose_it_names_whenever_it_was_recorded():
    first = DoseEnd(10, 1, at("2026-12-01 12:00"))
    second = DoseEnd(11, 1, at("2026-12-04 12:00"))
    items = open_items([first, second], [integration(1, "2026-12-05 09:00", after=10)], [])
    assert (10, DueKind.INTEGRATION) not in {(i.session_id, i.kind) for i in items}
    assert (11, DueKind.INTEGRATION) in {(i.session_id, i.kind) for i in items}


def test_setting_aside_removes_it_and_needs_a_reason():
    dose = DoseEnd(10, 1, at("2026-12-07 12:00"))
    aside = SetAside(1, 10, DueKind.INTEGRATION, "moved away; referred on", at("2026-12-08 09:00"))
    assert [i.kind for i in open_items([dose], [], [aside])] == [DueKind.CHECK_IN]
    assert set_aside_problems("  ") and not set_aside_problems("client declined")


def test_the_list_puts_overdue_first_then_today_then_the_week_and_leaves_later_out():
    now = at("2026-12-07 10:00")
    doses = [DoseEnd(1, 1, at("2026-12-02 12:00")),   # check-in overdue since Sat
             DoseEnd(2, 2, at("2026-12-04 14:00")),   # check-in due today 14:00
             DoseEnd(3, 3, at("2026-12-06 12:00"))]   # check-in Wed, integration Sun
    shown = due_list(open_items(doses, [], []), now, UTC).items
    statuses = [item.status(now, UTC) for item in shown]
    assert statuses == sorted(statuses, key=[DueStatus.OVERDUE, DueStatus.TODAY,
                                             DueStatus.COMING].index)
    assert (shown[0].client_id, shown[0].kind) == (1, DueKind.CHECK_IN)
    assert (shown[1].client_id, shown[1].kind) == (2, DueKind.CHECK_IN)
    assert statuses[1] is DueStatus.TODAY
    far = DoseEnd(4, 4, at("2026-12-07 09:00"))
    windows = CourseWindows(integration_days=30)
    later = open_items([far], [], [], windows)
    assert [i.kind for i in due_list(later, now, UTC).items] == [DueKind.CHECK_IN]


def test_the_longest_overdue_comes_first():
    now = at("2026-12-20 10:00")
    items = open_items([DoseEnd(1, 1, at("2026-12-10 12:00")), DoseEnd(2, 2, at("2026-12-01 12:00"))],
                       [], [])
    assert [i.client_id for i in due_list(items, now, UTC).items][:2] == [2, 2]



def test_a_long_overdue_backlog_keeps_the_most_recent_and_says_how_many_are_left_out():
    """A practice upgraded with years of doses and no follow-ups: the main window lists
    the most recently overdue and everything due today and this week, never fewer."""
    now = at("2026-12-07 10:00")
    old = [DoseEnd(100 + n, 100 + n, at("2025-01-01 12:00") + n * DAY) for n in range(30)]
    today = DoseEnd(1, 1, at("2026-12-04 14:00"))  # check-in due today 14:00
    listing = due_list(open_items([*old, today], [], []), now, UTC, overdue_most=5)
    assert listing.older_left_out == 2 * 30 - 5
    overdue = [item for item in listing.items if item.status(now, UTC) is DueStatus.OVERDUE]
    assert len(overdue) == 5
    assert {item.client_id for item in overdue} >= {128, 129}  # the newest of the backlog
    assert listing.items[5].client_id == 1 and listing.items[5].status(now, UTC) is DueStatus.TODAY
    assert due_list(open_items([*old, today], [], []), now, UTC).older_left_out == 0


@pytest.mark.parametrize("zone, now_text, last_kept", [
    ("Europe/Berlin", "2026-10-20 10:00", "2026-10-27 23:59"),    # clocks go back on the 25th
    ("America/New_York", "2026-03-03 10:00", "2026-03-10 23:59"),  # and forward on the 8th
])
def test_the_week_ends_at_the_clients_midnight_across_a_daylight_saving_change(zone, now_text,
                                                                             last_kept):
    tz = ZoneInfo(zone)

    def local(text: str) -> float:
        return dt.datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=tz).timestamp()

    now = local(now_text)
    kept = DueItem(1, 1, DueKind.CHECK_IN, local(last_kept))
    beyond = DueItem(2, 2, DueKind.CHECK_IN, local(last_kept) + 120)  # 00:01 the day after
    assert due_list([beyond, kept], now, tz).items == [kept]
    assert kept.status(now, tz) is DueStatus.COMING and beyond.status(now, tz) is DueStatus.LATER

@pytest.mark.parametrize("now, expected", [
    ("2026-12-07 10:00", "72-hour check-in with A. M. — due by Thu 15:00"),
    ("2026-12-10 09:00", "72-hour check-in with A. M. — due today by 15:00"),
    ("2026-12-10 16:00", "72-hour check-in with A. M. — overdue since 15:00 today"),
    ("2026-12-11 09:00", "72-hour check-in with A. M. — overdue 1 day"),
    ("2026-12-12 09:00", "72-hour check-in with A. M. — overdue 2 days"),
])
def test_words_say_when(now, expected):
    item = next(i for i in open_items([DoseEnd(1, 1, at("2026-12-07 15:00"))], [], [])
                if i.kind is DueKind.CHECK_IN)
    assert due_words(item, "A. M.", at(now), tz=UTC) == expected


def test_integration_words_name_the_session():
    item = next(i for i in open_items([DoseEnd(1, 1, at("2026-12-01 15:00"))], [], [])
                if i.kind is DueKind.INTEGRATION)
    assert due_words(item, "R. T.", at("2026-12-10 09:00"), tz=UTC) \
        == "Integration session with R. T. — overdue 2 days"


def test_initials():
    assert initials("anna maria  Meyer") == "A. M. M."
    assert initials("") == ""


def test_preparation_counts_against_the_minimum_until_the_first_dose():
    assert preparation_words(0, 0) == \
        "Preparation sessions: none yet of 3 before the first dose (3 to go)."
    assert preparation_words(2, 0).endswith("(1 to go).")
    assert preparation_words(3, 0) == "Preparation sessions: 3 of 3 before the first dose."
    assert preparation_words(1, 1) == ""
    assert preparation_words(0, 0, CourseWindows(preparation_minimum=0)) == ""


def test_course_position():
    assert course_position(0) == "Dosing session 1 of 6 planned"
    assert course_position(5) == "Dosing session 6 of 6 planned"
    assert course_position(6) == "Dosing session 7 (6 were planned)"


def test_pace_allows_two_a_week_and_names_the_earlier_ones_on_the_third():
    now = at("2026-12-07 10:00")
    assert pace_problem([at("2026-12-03 10:00")], now, tz=UTC) == ""
    text = pace_problem([at("2026-12-03 10:00"), at("2026-12-05 10:00"), at("2026-11-20 10:00")],
                        now, tz=UTC)
    assert text.startswith("2 dosing sessions in the last 7 days (Thu 03 Dec, Sat 05 Dec)")
    assert "at most 2 a week" in text and "reason" in text
    # exactly seven days ago no longer counts
    assert pace_problem([at("2026-11-30 10:00"), at("2026-12-05 10:00")], now, tz=UTC) == ""


def test_windows_are_read_forgivingly_and_checked_in_words():
    read = CourseWindows.from_data({"check_in_hours": 48, "integration_days": "x",
                                    "planned_doses": 0, "doses_per_week": True})
    assert read == CourseWindows(check_in_hours=48)
    assert CourseWindows.from_data(read.to_data()) == read
    problems = windows_problems(CourseWindows(doses_per_week=9))
    assert problems == ["Most dosing sessions in any 7 days: give a number from 1 to 7."]


def test_an_item_lapses_once_the_next_dose_ended_after_its_window_closed():
    first = DoseEnd(10, 1, at("2026-12-01 12:00"))   # check-in due Fri 4th, integration Tue 8th
    second = DoseEnd(11, 1, at("2026-12-05 12:00"))  # after the first check-in's window
    owed = {(i.session_id, i.kind) for i in open_items([first, second], [], [])}
    assert (10, DueKind.CHECK_IN) not in owed  # lapsed
    assert (10, DueKind.INTEGRATION) in owed  # its window is still open when the second ended
    assert {(11, DueKind.CHECK_IN), (11, DueKind.INTEGRATION)} <= owed
