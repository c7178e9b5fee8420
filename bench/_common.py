"""Shared pieces of the benchmarks: child processes, their peak memory and CPU, medians."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def offscreen_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    env.update(extra)
    return env


@dataclass(frozen=True)
class ChildRun:
    stdout: str
    peak_rss_mib: float
    cpu_s: float


def run_child(args: list[str], env: dict[str, str]) -> ChildRun:
    """Run a child to completion and read its own peak RSS and CPU time (wait4)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(args, env=env, cwd=ROOT, stdout=out, stderr=err, text=True)
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            raise RuntimeError(f"{args} failed ({process.returncode}): {err.read()[-2000:]}")
        return ChildRun(out.read(), usage.ru_maxrss / 1024.0, usage.ru_utime + usage.ru_stime)


def value_from(stdout: str, name: str) -> float:
    for line in stdout.splitlines():
        if line.startswith(f"{name}="):
            return float(line.split("=", 1)[1])
    raise ValueError(f"{name} not printed: {stdout!r}")


def median(values: list[float]) -> float:
    return statistics.median(values)


def python() -> str:
    return sys.executable


def timed_ms(work: Callable[[], object]) -> float:
    """How long one call of `work` took, in milliseconds."""
    start = time.perf_counter()
    work()
    return (time.perf_counter() - start) * 1000.0


def emit(name: str, value: float, digits: int = 3) -> None:
    print(f"{name}={value:.{digits}f}", flush=True)


def open_app_window(data_dir: Path, passphrase: str):  # noqa: ANN201 - (app, practice, services, wired)
    """For a child: a new practice in `data_dir` and the app's own main window on it,
    shown at 1280x800 with the app's style (not yet painted: no event has run).
    `wired` is the app's `WiredWindow`: the window and the parts wired into it."""
    from PySide6.QtWidgets import QApplication

    from kapdesk.app import build_main_window
    from kapdesk.services import open_services
    from kapdesk.storage.practice import create_practice
    from kapdesk.ui.common.theme import style_sheet

    app = QApplication([sys.argv[0]])
    app.setStyleSheet(style_sheet())
    practice = create_practice(data_dir, passphrase)
    services = open_services(practice)
    wired = build_main_window(services, demo=False)
    wired.window.resize(1280, 800)
    wired.window.show()
    return app, practice, services, wired
