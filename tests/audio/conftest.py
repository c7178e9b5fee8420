"""Fixtures for the audio tests: a fake mixer that "plays" against a FakeClock
and records what would have been heard, and helpers to drive a player.

The fake mixer itself (`FakeOutput`, at `FAKE_RATE`) is in tests/helpers/stubs.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kapdesk.audio.player import PlayerEvent, Track
from kapdesk.audio.streaming_player import StreamingPlayer
from kapdesk.core.clock import FakeClock
from tests.helpers.audio_files import write_level
from tests.helpers.stubs import FAKE_RATE, FakeOutput


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
