"""The phase clock: which phase of a script is running, and for how long.

It is advanced only by wall-time instants taken from the session log (never
by timer ticks): the phase clock runs while not paused, and a phase whose
planned time (plus extensions) is used up hands over to the next at that
exact instant. The last phase never hands over; it runs into overtime.
`timeline.replay` drives it while folding the events.
"""

from __future__ import annotations

from typing import NamedTuple


class PhaseSpan(NamedTuple):
    """A phase as it actually ran: wall start and end (None while current)."""

    phase_index: int
    start_at: float
    end_at: float | None


class PhaseClock:
    """Which phase runs and for how long; advanced only by wall-time instants."""

    def __init__(self, planned: list[int], start: float) -> None:
        self.planned = planned  # per phase, extensions added in place
        self.index = 0
        self.entered_at = start
        self.active_before = 0.0  # active seconds in this phase before `running_since`
        self.running_since: float | None = start
        self.closed: list[PhaseSpan] = []

    def copy(self) -> PhaseClock:
        twin = PhaseClock(list(self.planned), self.entered_at)
        twin.index, twin.active_before = self.index, self.active_before
        twin.running_since, twin.closed = self.running_since, list(self.closed)
        return twin

    @property
    def last_index(self) -> int:
        return len(self.planned) - 1

    def elapsed(self, t: float) -> float:
        running = 0.0 if self.running_since is None else t - self.running_since
        return self.active_before + running

    def advance_to(self, t: float) -> None:
        """Hand over every phase whose time ran out by `t`, each at its exact instant."""
        end = self.handover_at()
        while end is not None and end <= t:
            self._enter(self.index + 1, end)
            end = self.handover_at()

    def handover_at(self) -> float | None:
        """When the current phase hands over if nothing else happens; None if it never does."""
        if self.running_since is None or self.index >= self.last_index:
            return None
        return self.running_since + (self.planned[self.index] - self.active_before)

    def _enter(self, index: int, at: float) -> None:
        self.closed.append(PhaseSpan(self.index, self.entered_at, at))
        self.index, self.entered_at, self.active_before = index, at, 0.0
        if self.running_since is not None:
            self.running_since = at

    def pause(self, t: float) -> None:
        self.active_before = self.elapsed(t)
        self.running_since = None

    def resume(self, t: float) -> None:
        self.running_since = t

    def extend(self, phase_index: int, seconds: int) -> None:
        # Past phases are history; extending them would rewrite what happened.
        if self.index <= phase_index <= self.last_index:
            self.planned[phase_index] += seconds

    def skip(self, phase_index: int, t: float) -> None:
        # The index guards against a stale click: if the phase already moved on, ignore it.
        if phase_index == self.index < self.last_index:
            self._enter(self.index + 1, t)

    def spans(self, ended_at: float | None) -> tuple[PhaseSpan, ...]:
        return (*self.closed, PhaseSpan(self.index, self.entered_at, ended_at))

    def phase_starts(self) -> dict[int, float]:
        return {span.phase_index: span.start_at for span in self.spans(None)}

    def position(self, t: float) -> float:
        done = sum(self.planned[: self.index])
        return done + min(self.elapsed(t), self.planned[self.index])
