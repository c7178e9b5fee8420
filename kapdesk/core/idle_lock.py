"""When the window locks itself: after a time without keyboard or mouse input, between sessions.

A laptop left open in the office must not show every client to whoever walks
by. After `minutes` without input (the practice's setting, 5 by default; 0
turns it off) the window is covered by the lock screen, and Ctrl+L locks it
at once. This round locks BETWEEN SESSIONS only: while a session is on
screen nothing locks (the issue's "during a running session off by
default"); a lock that keeps the running session visible without the
client's name (phase, count-down, what is due, a safety alert) is a later
round's.

Idle time is measured on both clocks and the longer counts: the monotonic
clock cannot be fooled by a changed system clock, but on a laptop it may
stand still while the lid is shut, so an hour asleep is an hour idle by the
wall clock, and the window locks as soon as it wakes. A wall clock set back
only shortens the wall reading, and the monotonic one still counts.
"""

from __future__ import annotations

from dataclasses import dataclass

from kapdesk.core.clock import Clock

DEFAULT_MINUTES = 5
MINUTES_RANGE = (0, 240)  # 0 = off; four hours is already as good as off
#: How soon to look again while locking cannot happen (off, a session on
#: screen): the setting may change, and a session may end.
LOOK_AGAIN_IDLE_OFF_S = 60.0
#: Never look again sooner than this: a timer firing in a tight loop costs more
#: than locking a second late.
LEAST_LOOK_AGAIN_S = 1.0


@dataclass(frozen=True)
class Moment:
    """One reading of both clocks: when the last input came, or now."""

    wall: float
    mono: float

    @classmethod
    def of(cls, clock: Clock) -> Moment:
        return cls(clock.now(), clock.monotonic())


@dataclass(frozen=True)
class IdleVerdict:
    """Whether to lock now, and otherwise in how many seconds to ask again."""

    lock: bool
    look_again_s: float  # meaningless when `lock` (the lock screen takes over)


def idle_seconds(last_input: Moment, now: Moment) -> float:
    """How long nothing was typed or clicked: the longer of the two clocks' readings."""
    return max(0.0, now.mono - last_input.mono, now.wall - last_input.wall)


def may_lock(session_running: bool) -> bool:
    """Whether the window may be locked now (by Ctrl+L or by idling): between sessions only."""
    return not session_running


def idle_verdict(last_input: Moment, now: Moment, minutes: int, session_running: bool) -> IdleVerdict:
    """Lock when `minutes` have passed without input between sessions; else when to look again."""
    if minutes <= 0 or not may_lock(session_running):
        return IdleVerdict(False, LOOK_AGAIN_IDLE_OFF_S)
    limit = minutes * 60.0
    idle = idle_seconds(last_input, now)
    if idle >= limit:
        return IdleVerdict(True, 0.0)
    return IdleVerdict(False, max(LEAST_LOOK_AGAIN_S, limit - idle))

