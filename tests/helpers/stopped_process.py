"""A real `python -m kapdesk ...` process stopped at a named crash point, then killed with SIGKILL.

The child runs with KAPDESK_STOP_AT=POINT (kapdesk/crash_points.py): when it
reaches that point it says so on stderr and waits; the test then kills it
with SIGKILL, so it dies exactly between two steps, as a crash or a power cut
would leave it. A child that ends without reaching the point is reported
with its exit code and stderr.
"""

from __future__ import annotations

import signal
import subprocess
import threading
from pathlib import Path

from kapdesk.crash_points import STOP_AT_ENV
from tests.helpers.processes import PYTHON, REPO, TIMEOUT_S


def kill_at(point: str, args: list[str], env: dict[str, str], stdin: str = "") -> bool:
    """Run `python -m kapdesk ARGS` until it reaches `point`, then SIGKILL it.

    True when it was killed there; False when it finished without reaching
    the point (its exit code 0): a step the run did not need.
    """
    child = subprocess.Popen([PYTHON, "-m", "kapdesk", *args], cwd=REPO,
                             env={**env, STOP_AT_ENV: point}, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             start_new_session=True)
    watchdog = threading.Timer(TIMEOUT_S, child.kill)
    watchdog.daemon = True
    watchdog.start()
    try:
        if stdin:
            child.stdin.write(stdin)
        child.stdin.close()
        said = []
        for line in child.stderr:  # blocks until the child speaks or ends
            said.append(line)
            if line.strip() == f"kapdesk: stopped at {point}":
                child.send_signal(signal.SIGKILL)
                assert child.wait(TIMEOUT_S) == -signal.SIGKILL
                return True
        code = child.wait(TIMEOUT_S)
        assert code == 0, (point, code, "".join(said))
        return False
    finally:
        watchdog.cancel()
        if child.poll() is None:
            child.kill()
            child.wait(TIMEOUT_S)
        for pipe in (child.stdin, child.stdout, child.stderr):
            if pipe is not None and not pipe.closed:
                pipe.close()


def temp_files(folder: Path) -> list[str]:
    """The temporary files an interrupted atomic write leaves (`.NAME.PID-RANDOM.tmp`)."""
    return sorted(path.name for path in folder.iterdir()
                  if path.name.startswith(".") and path.name.endswith(".tmp"))
