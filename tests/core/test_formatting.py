"""The words and numbers the session screen shows."""

from __future__ import annotations

import datetime as dt

import pytest

from kapdesk.core.checkpoints import CheckpointStatus
from kapdesk.core.formatting import (
                                     SINCE_DOSE_LEGEND, after_dose, format_clock, format_countdown, format_due, format_minutes,
                                     format_time_of_day, iso_local, iso_utc, local_datetime, record_time, since_dose, utc_offset_s,
                                     zone_label,
                                     )
from kapdesk.core.script import Checkpoint

BP = Checkpoint("bp", "BP check", "vitals", "dose", 2400, grace_s=300)


@pytest.mark.parametrize("seconds, text", [
    (0, "0:00"), (5, "0:05"), (59.99, "0:59"), (60, "1:00"), (2530, "42:10"),
    (3599, "59:59"), (3600, "1:00:00"), (3723, "1:02:03"), (36000, "10:00:00"), (-65, "-1:05"),
])
def test_format_clock(seconds: float, text: str) -> None:
    assert format_clock(seconds) == text


@pytest.mark.parametrize("remaining, text", [
    (600, "10:00"), (0.2, "0:01"), (0, "0:00"), (-0.5, "0:00"), (-1, "+0:01 over"),
    (-180, "+3:00 over"), (-180.9, "+3:00 over"), (-3725, "+1:02:05 over"),
])
def test_format_countdown(remaining: float, text: str) -> None:
    assert format_countdown(remaining) == text


@pytest.mark.parametrize("seconds, text", [
    (0, "1 min"), (60, "1 min"), (240, "4 min"), (89 * 60, "89 min"), (90 * 60, "1 h 30 min"),
    (120 * 60, "2 h"),
])
def test_format_minutes(seconds: float, text: str) -> None:
    assert format_minutes(seconds) == text


def status(due_at: float | None, state: str = "upcoming") -> CheckpointStatus:
    return CheckpointStatus(BP, due_at, state)


@pytest.mark.parametrize("now, text", [
    (1000 - 240, "BP check in 4 min"),
    (1000 - 190, "BP check in 4 min"),  # 3:10 left reads as 4 min, never as 3
    (1000 - 30, "BP check in 1 min"),
    (1000, "BP check due now"),
    (1000 + 299, "BP check due now"),
    (1000 + 300, "BP check overdue by 5 min"),
    (1000 + 360, "BP check overdue by 6 min"),
    (1000 + 419, "BP check overdue by 6 min"),
])
def test_format_due(now: float, text: str) -> None:
    assert format_due(status(1000.0), now) == text


def test_format_due_edge_cases() -> None:
    assert format_due(None, 0) == ""
    assert format_due(status(None, "waiting"), 0) == "BP check later"
    assert format_due(status(1000.0, "done"), 2000) == "BP check done"


def test_format_time_of_day() -> None:
    assert format_time_of_day(1_767_225_600.0 + 14 * 3600 + 5 * 60, dt.timezone.utc) == "14:05"


@pytest.mark.parametrize("seconds, text", [
    (0, "+0:00"), (59, "+0:00"), (42 * 60 + 59, "+0:42"), (80 * 60, "+1:20"),
    (2 * 3600 + 5 * 60, "+2:05"),
])
def test_since_dose_is_hours_and_minutes_always_with_the_hour(seconds: float, text: str) -> None:
    assert since_dose(seconds) == text


def test_a_record_time_is_the_clock_time_and_after_the_dose_the_time_since_it() -> None:
    utc = dt.timezone.utc
    dose = dt.datetime(2026, 12, 7, 14, 5, tzinfo=utc).timestamp()
    assert record_time(dose - 600, dose, utc) == "13:55"  # before the dose: no "+" at all
    assert record_time(dose - 600, None, utc) == "13:55"
    assert record_time(dose, dose, utc) == "14:05 +0:00"
    assert record_time(dose + 42 * 60, dose, utc) == "14:47 +0:42"
    assert SINCE_DOSE_LEGEND == "+0:42 = 42 minutes after the dose"


CET = dt.timezone(dt.timedelta(hours=1), "CET")
NOON_UTC = 1_767_225_600.0 + 12 * 3600  # 2026-01-01 12:00 UTC


def test_a_records_moments_in_utc_and_in_its_zone() -> None:
    assert iso_utc(NOON_UTC) == "2026-01-01T12:00:00Z" and iso_utc(None) is None
    assert iso_local(NOON_UTC, CET) == "2026-01-01T13:00:00+01:00" and iso_local(None) == ""
    assert local_datetime(NOON_UTC, CET).hour == 13 and local_datetime(NOON_UTC).tzinfo is not None
    assert zone_label(NOON_UTC, CET) == "UTC+01:00 (CET)"
    assert zone_label(NOON_UTC, dt.timezone.utc) == "UTC+00:00"
    assert utc_offset_s(NOON_UTC, CET) == 3600 and utc_offset_s(NOON_UTC, dt.timezone.utc) == 0


def test_the_time_after_the_dose_counts_from_the_latest_dose_given_by_then() -> None:
    assert after_dose([], 500.0) == "" and after_dose([600.0], 500.0) == ""
    assert after_dose([600.0], 600.0) == "+0:00" and after_dose([600.0], 600.0 + 42 * 60) == "+0:42"
    assert after_dose([0.0, 3600.0], 3600.0 + 5 * 60) == "+0:05"
