"""The player on the real pygame mixer (SDL's dummy driver, set by pytest-env).

The dummy device consumes sound in real time, so these tests tick with the
system clock for a second or two at most.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pygame
import pytest

from kapdesk.audio.factory import open_player
from kapdesk.audio.player import PlayerState, Track
from kapdesk.audio.silent import NO_OUTPUT_MESSAGE, SilentPlayer
from kapdesk.audio.streaming_player import OUTPUT_LOST_MESSAGE, StreamingPlayer
from kapdesk.core.clock import SystemClock
from tests.helpers.audio_files import (truncate_copy, write_long_quiet, write_overstated_wav,
                                       write_tone)

REPO = Path(__file__).resolve().parents[2]
ONE_SECOND_BYTES = 44100 * 2 * 2


def play_for(player, seconds: float, step: float = 0.1) -> None:
    """Tick as the UI's timer would, in real time."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        time.sleep(step)
        player.tick()


def kinds(events) -> list[str]:
    return [e.kind for e in events]


@pytest.fixture
def events() -> list:
    return []


@pytest.fixture
def real_player(events):
    player, problem = open_player(SystemClock(), events.append, crossfade_s=1.0, phase_fade_s=1.0)
    assert problem is None, "SDL's dummy audio driver should always open"
    yield player
    player.close()
    pygame.mixer.quit()  # in case the test closed it another way


@pytest.fixture
def tone(tmp_path: Path):
    def make(name: str, seconds: float = 3.0, freq: float = 440.0, suffix: str = ".ogg") -> Track:
        return Track.from_path(write_tone(tmp_path / f"{name}{suffix}", seconds, freq=freq))

    return make


def test_open_player_gives_the_streaming_player_on_a_working_mixer(real_player):
    assert isinstance(real_player, StreamingPlayer)
    assert pygame.mixer.get_init() == (44100, -16, 2)
    real_player.close()
    assert pygame.mixer.get_init() is None


def test_plays_a_playlist_on_the_real_mixer(real_player, tone, events):
    a = tone("a", 3.0)
    real_player.play_playlist([a, tone("b", 3.0, suffix=".flac")], fade_in_s=0.5)
    play_for(real_player, 1.2)
    assert real_player.state is PlayerState.PLAYING
    assert real_player.current_track == a
    assert real_player.position_s == pytest.approx(1.2, abs=0.25)
    assert pygame.mixer.Channel(0).get_busy()
    assert 0 < real_player.decoded_bytes <= 2 * ONE_SECOND_BYTES
    assert kinds(events) == ["track_started"]


def test_silence_pauses_the_real_channel_and_resume_continues(real_player, tone, events):
    real_player.play_playlist([tone("a", 10.0)], fade_in_s=0.0)
    play_for(real_player, 0.5)
    real_player.toggle_silence()
    play_for(real_player, 1.8)
    position = real_player.position_s
    play_for(real_player, 0.5)
    assert real_player.position_s == position
    assert pygame.mixer.Channel(0).get_volume() == 0.0
    real_player.toggle_silence()
    play_for(real_player, 0.5)
    assert real_player.state is PlayerState.PLAYING
    assert real_player.position_s == pytest.approx(position + 0.5, abs=0.2)
    assert 0.0 < pygame.mixer.Channel(0).get_volume()


def test_mixer_closed_behind_the_players_back_is_output_lost(real_player, tone, events):
    real_player.play_playlist([tone("a", 5.0)], fade_in_s=0.0)
    play_for(real_player, 0.3)
    pygame.mixer.quit()  # the device went away
    play_for(real_player, 0.3)
    real_player.next()
    real_player.toggle_silence()
    assert "output_lost" in kinds(events)
    assert real_player.state is PlayerState.STOPPED
    assert real_player.problem == OUTPUT_LOST_MESSAGE


