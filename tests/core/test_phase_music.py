"""The music's rules for a session's phases, without a player or Qt: which
playlist a phase gets and how loud, when the music keeps going, when it falls
silent, when to look at the session again, and the silence a resume restores.
The phase watch is checked on a real SessionRunner under a FakeClock."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
from kapdesk.core.phase_music import (LONGEST_WAIT_S, Play, SlotMusic, WatchStep, keeps_playing,
                                      music_after, music_for_slot, phase_watch, phase_watch_step,
                                      play_volume, silence_toggle, tried_out)
from tests.helpers.runner import MIN, make_runner


@dataclass(frozen=True)
class Listed:
    """A playlist as the music store gives it, reduced to what the rules read."""

    id: int
    name: str
    volume: float
    tracks: tuple[str, ...] = ("a.ogg", "b.ogg")


EVENING = Listed(1, "Evening", 0.5)
MORNING = Listed(2, "Morning", 0.8)


def test_a_slot_plays_its_playlist_at_the_slot_volume_times_the_playlist_volume() -> None:
    play = music_for_slot(SlotMusic("journey", 1, 0.8), EVENING, phase_fade_s=8.0)
    assert play == Play(EVENING, 0.4, 8.0, goes_on=False, slot_volume=0.8)
    assert play.playlist is EVENING  # the very playlist given: its tracks are the caller's
    assert play_volume(0.8, 0.5) == 0.4


def test_a_slot_that_goes_on_names_it() -> None:
    play = music_for_slot(SlotMusic("journey", 1, 0.8, "next"), EVENING, 8.0)
    assert play is not None and play.goes_on


@pytest.mark.parametrize("music, playlist", [
    (None, None),  # the phase has no slot
    (SlotMusic("return", None, 0.5), None),  # the slot has no playlist
    (SlotMusic("return", 1, 0.5), Listed(1, "Emptied", 1.0, tracks=())),  # nothing in it
])
def test_no_slot_no_playlist_or_no_tracks_is_silence(music, playlist) -> None:  # noqa: ANN001
    assert music_for_slot(music, playlist, 8.0) is None


def test_two_phases_in_a_row_on_the_same_slot_keep_the_music_going() -> None:
    assert keeps_playing("journey", "journey", playing=True)
    assert not keeps_playing("journey", "journey", playing=False)  # it had stopped: start again
    assert not keeps_playing("journey", "return", playing=True)
    assert not keeps_playing(None, "journey", playing=True)


def test_a_playlist_that_runs_out_goes_on_to_the_next_at_the_slot_volume() -> None:
    finished = music_for_slot(SlotMusic("journey", 1, 0.8, "next"), EVENING, 8.0)
    assert finished is not None
    assert music_after(finished, MORNING, crossfade_s=6.0) == Play(
        MORNING, pytest.approx(0.64), 6.0, goes_on=False, slot_volume=0.8)
    # With no other playlist it plays again from the top, and then loops.
    assert music_after(finished, None, 6.0) == Play(EVENING, 0.4, 6.0, goes_on=False,
                                                    slot_volume=0.8)


def test_a_playlist_tried_out_fades_in_quickly_and_loops() -> None:
    assert tried_out(EVENING) == Play(EVENING, 0.5, 2.0)
    assert tried_out(MORNING, volume=0.5) == Play(MORNING, 0.4, 2.0)


def test_the_phase_watch_wakes_just_after_the_planned_boundary() -> None:
    runner, clock, _sink = make_runner()  # the check-in: 10 minutes
    assert phase_watch(runner.state()) == pytest.approx(10 * MIN + 0.05)
    clock.advance(3 * MIN)
    assert phase_watch(runner.state()) == pytest.approx(7 * MIN + 0.05)
    clock.advance(7 * MIN)  # exactly at the boundary the dose phase has begun
    assert runner.state().phase_index == 1
    assert phase_watch(runner.state()) == pytest.approx(10 * MIN + 0.05)


def test_the_phase_watch_waits_out_a_pause_and_an_hour_at_most() -> None:
    runner, clock, _sink = make_runner()
    runner.pause()
    clock.advance(20 * MIN)
    assert phase_watch(runner.state()) == 30.0
    runner.resume()
    runner.skip_phase()
    runner.skip_phase()  # the lying-down journey: an hour
    assert runner.state().phase_remaining_s == 60 * MIN
    assert phase_watch(runner.state()) == LONGEST_WAIT_S == 3600.0


def test_no_watch_in_the_last_phase_or_after_the_end() -> None:
    runner, _clock, _sink = make_runner()
    for _ in KAP_SUBLINGUAL.phases[1:]:
        runner.skip_phase()
    assert runner.state().is_last_phase and phase_watch(runner.state()) is None
    runner.end()
    assert phase_watch(runner.state()) is None


def test_what_the_phase_watch_does_when_it_wakes() -> None:
    runner, clock, _sink = make_runner()
    assert phase_watch_step(runner.state(), phase_followed=0) is WatchStep.WAIT
    clock.advance(10 * MIN)
    assert phase_watch_step(runner.state(), phase_followed=0) is WatchStep.FOLLOW
    runner.end()
    assert phase_watch_step(runner.state(), phase_followed=1) is WatchStep.END


@pytest.mark.parametrize("in_log, player, toggle", [
    (True, False, "music_silenced"),  # silenced before a crash: silent after Resume
    (False, True, "music_resumed"),  # a new session starts with the music on
    (True, True, None),
    (False, False, None),
])
def test_a_session_opens_with_the_silence_its_log_has(in_log: bool, player: bool,
                                                      toggle: str | None) -> None:
    assert silence_toggle(in_log, player) == toggle


def test_a_resumed_log_says_whether_the_music_was_silenced() -> None:
    runner, _clock, _sink = make_runner()
    runner.record_music("music_silenced", {})
    assert silence_toggle(runner.state().music_silenced, False) == "music_silenced"


@pytest.mark.parametrize("value, read", [
    ({"playlist_id": 3, "volume": 0.6, "when_done": "next"}, SlotMusic("journey", 3, 0.6, "next")),
    ({"playlist_id": True, "volume": 1.7, "when_done": "shuffle"}, SlotMusic("journey", None, 1.0)),
    ({"volume": "loud"}, SlotMusic("journey", None, 0.8)),
    ("damaged", SlotMusic("journey", None, 0.8)),
])
def test_a_stored_slot_is_read_forgivingly(value: object, read: SlotMusic) -> None:
    assert SlotMusic.from_value("journey", value) == read
