"""Fixtures for the audio tests: a fake mixer that "plays" against a FakeClock
and records what would have been heard, and helpers to drive a player.

The fake mirrors pygame.mixer.Channel's behaviour that the player relies on:
a channel plays one sound and holds one queued; the queued sound starts the
instant the playing one ends; queue() on an idle channel plays at once; play()
and stop() drop the queue; play() un-pauses; volume is quantised to 1/128 as
SDL_mixer does; a paused channel is still busy. What each channel plays is written, times its
volume at that moment, onto a per-channel tape at the fake output rate, so a
test reads the envelope of what a listener would have heard, in exact fake
time, with no sound card and no waiting.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from kapdesk.audio.output import OutputFormat
from kapdesk.audio.player import PlayerEvent, Track
from kapdesk.audio.streaming_player import StreamingPlayer
from kapdesk.core.clock import FakeClock
from tests.helpers.audio_files import write_level

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


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def output(clock: FakeClock) -> FakeOutput:
    return FakeOutput(clock)


@pytest.fixture
def make_output(clock: FakeClock) -> Callable[..., FakeOutput]:
    """make_output(rate=..., record=...): a FakeOutput on the test's clock."""
    return lambda **options: FakeOutput(clock, **options)


@pytest.fixture
def events() -> list[PlayerEvent]:
    return []


@pytest.fixture
def player(clock: FakeClock, output: FakeOutput, events: list[PlayerEvent]) -> StreamingPlayer:
    return StreamingPlayer(clock, output, events.append, crossfade_s=2.0, phase_fade_s=4.0)


@pytest.fixture
def run(clock: FakeClock) -> Callable[[StreamingPlayer, float], None]:
    """run(player, seconds, step=0.2): tick as the UI timer would."""

    def advance(player: StreamingPlayer, seconds: float, step: float = 0.2) -> None:
        for _ in range(round(seconds / step)):
            clock.advance(step)
            player.tick()

    return advance


@pytest.fixture
def level_track(tmp_path: Path) -> Callable[..., Track]:
    """level_track(name, seconds, level=0.5) -> a constant-level WAV Track at
    the fake rate."""

    def make(name: str, seconds: float, level: float = 0.5) -> Track:
        path = write_level(tmp_path / f"{name}.wav", seconds, level, rate=FAKE_RATE)
        return Track.from_path(path, title=name.title())

    return make
