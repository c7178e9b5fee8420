"""A background task: thinned progress (on FakeClock), cancel at progress, outcomes in words."""

from __future__ import annotations

import threading

from kapdesk.core.clock import FakeClock
from kapdesk.core.tasks import PROGRESS_EVERY_S, Outcome, Task, start_thread


def test_progress_is_thinned_on_the_injected_clock_keeping_the_first_and_the_last() -> None:
    clock = FakeClock()
    heard: list[tuple[int, int]] = []

    def work(progress) -> str:  # noqa: ANN001
        for done in range(0, 11):
            progress(done, 10)
            clock.advance(PROGRESS_EVERY_S * 0.6)  # a little more than two reports per interval
        return "written"

    task = Task(work, monotonic=clock.monotonic)
    task.on_report = lambda done, total: heard.append((done, total))
    assert task.perform() == Outcome("written")
    assert heard == [(0, 10), (2, 10), (4, 10), (6, 10), (8, 10), (10, 10)]


def test_a_cancelled_task_stops_at_its_next_progress() -> None:
    reached: list[int] = []
    task = Task(lambda progress: [reached.append(n) or progress(n, 3) or
                                  (task.cancel() if n == 1 else None) for n in range(3)])
    outcome = task.perform()
    assert outcome.cancelled and not outcome.succeeded
    assert reached == [0, 1, 2]  # the cancel came after 1; the next progress stopped it


def test_work_that_stops_by_itself_keeps_its_result_and_only_reports() -> None:
    def scan(progress) -> list[int]:  # noqa: ANN001
        found = []
        for n in range(5):
            if progress.cancelled():
                break
            found.append(n)
            progress.report(n + 1, 5)  # never raises
            if n == 1:
                task.cancel()
        return found

    task = Task(scan)
    assert task.perform() == Outcome([0, 1])


def test_a_failure_is_told_in_words() -> None:
    def work(_progress) -> None:  # noqa: ANN001
        raise OSError("The disk is full")

    assert Task(work).perform() == Outcome(error="The disk is full")
    assert Task(lambda _p: 1 / 0).perform().error == "division by zero"


def test_a_thread_of_its_own_is_waited_for_and_ends() -> None:
    gate = threading.Event()
    task = start_thread(lambda _progress: gate.wait() and "key", "test-task")
    assert not task.wait(0) and not task.ended
    gate.set()
    assert task.wait(5) and task.ended
    assert task.outcome == Outcome("key")
