"""The idle lock's rule on a fake clock: the two settings, both clocks, the system hiding the app."""

from __future__ import annotations

import pytest

from kapdesk.core.clock import FakeClock
from kapdesk.core.idle_lock import (DEFAULT_MINUTES, DEFAULT_SESSION_MINUTES, LEAST_LOOK_AGAIN_S,
                                    LOOK_AGAIN_IDLE_OFF_S, WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK,
                                    Moment, first_look_s, idle_verdict, lock_minutes,
                                    locks_on_app_state, locks_on_screen_saver, locks_on_unexposed,
                                    locks_on_windows_message, locks_on_xscreensaver_line)
from kapdesk.core.practice_settings import idle_lock_minutes, idle_lock_seconds, session_lock_minutes


def test_it_locks_after_the_set_minutes_without_input_and_says_when_to_look_again() -> None:
    clock = FakeClock()
    last = Moment.of(clock)
    clock.advance(60)
    verdict = idle_verdict(last, Moment.of(clock), 5)
    assert not verdict.lock and verdict.look_again_s == pytest.approx(4 * 60)
    clock.advance(4 * 60 - 1)
    assert not idle_verdict(last, Moment.of(clock), 5).lock
    clock.advance(1)
    assert idle_verdict(last, Moment.of(clock), 5).lock


def test_input_starts_the_count_again() -> None:
    clock = FakeClock()
    clock.advance(4 * 60)
    last = Moment.of(clock)  # a key pressed after four minutes
    clock.advance(2 * 60)
    verdict = idle_verdict(last, Moment.of(clock), 5)
    assert not verdict.lock and verdict.look_again_s == pytest.approx(3 * 60)


def test_during_a_session_the_sessions_own_setting_counts_and_is_off_by_default() -> None:
    assert DEFAULT_SESSION_MINUTES == 0
    assert lock_minutes(5, 0, session_running=True) == 0
    assert lock_minutes(5, 30, session_running=True) == 30
    assert lock_minutes(5, 30, session_running=False) == 5


def test_nothing_locks_by_idling_when_turned_off() -> None:
    clock = FakeClock()
    last = Moment.of(clock)
    clock.advance(3 * 3600)
    verdict = idle_verdict(last, Moment.of(clock), 0)
    assert not verdict.lock and verdict.look_again_s == LOOK_AGAIN_IDLE_OFF_S


def test_the_system_putting_the_app_away_locks_but_another_app_taking_the_focus_does_not() -> None:
    assert locks_on_app_state("suspended") and locks_on_app_state("hidden")
    assert not locks_on_app_state("inactive") and not locks_on_app_state("active")
    assert locks_on_unexposed(visible=True, minimised=False)
    assert not locks_on_unexposed(visible=True, minimised=True)
    assert not locks_on_unexposed(visible=False, minimised=False)
    assert locks_on_screen_saver(True) and not locks_on_screen_saver(False)


def test_a_laptop_asleep_counts_as_idle_and_a_clock_set_back_does_not_hide_idling() -> None:
    clock = FakeClock()
    last = Moment.of(clock)
    clock.sleep_machine(3600)  # lid shut: the monotonic clock stood still
    assert idle_verdict(last, Moment.of(clock), 5).lock
    clock = FakeClock()
    last = Moment.of(clock)
    clock.jump_wall(-7200)  # the system clock set back two hours
    clock.advance(5 * 60)
    assert idle_verdict(last, Moment.of(clock), 5).lock


def test_it_never_asks_again_in_a_tight_loop() -> None:
    clock = FakeClock()
    last = Moment.of(clock)
    clock.advance(5 * 60 - 0.01)
    assert idle_verdict(last, Moment.of(clock), 5).look_again_s == LEAST_LOOK_AGAIN_S


@pytest.mark.parametrize(("stored", "minutes"), [
    (None, DEFAULT_MINUTES), (10, 10), (0, 0), (15.0, 15), (2.5, DEFAULT_MINUTES), (-1, DEFAULT_MINUTES),
    (10_000, DEFAULT_MINUTES), (True, DEFAULT_MINUTES), ("10", DEFAULT_MINUTES)])
def test_the_setting_is_read_forgivingly(stored: object, minutes: int) -> None:
    assert idle_lock_minutes(stored) == minutes


@pytest.mark.parametrize(("stored", "minutes"), [(None, 0), (30, 30), (0, 0), (-5, 0), (999, 0), ("30", 0)])
def test_the_session_setting_is_read_forgivingly(stored: object, minutes: int) -> None:
    assert session_lock_minutes(stored) == minutes


def test_a_time_in_seconds_counts_between_sessions_instead_of_the_minutes() -> None:
    clock = FakeClock()
    last = Moment.of(clock)
    minutes = lock_minutes(5, 0, session_running=False, between_seconds=3)
    assert minutes == pytest.approx(3 / 60)
    clock.advance(2)
    assert idle_verdict(last, Moment.of(clock), minutes).look_again_s == LEAST_LOOK_AGAIN_S
    clock.advance(1)
    assert idle_verdict(last, Moment.of(clock), minutes).lock
    assert lock_minutes(5, 0, session_running=True, between_seconds=3) == 0  # a session: its own
    assert lock_minutes(5, 0, session_running=False, between_seconds=None) == 5


def test_the_first_look_comes_a_minute_in_or_sooner_for_a_shorter_time() -> None:
    assert first_look_s(5) == LOOK_AGAIN_IDLE_OFF_S
    assert first_look_s(0) == LOOK_AGAIN_IDLE_OFF_S  # off: look now and then, the setting may change
    assert first_look_s(3 / 60) == pytest.approx(3)
    assert first_look_s(0.1 / 60) == LEAST_LOOK_AGAIN_S


@pytest.mark.parametrize(("stored", "seconds"), [
    (None, None), (3, 3), (3.0, 3), (0, None), (-3, None), (3601, None), (2.5, None), (True, None),
    ("3", None)])
def test_the_seconds_setting_is_read_forgivingly(stored: object, seconds: int | None) -> None:
    assert idle_lock_seconds(stored) == seconds


def test_windows_locking_its_session_locks_and_nothing_else_does() -> None:
    assert (WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK) == (0x02B1, 0x7)  # WinUser.h, WtsApi32.h
    assert locks_on_windows_message(0x02B1, 0x7)
    assert not locks_on_windows_message(0x02B1, 0x8)  # WTS_SESSION_UNLOCK
    assert not locks_on_windows_message(0x02B1, 0x1)  # a console connected
    assert not locks_on_windows_message(0x0100, 0x7)  # WM_KEYDOWN, a key whose code is 7


def test_xscreensaver_blanking_or_locking_locks_and_unblanking_does_not() -> None:
    assert locks_on_xscreensaver_line("LOCK Mon Dec  7 21:30:00 2026")
    assert locks_on_xscreensaver_line("BLANK Mon Dec  7 21:30:00 2026")
    assert not locks_on_xscreensaver_line("UNBLANK Mon Dec  7 21:35:00 2026")
    assert not locks_on_xscreensaver_line("RUN 34")
    assert not locks_on_xscreensaver_line("")
