"""Start-up benchmark: `main.py --quit-after-start` on an existing practice vs a bare Qt window.

Both are started as fresh processes, interleaved, offscreen; the figure is the
time from just before the process is spawned to its first paint (the child
prints the wall time of its first paint). Prints startup_s, bare_qt_s,
peak_rss_mib (of the app) and last startup_ratio.

With `--frozen DIR` (the built app's folder, e.g. dist/KAPDesk from
tools/build_app.py) it compares the built app with the source tree instead,
interleaved on the same practice: prints startup_s (source), frozen_startup_s,
frozen_peak_rss_mib, frozen_folder_mb (the unpacked folder) and last
frozen_startup_ratio (built over source; the target is at most 1.2).

With `--notes N` (e.g. 250000) it compares a new practice with a large one
(built once and kept in a cache folder, bench/large_practice.py, as
`bench/review.py --keep` builds it), interleaved: prints first paint and
ready-to-use times for each (ready: the window fully wired and answering
input, the app's `ready_at`, startup.when_ready), the large practice's size,
and last startup_size_ratio (large over new, ready-to-use; target at most 1.2).
Usage: python bench/startup.py [--runs N] [--frozen DIR | --notes N]
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


def times_to_ready(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(first paint, ready to use), seconds from just before the process was spawned."""
    started = time.time()
    run = run_child(args, env)
    return (value_from(run.stdout, "first_paint_at") - started,
            value_from(run.stdout, "ready_at") - started)


def new_against_large(notes: int, runs: int, data_dir: Path, env: dict[str, str]) -> None:
    from large_practice import PASSPHRASE as LARGE_PASSPHRASE
    from large_practice import large_practice

    assert LARGE_PASSPHRASE == PASSPHRASE
    large = large_practice(notes)
    tail = ["--quit-after-start"]
    new_app = [python(), str(ROOT / "main.py"), "--data-dir", str(data_dir), *tail]
    large_app = [python(), str(ROOT / "main.py"), "--data-dir", str(large), *tail]
    run_child(new_app, env)  # creates the practice; later runs open an existing one
    run_child(large_app, env)  # the first start reads the file from the disk: not measured
    new_paint, new_ready, large_paint, large_ready = [], [], [], []
    for _ in range(runs):
        paint, ready = times_to_ready(new_app, env)
        new_paint.append(paint)
        new_ready.append(ready)
        paint, ready = times_to_ready(large_app, env)
        large_paint.append(paint)
        large_ready.append(ready)
    size = sum(path.stat().st_size for path in large.iterdir() if path.is_file())
    emit("large_practice_mib", size / 2**20, 1)
    emit("new_first_paint_s", median(new_paint))
    emit("large_first_paint_s", median(large_paint))
    emit("new_ready_s", median(new_ready))
    emit("large_ready_s", median(large_ready))
    emit("startup_size_ratio", median(large_ready) / median(new_ready), 2)


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def frozen_against_source(frozen: Path, runs: int, data_dir: Path, env: dict[str, str]) -> None:
    executable = frozen / ("KAPDesk.exe" if sys.platform == "win32" else "kapdesk")
    if not executable.is_file():
        raise SystemExit(f"startup.py: no built app in {frozen} (make one with tools/build_app.py)")
    tail = ["--data-dir", str(data_dir), "--quit-after-start"]
    source = [python(), str(ROOT / "main.py"), *tail]
    built = [str(executable), *tail]
    # What the built app runs is what is inside it: nothing may point it back at the checkout.
    built_env = {key: value for key, value in env.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
    run_child(source, env)  # creates the practice; later runs open an existing one
    run_child(built, built_env)  # its first start reads the folder from disk: not measured
    source_times, built_times, peaks = [], [], []
    for _ in range(runs):
        source_times.append(time_to_paint(source, env)[0])
        seconds, peak = time_to_paint(built, built_env)
        built_times.append(seconds)
        peaks.append(peak)
    emit("startup_s", median(source_times))
    emit("frozen_startup_s", median(built_times))
    emit("frozen_peak_rss_mib", max(peaks), 1)
    emit("frozen_folder_mb", folder_mb(frozen), 1)
    emit("frozen_startup_ratio", median(built_times) / median(source_times), 2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--frozen", type=Path, metavar="DIR", help="the built app's folder")
    parser.add_argument("--notes", type=int, metavar="N",
                        help="compare a new practice with one of N notes (built once, cached)")
    options = parser.parse_args()
    runs = options.runs
    data_dir = Path(tempfile.mkdtemp(prefix="kapdesk-bench-"))
    env = offscreen_env(KAPDESK_PASSPHRASE=PASSPHRASE, KAPDESK_REPORT_FIRST_PAINT="1")
    if options.frozen is not None:
        frozen_against_source(options.frozen.resolve(), runs, data_dir, env)
        return
    if options.notes is not None:
        new_against_large(options.notes, runs, data_dir, env)
        return
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
