"""The app's one background-task runner: progress and outcomes on the GUI thread, cancel,
owners, and freeing it (or closing its window) while a task runs never stops the app.

Qt waits for a pool's threads when it frees the pool. Inside a wait that keeps
Python's lock (QTest.qWait, as the test suite and any nested wait does), a
task still running Python could then never finish: both threads stopped for
good (seen as a test suite hanging at a window opening after a Records test).
The first test runs in a child process so that, were it to hang again, it
fails on its time-out instead of hanging the suite.
"""

from __future__ import annotations

import subprocess
import textwrap
import threading

import shiboken6
from PySide6.QtWidgets import QLabel, QWidget

from kapdesk.ui.common.tasks import TaskRunner
from tests.helpers.processes import PYTHON, REPO, TIMEOUT_S

CHILD = textwrap.dedent("""
    import threading, time
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from kapdesk.ui.common.tasks import TaskRunner

    app = QApplication([])
    runner = TaskRunner()
    started = threading.Event()
    cancelled = []

    def work(progress):
        started.set()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:  # Python work, needing Python's lock
            try:
                progress(0, 1)
            except Exception:
                cancelled.append(True)
                raise
        return "finished"

    runner.run(work)
    started.wait(5)
    runner.deleteLater()
    began = time.monotonic()
    QTest.qWait(50)  # the runner is freed in here
    print(f"freed after {time.monotonic() - began:.2f} s, cancelled={bool(cancelled)}")
""")


def test_a_runner_freed_during_a_wait_cancels_its_task_and_goes() -> None:
    child = subprocess.run([PYTHON, "-c", CHILD], cwd=REPO, capture_output=True, text=True,
                               timeout=TIMEOUT_S)
    assert child.returncode == 0, child.stderr
    line = child.stdout.strip()
    assert line.startswith("freed after") and line.endswith("cancelled=True"), line
    assert float(line.split()[2]) < 2.0  # the task stopped at its next progress, not after 5 s


# --- in this process: progress, outcomes, owners, closing a window mid-task -----------------

GATE_S = 10  # only a safety bound: the test opens every gate itself


def test_progress_and_the_result_come_back_on_the_gui_thread(qtbot) -> None:  # noqa: ANN001
    runner = TaskRunner()
    seen: list[tuple[str, object, str]] = []
    gui = threading.current_thread().name

    def work(progress) -> str:  # noqa: ANN001
        for done in range(4):
            progress(done, 3)
        return "written"

    with qtbot.waitSignal(runner.idle, timeout=10_000):
        runner.run(work, on_done=lambda result: seen.append(("done", result, threading.current_thread().name)),
                   on_progress=lambda done, total: seen.append(("progress", (done, total),
                                                                threading.current_thread().name)))
    assert seen[0][:2] == ("progress", (0, 3)) and seen[-2][:2] == ("progress", (3, 3))
    assert seen[-1][:2] == ("done", "written")
    assert {thread for *_, thread in seen} == {gui}
    runner.deleteLater()


def test_a_cancelled_task_is_told_as_cancelled(qtbot) -> None:  # noqa: ANN001
    runner = TaskRunner()
    gate, failed = threading.Event(), []

    def work(progress) -> str:  # noqa: ANN001
        gate.wait(GATE_S)
        progress(1, 2)
        return "never"

    task = runner.run(work, on_done=failed.append, on_failed=failed.append)
    task.cancel()
    with qtbot.waitSignal(runner.idle, timeout=10_000):
        gate.set()
    assert failed == ["Cancelled."] and task.ended and task.outcome.cancelled
    runner.deleteLater()


def test_a_task_whose_owner_is_deleted_is_cancelled_and_delivers_nothing(qtbot) -> None:  # noqa: ANN001
    runner = TaskRunner()
    owner = QLabel("waiting")
    started, gate, delivered = threading.Event(), threading.Event(), []

    def work(progress) -> str:  # noqa: ANN001
        started.set()
        gate.wait(GATE_S)
        progress(1, 1)
        return "late"

    task = runner.run(work, on_done=lambda r: owner.setText(r), on_failed=delivered.append,
                      on_progress=lambda *_: delivered.append("progress"), owner=owner)
    assert started.wait(GATE_S)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(owner), timeout=5_000)
    assert task.cancelled
    with qtbot.waitSignal(runner.idle, timeout=10_000):
        gate.set()
    assert task.outcome.cancelled and delivered == []  # and setText on a deleted label never ran
    runner.deleteLater()


def test_closing_the_window_that_owns_the_runner_mid_task_neither_hangs_nor_delivers(qtbot) -> None:  # noqa: ANN001
    window = QWidget()
    window.setWindowTitle("owner of the runner")
    runner = TaskRunner(parent=window)
    label = QLabel("before", window)
    window.show()
    started, gate, delivered = threading.Event(), threading.Event(), []

    def work(progress) -> str:  # noqa: ANN001
        started.set()
        gate.wait(GATE_S)  # a task busy with a long step when the window goes
        progress(1, 1)
        return "after"

    task = runner.run(work, on_done=lambda r: (delivered.append(r), label.setText(r)),
                      on_failed=delivered.append, owner=label)
    assert started.wait(GATE_S)
    assert window.close() and not window.isVisible()
    window.deleteLater()
    gate.set()  # the long step ends while the window is being freed
    qtbot.waitUntil(lambda: not shiboken6.isValid(window), timeout=5_000)
    assert task.wait(5) and task.ended  # the pool was drained, nothing left running
    assert task.outcome is not None and (task.outcome.cancelled or task.outcome.succeeded)
    qtbot.wait(20)  # any queued delivery would land here
    assert delivered == []
