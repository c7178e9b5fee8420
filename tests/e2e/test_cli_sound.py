"""`python -m kapdesk sound`: the bundled music, heard on SDL's disk driver, as a speaker check.

The packaged app runs the same tool (tests/packaging); this is the source tree's.
"""

from __future__ import annotations

import pytest

from tests.helpers.disk_audio import RATE, bundled_left, heard_left, rms
from tests.helpers.processes import app_env, has_traceback, run_module

pytestmark = pytest.mark.slow


def test_sound_plays_the_first_bundled_track_and_it_is_heard(tmp_path) -> None:  # noqa: ANN001
    raw = tmp_path / "heard.raw"
    result = run_module("sound", "--seconds", "2.5", env=app_env(
        tmp_path / "home", SDL_AUDIODRIVER="disk", SDL_DISKAUDIOFILE=str(raw)))
    assert result.returncode == 0, result.stderr
    assert "Playing “First Light” for 2.5 seconds" in result.stdout
    heard = heard_left(raw)
    assert len(heard) >= 2 * RATE  # at least the fade-in and the held part reached the device
    # Between the player's 1 s fade-in and its fade-out the track is heard at its own
    # level (the track opens softly: about 200 of 32767 there, where silence is 0).
    level, source = rms(heard, 1.0, 2.0), rms(bundled_left(3.0), 1.0, 2.0)
    assert level > 50
    assert 0.5 * source < level < 1.5 * source


def test_without_a_sound_output_it_says_so_in_words_and_exits_1(tmp_path) -> None:  # noqa: ANN001
    result = run_module("sound", "--seconds", "2", env=app_env(
        tmp_path / "home", SDL_AUDIODRIVER="no-such-driver"))
    assert result.returncode == 1
    assert "no sound output could be opened" in result.stderr
    assert not has_traceback(result.stderr)
    assert "Playing" not in result.stdout
