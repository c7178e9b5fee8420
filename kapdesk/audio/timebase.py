"""The player's own time line: the injected monotonic clock, minus the time spent
silenced.

While the silence key holds the music paused, track positions and fades must not
move, so everything inside the player reads `PlayTime.now()` rather than the clock.
"""

from __future__ import annotations

from kapdesk.core.clock import Clock


class PlayTime:
    """Monotonic seconds that stand still while paused."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._paused_total = 0.0
        self._paused_since: float | None = None

    @property
    def paused(self) -> bool:
        return self._paused_since is not None

    def now(self) -> float:
        if self._paused_since is not None:
            return self._paused_since - self._paused_total
        return self._clock.monotonic() - self._paused_total

    def pause(self) -> None:
        if self._paused_since is None:
            self._paused_since = self._clock.monotonic()

    def resume(self) -> None:
        if self._paused_since is not None:
            self._paused_total += self._clock.monotonic() - self._paused_since
            self._paused_since = None
