"""Drive the real KAPDesk process on the private desktop, as a person would.

`App` starts `main.py --data-dir DIR` on the desktop (platform xcb, the
accessibility bridge on, dummy audio) and then only presses real keys and
clicks through xdotool (XTEST: the X server cannot tell them from a
keyboard's), finds where to click from the accessible tree (AT-SPI gives each
control's extents on screen), and reads back what a person would see:
screenshots of the whole screen and the accessible tree, dumped as JSON by
`atspi_dump.py` under the system python (the test venv has no pyatspi).

Waiting is always polling a condition with a deadline (`wait_for`); when a
wait runs out, the screen and the tree are saved next to the screenshots, so
a failure shows what was on screen.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tests.desktop.display import Desktop, stop_group, wait_until

ROOT = Path(__file__).resolve().parents[2]
# The checkout whose app is under test: this one, or KAPDESK_APP_ROOT (to run these
# tests against another checkout without copying them there).
APP_ROOT = Path(os.environ.get("KAPDESK_APP_ROOT") or ROOT).resolve()
DUMP_SCRIPT = Path(__file__).with_name("atspi_dump.py")
SYSTEM_PYTHON = "/usr/bin/python3"
PASSPHRASE = "quiet room tea candle"
TEXT_ROLES = {"text", "password text", "entry", "paragraph"}
# Qt marks a list's current item "focused" even while another control has the
# keyboard focus: an item says which row is current, not where keys go.
ITEM_ROLES = {"list item", "table cell", "tree item"}
CONTAINER_ROLES = {"filler", "panel", "layered pane", "scroll pane", "viewport"}


@dataclass(frozen=True)
class Node:
    """One accessible object as the screen reader sees it."""

    role: str
    name: str
    description: str
    focusable: bool
    focused: bool
    showing: bool
    enabled: bool
    keys: tuple[str, ...]
    x: int
    y: int
    w: int
    h: int
    text: str
    depth: int
    path: str

    @property
    def centre(self) -> tuple[int, int]:
        return self.x + self.w // 2, self.y + self.h // 2

    @property
    def is_text_field(self) -> bool:
        return self.role in TEXT_ROLES

    def says(self) -> str:
        """Everything this node exposes in words (name, description, text)."""
        return " ".join(part for part in (self.name, self.description, self.text) if part)


class Tree(list):
    """The showing part of the app's accessible tree, depth first."""

    def find(self, name: str, role: str | None = None, exact: bool = True) -> Node | None:
        """The first control on screen (showing) with this name."""
        for node in self:
            if not node.showing or (role is not None and node.role != role):
                continue
            if (node.name == name) if exact else (name.lower() in node.name.lower()):
                return node
        return None

    def focused(self) -> Node | None:
        """The control that has the keyboard focus (the deepest focused one).

        A text box's viewport (a nameless filler inside it) says it is focused too:
        the text box is what has the focus."""
        found = [node for node in self if node.focused and node.role not in ITEM_ROLES]
        controls = [node for node in found if node.role not in CONTAINER_ROLES]
        return (controls or found)[-1] if found else None

    def current_item(self, list_name: str) -> Node | None:
        """The current (focused) item of the list named `list_name`."""
        inside = False
        for node in self:
            if node.name == list_name and node.role in {"list", "table", "tree"}:
                inside, depth = True, node.depth
                continue
            if inside and node.depth <= depth:
                break
            if inside and node.role in ITEM_ROLES and node.focused:
                return node
        return None

    def named(self, name: str, exact: bool = False) -> list[Node]:
        return [node for node in self
                if (node.name == name if exact else name.lower() in node.name.lower())]

    def all_words(self) -> str:
        return "\n".join(node.says() for node in self)

    def mentions(self, words: str) -> bool:
        return words.lower() in self.all_words().lower()

    def describe(self) -> str:
        return "\n".join(f"{'  ' * node.depth}{node.role} {node.name!r}"
                         f"{' FOCUSED' if node.focused else ''} {node.text[:60]!r}" for node in self)


