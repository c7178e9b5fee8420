"""What a listener would really hear: the real player on SDL's disk audio driver.

With SDL_AUDIODRIVER=disk, SDL writes the mixed output, in real time, to
SDL_DISKAUDIOFILE as raw samples in the mixer's format. SDL picks its driver
when the mixer opens, so each scenario runs in its own process: this very
module, run as `python -m tests.audio.test_player_output <scenario> <dir>`.
Both scenarios run at once (about 9 s of real time in all); the tests then
read the samples with numpy and measure fades, gaps and levels.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
import soundfile

REPO = Path(__file__).resolve().parents[2]
AMPLITUDE = 0.3  # of the generated tones
TICK_S = 0.1  # the UI timer's interval in these runs
WINDOW_S = 0.05  # RMS window for measurements
LATENCY_S = 0.15  # device buffer + one tick + start-up skew, allowed for on timings


# -- the scenarios (run in a child process) ----------------------------------------------


def _wait_until(player, t0: float, t: float) -> None:
    while time.monotonic() - t0 < t:
        time.sleep(TICK_S)
        player.tick()


def _scenario_crossfade(player, tracks, t0: float) -> dict[str, float]:
    """Fade in over 1.5 s, crossfade 1 s into the next track, fade out over 1 s."""
    a, b = tracks["a440.ogg"], tracks["b660.ogg"]
    at = {"play": time.monotonic() - t0}
    player.play_playlist([a, b], volume=1.0, fade_in_s=1.5, when_done="stop")
    _wait_until(player, t0, at["play"] + 5.5)  # b alone since 4.5 s
    at["fade_out"] = time.monotonic() - t0
    player.fade_out(1.0)
    _wait_until(player, t0, at["play"] + 7.0)
    return at


def _scenario_silence(player, tracks, t0: float) -> dict[str, float]:
    """A playlist at volume 0.5; silence key at 2 s, pressed again at 4.5 s."""
    at = {"play": time.monotonic() - t0}
    player.play_playlist([tracks["long440.wav"]], volume=0.5, fade_in_s=0.0)
    _wait_until(player, t0, at["play"] + 2.0)
    at["silence"] = time.monotonic() - t0
    player.toggle_silence()
    _wait_until(player, t0, at["play"] + 4.5)
    at["resume"] = time.monotonic() - t0
    player.toggle_silence()
    _wait_until(player, t0, at["play"] + 8.0)
    return at


SCENARIOS = {"crossfade": _scenario_crossfade, "silence": _scenario_silence}


def main(scenario: str, folder: Path) -> None:
    import pygame

    from kapdesk.audio.factory import open_player
    from kapdesk.audio.player import Track
    from kapdesk.core.clock import SystemClock

    events = []
    player, problem = open_player(SystemClock(), events.append, crossfade_s=1.0, phase_fade_s=1.0)
    t0 = time.monotonic()  # the disk file starts about now
    assert problem is None, problem
    tracks = {p.name: Track.from_path(p) for p in folder.iterdir() if p.suffix in (".ogg", ".wav")}
    at = SCENARIOS[scenario](player, tracks, t0)
    at["end"] = time.monotonic() - t0
    mixer = pygame.mixer.get_init()
    player.close()
    result = {"at": at, "mixer": mixer, "events": [[e.kind, dict(e.data)] for e in events]}
    (folder / f"{scenario}.json").write_text(json.dumps(result))


# -- running them and reading what was heard ---------------------------------------------


@dataclass
class Heard:
    left: np.ndarray  # the left channel, float, full scale = 32767
    rate: int
    at: dict[str, float]
    events: list

    def rms(self, start_s: float, end_s: float) -> float:
        part = self.left[max(0, round(start_s * self.rate)) : round(end_s * self.rate)]
        return float(np.sqrt(np.mean(part**2))) if len(part) else 0.0

    def rms_windows(self, start_s: float, end_s: float) -> np.ndarray:
        edges = np.arange(start_s, end_s, WINDOW_S)
        return np.array([self.rms(t, t + WINDOW_S) for t in edges])

    def dominant_hz(self, start_s: float, end_s: float) -> float:
        part = self.left[round(start_s * self.rate) : round(end_s * self.rate)]
        spectrum = np.abs(np.fft.rfft(part * np.hanning(len(part))))
        return float(np.argmax(spectrum) * self.rate / len(part))


def _write_tracks(folder: Path) -> None:
    from tests.helpers.audio_files import write_tone

    write_tone(folder / "a440.ogg", 4.5, freq=440.0, amplitude=AMPLITUDE)
    write_tone(folder / "b660.ogg", 3.5, freq=660.0, amplitude=AMPLITUDE)
    write_tone(folder / "long440.wav", 20.0, freq=440.0, amplitude=AMPLITUDE)


@pytest.fixture(scope="module")
def heard(tmp_path_factory) -> dict[str, Heard]:
    folder = tmp_path_factory.mktemp("disk_audio")
    _write_tracks(folder)
    runs = {}
    for name in SCENARIOS:
        env = {**os.environ, "SDL_AUDIODRIVER": "disk", "SDL_DISKAUDIOFILE": str(folder / f"{name}.raw")}
        runs[name] = subprocess.Popen(
            [sys.executable, "-m", "tests.audio.test_player_output", name, str(folder)],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    return {name: _collect(name, run, folder) for name, run in runs.items()}


def _collect(name: str, run: subprocess.Popen, folder: Path) -> Heard:
    _, err = run.communicate(timeout=60)
    assert run.returncode == 0, err
    result = json.loads((folder / f"{name}.json").read_text())
    rate, size, channels = result["mixer"]
    assert size == -16, "the player opens the mixer as 16-bit signed"
    samples = np.fromfile(folder / f"{name}.raw", dtype="<i2").reshape(-1, channels)
    # SDL's disk driver paces itself with sleeps, so its file runs a little
    # ahead of or (on a busy machine) behind the wall clock: map the moments
    # the child noted onto the file's own time line.
    stretch = len(samples) / rate / result["at"]["end"]
    assert 0.9 < stretch < 1.1, f"the disk driver did not keep real time ({stretch:.3f})"
    at = {key: value * stretch for key, value in result["at"].items()}
    return Heard(samples[:, 0].astype(np.float64), rate, at, result["events"])


FULL_RMS = AMPLITUDE * 32767 / np.sqrt(2)
QUIET_RMS = 0.01 * FULL_RMS


def longest_quiet_run_s(windows: np.ndarray) -> float:
    longest = run = 0
    for value in windows:
        run = run + 1 if value < QUIET_RMS else 0
        longest = max(longest, run)
    return longest * WINDOW_S


# -- the tests --------------------------------------------------------------------------------

pytestmark = pytest.mark.slow


def test_the_mixer_writes_16_bit_stereo_at_44100(heard):
    assert heard["silence"].rate == 44100
    assert heard["crossfade"].rate == 44100


def test_fade_in_rises_to_full_level(heard):
    h = heard["crossfade"]
    play = h.at["play"]
    rising = h.rms_windows(play + LATENCY_S, play + 1.5)
    assert rising[0] < 0.3 * FULL_RMS
    assert np.all(np.diff(rising) > -0.02 * FULL_RMS)  # never falls back
    assert rising[-1] > rising[0] + 0.5 * FULL_RMS
    assert h.rms(play + 1.6, play + 2.2) == pytest.approx(FULL_RMS, rel=0.05)


def test_crossfade_plays_both_tracks_with_no_gap(heard):
    h = heard["crossfade"]
    play, fade = h.at["play"], h.at["fade_out"]
    assert longest_quiet_run_s(h.rms_windows(play + LATENCY_S, fade)) <= 0.5
    assert longest_quiet_run_s(h.rms_windows(play + LATENCY_S, fade)) == 0.0
    assert h.dominant_hz(play + 1.0, play + 2.0) == pytest.approx(440, abs=3)
    assert h.dominant_hz(play + 4.6, play + 5.4) == pytest.approx(660, abs=3)
    started = [data["path"].rsplit("/", 1)[-1] for kind, data in h.events if kind == "track_started"]
    assert started == ["a440.ogg", "b660.ogg"]


def test_fade_out_reaches_silence_in_the_set_time(heard):
    h = heard["crossfade"]
    fade = h.at["fade_out"]
    before = h.rms(fade - 0.4, fade)
    assert h.rms(fade + 0.45, fade + 0.55) < 0.9 * before  # fading, not cut
    assert h.rms(fade + 0.45, fade + 0.55) > 0.1 * before
    assert h.rms_windows(fade + 1.0 + LATENCY_S, fade + 1.8).max() < QUIET_RMS
    assert ["track_stopped", "faded"] in [[k, d.get("reason")] for k, d in h.events]


def test_silence_key_is_silent_within_two_seconds_and_resume_brings_it_back(heard):
    h = heard["silence"]
    silence, resume = h.at["silence"], h.at["resume"]
    windows = h.rms_windows(silence, resume)
    loud = np.flatnonzero(windows >= QUIET_RMS)
    silent_after_s = (loud[-1] + 1) * WINDOW_S if len(loud) else 0.0
    assert silent_after_s <= 2.0
    assert h.rms(resume + 3.0 + LATENCY_S, resume + 3.45) == pytest.approx(0.5 * FULL_RMS, rel=0.05)
    kinds = [kind for kind, _ in h.events]
    assert kinds == ["track_started", "music_silenced", "music_resumed", "track_started", "track_stopped"]


def test_playlist_volume_is_applied(heard, tmp_path_factory):
    h = heard["silence"]
    played = h.rms(h.at["play"] + 0.5, h.at["silence"])
    source, rate = soundfile.read(next(tmp_path_factory.getbasetemp().glob("disk_audio*/long440.wav")))
    source_rms = float(np.sqrt(np.mean(source[: rate, 0] ** 2))) * 32767
    assert played / source_rms == pytest.approx(0.5, rel=0.03)


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
