"""Freeing the background-task runner while a task runs never stops the app.

Qt waits for a pool's threads when it frees the pool. Inside a wait that keeps
Python's lock (QTest.qWait, as the test suite and any nested wait does), a
task still running Python could then never finish: both threads stopped for
good (seen as a test suite hanging at a window opening after a Records test).
This runs in a child process so that, were it to hang again, the test fails
on its time-out instead of hanging the suite.
"""

from __future__ import annotations

import subprocess
import textwrap

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