class App:
    """One KAPDesk process on the desktop, driven by keys and clicks."""

    def __init__(self, desktop: Desktop, data_dir: Path, shots: Path, passphrase: str | None = PASSPHRASE,
                 extra_args: tuple[str, ...] = (), wrap: tuple[str, ...] = (),
                 audio_driver: str = "dummy", disk_audio: Path | None = None, label: str = "app",
                 no_display: bool = False, program: Path | None = None) -> None:
        self.desktop = desktop
        self.data_dir = data_dir
        self.shots = shots
        self.shots.mkdir(parents=True, exist_ok=True)
        self.passphrase = passphrase
        self.extra_args = extra_args
        self.program = program or APP_ROOT / "main.py"  # another entry point: a test's own launcher
        self.wrap = wrap
        self.audio_driver = audio_driver
        self.disk_audio = disk_audio  # with audio_driver="disk": where SDL writes what is heard
        self.label = label  # names this app's files when a test runs two copies
        self.no_display = no_display  # started as from a terminal with no X display
        self.process: subprocess.Popen | None = None
        self.window: str | None = None
        self._shot_count = 0
        self._run = 0
        self._t0 = time.monotonic()

    def log(self, step: str) -> None:
        """One line in steps.log (seconds since the test began): what the test did, and when."""
        with open(self.shots / "steps.log", "a") as out:
            who = "" if self.label == "app" else f"[{self.label}] "
            out.write(f"{time.monotonic() - self._t0:7.2f}  {who}{step}\n")

    # -- the process ---------------------------------------------------------
    def env(self) -> dict[str, str]:
        env = dict(self.desktop.env)
        env.update(QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
                   SDL_AUDIODRIVER=self.audio_driver, PYGAME_HIDE_SUPPORT_PROMPT="1",
                   PYTHONPATH=str(APP_ROOT), QT_ACCESSIBILITY="1")
        if APP_ROOT != ROOT:
            env["PYTHONDONTWRITEBYTECODE"] = "1"  # leave the other checkout as it is
        env.pop("SDL_VIDEODRIVER", None)
        if self.disk_audio is not None:
            env["SDL_DISKAUDIOFILE"] = str(self.disk_audio)
        env.pop("KAPDESK_PASSPHRASE", None)
        if self.passphrase is not None:
            env["KAPDESK_PASSPHRASE"] = self.passphrase
        if self.no_display:
            env.pop("DISPLAY", None)
        return env

    def argv(self) -> list[str]:
        return [*self.wrap, sys.executable, str(self.program), "--data-dir", str(self.data_dir),
                *self.extra_args]

    def start(self, wait_window: bool = True) -> App:
        self._run += 1
        self.log(f"start KAPDesk (run {self._run}): {' '.join(self.argv())}")
        self.stdout = self.shots / f"{self.label}-run{self._run}.out"
        self.stderr = self.shots / f"{self.label}-run{self._run}.err"
        with open(self.stdout, "wb") as out, open(self.stderr, "wb") as err:
            self.process = subprocess.Popen(self.argv(), env=self.env(), cwd=ROOT, stdout=out, stderr=err,
                                            stdin=subprocess.DEVNULL, start_new_session=True)
        self.window = None
        if wait_window:
            self.wait_window()
        return self

    @property
    def practice_dir(self) -> Path:
        """Where the practice file can be read from this process (through the app's own
        view of the file system when it runs in a mount namespace of its own)."""
        if self.wrap and self.alive():
            return Path(f"/proc/{self.pid}/root") / str(self.data_dir).lstrip("/")
        return self.data_dir

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stderr_text(self) -> str:
        return self.stderr.read_text(errors="replace")

    def kill9(self) -> None:
        """SIGKILL, as a power cut or a crash would: nothing gets to clean up."""
        self.log("kill -9")
        os.kill(self.pid, signal.SIGKILL)
        self.process.wait(10)

    def wait_exit(self, timeout_s: float = 8) -> int:
        try:
            return self.process.wait(timeout_s)
        except subprocess.TimeoutExpired:
            self.fail(f"KAPDesk still running {timeout_s:.0f} s after it should have quit")

    def stop(self) -> None:
        """End the app and whatever it started, at once: every entry is already on disk,
        and a running session would rightly refuse a polite close."""
        if self.process is not None:
            stop_group(self.process, grace_s=2, first=signal.SIGKILL)

    # -- X windows -------------------------------------------------------------
    def xdotool(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(["xdotool", *args], env=self.desktop.env, capture_output=True, text=True,
                              timeout=20)
        if check and done.returncode != 0 and done.stderr.strip():
            raise RuntimeError(f"xdotool {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout.strip()

    def windows(self, pid: int | None = None) -> list[str]:
        """This process's visible top-level windows (X ids)."""
        # --all: xdotool's default is any one condition, which matched every named window.
        out = self.xdotool("search", "--all", "--onlyvisible", "--pid", str(pid or self.pid), "--name", ".",
                           check=False)
        return [line for line in out.splitlines() if line.strip()]

    def window_name(self, window: str) -> str:
        return self.xdotool("getwindowname", window, check=False)

    def wait_window(self, name: str = "KAPDesk", timeout_s: float = 30) -> str:
        def found() -> str | None:
            if not self.alive():
                self.fail(f"KAPDesk exited (code {self.process.returncode}) before showing "
                          f"{name!r}: {self.stderr_text()[-800:]}")
            for window in self.windows():
                if name in self.window_name(window):
                    return window
            return None

        self.window = self.wait_for(found, f"a window named {name!r}", timeout_s)
        self.activate()
        return self.window

    def activate(self) -> None:
        if self.window:
            self.xdotool("windowactivate", "--sync", self.window, check=False)

    def active_window(self) -> str:
        return self.xdotool("getactivewindow", check=False)

    # -- input -----------------------------------------------------------------
    def key(self, *keys: str) -> None:
        """Press keys as a keyboard would (xdotool names: ctrl+Return, F2, Escape, alt+F4)."""
        self.log(f"key {' '.join(keys)}")
        self.xdotool("key", "--clearmodifiers", "--delay", "30", *keys)

    def type(self, text: str) -> None:
        self.log(f"type {text!r}")
        self.xdotool("type", "--delay", "25", text)

    def click_at(self, x: int, y: int) -> None:
        self.log(f"click {x},{y}")
        # No --sync: it waits for the pointer to move, forever when it is already there.
        # XTEST events reach the server in order, so the click lands where it moved.
        self.xdotool("mousemove", str(x), str(y), "click", "1")

    def click(self, name: str, role: str | None = None, exact: bool = True) -> Node:
        """Click the control the accessible tree names `name` (where the screen shows it)."""
        node = self.wait_node(name, role, exact)
        self.click_at(*node.centre)
        return node

    # -- reading the screen ----------------------------------------------------
    def tree(self) -> Tree:
        done = subprocess.run([SYSTEM_PYTHON, str(DUMP_SCRIPT), str(self.pid)], env=self.desktop.env,
                              capture_output=True, text=True, timeout=60)
        if done.returncode != 0 or not done.stdout.strip():
            return Tree()
        return Tree(Node(**{**raw, "keys": tuple(raw["keys"])}) for raw in json.loads(done.stdout))

    def wait_node(self, name: str, role: str | None = None, exact: bool = True,
                  timeout_s: float = 8) -> Node:
        return self.wait_for(lambda: self.tree().find(name, role, exact),
                             f"a control named {name!r}" + (f" ({role})" if role else ""), timeout_s)

    def wait_words(self, words: str, timeout_s: float = 8) -> Tree:
        """Wait until the screen (its accessible tree) says `words`; return that tree."""
        return self.wait_for(lambda: (tree := self.tree()).mentions(words) and tree,
                             f"the words {words!r} on screen", timeout_s)

    def wait_focus(self, condition, what: str, timeout_s: float = 8) -> Node:  # noqa: ANN001
        def check() -> Node | None:
            node = self.tree().focused()
            return node if node is not None and condition(node) else None

        return self.wait_for(check, f"focus on {what}", timeout_s)

    def shot(self, label: str) -> Path:
        """Save the whole screen as NN-label.png among this test's artefacts."""
        self._shot_count += 1
        prefix = "" if self.label == "app" else f"{self.label}-"
        path = self.shots / f"{prefix}{self._shot_count:02d}-{label}.png"
        self.log(f"screenshot {path.name}")
        subprocess.run(["import", "-window", "root", str(path)], env=self.desktop.env,
                       capture_output=True, timeout=30)
        return path

    def ink(self, node: Node) -> float:
        """How much is drawn inside a control's box on screen (0: one flat colour, no text)."""
        shot = self.shots / "_probe.png"
        subprocess.run(["import", "-window", "root", "-crop", f"{max(node.w, 1)}x{max(node.h, 1)}+{node.x}+{node.y}",
                        str(shot)], env=self.desktop.env, capture_output=True, timeout=30)
        done = subprocess.run(["convert", str(shot), "-colorspace", "Gray", "-format", "%[fx:standard_deviation]",
                               "info:"], capture_output=True, text=True, timeout=30)
        try:
            return float(done.stdout.strip() or 0)
        except ValueError:
            return 0.0

    def wait_for(self, condition, what: str, timeout_s: float = 8):  # noqa: ANN001, ANN201
        quit_early: list[int] = []

        def checked():  # noqa: ANN202
            value = condition()
            if not value and self.process is not None and self.process.poll() is not None:
                quit_early.append(self.process.returncode)
                return True  # stop waiting: nothing will change any more
            return value

        self.log(f"wait for {what}")
        try:
            value = wait_until(checked, timeout_s, what)
        except TimeoutError:
            value = None
        if value is None:
            self.fail(f"waited {timeout_s:.0f} s for {what}")
        if quit_early:
            self.fail(f"KAPDesk quit (exit code {quit_early[0]}) while waiting for {what}")
        self.log("  ... seen")
        return value

    def fail(self, message: str) -> None:
        """Save the screen and the tree, then fail the test with `message`."""
        import pytest

        where = self.shot("FAILED")
        tree = self.tree() if self.alive() else Tree()
        (self.shots / "FAILED-tree.txt").write_text(tree.describe())
        focused = tree.focused()
        pytest.fail(f"{message}\n  focus: {focused.role + ' ' + repr(focused.name) if focused else 'none'}"
                    f"\n  screen: {where}\n  tree: {self.shots / 'FAILED-tree.txt'}", pytrace=False)
