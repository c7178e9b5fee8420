"""The idle lock's rule on a fake clock: between sessions only, both clocks, the setting."""

from __future__ import annotations

import pytest

from kapdesk.core.clock import FakeClock
from kapdesk.core.idle_lock import (DEFAULT_MINUTES, LEAST_LOOK_AGAIN_S, LOOK_AGAIN_IDLE_OFF_S, Moment,
                                    idle_verdict, may_lock)
from kapdesk.core.practice_settings import idle_lock_minutes


def test_it_locks_after_the_set_minutes_without_input_and_says_when_to_look_again() -> None:
    clock = FakeClock()
    last = Moment.of(clock)
    clock.advance(60)
    verdict = idle_verdict(last, Moment.of(clock), 5, session_running=False)
    assert not verdict.lock and verdict.look_again_s == pytest.approx(4 * 60)
    clock.advance(4 * 60 - 1)
    assert not idle_verdict(last, Moment.of(clock), 5, False).lock
    clock.advance(1)
    assert idle_verdict(last, Moment.of(clock), 5, False).lock


def test_input_starts_the_count_again() -> None:
    clock = FakeClock()
    clock.advance(4 * 60)
    last = Moment.of(clock)  # a key pressed after four minutes
    clock.advance(2 * 60)
    verdict = idle_verdict(last, Moment.of(clock), 5, False)
    assert not verdict.lock and verdict.look_again_s == pytest.approx(3 * 60)


def test_nothing_locks_while_a_session_is_on_screen_or_when_turned_off() -> None:
    clock = FakeClock()
    last = Moment.of(clock)
    clock.advance(3 * 3600)
    for minutes, running in ((5, True), (0, False), (0, True)):
        verdict = idle_verdict(last, Moment.of(clock), minutes, running)
        assert not verdict.lock and verdict.look_again_s == LOOK_AGAIN_IDLE_OFF_S
    assert may_lock(session_running=False) and not may_lock(session_running=True)


def test_a_laptop_asleep_counts_as_idle_and_a_clock_set_back_does_not_hide_idling() -> None:
    clock = FakeClock()
    last = Moment.of(clock)
    clock.sleep_machine(3600)  # lid shut: the monotonic clock stood still
    assert idle_verdict(last, Moment.of(clock), 5, False).lock
    clock = FakeClock()
    last = Moment.of(clock)
    clock.jump_wall(-7200)  # the system clock set back two hours
    clock.advance(5 * 60)
    assert idle_verdict(last, Moment.of(clock), 5, False).lock


def test_it_never_asks_again_in_a_tight_loop() -> None:
    clock = FakeClock()
    last = Moment.of(clock)
    clock.advance(5 * 60 - 0.01)
    assert idle_verdict(last, Moment.of(clock), 5, False).look_again_s == LEAST_LOOK_AGAIN_S


@pytest.mark.parametrize(("stored", "minutes"), [
    (None, DEFAULT_MINUTES), (10, 10), (0, 0), (15.0, 15), (2.5, DEFAULT_MINUTES), (-1, DEFAULT_MINUTES),
    (10_000, DEFAULT_MINUTES), (True, DEFAULT_MINUTES), ("10", DEFAULT_MINUTES)])
def test_the_setting_is_read_forgivingly(stored: object, minutes: int) -> None:
    assert idle_lock_minutes(stored) == minutes
