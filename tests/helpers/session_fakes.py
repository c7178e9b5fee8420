"""Fakes for session tests: event sinks that remember or fail, and a runner factory.

`MemorySink` itself lives in kapdesk.core.events (the demo mode uses it too);
it is re-exported here so tests import their fakes from one place.
"""

from __future__ import annotations

from typing import Any, Mapping

from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
from kapdesk.core.clock import FakeClock
from kapdesk.core.events import Event, EventKind, MemorySink
from kapdesk.core.runner import SessionRunner
from kapdesk.core.script import Script

__all__ = ["MemorySink", "FailingSink", "StoreError", "T0", "MIN", "make_runner"]

T0 = 1_767_225_600.0  # FakeClock's default start: 2026-01-01T00:00Z
MIN = 60


class StoreError(RuntimeError):
    """What a broken disk looks like to the runner."""


class FailingSink(MemorySink):
    """A MemorySink that can be told to fail, as a full or vanished disk would."""

    def __init__(self) -> None:
        super().__init__()
        self.failing = False
        self.attempts = 0

    def append(self, kind: EventKind, at: float, data: Mapping[str, Any]) -> Event:
        self.attempts += 1
        if self.failing:
            raise StoreError("disk I/O error")
        return super().append(kind, at, data)


def make_runner(
    script: Script = KAP_SUBLINGUAL, sink: MemorySink | None = None, start: bool = True
) -> tuple[SessionRunner, FakeClock, MemorySink]:
    """A runner on a fake clock at T0, started for client 1 unless `start` is False."""
    clock = FakeClock(T0)
    sink = sink if sink is not None else MemorySink()
    runner = SessionRunner(script, clock, sink)
    if start:
        runner.start(client_id=1)
    return runner, clock, sink
