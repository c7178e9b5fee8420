"""The app's one background-task runner: a small thread pool, progress and outcomes by signal.

Every long job of the screens (exports, folder scans, the history's pages and
searches, the summaries' backfill) runs here; the app makes one runner, owned
by the main window, and hands it to the screens that need it. What a task is
(its progress, its cancel, its outcome) is `kapdesk.core.tasks`, which the
start-up key derivation uses too, before Qt is loaded.

`TaskRunner.run(work, on_done, on_failed, on_progress, owner)` runs
`work(progress)` on a pooled QThread (a QThreadPool thread has the Qt event
dispatcher that the PDF writer's text layout needs) and calls
`on_progress(done, total)`, then `on_done(result)` or `on_failed(message)`
(message "Cancelled." when the work stopped at a cancel), back on the GUI
thread. The worker only ever emits the runner's own signals; the runner, a
QObject of the GUI thread, receives them there (a queued connection) and
calls the Python callbacks. So no callback runs on the worker, and no Qt
object is made or freed there.

`owner`, a QObject (usually the widget that asked): when it is destroyed, its
tasks are cancelled and nothing more is delivered to it, so a result never
reaches a deleted widget. `cancel_all()` stops every task at its next
progress, `shut_down()` also waits for them (the app calls it when it
quits, before the practice closes); a runner freed with tasks running
cancels them and waits for them, without holding Python's lock (see below).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import QMetaObject, QObject, QThreadPool, Signal, Slot

from kapdesk.core.tasks import CANCELLED, PROGRESS_EVERY_S, Progress, Task, TaskCancelled

__all__ = ["CANCELLED", "PROGRESS_EVERY_S", "Progress", "Task", "TaskCancelled", "TaskRunner"]

log = logging.getLogger(__name__)


@dataclass(eq=False)
class _Delivery:
    """Where a task's outcome goes, on the GUI thread."""

    on_done: Callable[[Any], None] | None
    on_failed: Callable[[str], None] | None
    on_progress: Callable[[int, int], None] | None
    owner: QObject | None
    owner_gone: QMetaObject.Connection | None = field(default=None)

    def reachable(self) -> bool:
        return self.owner is None or shiboken6.isValid(self.owner)


class TaskRunner(QObject):
    _ended = Signal(object)  # task
    _progressed = Signal(object, int, int)  # task, done, total
    idle = Signal()  # every task handed in so far has finished

    def __init__(self, threads: int = 2, parent: QObject | None = None,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.setObjectName("backgroundTasks")
        self._monotonic = monotonic  # times the thinning of progress reports
        self._pool = QThreadPool(self)
        self._pool.setObjectName("backgroundTaskPool")
        self._pool.setMaxThreadCount(threads)
        # Kept here so the last reference to a task drops on the GUI thread.
        self._running: dict[Task, _Delivery] = {}
        # Qt frees the pool with this runner and, in its destructor, waits for
        # the pool's threads while holding Python's lock whenever the deletion
        # happens inside a wait that keeps it (QTest.qWait and the like): a task
        # still running could then never finish, and both threads would stop for
        # good. Cancelling and waiting here, from Python, lets the lock go.
        running, pool = self._running, self._pool
        self.destroyed.connect(lambda *_: _drain(running, pool))
        self._ended.connect(self._deliver)
        self._progressed.connect(self._report)

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def run(self, work: Callable[[Progress], Any], on_done: Callable[[Any], None] | None = None,
            on_failed: Callable[[str], None] | None = None,
            on_progress: Callable[[int, int], None] | None = None,
            owner: QObject | None = None, name: str = "task") -> Task:
        task = Task(work, name, self._monotonic)
        delivery = _Delivery(on_done, on_failed, on_progress, owner)
        if owner is not None:
            delivery.owner_gone = owner.destroyed.connect(task.cancel)
        task.on_report = lambda done, total: self._emit_progress(task, done, total)
        self._running[task] = delivery
        self._pool.start(lambda: self._work(task))
        return task

    def cancel_all(self) -> None:
        """Ask every task to stop at its next progress (the app is closing)."""
        for task in list(self._running):
            task.cancel()

    @Slot()
    def shut_down(self) -> None:
        """Cancel every task and wait for the pool (the app quits; the practice closes next)."""
        self.cancel_all()
        self.wait()

    def wait(self, msecs: int = 10_000) -> bool:
        """Block until the pool is idle (tests and shutdown only)."""
        return self._pool.waitForDone(msecs)

    # --- on the worker thread ------------------------------------------------

    def _work(self, task: Task) -> None:
        try:
            task.perform()
            try:
                self._ended.emit(task)
            except RuntimeError:  # the runner was deleted meanwhile: nobody is waiting
                pass
        finally:
            task.end()

    def _emit_progress(self, task: Task, done: int, total: int) -> None:
        try:
            self._progressed.emit(task, done, total)
        except RuntimeError:  # as above
            pass

    # --- back on the GUI thread --------------------------------------------------

    @Slot(object)
    def _deliver(self, task: Task) -> None:
        delivery = self._running.pop(task, None)
        if delivery is not None:
            self._forget_owner(delivery)
            outcome = task.outcome
            if outcome is not None and delivery.reachable():
                # Work that returned a result is delivered even if a cancel came
                # late: a scan stopped by Cancel returns (and keeps) what it found.
                if outcome.cancelled or outcome.error is not None:
                    if delivery.on_failed is not None:
                        delivery.on_failed(CANCELLED if outcome.cancelled else outcome.error)
                elif delivery.on_done is not None:
                    delivery.on_done(outcome.result)
        if not self._running:
            self.idle.emit()

    @Slot(object, int, int)
    def _report(self, task: Task, done: int, total: int) -> None:
        delivery = self._running.get(task)
        if (delivery is not None and delivery.on_progress is not None and not task.cancelled
                and delivery.reachable()):
            delivery.on_progress(done, total)

    @staticmethod
    def _forget_owner(delivery: _Delivery) -> None:
        if delivery.owner_gone is not None and delivery.reachable():
            QObject.disconnect(delivery.owner_gone)
        delivery.owner_gone = None


def _drain(running: dict[Task, _Delivery], pool: QThreadPool) -> None:
    """Ask every task to stop and wait for the pool (its runner is being freed)."""
    for task in list(running):
        task.cancel()
    pool.waitForDone()
