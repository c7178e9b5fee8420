"""The built app (tools/build_app.py), made once per test run and run as a therapist's machine would.

`ensure_built()` builds into build/test-app/ unless a build of exactly these
sources is already there: BUILD-INFO.json holds a fingerprint of every file
the build reads (and the Python and PyInstaller versions), so a build from the
same commit, or the same uncommitted tree, is reused and any change rebuilds.

`run_built()` starts the frozen executable with stdin closed, from a folder of
the test's own (not the checkout), with no PYTHONPATH: what it runs is what is
inside the bundle. `private_x_display()` gives it a real X server when the
offscreen platform is not enough (the bundled xcb plugin and its libraries).
"""

from __future__ import annotations

import contextlib
import fcntl
import importlib.util
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[2]
BUILD_ROOT = REPO / "build" / "test-app"
BUILD_TIMEOUT_S = 900
TIMEOUT_S = 60


@dataclass(frozen=True)
class BuiltApp:
    folder: Path  # the unpacked app: kapdesk, _internal/, the desktop entry, INSTALL
    archive: Path  # KAPDesk-<version>-linux-x86_64.tar.gz
    info: dict
    build_s: float | None  # None when an earlier build of the same sources was reused

    @property
    def executable(self) -> Path:
        return self.folder / "kapdesk"


def tool_module(name: str) -> ModuleType:
    """tools/<name>.py as a module (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location(f"kapdesk_tools_{name}", REPO / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_tool() -> ModuleType:
    return tool_module("build_app")


def ensure_built() -> BuiltApp:
    """The app built from these sources; one build at a time into BUILD_ROOT (a second
    test process, or a second run in this checkout, waits for it and then reuses it)."""
    BUILD_ROOT.mkdir(parents=True, exist_ok=True)
    with open(BUILD_ROOT / "build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        return _ensure_built()


def _ensure_built() -> BuiltApp:
    tool = build_tool()
    dist = BUILD_ROOT / "dist"
    folder = dist / tool.APP_NAME
    archive = dist / f"{tool.APP_NAME}-{tool.version()}-linux-x86_64.tar.gz"
    fingerprint = tool.source_fingerprint()
    info_file = folder / tool.INFO_NAME
    if info_file.is_file() and archive.is_file():
        info = json.loads(info_file.read_text(encoding="utf-8"))
        if info.get("source_fingerprint") == fingerprint:
            return BuiltApp(folder, archive, info, None)
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, str(REPO / "tools" / "build_app.py"), "--dist", str(dist),
         "--work", str(BUILD_ROOT / "work")],
        cwd=REPO, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S,
        check=False)
    assert result.returncode == 0, f"the app did not build:\n{result.stdout[-3000:]}\n{result.stderr[-5000:]}"
    info = json.loads(info_file.read_text(encoding="utf-8"))
    return BuiltApp(folder, archive, info, time.monotonic() - started)


def run_built(app: BuiltApp, *args: str, env: dict[str, str], cwd: Path,
              timeout: float = TIMEOUT_S, stdin_text: str | None = None) -> subprocess.CompletedProcess[str]:
    """The frozen executable with ARGS, as a separate session with no terminal
    (stdin empty, or `stdin_text` through a pipe)."""
    env = {key: value for key, value in env.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
    given = {"stdin": subprocess.DEVNULL} if stdin_text is None else {"input": stdin_text}
    return subprocess.run([str(app.executable), *args], cwd=cwd, env=env, **given,
                          capture_output=True, text=True, timeout=timeout, check=False,
                          start_new_session=True)


#: What Qt's offscreen platform says on every window shown; anything else on stderr is news.
OFFSCREEN_NOTE = "This plugin does not support propagateSizeHints()"


def unexpected_stderr(stderr: str) -> list[str]:
    """stderr lines other than the offscreen platform's note (a missing plugin, a warning)."""
    return [line for line in stderr.splitlines() if line.strip() and line.strip() != OFFSCREEN_NOTE]


@contextlib.contextmanager
def private_x_display() -> Iterator[str]:
    """A bare X server (Xvfb) of its own for the duration: its DISPLAY (":N").

    Xvfb picks a free number itself and writes it to a pipe once it accepts
    clients (-displayfd), so there is nothing to poll and no number to guess.
    """
    read_end, write_end = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24",
                               "-nolisten", "tcp"], pass_fds=(write_end,), stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    os.close(write_end)
    try:
        with os.fdopen(read_end, "rb") as pipe:
            number = pipe.readline().decode().strip()
        assert number.isdigit(), "Xvfb did not start (tools/system_packages.sh --test installs it)"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(TIMEOUT_S)
