"""What is due as time passes, on a fake clock: day by day after a dose, across the
clocks going forward and back (a European and an American zone, both ways), and after
a laptop shut for a week."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from kapdesk.core.clock import FakeClock
from kapdesk.core.course_due import (DoseEnd, DueKind, DueStatus, due_list, due_words,
                                     open_items)

HOUR = 3600.0
DAY = 86400.0
BERLIN, NEW_YORK = ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")


def local(zone: dt.tzinfo, text: str) -> float:
    return dt.datetime.fromisoformat(text).replace(tzinfo=zone).timestamp()


def items_by_kind(dose: DoseEnd, tz: dt.tzinfo) -> dict[DueKind, object]:
    return {item.kind: item for item in open_items([dose], [], [], tz=tz)}


def test_day_by_day_after_a_dose_the_words_move_from_due_to_today_to_overdue():
    zone = BERLIN
    clock = FakeClock(local(zone, "2026-06-08 15:00"))  # a Monday; the session ends now
    dose = DoseEnd(10, 1, clock.now())
    clock.advance(3 * HOUR)
    check_in = items_by_kind(dose, zone)[DueKind.CHECK_IN]
    said = []
    for _ in range(5):  # Mon 18:00, Tue, Wed, Thu, Fri
        said.append(due_words(check_in, "A. M.", clock.now(), tz=zone))
        clock.advance(DAY)
    assert said == ["72-hour check-in with A. M. — due by Thu 15:00"] * 3 + [
        "72-hour check-in with A. M. — overdue since 15:00 today",
        "72-hour check-in with A. M. — overdue 1 day"]
    thursday_morning = local(zone, "2026-06-11 09:00")
    assert check_in.status(thursday_morning, zone) is DueStatus.TODAY
    assert due_words(check_in, "A. M.", thursday_morning, tz=zone) == \
        "72-hour check-in with A. M. — due today by 15:00"


# (zone, the dose's end: the Friday before the clocks change, the check-in's due time
# 72 hours on, the Monday's words)
CHANGES = [
    pytest.param(BERLIN, "2026-03-27 15:00", "2026-03-30 16:00", "2026-04-03 15:00",
                 id="Europe/Berlin, clocks forward on 29 March"),
    pytest.param(BERLIN, "2026-10-23 15:00", "2026-10-26 14:00", "2026-10-30 15:00",
                 id="Europe/Berlin, clocks back on 25 October"),
    pytest.param(NEW_YORK, "2026-03-06 15:00", "2026-03-09 16:00", "2026-03-13 15:00",
                 id="America/New_York, clocks forward on 8 March"),
    pytest.param(NEW_YORK, "2026-10-30 15:00", "2026-11-02 14:00", "2026-11-06 15:00",
                 id="America/New_York, clocks back on 1 November"),
]


@pytest.mark.parametrize("zone, ended, check_in_by, integration_by", CHANGES)
def test_across_a_clock_change_hours_pass_and_days_keep_the_hour(zone, ended, check_in_by,
                                                                  integration_by):
    """72 hours are 72 hours that pass (the hour on the clock moves); 7 days are 7 days
    on the calendar (the same hour on the next Friday)."""
    dose = DoseEnd(10, 1, local(zone, ended))
    items = items_by_kind(dose, zone)
    assert items[DueKind.CHECK_IN].due_by == local(zone, ended) + 72 * HOUR
    assert items[DueKind.CHECK_IN].due_by == local(zone, check_in_by)
    assert items[DueKind.INTEGRATION].due_by == local(zone, integration_by)
    after = local(zone, ended) + 3 * HOUR
    hour = check_in_by[-5:]
    assert due_words(items[DueKind.CHECK_IN], "A. M.", after, tz=zone) == \
        f"72-hour check-in with A. M. — due by Mon {hour}"
    week_on = dt.date.fromisoformat(integration_by[:10])  # a week on: named with its date
    assert due_words(items[DueKind.INTEGRATION], "A. M.", after, tz=zone) == \
        f"Integration session with A. M. — due by Fri {week_on:%d %b} 15:00"
    day_after = local(zone, integration_by) + DAY  # Saturday, same hour
    assert due_words(items[DueKind.INTEGRATION], "A. M.", day_after, tz=zone) == \
        "Integration session with A. M. — overdue 1 day"
    assert due_words(items[DueKind.CHECK_IN], "A. M.", day_after, tz=zone) == \
        "72-hour check-in with A. M. — overdue 5 days"


def test_a_laptop_shut_for_a_week_opens_on_what_became_overdue_and_nothing_lapsed():
    zone = NEW_YORK
    clock = FakeClock(local(zone, "2026-06-08 15:00"))
    dose = DoseEnd(10, 1, clock.now())
    clock.advance(3 * HOUR)
    before = due_list(open_items([dose], [], [], tz=zone), clock.now(), zone).items
    assert [i.status(clock.now(), zone) for i in before] == [DueStatus.COMING, DueStatus.COMING]
    clock.advance(7 * DAY)  # the lid shut on Monday evening, opened the next Monday evening
    now = clock.now()
    after = due_list(open_items([dose], [], [], tz=zone), now, zone).items
    assert [(i.kind, i.status(now, zone)) for i in after] == [
        (DueKind.CHECK_IN, DueStatus.OVERDUE), (DueKind.INTEGRATION, DueStatus.OVERDUE)]
    assert [due_words(i, "A. M.", now, tz=zone) for i in after] == [
        "72-hour check-in with A. M. — overdue 4 days",
        "Integration session with A. M. — overdue since 15:00 today"]
    clock.advance(60 * DAY)  # however long: only a later dose makes them lapse
    assert len(open_items([dose], [], [], tz=zone)) == 2
    later_dose = DoseEnd(11, 1, clock.now())
    owed = {(i.session_id, i.kind) for i in open_items([dose, later_dose], [], [], tz=zone)}
    assert owed == {(11, DueKind.CHECK_IN), (11, DueKind.INTEGRATION)}


@pytest.fixture
def berlin_machine(monkeypatch):  # noqa: ANN201
    """The machine's own zone set to Berlin, as the app reads it (tz=None), and put back."""
    import time

    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_in_the_machines_own_zone_the_integration_keeps_its_hour_too(berlin_machine):
    """What the app itself does (the stores pass no zone): the laptop's clock in Berlin."""
    ended = local(BERLIN, "2026-03-27 15:00")
    items = {item.kind: item for item in open_items([DoseEnd(10, 1, ended)], [], [])}
    assert items[DueKind.INTEGRATION].due_by == local(BERLIN, "2026-04-03 15:00")
    assert items[DueKind.CHECK_IN].due_by == ended + 72 * HOUR
    assert due_words(items[DueKind.CHECK_IN], "A. M.", ended + HOUR) == \
        "72-hour check-in with A. M. — due by Mon 16:00"
