"""A private X desktop for the real-display tests: Xvfb, openbox, D-Bus and AT-SPI.

`Desktop.start()` picks a free display from :30-:39 by trying (a display in
use refuses to start, and we move on), waits for its socket to appear (by
polling, never a blind sleep), then starts a session D-Bus, the accessibility
bus launcher on it (so Qt's accessibility bridge has a bus to talk to from
its first moment) and a small window manager (openbox), whose title bars and
Alt+F4 behave as on a therapist's laptop. `env` is what a child process needs
to live on this desktop. `stop()` ends every process it started, group by
group, so a test run leaves nothing behind.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

DISPLAYS = range(30, 40)
POLL_S = 0.05
SCREEN = "1280x800x24"
AT_SPI_LAUNCHERS = ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher",
                    "/usr/lib/at-spi2/at-spi-bus-launcher")


NEEDED = ("Xvfb", "openbox", "xdotool", "xprop", "import", "convert", "dbus-daemon", "dbus-send", "unshare")


def _has_pyatspi() -> bool:
    probe = subprocess.run(["/usr/bin/python3", "-c", "import pyatspi"], capture_output=True, timeout=30)
    return probe.returncode == 0


class DesktopError(RuntimeError):
    """The private desktop could not be set up (a harness problem, not an app defect)."""


def wait_until(condition, timeout_s: float, what: str):  # noqa: ANN001, ANN201
    """Poll `condition()` every 50 ms until it returns something true; raise naming `what`."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout_s:.0f} s for {what}")
        time.sleep(POLL_S)


def _spawn(argv: list[str], env: dict, log: Path, **kwargs) -> subprocess.Popen:  # noqa: ANN003
    """A child in its own process group, so stopping it stops whatever it started."""
    with open(log, "ab") as out:
        return subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True, **kwargs)


def stop_group(process: subprocess.Popen | None, grace_s: float = 3.0,
               first: signal.Signals = signal.SIGTERM) -> None:
    """Send `first` (SIGTERM) to a child's process group, then SIGKILL what is left after `grace_s`."""
    if process is None:
        return
    for sig in (first, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            pass
        try:
            process.wait(grace_s)
            break
        except subprocess.TimeoutExpired:
            continue
    # Children that outlived their leader keep the group alive: make sure.
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _answers(number: int) -> bool:
    probe = subprocess.run(["xprop", "-root", "-display", f":{number}", "_XKB_RULES_NAMES"],
                           capture_output=True, text=True, timeout=10)
    return probe.returncode == 0


class Desktop:
    """Xvfb + openbox + D-Bus + AT-SPI on a free display in :30-:39."""

    def __init__(self, logs: Path) -> None:
        self.logs = logs
        self.logs.mkdir(parents=True, exist_ok=True)
        self.number: int | None = None
        self.env: dict[str, str] = {}
        self._processes: list[subprocess.Popen] = []

    @property
    def display(self) -> str:
        return f":{self.number}"

    def start(self) -> Desktop:
        missing = [tool for tool in NEEDED if shutil.which(tool) is None]
        if missing or not _has_pyatspi():
            raise DesktopError(f"missing for the real-display tests: {', '.join(missing) or 'pyatspi'}; "
                               "run tools/system_packages.sh --test")
        try:
            self._start_x()
            self._start_dbus()
            self._start_atspi()
            self._start_wm()
        except BaseException:
            self.stop()
            raise
        return self

    def _start_x(self) -> None:
        for number in DISPLAYS:
            if Path(f"/tmp/.X{number}-lock").exists() or Path(f"/tmp/.X11-unix/X{number}").exists():
                continue
            xvfb = _spawn(["Xvfb", f":{number}", "-screen", "0", SCREEN, "-nolisten", "tcp",
                           "-noreset"],
                          dict(os.environ), self.logs / f"xvfb-{number}.log")
            socket = Path(f"/tmp/.X11-unix/X{number}")
            try:
                # The socket appears before the server answers: wait until it does.
                # (-noreset: without it the server resets when this probe hangs up,
                # and the next client, openbox, is refused meanwhile.)
                wait_until(lambda: xvfb.poll() is not None or (socket.exists() and _answers(number)),
                           20, f"Xvfb :{number}")
            except TimeoutError:
                stop_group(xvfb)
                continue
            if xvfb.poll() is None:
                self.number = number
                self._processes.append(xvfb)
                break
        else:
            raise DesktopError("no free X display in :30-:39 (Xvfb refused each)")
        self.env = {key: value for key, value in os.environ.items()
                    if not key.startswith(("DBUS_", "AT_SPI", "WAYLAND", "QT_QPA"))}
        self.env["DISPLAY"] = self.display
        self.env.pop("XAUTHORITY", None)

    def _start_dbus(self) -> None:
        daemon = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                                  env=self.env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                  stdin=subprocess.DEVNULL, start_new_session=True, text=True)
        self._processes.append(daemon)
        address = daemon.stdout.readline().strip()
        if not address:
            raise DesktopError("dbus-daemon --session printed no address")
        self.env["DBUS_SESSION_BUS_ADDRESS"] = address

    def _start_atspi(self) -> None:
        launcher = next((path for path in AT_SPI_LAUNCHERS if Path(path).exists()), None)
        if launcher is None:
            raise DesktopError("at-spi-bus-launcher not found: install at-spi2-core")
        self._processes.append(_spawn([launcher, "--launch-immediately"], self.env,
                                      self.logs / "at-spi.log"))

        def bus_ready() -> bool:
            # Asked without activating it: asking org.a11y.Bus itself too early would make
            # D-Bus start a second launcher, outside the process group stopped at the end.
            ask = subprocess.run(["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
                                  "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner",
                                  "string:org.a11y.Bus"],
                                 env=self.env, capture_output=True, text=True, timeout=10)
            return ask.returncode == 0 and "boolean true" in ask.stdout

        wait_until(bus_ready, 20, "the accessibility bus")

    def _start_wm(self) -> None:
        if shutil.which("openbox") is None:
            raise DesktopError("openbox not found: install openbox")
        wm = _spawn(["openbox", "--sm-disable"], self.env, self.logs / "openbox.log")
        self._processes.append(wm)

        def wm_running() -> bool:
            if wm.poll() is not None:
                raise DesktopError(f"openbox stopped at once: see {self.logs / 'openbox.log'}")
            probe = subprocess.run(["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], env=self.env,
                                   capture_output=True, text=True, timeout=10)
            return "window id" in probe.stdout

        wait_until(wm_running, 20, "the window manager")

    def stop(self) -> None:
        for process in reversed(self._processes):
            stop_group(process)
        self._processes.clear()
