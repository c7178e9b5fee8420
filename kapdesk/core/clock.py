"""Time sources, injected wherever time matters.

Records carry wall-clock UTC time (seconds since the epoch) so they can be read
years later; ticking uses a monotonic clock so a changed system clock cannot make
the display jump. Tests use `FakeClock` and advance it by hand: a two-hour
session is tested in milliseconds, with no sleeps.
"""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    """What the app needs to know about time."""

    def now(self) -> float:
        """Wall-clock UTC time in seconds since the epoch (for records)."""

    def monotonic(self) -> float:
        """Seconds from an arbitrary origin that never runs backwards."""


class SystemClock:
    """The real clocks of the machine."""

    def now(self) -> float:
        return time.time()

    def monotonic(self) -> float:
        return time.monotonic()


class FakeClock:
    """A clock that moves only when told to; both readings move together."""

    def __init__(self, start: float = 1_767_225_600.0) -> None:  # 2026-01-01T00:00Z
        self._wall = float(start)
        self._mono = 1000.0

    def now(self) -> float:
        return self._wall

    def monotonic(self) -> float:
        return self._mono

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a fake clock only moves forwards; use jump_wall for clock changes")
        self._wall += seconds
        self._mono += seconds

    def jump_wall(self, seconds: float) -> None:
        """Move only the wall clock, as a system clock change would."""
        self._wall += seconds

    def sleep_machine(self, seconds: float) -> None:
        """A laptop asleep: wall time passes, the monotonic clock may not."""
        self._wall += seconds
