"""Start-up benchmark: `main.py --quit-after-start` on an existing practice vs a bare Qt window.

Both are started as fresh processes, interleaved, offscreen; the figure is the
time from just before the process is spawned to its first paint (the child
prints the wall time of its first paint). Prints startup_s, bare_qt_s,
peak_rss_mib (of the app) and last startup_ratio.
Usage: python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, emit, median, offscreen_env, python, run_child, value_from  # noqa: E402

PASSPHRASE = "bench-passphrase-1"


def time_to_paint(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    started = time.time()
    run = run_child(args, env)
    return value_from(run.stdout, "first_paint_at") - started, run.peak_rss_mib


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    data_dir = Path(tempfile.mkdtemp(prefix="kapdesk-bench-"))
    env = offscreen_env(KAPDESK_PASSPHRASE=PASSPHRASE, KAPDESK_REPORT_FIRST_PAINT="1")
    app = [python(), str(ROOT / "main.py"), "--data-dir", str(data_dir), "--quit-after-start"]
    bare = [python(), str(ROOT / "bench" / "bare_qt_window.py")]
    run_child(app, env)  # creates the practice; later runs open an existing one
    app_times, bare_times, peaks = [], [], []
    for _ in range(runs):
        seconds, peak = time_to_paint(app, env)
        app_times.append(seconds)
        peaks.append(peak)
        bare_times.append(time_to_paint(bare, env)[0])
    emit("startup_s", median(app_times))
    emit("bare_qt_s", median(bare_times))
    emit("peak_rss_mib", max(peaks), 1)
    emit("startup_ratio", median(app_times) / median(bare_times), 2)


if __name__ == "__main__":
    main()
