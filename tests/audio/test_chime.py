"""The checkpoint chime: how it sounds (quiet, no click, dies away) and how the
player plays it over the music, or not at all under the silence key."""

from __future__ import annotations

import numpy as np

from kapdesk.audio.chime import LENGTH_S, chime_samples
from kapdesk.audio.output import OutputFormat
from kapdesk.audio.player import PlayerState
from tests.helpers.stubs import FAKE_RATE

CD = OutputFormat(44100, 2)


def test_the_chime_is_quiet_starts_and_ends_without_a_click_and_dies_away() -> None:
    samples = chime_samples(CD)
    assert samples.dtype == np.int16 and samples.shape == (round(LENGTH_S * 44100), 2)
    assert samples.flags.c_contiguous and np.array_equal(samples[:, 0], samples[:, 1])
    level = np.abs(samples[:, 0].astype(float)) / 32767
    assert 0.08 < level.max() <= 0.1001  # -20 dBFS: under music at the same volume
    assert level[:22].max() < 0.01  # the first half millisecond: rising from nothing
    assert level[-1] == 0.0 and level[-441:].max() < 0.001
    first_half, second_half = level[: len(level) // 2], level[len(level) // 2:]
    assert second_half.max() < first_half.max() / 4  # a chime, not a beep


def test_the_chime_follows_the_volume_and_the_output_format() -> None:
    loud = np.abs(chime_samples(CD, volume=1.0).astype(float)).max()
    soft = np.abs(chime_samples(CD, volume=0.25).astype(float)).max()
    assert 0.24 < soft / loud < 0.26
    assert not chime_samples(CD, volume=0.0).any()
    assert chime_samples(OutputFormat(22050, 1)).shape == (round(LENGTH_S * 22050), 1)


def heard_between(output, start_s: float, end_s: float) -> np.ndarray:  # noqa: ANN001
    heard = output.heard()
    return heard[round(start_s * FAKE_RATE): round(end_s * FAKE_RATE)]


def test_the_player_rings_the_chime_over_the_music_without_touching_it(player, output, run, level_track) -> None:  # noqa: ANN001
    music = level_track("music", 60, level=0.3)
    player.play_playlist([music], fade_in_s=0.0)
    run(player, 5)
    assert player.chime() == LENGTH_S
    run(player, 5)
    assert player.state is PlayerState.PLAYING and player.current_track == music
    assert output.cue_channels and not any(ch.get_busy() for ch in output.cue_channels)  # done by now
    before = heard_between(output, 3, 5)
    during = heard_between(output, 5, 5 + LENGTH_S)
    after = heard_between(output, 8, 10)
    assert np.allclose(before, 0.3, atol=0.01) and np.allclose(after, 0.3, atol=0.01)
    assert np.abs(during - 0.3).max() > 0.05  # the chime is in the mix


def test_under_the_silence_key_or_with_the_output_gone_there_is_no_chime(player, output, run, level_track) -> None:  # noqa: ANN001
    player.play_playlist([level_track("music", 60)], fade_in_s=0.0)
    run(player, 2)
    player.toggle_silence()
    assert player.chime() == 0.0
    assert output.cue_channels == []
    player.toggle_silence()
    output.broken = True
    assert player.chime() == 0.0
    assert player.problem is not None  # told as a lost output, like any other call


def test_the_chime_plays_at_the_master_volume(player, output, run) -> None:  # noqa: ANN001
    player.set_volume(0.5)
    assert player.chime() == LENGTH_S
    run(player, LENGTH_S)
    assert 0.045 < np.abs(output.heard()).max() <= 0.0501
