"""Background work for the review screens: a small thread pool, results by signal.

`TaskRunner.run(work, on_done, on_failed, on_progress)` runs `work(progress)`
on a pooled QThread (a QThreadPool thread has the Qt event dispatcher that
the PDF writer's text layout needs) and calls `on_done(result)` or
`on_failed(message)` back on the GUI thread. The worker only ever emits the
runner's own signals; the runner, a QObject of the GUI thread, receives them
there (a queued connection) and calls the Python callbacks. So no callback
runs on the worker, and no Qt object is made or freed there.

Progress is thinned to at most one report every PROGRESS_EVERY_S, plus the
first and the last, so a long export does not flood the GUI with repaints.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

PROGRESS_EVERY_S = 0.05
Progress = Callable[[int, int], None]


@dataclass(eq=False)
class Task:
    """One piece of work handed to the pool; `cancel()` asks its progress to stop it."""

    work: Callable[[Progress], Any]
    on_done: Callable[[Any], None] | None = None
    on_failed: Callable[[str], None] | None = None
    on_progress: Callable[[int, int], None] | None = None
    cancelled: threading.Event = field(default_factory=threading.Event)
    finished: bool = False

    def cancel(self) -> None:
        self.cancelled.set()


class TaskCancelled(Exception):
    """Raised inside a task's progress callback once the task was cancelled."""


class TaskRunner(QObject):
    _done = Signal(object, object)  # task, result
    _failed = Signal(object, str)  # task, message
    _progressed = Signal(object, int, int)  # task, done, total
    idle = Signal()  # every task handed in so far has finished

    def __init__(self, threads: int = 2, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewTasks")
        self._pool = QThreadPool(self)
        self._pool.setObjectName("reviewTaskPool")
        self._pool.setMaxThreadCount(threads)
        self._running: set[Task] = set()  # kept here so the last reference drops on the GUI thread
        # Qt frees the pool with this runner and, in its destructor, waits for
        # the pool's threads while holding Python's lock whenever the deletion
        # happens inside a wait that keeps it (QTest.qWait and the like): a task
        # still running could then never finish, and both threads would stop for
        # good. Cancelling and waiting here, from Python, lets the lock go.
        running, pool = self._running, self._pool
        self.destroyed.connect(lambda *_: _drain(running, pool))
        self._done.connect(self._finish_done)
        self._failed.connect(self._finish_failed)
        self._progressed.connect(self._report)

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def run(self, work: Callable[[Progress], Any], on_done: Callable[[Any], None] | None = None,
            on_failed: Callable[[str], None] | None = None,
            on_progress: Callable[[int, int], None] | None = None) -> Task:
        task = Task(work, on_done, on_failed, on_progress)
        self._running.add(task)
        self._pool.start(lambda: self._work(task))
        return task

    def wait(self, msecs: int = 10_000) -> bool:
        """Block until the pool is idle (tests and shutdown only)."""
        return self._pool.waitForDone(msecs)

    # --- on the worker thread ------------------------------------------------

    def _work(self, task: Task) -> None:
        last = [0.0]

        def progress(done: int, total: int) -> None:
            if task.cancelled.is_set():
                raise TaskCancelled
            now = time.monotonic()
            if done in (0, total) or now - last[0] >= PROGRESS_EVERY_S:
                last[0] = now
                self._emit(self._progressed, task, int(done), int(total))

        try:
            result = task.work(progress)
        except TaskCancelled:
            self._emit(self._failed, task, "Cancelled.")
        except Exception as error:  # noqa: BLE001 - told in words on the GUI thread
            log.exception("A review task failed")
            self._emit(self._failed, task, str(error) or type(error).__name__)
        else:
            self._emit(self._done, task, result)

    @staticmethod
    def _emit(signal: Any, *args: Any) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the runner was deleted meanwhile: nobody is waiting
            pass

    # --- back on the GUI thread --------------------------------------------------

    @Slot(object, object)
    def _finish_done(self, task: Task, result: Any) -> None:
        self._settle(task)
        if task.on_done is not None and not task.cancelled.is_set():
            task.on_done(result)
        self._maybe_idle()

    @Slot(object, str)
    def _finish_failed(self, task: Task, message: str) -> None:
        self._settle(task)
        if task.on_failed is not None:
            task.on_failed(message)
        self._maybe_idle()

    @Slot(object, int, int)
    def _report(self, task: Task, done: int, total: int) -> None:
        if task.on_progress is not None and not task.finished and not task.cancelled.is_set():
            task.on_progress(done, total)

    def _settle(self, task: Task) -> None:
        task.finished = True
        self._running.discard(task)

    def _maybe_idle(self) -> None:
        if not self._running:
            self.idle.emit()


def _drain(running: set[Task], pool: QThreadPool) -> None:
    """Ask every task to stop and wait for the pool (its runner is being freed)."""
    for task in list(running):
        task.cancel()
    pool.waitForDone()
