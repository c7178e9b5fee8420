"""A session runner for core tests: on a FakeClock at T0, writing to a MemorySink.

The sinks that fail or forget (`FailingSink`, `ForgetfulSink`) are in stubs.py.
"""

from __future__ import annotations

from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
from kapdesk.core.clock import FakeClock
from kapdesk.core.events import MemorySink
from kapdesk.core.runner import SessionRunner
from kapdesk.core.script import Script

__all__ = ["T0", "MIN", "make_runner"]

T0 = 1_767_225_600.0  # FakeClock's default start: 2026-01-01T00:00Z
MIN = 60


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
