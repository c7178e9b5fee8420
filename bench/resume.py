"""Resume benchmark: from pressing Resume after a crash to the room answering keys.

For each size (250, 1,000 and 4,000 events) a practice is made whose one
session has that long a log (notes, tags, vitals, music: see
tests/helpers/long_session.py), held open by a process that is then killed
with SIGKILL, so the practice is left as a crash leaves it: the session never
ended, a stale lock. Each run
starts a fresh copy of it through the app's own start-up
(bench/resume_child.py), presses Resume when the offer is painted, and times
until the room, painted, has answered F2. The baseline, in the same run: a
new session on the same machine, from Start to its room answering F2.
Prints new_session_ms, resume_ms_250, resume_ms_1000, resume_ms_4000 and last
resume_growth (4,000 over 250). Medians of --runs runs, interleaved.
Usage: python bench/resume.py [--runs N]
"""

from __future__ import annotations

import argparse
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's kapdesk
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, emit, median, offscreen_env, python, run_child, value_from  # noqa: E402

PASSPHRASE = "bench-passphrase-1"
SIZES = (250, 1000, 4000)
CHILD = str(ROOT / "bench" / "resume_child.py")

KILLED_HOLDER = """
import sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
from tests.helpers.long_session import open_session_practice
from kapdesk.ui.shell.practice_lock import PracticeLock
data_dir = Path({data_dir!r})
lock = PracticeLock(data_dir)
assert lock.acquire()
open_session_practice(data_dir, {passphrase!r}, {count}, time.time())
print("ready", flush=True)
time.sleep(600)
"""


def killed_practice(data_dir: Path, count: int, env: dict[str, str]) -> Path:
    """A practice whose session of `count` events was running when its process was killed."""
    code = KILLED_HOLDER.format(root=str(ROOT), data_dir=str(data_dir),
                                passphrase=PASSPHRASE, count=count)
    holder = subprocess.Popen([python(), "-c", code], env=env, cwd=ROOT, text=True,
                              stdout=subprocess.PIPE)
    if holder.stdout.readline().strip() != "ready":
        raise RuntimeError(f"the practice of {count} events was not made")
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    holder.stdout.close()
    return data_dir


def new_session_practice(data_dir: Path) -> Path:
    from kapdesk.core.clients import ClientDraft
    from kapdesk.services import open_services
    from kapdesk.storage.practice import create_practice

    practice = create_practice(data_dir, PASSPHRASE)
    open_services(practice).clients.add(ClientDraft("Alex M."))
    practice.close()
    return data_dir


def opened_ms(template: Path, mode: str, env: dict[str, str]) -> float:
    """One start-up on a fresh copy of `template` (the next run finds it as it was)."""
    work = Path(tempfile.mkdtemp(prefix="kapdesk-bench-run-"))
    try:
        shutil.copytree(template, work / "practice")
        run = run_child([python(), CHILD, str(work / "practice"), mode], env)
        return value_from(run.stdout, "opened_ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    folder = Path(tempfile.mkdtemp(prefix="kapdesk-bench-"))
    env = offscreen_env(KAPDESK_PASSPHRASE=PASSPHRASE, PYTHONPATH=str(ROOT))
    fresh = new_session_practice(folder / "new")
    killed = {count: killed_practice(folder / f"killed-{count}", count, env) for count in SIZES}
    times: dict[str, list[float]] = {"new": []} | {str(count): [] for count in SIZES}
    for _ in range(runs):
        times["new"].append(opened_ms(fresh, "new", env))
        for count in SIZES:
            times[str(count)].append(opened_ms(killed[count], "resume", env))
    emit("new_session_ms", median(times["new"]), 1)
    for count in SIZES:
        emit(f"resume_ms_{count}", median(times[str(count)]), 1)
    emit("resume_growth", median(times["4000"]) / median(times["250"]), 2)
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
