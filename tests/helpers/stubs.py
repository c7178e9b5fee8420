"""Every stand-in the tests use, in one place: fakes, spies and stubs.

A test swaps one of these in where the product talks to something a test
cannot or should not use for real: the sound card, a dialog waiting for a
person, the desktop's session manager, a disk that fails. Everything else in
the tests is real. Fixtures that hand these out stay in conftest.py files;
the product's own `kapdesk.core.clock.FakeClock` stays in the product.

- The mixer: `FakeOutput` (with `FakeChannel`, `FakeSound`, `FakeOutputError`,
  `FAKE_RATE`) plays in fake time and keeps what a listener would have heard.
- Players: `SpyPlayer` notes each command given to a real player;
  `fake_player_factory` builds real players on `FakeOutput`s; `ExplodingPlayer`
  fails as a broken driver would; `ScannedFile` is what a folder scan found.
- Event sinks: `FailingSink` fails on demand as a full disk would,
  `ForgetfulSink` breaks the sink's contract; `MemorySink` is re-exported.
- People and the desktop: `FakeDialogs` answers the review's questions,
  `Answers` the yes/no question, `DialogPlayer` fills and saves a client
  dialog, `FakeSessionManager` is the desktop asking at logout, `WelcomeSpy`
  answers the first-run welcome.
- Waiting: `HeldCalls` holds a call until the test lets it go.
- Qt spies: `CountingDelegate` counts layout questions, `PaintSpy` paints.
- Records: `OpenSessionRow` is an open session as the store lists it.
- The test run itself: `FakeTestProcess` is one of `pytest -n 2`'s processes as
  xdist's scheduler sees it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Mapping

import numpy as np
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QStyledItemDelegate

from kapdesk.audio.output import OutputFormat
from kapdesk.audio.silent import SilentPlayer
from kapdesk.audio.streaming_player import StreamingPlayer
from kapdesk.core.clock import FakeClock
from kapdesk.core.events import Event, EventKind, MemorySink
from tests.helpers.constants import PASSPHRASE

if TYPE_CHECKING:
    from kapdesk.ui.clients.client_dialog import ClientDialog

__all__ = [
    "FAKE_RATE", "Answers", "CountingDelegate", "DialogPlayer", "ExplodingPlayer", "FailingSink",
    "FakeChannel", "FakeDialogs", "FakeOutput", "FakeOutputError", "FakeSessionManager",
    "FakeSound", "ForgetfulSink", "HeldCalls", "MemorySink", "OpenSessionRow", "PaintSpy",
    "ScannedFile", "SpyPlayer", "StoreError", "fake_player_factory",
]


# -- the mixer ----------------------------------------------------------------------------
#
# The fake mirrors pygame.mixer.Channel's behaviour that the player relies on:
# a channel plays one sound and holds one queued; the queued sound starts the
# instant the playing one ends; queue() on an idle channel plays at once; play()
# and stop() drop the queue; play() un-pauses; volume is quantised to 1/128 as
# SDL_mixer does; a paused channel is still busy. What each channel plays is written, times its
# volume at that moment, onto a per-channel tape at the fake output rate, so a
# test reads the envelope of what a listener would have heard, in exact fake
# time, with no sound card and no waiting.

#: The fake mixer's rate: low, so long sessions stay small and fast.
FAKE_RATE = 1000


class FakeOutputError(Exception):
    """Stands in for pygame.error."""


class FakeSound:
    def __init__(self, samples: np.ndarray) -> None:
        self.left = samples[:, 0].astype(np.float64) / 32767.0
        self.frames = len(samples)


class FakeChannel:
    def __init__(self, output: FakeOutput, index: int) -> None:
        self._out = output
        self.index = index
        self.sound: FakeSound | None = None
        self.queued: FakeSound | None = None
        self.pos = 0
        self.paused = False
        self.volume = 1.0
        self.cursor = output.frame_now()
        self.tape = np.zeros(0)

    def _sync(self) -> None:
        self._out.maybe_fail()
        target = self._out.frame_now()
        while self.cursor < target:
            if self.paused or self.sound is None:
                self.cursor = target
                break
            n = min(target - self.cursor, self.sound.frames - self.pos)
            self._write(self.cursor, self.sound.left[self.pos : self.pos + n] * self.volume)
            self.cursor += n
            self.pos += n
            if self.pos >= self.sound.frames:
                self.sound, self.queued, self.pos = self.queued, None, 0

    def _write(self, start: int, data: np.ndarray) -> None:
        if not self._out.record:
            return
        end = start + len(data)
        if end > len(self.tape):
            grown = np.zeros(max(end, 2 * len(self.tape)))
            grown[: len(self.tape)] = self.tape
            self.tape = grown
        self.tape[start:end] += data

    def play(self, sound: FakeSound) -> None:
        self._sync()
        self.sound, self.queued, self.pos = sound, None, 0
        self.paused = False  # as Mix_PlayChannelTimed does

    def queue(self, sound: FakeSound) -> None:
        self._sync()
        if self.sound is None:
            self.sound, self.pos, self.paused = sound, 0, False
        else:
            self.queued = sound

    def get_queue(self) -> FakeSound | None:
        self._sync()
        return self.queued

    def get_busy(self) -> bool:
        self._sync()
        return self.sound is not None

    def set_volume(self, value: float) -> None:
        self._sync()
        self.volume = int(min(1.0, max(0.0, value)) * 128) / 128

    def pause(self) -> None:
        self._sync()
        self.paused = True

    def unpause(self) -> None:
        self._sync()
        self.paused = False

    def stop(self) -> None:
        self._sync()
        self.sound, self.queued, self.pos = None, None, 0


class FakeOutput:
    """A MixerOutput for tests. Set `broken = True` to make every call fail
    as a lost device would."""

    errors = (FakeOutputError,)

    def __init__(
        self, clock: FakeClock, rate: int = FAKE_RATE, channel_count: int = 4, record: bool = True
    ) -> None:
        self._clock = clock
        self.record = record  # False: play without keeping tapes (long runs)
        self._origin = clock.monotonic()
        self._format = OutputFormat(rate, 2)
        self.broken = False
        self.closed = False
        self.sounds_made = 0
        self.channels = [FakeChannel(self, i) for i in range(channel_count)]
        self.cue_channels: list[FakeChannel] = []  # as pygame's unreserved channels, made on demand

    @property
    def format(self) -> OutputFormat:
        return self._format

    @property
    def channel_count(self) -> int:
        return len(self.channels)

    def frame_now(self) -> int:
        return round((self._clock.monotonic() - self._origin) * self._format.rate)

    def channel(self, index: int) -> FakeChannel:
        return self.channels[index]

    def cue_channel(self) -> FakeChannel:
        self.maybe_fail()
        for channel in self.cue_channels:
            if not channel.get_busy():
                return channel
        self.cue_channels.append(FakeChannel(self, len(self.channels) + len(self.cue_channels)))
        return self.cue_channels[-1]

    def make_sound(self, samples: np.ndarray) -> FakeSound:
        self.maybe_fail()
        assert samples.dtype == np.int16 and samples.shape[1] == 2 and samples.flags.c_contiguous
        self.sounds_made += 1
        return FakeSound(samples)

    def maybe_fail(self) -> None:
        if self.broken:
            raise FakeOutputError("device unplugged")

    def check(self) -> None:
        self.maybe_fail()

    def close(self) -> None:
        self.closed = True

    def heard(self) -> np.ndarray:
        """Everything mixed so far, one value per frame (left channel)."""
        channels = self.channels + self.cue_channels
        for channel in channels:
            channel._sync()
        end = self.frame_now()
        mix = np.zeros(end)
        for channel in channels:
            n = min(end, len(channel.tape))
            mix[:n] += channel.tape[:n]
        return mix


# -- players ------------------------------------------------------------------------------


class SpyPlayer:
    """A real player that notes each command given to it."""

    def __init__(self, player: StreamingPlayer) -> None:
        self.inner = player
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def play_playlist(self, tracks, volume=1.0, fade_in_s=8.0, when_done="loop", name=None):  # noqa: ANN001, ANN201
        self.calls.append(("play_playlist", {
            "titles": [t.title for t in tracks], "volume": volume, "fade_in_s": fade_in_s,
            "when_done": when_done, "name": name}))
        return self.inner.play_playlist(tracks, volume, fade_in_s, when_done, name)

    def fade_out(self, seconds: float = 8.0) -> None:
        self.calls.append(("fade_out", {"seconds": seconds}))
        self.inner.fade_out(seconds)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def commands(self) -> list[str]:
        return [name for name, _ in self.calls]


def fake_player_factory(rig_spies: list[SpyPlayer], clock: FakeClock, outputs: list[FakeOutput]):  # noqa: ANN201
    """A player factory as the music controller takes one: each player it makes is a
    real `StreamingPlayer` on a new `FakeOutput`, behind a `SpyPlayer` (both noted)."""

    def make(on_event, crossfade_s: float, phase_fade_s: float):  # noqa: ANN001, ANN202
        output = FakeOutput(clock)
        outputs.append(output)
        player = StreamingPlayer(clock, output, on_event, crossfade_s=crossfade_s,
                                 phase_fade_s=phase_fade_s)
        spy = SpyPlayer(player)
        rig_spies.append(spy)
        return spy, None
    return make


class ExplodingPlayer(SilentPlayer):
    """A player whose driver faults on every command that makes sound."""

    def play_playlist(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise RuntimeError("driver fault")

    def tick(self) -> None:
        raise RuntimeError("driver fault")


class ScannedFile:
    """What a folder scan found in one file (shaped like `audio.library.LibraryTrack`)."""

    def __init__(self, path: Path, title: str) -> None:
        self.path, self.title, self.artist, self.album, self.duration_s = path, title, None, None, 20.0


# -- event sinks --------------------------------------------------------------------------
#
# `MemorySink` itself lives in kapdesk.core.events (the demo mode uses it too);
# it is re-exported here so tests import their stand-ins from one place.


class StoreError(RuntimeError):
    """What a broken disk looks like to the runner."""


class FailingSink(MemorySink):
    """A MemorySink that can be told to fail, as a full or vanished disk would."""

    def __init__(self) -> None:
        super().__init__()
        self.failing = False
        self.attempts = 0

    def append(self, kind: EventKind, at: float, data: Mapping[str, Any]) -> Event:
        self.attempts += 1
        if self.failing:
            raise StoreError("disk I/O error")
        return super().append(kind, at, data)


class ForgetfulSink(MemorySink):
    """A sink that breaks its contract: every event it keeps comes back as number 1."""

    def append(self, kind, at, data):  # noqa: ANN001, ANN201
        return Event(1, kind, at, data)  # always seq 1


# -- people and the desktop ---------------------------------------------------------------


@dataclass
class FakeDialogs:
    """Answers the review's questions; remembers what was asked."""

    path: Path | None = None
    name: str | None = "Dr. Ana Rivera"  # what the signer types (None: cancels the dialog)
    passphrase: str = PASSPHRASE
    agree: bool = True
    asked: list[str] = field(default_factory=list)

    def choose_path(self, _parent, title: str, suggested: str, _filter: str) -> str | None:  # noqa: ANN001
        self.asked.append(f"path: {title} ({suggested})")
        return None if self.path is None else str(self.path)

    def ask_signer(self, _parent, title: str, _action: str, _explanation: str, offered: str,  # noqa: ANN001, PLR0913
                   check) -> str | None:  # noqa: ANN001
        """The signing dialog: the offered name kept (or `name` typed), the passphrase checked."""
        self.asked.append(f"signer: {title} ({offered or 'no name yet'})")
        if self.name is None:
            return None
        if not check(self.passphrase):
            self.asked.append("wrong passphrase")
            return None
        return offered or self.name

    def confirm(self, _parent, title: str, _question: str) -> bool:  # noqa: ANN001
        self.asked.append(f"confirm: {title}")
        return self.agree

    adverse: object = None  # the AdverseEvent the form "types" (None: cancelled)

    def ask_adverse(self, _parent, _now) -> object:  # noqa: ANN001
        self.asked.append("adverse event")
        return self.adverse

    export_password: str | None = "calm-lake-at-dusk"  # what the password dialog agrees on (None: Esc)

    def ask_export_password(self, _parent, what: str) -> str | None:  # noqa: ANN001
        self.asked.append(f"password: {what}")
        return self.export_password


