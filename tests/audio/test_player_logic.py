"""The streaming player's behaviour in fake time.

A StreamingPlayer drives the fake mixer from conftest with a FakeClock; the
fake records what would have been heard, so each test reads the real envelope
(constant-level files make the envelope the signal itself) without waiting.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from kapdesk.audio.player import PlayerState, Track
from kapdesk.audio.streaming_player import SILENCE_FADE_S, StreamingPlayer
from kapdesk.core.events import validate_event_data

LEVEL = 0.5  # the level of the generated test files
QUIET = 0.01


def kinds(events) -> list[str]:
    return [e.kind for e in events]


def of_kind(events, kind: str) -> list[dict]:
    return [dict(e.data) for e in events if e.kind == kind]


def level_at(heard: np.ndarray, t: float, rate: int = 1000) -> float:
    """Mean level over the 50 ms before time t."""
    end = round(t * rate)
    return float(np.mean(np.abs(heard[max(0, end - 50) : end])))


def longest_quiet_s(heard: np.ndarray, start_s: float, end_s: float, rate: int = 1000) -> float:
    quiet = np.abs(heard[round(start_s * rate) : round(end_s * rate)]) < QUIET
    longest = run = 0
    for q in quiet:
        run = run + 1 if q else 0
        longest = max(longest, run)
    return longest / rate


def first_quiet_after(heard: np.ndarray, t: float, rate: int = 1000) -> float:
    """Seconds after t until everything heard stays below QUIET."""
    loud = np.flatnonzero(np.abs(heard[round(t * rate) :]) >= QUIET)
    return 0.0 if len(loud) == 0 else (loud[-1] + 1) / rate


# -- fades and crossfades --------------------------------------------------------


def test_playlist_fades_in_then_plays_steady(player, output, run, level_track):
    player.play_playlist([level_track("a", 20)], fade_in_s=4.0)
    run(player, 8)
    heard = output.heard()
    rising = [level_at(heard, t) for t in np.arange(0.25, 4.01, 0.25)]
    assert rising[0] < 0.1 * LEVEL
    assert all(b >= a for a, b in zip(rising, rising[1:]))
    assert level_at(heard, 4.0) == pytest.approx(LEVEL, abs=0.01)
    assert level_at(heard, 7.0) == pytest.approx(LEVEL, abs=1e-3)
    assert player.state is PlayerState.PLAYING


def test_crossfade_starts_next_track_before_the_end_without_a_gap(player, output, run, level_track, events):
    a, b = level_track("a", 10), level_track("b", 10)
    player.play_playlist([a, b], fade_in_s=0.0, when_done="stop")
    run(player, 7.8)
    assert player.current_track == a
    run(player, 0.4)  # the 2 s crossfade begins at 8 s
    assert player.current_track == b
    run(player, 15)
    heard = output.heard()
    assert longest_quiet_s(heard, 0.1, 17.5) == 0.0
    assert level_at(heard, 9.0) > LEVEL  # both tracks sound together
    assert kinds(events) == ["track_started", "track_started", "track_stopped", "track_stopped"]
    assert of_kind(events, "track_stopped")[0] == {"path": str(a.path), "reason": "finished"}
    assert player.state is PlayerState.STOPPED


def test_without_crossfade_the_gap_is_at_most_one_tick(player, output, run, level_track):
    player.set_crossfade(0.0)
    player.play_playlist([level_track("a", 5), level_track("b", 5)], fade_in_s=0.0, when_done="stop")
    run(player, 12, step=0.25)
    assert longest_quiet_s(output.heard(), 0.1, 9.9) <= 0.25


def test_fade_out_reaches_silence_in_the_set_time(player, output, run, level_track, events, clock):
    player.play_playlist([level_track("a", 60)], fade_in_s=0.0)
    run(player, 5)
    player.fade_out(3.0)
    assert player.state is PlayerState.FADING
    run(player, 5)
    heard = output.heard()
    assert first_quiet_after(heard, 5.0) <= 3.0 + 0.2
    assert level_at(heard, 6.0) > level_at(heard, 7.0) > level_at(heard, 7.9)
    assert player.state is PlayerState.STOPPED
    assert of_kind(events, "track_stopped")[-1]["reason"] == "faded"


def test_phase_change_fades_old_music_under_the_new(player, output, run, level_track, events):
    old, new = level_track("old", 60), level_track("new", 60)
    player.play_playlist([old], fade_in_s=0.0)
    run(player, 5)
    player.play_playlist([new], volume=1.0, fade_in_s=4.0)
    assert player.current_track == new and player.state is PlayerState.PLAYING
    run(player, 10)
    heard = output.heard()
    assert longest_quiet_s(heard, 0.1, 15) == 0.0
    assert level_at(heard, 14) == pytest.approx(LEVEL, abs=1e-3)
    stopped = of_kind(events, "track_stopped")
    assert stopped == [{"path": str(old.path), "reason": "faded"}]


# -- volume ------------------------------------------------------------------------


def test_playlist_volume_scales_what_is_heard(player, output, run, level_track):
    player.play_playlist([level_track("a", 30)], volume=0.5, fade_in_s=0.0)
    run(player, 3)
    assert level_at(output.heard(), 2.5) == pytest.approx(0.5 * LEVEL, abs=1e-3)


def test_master_volume_applies_at_once_and_is_logged(player, output, run, level_track, events):
    player.play_playlist([level_track("a", 30)], volume=0.5, fade_in_s=0.0)
    run(player, 2)
    player.set_volume(0.5)
    player.set_volume(0.5)  # no change, no second event
    run(player, 1)
    assert level_at(output.heard(), 3.0) == pytest.approx(0.25 * LEVEL, abs=1e-3)
    assert of_kind(events, "volume_changed") == [{"volume": 0.5}]
    player.set_volume(7)
    assert player.volume == 1.0


# -- silence key ---------------------------------------------------------------------


def test_silence_key_is_silent_within_two_seconds_and_resumes_where_it_stopped(
    player, output, run, level_track, events
):
    a = level_track("a", 60)
    player.play_playlist([a], fade_in_s=0.0)
    run(player, 10)
    assert player.toggle_silence() is PlayerState.SILENCED
    run(player, 2)
    position = player.position_s
    run(player, 120)  # a long quiet stretch: the track must not run on
    assert player.position_s == pytest.approx(position)
    assert player.current_track == a
    assert player.toggle_silence() is PlayerState.PLAYING
    run(player, 5)
    heard = output.heard()
    assert first_quiet_after(heard[: round(132 * 1000)], 10.0) <= SILENCE_FADE_S + 0.2 < 2.0
    assert level_at(heard, 136.5) == pytest.approx(LEVEL, abs=1e-3)
    assert player.position_s == pytest.approx(position + 5, abs=0.01)
    assert kinds(events) == ["track_started", "music_silenced", "music_resumed", "track_started"]
    assert of_kind(events, "track_started")[1] == {
        "path": str(a.path),
        "title": "A",
        "playlist": None,
        "position_s": pytest.approx(position, abs=1e-3),
    }


def test_new_playlist_while_silenced_waits_for_resume(player, output, run, level_track, events):
    old, new = level_track("old", 60), level_track("new", 60)
    player.play_playlist([old], fade_in_s=0.0)
    run(player, 3)
    player.toggle_silence()
    run(player, 2)
    player.play_playlist([new], fade_in_s=4.0)
    run(player, 10)
    assert np.max(np.abs(output.heard()[5000:])) < QUIET
    assert player.state is PlayerState.SILENCED and player.current_track == new
    player.toggle_silence()
    run(player, 4)
    assert level_at(output.heard(), 19.0) == pytest.approx(LEVEL, abs=1e-3)
    assert of_kind(events, "track_started")[-1]["path"] == str(new.path)


def test_silence_key_pressed_twice_quickly_just_dips(player, output, run, level_track):
    player.play_playlist([level_track("a", 60)], fade_in_s=0.0)
    run(player, 2)
    player.toggle_silence()
    run(player, 0.6)
    player.toggle_silence()
    run(player, 4)
    heard = output.heard()
    assert 0.0 < level_at(heard, 2.6) < LEVEL
    assert level_at(heard, 6.5) == pytest.approx(LEVEL, abs=1e-3)


# -- moving through a playlist -------------------------------------------------------------


def test_next_and_previous_crossfade_briefly_and_log_skips(player, output, run, level_track, events):
    a, b = level_track("a", 60), level_track("b", 60)
    player.play_playlist([a, b], fade_in_s=0.0)
    run(player, 3)
    player.next()
    assert player.current_track == b
    run(player, 3)
    player.previous()
    assert player.current_track == a
    run(player, 3)
    assert longest_quiet_s(output.heard(), 0.1, 9) == 0.0
    assert of_kind(events, "track_stopped") == [
        {"path": str(a.path), "reason": "skipped"},
        {"path": str(b.path), "reason": "skipped"},
    ]


def test_loop_starts_again_from_the_first_track(player, run, level_track, events):
    a, b = level_track("a", 6), level_track("b", 6)
    player.play_playlist([a, b], fade_in_s=0.0, when_done="loop")
    run(player, 11)  # a 0-6 s, b 4-10 s, a again from 8 s (2 s crossfades)
    started = [d["path"] for d in of_kind(events, "track_started")]
    assert started == [str(a.path), str(b.path), str(a.path)]


def test_when_done_callable_runs_as_the_last_track_begins_to_close(player, output, run, level_track, events):
    a, more = level_track("a", 10), level_track("more", 30)
    calls = []

    def done() -> None:
        calls.append(player.position_s)
        player.play_playlist([more], fade_in_s=2.0)

    player.play_playlist([a], fade_in_s=0.0, when_done=done)
    run(player, 20)
    assert len(calls) == 1 and calls[0] == pytest.approx(8.0, abs=0.21)
    assert player.current_track == more
    assert longest_quiet_s(output.heard(), 0.1, 20) == 0.0


def test_stop_is_immediate_and_logged(player, output, run, level_track, events):
    player.play_playlist([level_track("a", 60)], fade_in_s=0.0)
    run(player, 2)
    player.stop()
    run(player, 1)
    assert level_at(output.heard(), 3.0) == 0.0
    assert of_kind(events, "track_stopped")[0]["reason"] == "stopped"
    assert player.state is PlayerState.STOPPED and player.current_track is None


def test_events_are_valid_session_log_events(player, output, run, level_track, events, tmp_path):
    tracks = [level_track("a", 5), Track.from_path(tmp_path / "gone.ogg")]
    player.play_playlist(tracks, when_done="stop", name="journey")
    player.set_volume(0.8)
    player.toggle_silence()
    player.toggle_silence()
    run(player, 10)
    output.broken = True
    player.tick()
    expected = {"track_started", "track_failed", "track_stopped", "volume_changed"}
    expected |= {"music_silenced", "music_resumed", "output_lost"}
    assert set(kinds(events)) == expected
    assert of_kind(events, "track_started")[0]["playlist"] == "journey"
    for event in events:
        assert isinstance(event.kind, str)
        json.dumps(dict(event.data), allow_nan=False)
        validate_event_data(event.kind, event.data)


# -- memory --------------------------------------------------------------------------------


def test_decoded_audio_stays_small_however_long_the_track(player, run, level_track):
    player.play_playlist([level_track("long", 600)], fade_in_s=0.0)
    run(player, 300, step=0.25)
    one_second = 1000 * 2 * 2
    assert 0 < player.peak_decoded_bytes <= 2 * one_second


def test_state_queries_when_idle(player: StreamingPlayer):
    assert player.state is PlayerState.STOPPED
    assert player.current_track is None and player.position_s == 0.0
    assert player.problem is None and player.playlist == ()
    player.tick()
    player.next()
    player.previous()
    assert player.toggle_silence() is PlayerState.SILENCED
    assert player.toggle_silence() is PlayerState.STOPPED


def test_frantic_skipping_never_needs_more_channels_than_there_are(player, output, run, level_track, events):
    tracks = [level_track(name, 30) for name in "abcdef"]
    player.play_playlist(tracks, fade_in_s=0.0)
    for _ in range(9):
        player.next()
        run(player, 0.2)
    run(player, 3)
    assert player.current_track == tracks[9 % 6]
    assert sum(channel.get_busy() for channel in output.channels) == 1  # the rest faded or were cut
    reasons = [d["reason"] for d in of_kind(events, "track_stopped")]
    assert reasons == ["skipped"] * 9


def test_a_skipped_track_keeps_its_shorter_fade_and_reason(player, run, level_track, events):
    a, b, c = level_track("a", 60), level_track("b", 60), level_track("c", 60)
    player.play_playlist([a, b], fade_in_s=0.0)
    run(player, 2)
    player.next()  # a fades over 1.5 s, skipped
    player.play_playlist([c])  # a phase change would fade it over 4 s
    run(player, 1.6)
    assert of_kind(events, "track_stopped")[0] == {"path": str(a.path), "reason": "skipped"}


def test_both_players_offer_the_whole_player_interface(player):
    from kapdesk.audio.player import Player
    from kapdesk.audio.silent import SilentPlayer

    members = {name for name in vars(Player) if not name.startswith("_")}
    assert members >= {"play_playlist", "toggle_silence", "tick", "state", "current_track"}
    for implementation in (player, SilentPlayer()):
        missing = {name for name in members if not hasattr(implementation, name)}
        assert not missing, f"{type(implementation).__name__} lacks {missing}"
