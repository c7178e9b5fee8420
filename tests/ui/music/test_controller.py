"""The music follows the session: a real SessionRunner and store under a fake
clock drive the MusicController, whose real player streams real files onto
the fake mixer. See tests/helpers/music_rig.py."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pygame
import pytest

from kapdesk.audio.player import PlayerState
from kapdesk.audio.silent import NO_OUTPUT_MESSAGE, SilentPlayer
from kapdesk.core.phase_music import SlotMusic
from kapdesk.core.practice_settings import MUSIC_VOLUME
from kapdesk.storage.settings import SettingsStore
from kapdesk.ui.music.controller import MusicController, default_player_factory
from tests.helpers.audio_files import write_garbage, write_level
from tests.helpers.music_rig import PHASE_FADE_S, build_rig
from tests.helpers.stubs import FAKE_RATE, ExplodingPlayer, ScannedFile, fake_player_factory


@pytest.fixture(autouse=True)
def _qt(qapp) -> None:  # noqa: ANN001 - timers need a QApplication
    pass


def level_at(rig, seconds_ago: float, span: float = 0.5) -> float:  # noqa: ANN001
    """Mean level heard over `span` seconds ending `seconds_ago` before now."""
    heard = rig.output.heard()
    end = len(heard) - round(seconds_ago * FAKE_RATE)
    return float(np.mean(heard[end - round(span * FAKE_RATE):end]))


def test_the_sound_output_is_closed_while_nothing_plays_and_reopened_for_music(rig) -> None:  # noqa: ANN001
    # The check-in has no music: the output opened at attach (to tell early of a
    # missing device) is closed again, so no audio thread mixes silence for an hour.
    assert len(rig.spies) == 1 and rig.spy.inner.state is PlayerState.STOPPED
    assert rig.music._player is None
    rig.run_to_phase(1, extra_s=10)
    assert len(rig.spies) == 2  # a fresh output for the dissolve music
    assert level_at(rig, 0) == pytest.approx(0.3 * 0.7, abs=0.02)
    rig.session.end()
    rig.run(PHASE_FADE_S + 1)
    assert rig.music._player is None  # faded to silence, output released


def test_the_chime_opens_the_idle_output_rings_and_lets_it_go_again(rig) -> None:  # noqa: ANN001
    assert rig.music._player is None  # check-in: no music, output closed
    rig.music.chime()
    assert len(rig.outputs) == 2 and not rig.output.closed  # opened for the chime
    assert rig.music.tick_timer.isActive()  # so that it can be let go afterwards
    rig.run(1.0)
    assert not rig.output.closed and rig.music._player is not None  # still ringing
    rig.run(1.4)
    assert rig.output.closed and rig.music._player is None
    assert not rig.music.tick_timer.isActive()
    heard = rig.output.heard()
    assert 0.05 < np.abs(heard).max() <= 0.11  # it was heard, softly
    assert rig.stored("track_started") == []  # a chime is not music: nothing in the log


def test_the_chime_rings_over_the_music_and_not_under_the_silence_key(rig) -> None:  # noqa: ANN001
    rig.run_to_phase(2, extra_s=5)
    music_output = rig.output
    rig.music.chime()
    assert rig.output is music_output and len(music_output.cue_channels) == 1
    rig.music.toggle_silence()
    rig.run(2.0)
    rig.music.chime()
    assert not any(channel.get_busy() for channel in music_output.cue_channels)
    rig.run(3.0)
    assert level_at(rig, 0, span=0.5) == 0.0  # silence means silence


def test_music_follows_the_phases_of_the_script(rig) -> None:  # noqa: ANN001
    assert rig.spy.calls == []  # the check-in has no music
    assert rig.music.state is PlayerState.STOPPED
    assert not rig.music.tick_timer.isActive()  # idle: no ticking at all

    rig.run_to_phase(1)
    name, call = rig.spy.calls[-1]
    assert name == "play_playlist"
    assert call["titles"] == ["Settle"] and call["name"] == "Dissolve"
    assert call["volume"] == pytest.approx(0.7) and call["fade_in_s"] == PHASE_FADE_S
    assert call["when_done"] == "loop"
    assert rig.music.tick_timer.isActive() and rig.music.tick_timer.interval() == 200

    rig.run_to_phase(2)
    name, call = rig.spy.calls[-1]
    assert (name, call["titles"], call["volume"]) == ("play_playlist", ["Deep", "Wide"],
                                                      pytest.approx(0.8))
    rig.run_to_phase(3)  # the same slot: the journey music simply goes on
    assert len(rig.spy.calls) == 2
    rig.run_to_phase(4)
    name, call = rig.spy.calls[-1]
    assert (call["name"], call["volume"]) == ("Return", pytest.approx(0.5))
    rig.run_to_phase(5)  # discharge: no slot, so silence
    assert rig.spy.calls[-1] == ("fade_out", {"seconds": PHASE_FADE_S})
    rig.run(PHASE_FADE_S + 1)
    assert rig.music.state is PlayerState.STOPPED
    assert not rig.music.tick_timer.isActive()
    assert rig.music.now_playing == ""


def test_what_played_when_is_in_the_session_log(rig) -> None:  # noqa: ANN001
    rig.run_to_phase(2, extra_s=25)  # Deep (20 s) hands over to Wide in the journey
    rig.run_to_phase(4)
    started = rig.stored("track_started")
    heard = [(e.data["title"], e.data["playlist"]) for e in started]
    # Settle (20 s) starts again in the 30 s dissolve; Deep hands over to Wide.
    assert heard == [("Settle", "Dissolve"), ("Settle", "Dissolve"), ("Deep", "Journey"),
                     ("Wide", "Journey"), ("Deep", "Journey"), ("Wide", "Journey"),
                     ("Home", "Return")]
    phase_starts = {span.phase_index: span.start_at
                    for span in rig.session.state().phase_spans}
    firsts = {playlist: next(e.at for e in started if e.data["playlist"] == playlist)
              for playlist in ("Dissolve", "Journey", "Return")}
    assert firsts["Dissolve"] == pytest.approx(phase_starts[1], abs=1.0)
    assert firsts["Journey"] == pytest.approx(phase_starts[2], abs=1.0)
    assert firsts["Return"] == pytest.approx(phase_starts[4], abs=1.0)
    stopped = rig.stored("track_stopped")
    assert ("faded" in {e.data["reason"] for e in stopped})
    assert all(e.data["path"] for e in stopped)


def test_a_phase_change_fades_the_old_music_out_and_the_new_in(rig) -> None:  # noqa: ANN001
    rig.run_to_phase(1, extra_s=10)
    assert level_at(rig, 0) == pytest.approx(0.3 * 0.7, abs=0.02)  # Settle at the slot volume
    rig.run_to_phase(2, extra_s=PHASE_FADE_S / 2)
    middle = level_at(rig, 0, span=0.2)
    rig.run(PHASE_FADE_S)
    assert level_at(rig, 0) == pytest.approx(0.4 * 0.8, abs=0.02)  # Deep, fully in
    assert 0.05 < middle < 0.5  # both sounding softly, no cut, no jump


def test_session_end_fades_to_silence_and_the_fade_is_recorded(rig) -> None:  # noqa: ANN001
    rig.run_to_phase(2)
    rig.session.end()
    assert rig.spy.calls[-1] == ("fade_out", {"seconds": PHASE_FADE_S})
    rig.run(PHASE_FADE_S + 1)
    assert level_at(rig, 0) == 0.0
    assert rig.music.state is PlayerState.STOPPED
    last = rig.stored()[-1]
    assert last.kind.value == "track_stopped" and last.data["reason"] == "faded"
    assert last.at > rig.session.state().ended_at


def test_music_events_reach_the_room_log_through_the_session_controller(rig) -> None:  # noqa: ANN001
    seen = []
    rig.session.event_committed.connect(lambda event: seen.append(event.kind.value))
    rig.run_to_phase(1)
    assert "track_started" in seen


def test_the_silence_key_is_silent_within_two_seconds_and_comes_back(rig) -> None:  # noqa: ANN001
    rig.run_to_phase(2, extra_s=5)
    rig.music.toggle_silence()
    assert rig.music.state is PlayerState.SILENCED
    rig.run(2.0)
    assert level_at(rig, 0, span=0.2) == 0.0
    rig.run(2.0)
    assert not rig.music.tick_timer.isActive()  # held: nothing to do until it comes back
    rig.music.toggle_silence()
    assert rig.music.tick_timer.isActive()
    rig.run(4.0)
    assert level_at(rig, 0) == pytest.approx(0.4 * 0.8, abs=0.02)
    kinds = [e.kind.value for e in rig.stored("music_silenced", "music_resumed")]
    assert kinds == ["music_silenced", "music_resumed"]


def test_a_phase_change_while_silenced_waits_for_the_key(rig) -> None:  # noqa: ANN001
    rig.run_to_phase(1, extra_s=3)
    rig.music.toggle_silence()
    rig.run_to_phase(2, extra_s=3)
    assert level_at(rig, 0) == 0.0
    rig.music.toggle_silence()
    rig.run(4)
    assert level_at(rig, 0) == pytest.approx(0.4 * 0.8, abs=0.02)


def test_broken_and_missing_files_are_skipped_with_a_note_and_the_next_plays(
        rig, tmp_path: Path) -> None:  # noqa: ANN001
    good = write_level(tmp_path / "good.wav", 20, 0.5, rate=FAKE_RATE)
    bad = write_garbage(tmp_path / "broken.ogg")
    store = rig.store
    store.save_scan(store.add_folder(tmp_path), [ScannedFile(bad, "Broken"),
                                                 ScannedFile(tmp_path / "gone.wav", "Gone"),
                                                 ScannedFile(good, "Good")])
    ids = {t.title: t.id for t in store.tracks()}
    playlist_id = store.create_playlist("Mixed")
    store.set_items(playlist_id, [ids["Broken"], ids["Gone"], ids["Good"]])
    store.set_slot(replace(store.slots()["dissolve"], playlist_id=playlist_id))
    notes: list[str] = []
    rig.music.note.connect(notes.append)
    rig.run_to_phase(1, extra_s=PHASE_FADE_S)
    assert rig.music.now_playing == "Good"
    assert level_at(rig, 0) == pytest.approx(0.5 * 0.7, abs=0.02)
    assert any("broken.ogg" in note for note in notes)
    assert any("gone.wav" in note and "missing" in note for note in notes)
    failed = rig.stored("track_failed")
    assert [Path(e.data["path"]).name for e in failed] == ["broken.ogg", "gone.wav"]
    assert rig.stored("track_started")[-1].data["title"] == "Good"


def test_a_playlist_shorter_than_its_phase_starts_again(rig) -> None:  # noqa: ANN001
    rig.run_to_phase(1, extra_s=25)  # Settle is 20 s; the dissolve phase 30 s
    assert [e.data["title"] for e in rig.stored("track_started")] == ["Settle", "Settle"]


def test_or_goes_on_to_the_next_playlist(rig) -> None:  # noqa: ANN001
    store = rig.store
    store.set_slot(replace(store.slots()["dissolve"], when_done="next"))
    rig.run_to_phase(1, extra_s=25)
    titles = [(e.data["title"], e.data["playlist"]) for e in rig.stored("track_started")]
    assert titles == [("Settle", "Dissolve"), ("Deep", "Journey")]


def test_a_slot_without_a_playlist_is_silence(rig) -> None:  # noqa: ANN001
    store = rig.store
    store.set_slot(SlotMusic("journey", None, 0.8))
    rig.run_to_phase(1, extra_s=5)
    rig.run_to_phase(2, extra_s=PHASE_FADE_S + 1)
    assert rig.spy.calls[-1][0] == "fade_out"
    assert rig.music.state is PlayerState.STOPPED


def test_volume_is_set_and_recorded(rig) -> None:  # noqa: ANN001
    rig.run_to_phase(1, extra_s=PHASE_FADE_S + 1)
    rig.music.set_volume(0.5)
    rig.run(1)
    assert level_at(rig, 0) == pytest.approx(0.3 * 0.7 * 0.5, abs=0.02)
    assert [e.data["volume"] for e in rig.stored("volume_changed")] == [0.5]


def test_the_volume_can_be_set_while_nothing_plays_and_is_logged_once(rig) -> None:  # noqa: ANN001
    rig.music.set_volume(0.5)  # in the check-in, which has no music
    assert rig.music._player is None and rig.music.volume == 0.5
    rig.run_to_phase(1, extra_s=PHASE_FADE_S + 1)
    assert level_at(rig, 0) == pytest.approx(0.3 * 0.7 * 0.5, abs=0.02)
    rig.run_to_phase(5, extra_s=PHASE_FADE_S + 1)  # the discharge has no music: output closed
    assert rig.music._player is None
    rig.music.chime()  # opened again, at the same level
    assert rig.spy.inner.volume == 0.5
    assert [e.data["volume"] for e in rig.stored("volume_changed")] == [0.5]


def test_a_damaged_kept_volume_plays_at_full_volume(practice, clock, bundled) -> None:  # noqa: ANN001
    SettingsStore(practice).set(MUSIC_VOLUME, "loud")
    rig = build_rig(practice, clock, bundled)
    assert rig.music.volume == 1.0
    rig.music.close()


def test_a_volume_that_cannot_be_kept_still_changes_the_music(rig, monkeypatch, caplog) -> None:  # noqa: ANN001
    def full_disk(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise OSError("disk full")

    rig.run_to_phase(1, extra_s=PHASE_FADE_S + 1)
    monkeypatch.setattr(SettingsStore, "set_many", full_disk)
    rig.music.set_volume(0.5)
    rig.run(1)
    assert level_at(rig, 0) == pytest.approx(0.3 * 0.7 * 0.5, abs=0.02)
    assert "Keeping the music volume" in caplog.text


def test_no_sound_output_gives_a_calm_problem_and_the_session_goes_on(
        practice, clock, bundled, monkeypatch) -> None:  # noqa: ANN001
    def no_device(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise pygame.error("No available audio device")

    monkeypatch.setattr(pygame.mixer, "init", no_device)
    rig = build_rig(practice, clock, bundled, player_factory=default_player_factory(clock))
    assert isinstance(rig.music.player, SilentPlayer)
    assert rig.music.problem == NO_OUTPUT_MESSAGE
    rig.run_to_phase(2)
    assert rig.session.add_note("resting, eyes closed") is not None
    assert rig.session.state().phase_index == 2
    assert rig.stored("track_started") == []  # nothing claimed that nobody heard
    assert not rig.music.tick_timer.isActive()


def test_a_player_that_raises_never_reaches_the_session(practice, clock, bundled,  # noqa: ANN001
                                                         caplog) -> None:
    rig = build_rig(practice, clock, bundled, player_factory=lambda *a: (ExplodingPlayer(None), None))
    rig.run_to_phase(2)
    assert rig.session.add_note("all calm") is not None
    assert rig.session.state().phase_index == 2
    assert "driver fault" in caplog.text


def test_a_factory_that_raises_gives_the_silent_player(practice, clock, bundled) -> None:  # noqa: ANN001
    def broken(*args):  # noqa: ANN002, ANN202
        raise OSError("libSDL missing")

    music = MusicController(clock, None, player_factory=broken)  # type: ignore[arg-type]
    assert isinstance(music.player, SilentPlayer)
    assert music.problem == NO_OUTPUT_MESSAGE


def test_a_failed_log_write_does_not_stop_the_music(rig, monkeypatch, caplog) -> None:  # noqa: ANN001
    def full_disk(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise OSError("disk full")

    monkeypatch.setattr(rig.session.runner, "record_music", full_disk)
    rig.run_to_phase(1, extra_s=PHASE_FADE_S)
    assert rig.music.now_playing == "Settle"
    assert "disk full" in caplog.text


def test_a_resumed_session_starts_the_music_of_its_phase(practice, clock, bundled) -> None:  # noqa: ANN001
    first = build_rig(practice, clock, bundled)
    first.run_to_phase(2, extra_s=5)
    first.music.close()
    from kapdesk.core.runner import SessionRunner
    from kapdesk.ui.session.controller import SessionController

    events = first.sessions.events(first.session_id)
    runner = SessionRunner(first.session.runner.script, clock,
                           first.sessions.sink(first.session_id), events=events)
    again = SessionController(runner, clock, lambda: None)
    spies: list = []

    music = MusicController(clock, first.store, lambda: (2.0, 4.0),
                            fake_player_factory(spies, clock, []))
    music.attach(again)
    again.begin()
    assert spies[-1].calls[-1][1]["name"] == "Journey"
    music.close()


def test_a_closed_session_lets_its_last_fade_finish_into_its_log(rig) -> None:  # noqa: ANN001
    rig.run_to_phase(1, extra_s=5)
    rig.session.end()
    rig.music.detach()  # the view goes away at once
    rig.run(PHASE_FADE_S + 1)
    assert rig.stored()[-1].kind.value == "track_stopped"
    assert rig.music.state is PlayerState.STOPPED


def test_music_follows_the_phases_while_the_session_screen_is_hidden(rig) -> None:  # noqa: ANN001
    """No session ticks at all (a minimised window): the phase watch still wakes."""
    rig.run_to_phase(1)
    watch = rig.music.phase_timer
    assert watch.isActive() and watch.isSingleShot()
    remaining = rig.session.state().phase_remaining_s
    # Armed when the phase began, a second ago (run_to_phase runs on 1 s past it).
    assert watch.interval() == pytest.approx((remaining + 1) * 1000 + 50, abs=60)
    for _ in range(int(remaining) + 2):  # time passes; the session screen never ticks
        rig.clock.advance(1)
        rig.music.tick()
    watch.timeout.emit()
    assert rig.spy.calls[-1][1]["name"] == "Journey"
    assert watch.isActive()  # armed for the end of the journey


def test_the_phase_watch_waits_out_a_pause(rig) -> None:  # noqa: ANN001
    rig.run_to_phase(1)
    rig.session.toggle_pause()
    rig.clock.advance(60)
    rig.music.phase_timer.timeout.emit()
    assert rig.music.phase_timer.interval() == 30_000
    assert rig.spy.calls[-1][1]["name"] == "Dissolve"


def test_a_track_that_ends_before_its_library_length_is_logged_damaged(rig, tmp_path) -> None:  # noqa: ANN001
    # The library read 20 s (as the scan stored it); the file now holds 3 s.
    short = write_level(tmp_path / "cut.wav", 3, 0.5, rate=FAKE_RATE)
    good = write_level(tmp_path / "good.wav", 20, 0.5, rate=FAKE_RATE)
    store = rig.store
    store.save_scan(store.add_folder(tmp_path), [ScannedFile(short, "Cut"), ScannedFile(good, "Good")])
    ids = {t.title: t.id for t in store.tracks()}
    playlist_id = store.create_playlist("Evening")
    store.set_items(playlist_id, [ids["Cut"], ids["Good"]])
    store.set_slot(replace(store.slots()["dissolve"], playlist_id=playlist_id))
    notes: list[str] = []
    rig.music.note.connect(notes.append)
    rig.run_to_phase(1, extra_s=8)
    failed = rig.stored("track_failed")
    assert [(Path(e.data["path"]).name, e.data["message"]) for e in failed] == [
        ("cut.wav", "The file is damaged: it stops after 3 s of its 20 s; it may be an "
                    "incomplete download.")]
    stopped = [e.data for e in rig.stored("track_stopped") if e.data["path"] == str(short)]
    assert [d["reason"] for d in stopped] == ["damaged"]  # never "finished"
    assert notes[-1].startswith("“cut.wav” stopped early: The file is damaged")
    assert rig.music.now_playing == "Good"