class Answers:
    """A stand-in for the yes/no question: records it and answers as told."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def __call__(self, _parent: Any, question: str) -> bool:
        self.asked.append(question)
        return self.answer


class DialogPlayer:
    """Stands in for QDialog.exec: records each dialog and acts on it as told."""

    def __init__(self) -> None:
        self.dialogs: list[ClientDialog] = []
        self.fields: dict[str, str] = {}
        self.problems: list[str] = []

    def will_type(self, **fields: str) -> None:
        self.fields = fields

    def __call__(self, dialog: ClientDialog) -> int:
        self.dialogs.append(dialog)
        setters = {
            "name": dialog.name_edit.setText,
            "birth": dialog.birth_edit.setText,
            "pronouns": dialog.pronouns_box.setCurrentText,
            "notes": dialog.notes_edit.setPlainText,
            "intention": dialog.intention_edit.setPlainText,
        }
        for name, value in self.fields.items():
            setters[name](value)
        dialog.save_button.click()
        self.problems.append(dialog.error_label.text())
        if dialog.result() == 0:  # still open: the user gives up
            dialog.cancel_button.click()
        return dialog.result()


class WelcomeSpy:
    """Stands in for WelcomeDialog.exec: notes each welcome shown and answers `choice` at once."""

    def __init__(self, choice: object) -> None:
        self.choice = choice
        self.shown: list[object] = []

    def __call__(self, dialog: Any) -> int:  # noqa: ANN401 - a WelcomeDialog
        self.shown.append(dialog)
        dialog.choice = self.choice
        return 1


class FakeSessionManager:
    """The desktop's session manager at logout (QSessionManager's three calls the app uses)."""

    def __init__(self, interactive: bool) -> None:
        self.interactive, self.calls = interactive, []

    def allowsInteraction(self) -> bool:  # noqa: N802 - Qt API
        return self.interactive

    def cancel(self) -> None:
        self.calls.append("cancel")

    def release(self) -> None:
        self.calls.append("release")


# -- waiting ------------------------------------------------------------------------------


class HeldCalls:
    """Wraps `inner`: calls of `method` (those `when` picks) wait until `gate` is set,
    as a slow disk or a big practice would make them wait; everything else passes through."""

    def __init__(self, inner: Any, method: str, gate: threading.Event,
                 when: Callable[..., bool] = lambda *args, **kwargs: True) -> None:
        self._inner, self._method, self._gate, self._when = inner, method, gate, when

    def __getattr__(self, name: str) -> Any:
        real = getattr(self._inner, name)
        if name != self._method:
            return real

        def held(*args: Any, **kwargs: Any) -> Any:
            if self._when(*args, **kwargs):
                self._gate.wait(5)
            return real(*args, **kwargs)
        return held


# -- Qt spies -----------------------------------------------------------------------------


class CountingDelegate(QStyledItemDelegate):
    """Counts how often the list asks a line for its size: once per line per layout."""

    def __init__(self, parent) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.asked = 0

    def sizeHint(self, option, index):  # noqa: ANN001, ANN201, N802 - Qt API
        self.asked += 1
        return super().sizeHint(option, index)


class PaintSpy(QObject):
    """An application-wide event filter that notes the name of each widget painted."""

    def __init__(self) -> None:
        super().__init__()
        self.painted: list[str] = []

    def eventFilter(self, watched, event) -> bool:  # noqa: ANN001, N802 - Qt API
        if event.type() == QEvent.Type.Paint:
            self.painted.append(watched.objectName())
        return False


# -- records ------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenSessionRow:
    """An open session as the store lists it: the two fields the rules read."""

    session_id: int
    client_id: int


class FormPlayer:
    """Stands in for QDialog.exec on the course forms: shows each form, runs the test's
    next step on it (key presses and clicks, ending in a save or not), and answers what
    the form ended with; a form the step left open is given up (closed unsaved)."""

    def __init__(self, qtbot) -> None:  # noqa: ANN001
        self._qtbot = qtbot
        self.steps: list[Callable] = []
        self.forms: list = []

    def then(self, step: Callable) -> FormPlayer:
        self.steps.append(step)
        return self

    def __call__(self, form) -> int:  # noqa: ANN001 - a CourseDialog
        from PySide6.QtWidgets import QDialog

        self.forms.append(form)
        self._qtbot.addWidget(form)
        form.show()
        self._qtbot.waitExposed(form)
        form.activateWindow()
        self._qtbot.waitUntil(form.isActiveWindow)
        if self.steps:
            self.steps.pop(0)(form)
        if form.isVisible():
            QDialog.done(form, 0)
        return form.result()


# -- the client's page ---------------------------------------------------------------------


class FakeCourseActions:
    """A `CourseActions` (ui/clients/course_actions.py) that notes each call and
    answers what the test set: `answer` for every call (False by default: nothing
    saved), `saves` a callable run before answering (a test writes the record
    there, as the real form would)."""

    def __init__(self, answer: bool = False, saves: Callable[[str, tuple], object] | None = None) -> None:
        self.answer = answer
        self.saves = saves
        self.calls: list[tuple] = []

    def _called(self, name: str, *args: object) -> bool:
        self.calls.append((name, *args))
        if self.saves is not None:
            self.saves(name, args)
        return self.answer

    def record_screening(self, client_id: int) -> bool:
        return self._called("record_screening", client_id)

    def record_clearance(self, client_id: int, screening_id: int) -> bool:
        return self._called("record_clearance", client_id, screening_id)

    def record_consent(self, client_id: int) -> bool:
        return self._called("record_consent", client_id)

    def enter_measure(self, client_id: int, kind) -> bool:  # noqa: ANN001 - a MeasureKind
        return self._called("enter_measure", client_id, kind)

    def correct_measure(self, client_id: int, measure_id: int) -> bool:
        return self._called("correct_measure", client_id, measure_id)

    def assess_risk(self, client_id: int, measure_id: int) -> bool:
        return self._called("assess_risk", client_id, measure_id)

    def hand_to_client(self, client_id: int, kind) -> bool:  # noqa: ANN001 - a MeasureKind
        return self._called("hand_to_client", client_id, kind)


__all__ += ["FakeCourseActions"]


class FakeTestProcess:
    """One of `pytest -n N`'s test processes as xdist's scheduler sees it: it keeps
    the indices of the tests it was sent, in order, and runs them when told."""

    def __init__(self, name: str) -> None:
        self.gateway = SimpleNamespace(id=name)
        self.shutting_down = False
        self.sent: list[int] = []
        self.ran: list[int] = []

    def send_runtest_some(self, indices: list[int]) -> None:
        self.sent.extend(indices)

    def shutdown(self) -> None:
        self.shutting_down = True

    def next_test(self) -> int | None:
        """Runs the next test it was sent (its index), or None when it has none left."""
        if len(self.ran) == len(self.sent):
            return None
        self.ran.append(self.sent[len(self.ran)])
        return self.ran[-1]
