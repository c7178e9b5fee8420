"""Idle CPU of a running session: the app's room view vs a bare window ticking a label.

Both run as child processes at the same time, offscreen, for the same wall
time (60 s by default); each measures its own CPU time after it is set up.
The session starts in its check-in phase, which has no music, so this is the
cost of the session screen itself (bench/music_cpu.py measures the music).
Prints session_cpu_s, bare_cpu_s and last session_cpu_ratio.
Usage: python bench/session_cpu.py [--seconds 60]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, emit, offscreen_env, python, value_from  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60.0)
    seconds = parser.parse_args().seconds
    data_dir = Path(tempfile.mkdtemp(prefix="kapdesk-bench-")) / "practice"
    env = offscreen_env(KAPDESK_PASSPHRASE="bench-passphrase-1")
    bench = ROOT / "bench"
    children = [
        subprocess.Popen([python(), str(bench / "session_child.py"), str(data_dir), str(seconds)],
                         env=env, cwd=bench, stdout=subprocess.PIPE, text=True),
        subprocess.Popen([python(), str(bench / "bare_label_child.py"), str(seconds)],
                         env=env, cwd=bench, stdout=subprocess.PIPE, text=True),
    ]
    outputs = [child.communicate(timeout=seconds + 120)[0] for child in children]
    if any(child.returncode for child in children):
        raise SystemExit(f"a child failed: {[child.returncode for child in children]}")
    session, bare = (value_from(out, "cpu_s") for out in outputs)
    emit("session_cpu_s", session)
    emit("bare_cpu_s", bare)
    emit("session_cpu_ratio", session / bare, 2)


if __name__ == "__main__":
    main()
