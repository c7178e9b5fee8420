"""Background work, as the whole app runs it: a task, its progress, its cancel, its outcome.

The one task runner (ui/common/tasks.py) runs every long job of the screens
(exports, folder scans, the summaries' backfill) on Qt's thread pool and hands
the outcome back on the GUI thread. What a task *is* does not need Qt, and
lives here so that storage can use the same thing before Qt is even loaded:
the start-up key derivation (storage/prewarm.py) runs while Qt imports, and
storage never imports Qt. So there is one notion of a background task, with
one cancel and one way to wait for it, whichever thread runs it.

A task's work is a function of one argument, its `Progress`:
- `progress(done, total)` reports how far it is ("done of total": files,
  pages, sessions) and is also the task's cancel point: once the task is
  cancelled, it raises `TaskCancelled`, so the work stops there;
- `progress.report(done, total)` only reports (for work that stops by itself
  and keeps what it has, like a folder scan that keeps the files it read);
- `progress.cancelled()` says whether the task was asked to stop.

Reports are thinned to one every PROGRESS_EVERY_S (plus the first and the
last), timed on an injected monotonic clock, so a long export does not flood
the screen with repaints.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

#: Progress reaches the screen at most this often (a folder of 5,000 small
#: files would otherwise queue 5,000 repaints).
PROGRESS_EVERY_S = 0.05

CANCELLED = "Cancelled."

Report = Callable[[int, int], None]  # done, total


class TaskCancelled(Exception):
    """Raised at a task's progress once the task was cancelled."""


@dataclass(frozen=True)
class Outcome:
    """How a task ended: its result, or the error in words, or cancelled."""

    result: Any = None
    error: str | None = None
    cancelled: bool = False

    @property
    def succeeded(self) -> bool:
        return self.error is None and not self.cancelled


class Progress:
    """What a task's work is handed: where to report progress and learn of a cancel."""

    def __init__(self, task: Task) -> None:
        self._task = task

    def __call__(self, done: int, total: int) -> None:
        if self._task.cancelled:
            raise TaskCancelled
        self._task.report(done, total)

    def report(self, done: int, total: int) -> None:
        self._task.report(done, total)

    def cancelled(self) -> bool:
        return self._task.cancelled


class Task:
    """One piece of background work: cancel it, wait for it, read its outcome.

    `perform()` runs the work on whatever thread calls it and keeps the
    outcome; `end()` then marks the task over (a runner may have more to do
    in between, such as handing the outcome on). `on_report(done, total)`, if
    set, hears the thinned progress, on the worker's thread.
    """

    def __init__(self, work: Callable[[Progress], Any], name: str = "task",
                 monotonic: Callable[[], float] = time.monotonic,
                 every_s: float = PROGRESS_EVERY_S) -> None:
        self.work = work
        self.name = name
        self.on_report: Report | None = None
        self.outcome: Outcome | None = None
        self._monotonic = monotonic
        self._every_s = every_s
        self._last_report: float | None = None
        self._cancel = threading.Event()
        self._ended = threading.Event()

    # --- from any thread ------------------------------------------------------------

    def cancel(self) -> None:
        """Ask the work to stop at its next progress (it may also have finished already)."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def ended(self) -> bool:
        return self._ended.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the task is over (or `timeout` seconds); True if it is."""
        return self._ended.wait(timeout)

    # --- on the worker ----------------------------------------------------------------

    def report(self, done: int, total: int) -> None:
        now = self._monotonic()
        last = self._last_report
        if done in (0, total) or last is None or now - last >= self._every_s:
            self._last_report = now
            if self.on_report is not None:
                self.on_report(int(done), int(total))

    def perform(self) -> Outcome:
        try:
            result = self.work(Progress(self))
        except TaskCancelled:
            self.outcome = Outcome(cancelled=True)
        except Exception as error:  # noqa: BLE001 - told in words to whoever waits
            log.exception("The background task %r failed", self.name)
            self.outcome = Outcome(error=str(error) or type(error).__name__)
        else:
            self.outcome = Outcome(result)
        return self.outcome

    def end(self) -> None:
        self._ended.set()


def start_thread(work: Callable[[Progress], Any], name: str) -> Task:
    """Run `work` at once in a daemon thread of its own, for work before Qt is loaded.

    Once Qt runs, screens use the task runner instead (its pool threads carry
    the Qt event dispatcher that drawing a PDF needs, and it hands outcomes to
    the GUI thread).
    """
    task = Task(work, name)

    def run() -> None:
        try:
            task.perform()
        finally:
            task.end()

    threading.Thread(target=run, name=name, daemon=True).start()
    return task
