"""Running KAPDesk as a real process, the way a therapist or a script would.

`run_app` starts `python main.py ...`, `run_module` starts `python -m kapdesk ...`,
both with stdin closed (nothing may wait for a person), an offscreen Qt, a
dummy audio driver, and a home/temp folder of the test's own so nothing
leaks into the developer's real data folder. `LockHolder` is a separate
process that takes the practice lock and waits, to play "another copy is
running" and, killed with SIGKILL, "a copy crashed".
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
TIMEOUT_S = 60

_LOCK_HOLDER = """
import sys
from pathlib import Path
from kapdesk.ui.shell.practice_lock import PracticeLock
lock = PracticeLock(Path(sys.argv[1]))
print("locked" if lock.acquire() else "busy", flush=True)
sys.stdin.read()
"""


def app_env(home: Path, passphrase: str | None = None, **extra: str) -> dict[str, str]:
    """The environment of a child process: the parent's, made quiet and contained."""
    env = {key: value for key, value in os.environ.items() if key != "KAPDESK_PASSPHRASE"}
    runtime = home / "runtime"
    for folder in (home, runtime, home / "tmp"):
        folder.mkdir(parents=True, exist_ok=True)
    runtime.chmod(0o700)
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_RUNTIME_DIR=str(runtime),
        TMPDIR=str(home / "tmp"),
        QT_QPA_PLATFORM="offscreen",
        SDL_AUDIODRIVER="dummy",
        PYGAME_HIDE_SUPPORT_PROMPT="1",
        PYTHONUNBUFFERED="1",
    )
    if passphrase is not None:
        env["KAPDESK_PASSPHRASE"] = passphrase
    env.update(extra)
    return env


def _run(command: list[str], env: dict[str, str],
         stdin_text: str | None = None) -> subprocess.CompletedProcess[str]:
    # A new session has no controlling terminal: getpass cannot reach a /dev/tty
    # and wait there for a person, even when the tests run in a terminal.
    given = {"stdin": subprocess.DEVNULL} if stdin_text is None else {"input": stdin_text}
    return subprocess.run(command, cwd=REPO, env=env, **given, capture_output=True, text=True,
                          timeout=TIMEOUT_S, check=False, start_new_session=True)


def run_app(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`python main.py ARGS` from the checkout."""
    return _run([PYTHON, str(REPO / "main.py"), *args], env)


def run_module(*args: str, env: dict[str, str],
               stdin_text: str | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m kapdesk ARGS` (stdin: empty, or `stdin_text` through a pipe)."""
    return _run([PYTHON, "-m", "kapdesk", *args], env, stdin_text)


def run_code(code: str, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`python -c CODE ARGS` from the checkout: for a driver that watches the app from inside."""
    return _run([PYTHON, "-c", code, *args], env)


class LockHolder:
    """Another process holding the practice lock until it is told to stop (or killed)."""

    def __init__(self, data_dir: Path, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [PYTHON, "-c", _LOCK_HOLDER, str(data_dir)], cwd=REPO, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        # Blocks until the child has answered: no sleeping, no polling.
        self.state = self.process.stdout.readline().strip()

    def kill_hard(self) -> None:
        """SIGKILL, as a crash or a power cut would; reaped so its PID is really gone."""
        self.process.kill()
        self.process.wait(TIMEOUT_S)
        self._close_pipes()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.close()
            self.process.wait(TIMEOUT_S)
        self._close_pipes()

    def _close_pipes(self) -> None:
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe and not pipe.closed:
                pipe.close()


def has_traceback(text: str) -> bool:
    return "Traceback (most recent call last)" in text


def start_driver(script: Path, data_dir: Path, mode: str, env: dict[str, str]) -> subprocess.Popen[str]:
    """A test driver script as its own process, its output lines read by the test.

    It is killed after TIMEOUT_S whatever it does, so one that never prints
    fails its test (readline ends) instead of hanging the suite.
    """
    child = subprocess.Popen([PYTHON, str(script), str(data_dir), mode], cwd=REPO, env=env,
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    watchdog = threading.Timer(TIMEOUT_S, child.kill)
    watchdog.daemon = True
    watchdog.start()
    return child


def kill_driver(child: subprocess.Popen[str]) -> None:
    """kill -9, as a power cut would, and let the process go."""
    child.send_signal(signal.SIGKILL)
    child.wait(TIMEOUT_S)
    child.stdout.close()
    child.stderr.close()


def driver_lines(child: subprocess.Popen[str]) -> list[str]:
    """A driver run to its end: the lines it printed (it must have exited 0)."""
    out, err = child.communicate(timeout=TIMEOUT_S)
    assert child.returncode == 0, err
    return out.splitlines()