def test_pygame_error_from_a_mixer_call_in_tick_is_output_lost(real_player, tone, events, monkeypatch):
    real_player.play_playlist([tone("a", 5.0)], fade_in_s=0.0)
    play_for(real_player, 0.2)

    def no_device(*args, **kwargs):
        raise pygame.error("Audio device has been removed")

    monkeypatch.setattr(pygame.mixer, "Sound", no_device)
    play_for(real_player, 1.5)  # the next chunk needs a new Sound
    lost = [e.data for e in events if e.kind == "output_lost"]
    assert lost == [{"message": OUTPUT_LOST_MESSAGE, "detail": "Audio device has been removed"}]


def test_no_device_gives_the_silent_player_and_a_calm_message(monkeypatch):
    def no_device(*args, **kwargs):
        raise pygame.error("No available audio device")

    monkeypatch.setattr(pygame.mixer, "init", no_device)
    player, problem = open_player(SystemClock())
    assert isinstance(player, SilentPlayer)
    assert problem == NO_OUTPUT_MESSAGE == player.problem
    player.play_playlist([Track.from_path("/nowhere.ogg")])
    player.tick()
    assert player.toggle_silence() is PlayerState.STOPPED


def _run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_no_audio_driver_at_all_falls_back_in_a_real_process():
    code = (
        "from kapdesk.audio.factory import open_player\n"
        "from kapdesk.core.clock import SystemClock\n"
        "player, problem = open_player(SystemClock())\n"
        "print(type(player).__name__, problem)\n"
    )
    done = _run_python(code, SDL_AUDIODRIVER="no_such_driver")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"SilentPlayer {NO_OUTPUT_MESSAGE}"


def test_importing_the_audio_package_does_not_import_pygame():
    code = (
        "import sys, kapdesk.audio, kapdesk.audio.player, kapdesk.audio.factory, kapdesk.audio.library\n"
        "print(sorted(m for m in ('pygame', 'numpy', 'soundfile') if m in sys.modules))\n"
    )
    done = _run_python(code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def _rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="needs /proc")
def test_a_long_track_is_not_decoded_whole(real_player, tmp_path, events):
    # 20 minutes would be 211 MB decoded whole at 44.1 kHz stereo.
    long = Track.from_path(write_long_quiet(tmp_path / "long.flac", 20 * 60))
    before = _rss_bytes()
    real_player.play_playlist([long], fade_in_s=0.0)
    play_for(real_player, 1.5)
    assert real_player.current_track == long
    assert real_player.peak_decoded_bytes <= 2 * ONE_SECOND_BYTES
    assert _rss_bytes() - before < 64 * 2**20


def test_a_cut_short_ogg_is_logged_as_damaged_not_finished(real_player, tmp_path, tone, events):
    whole = write_tone(tmp_path / "whole.ogg", 4.0)
    cut = Track.from_path(truncate_copy(whole, tmp_path / "cut.ogg", 0.8))  # 1.7 s left
    after = tone("after", 5.0)
    real_player.play_playlist([cut, after], fade_in_s=0.0, when_done="stop")
    play_for(real_player, 2.5)
    failed = [dict(e.data) for e in events if e.kind == "track_failed"]
    stopped = [dict(e.data) for e in events if e.kind == "track_stopped"]
    assert [f["path"] for f in failed] == [str(cut.path)]
    assert failed[0]["message"].startswith("The file is damaged")
    assert stopped == [{"path": str(cut.path), "reason": "damaged"}]
    assert real_player.current_track == after


def test_a_track_shorter_than_the_library_says_is_logged_as_damaged(real_player, tmp_path, events):
    # The library read 60 s from the header; the file holds half a second.
    liar = write_overstated_wav(tmp_path / "liar.wav", 0.5, 60.0)
    track = Track(path=liar, title="Liar", duration_s=60.0)
    real_player.play_playlist([track], fade_in_s=0.0, when_done="stop")
    play_for(real_player, 1.5)
    failed = [dict(e.data) for e in events if e.kind == "track_failed"]
    assert [f["message"] for f in failed] == [
        "The file is damaged: it stops after 0.5 s of its 60 s; it may be an incomplete download."]
    assert [e.data["reason"] for e in events if e.kind == "track_stopped"] == ["damaged"]
    assert real_player.state is PlayerState.STOPPED
