"""Bad files and a lost sound output never stop the session (fake mixer, fake time)."""

from __future__ import annotations

from pathlib import Path

import pytest
import soundfile

from kapdesk.audio import decoder
from kapdesk.audio.player import PlayerState, Track
from kapdesk.audio.streaming_player import OUTPUT_LOST_MESSAGE
from tests.helpers.audio_files import truncate_copy, write_empty, write_garbage, write_level, write_tone


def of_kind(events, kind: str) -> list[dict]:
    return [dict(e.data) for e in events if e.kind == kind]


@pytest.fixture
def bad_files(tmp_path: Path) -> dict[str, tuple[Track, str]]:
    """name -> (track, the message its failure must carry)."""
    good = write_level(tmp_path / "good.flac", 5.0)
    made = {
        "missing": (tmp_path / "missing.ogg", decoder.MISSING),
        "empty": (write_empty(tmp_path / "empty.wav"), decoder.EMPTY),
        "corrupt": (write_garbage(tmp_path / "corrupt.flac"), decoder.DAMAGED),
        "truncated": (truncate_copy(good, tmp_path / "truncated.flac", 0.02), decoder.DAMAGED),
        "not music": (write_garbage(tmp_path / "notes.txt"), decoder.UNKNOWN_FORMAT),
        "folder": (tmp_path, decoder.FOLDER),
    }
    return {name: (Track.from_path(path), message) for name, (path, message) in made.items()}


@pytest.mark.parametrize("name", ["missing", "empty", "corrupt", "truncated", "not music", "folder"])
def test_a_bad_file_is_skipped_with_a_plain_message_and_the_next_plays(
    name, bad_files, player, run, level_track, events
):
    bad, message = bad_files[name]
    good = level_track("good", 10)
    player.play_playlist([bad, good], fade_in_s=0.0)
    run(player, 2)
    assert of_kind(events, "track_failed")[0]["message"] == message
    assert of_kind(events, "track_failed")[0]["path"] == str(bad.path)
    assert [d["path"] for d in of_kind(events, "track_started")] == [str(good.path)]
    assert player.current_track == good and player.state is PlayerState.PLAYING


def test_a_bad_file_mid_playlist_is_crossed_over(player, output, run, level_track, bad_files, events):
    a, b = level_track("a", 6), level_track("b", 6)
    player.play_playlist([a, bad_files["corrupt"][0], b], fade_in_s=0.0, when_done="stop")
    run(player, 14)
    started = [d["path"] for d in of_kind(events, "track_started")]
    assert started == [str(a.path), str(b.path)]
    assert len(of_kind(events, "track_failed")) == 1


@pytest.mark.parametrize("when_done", ["loop", "stop"])
def test_a_playlist_of_only_bad_files_gives_up_without_spinning(
    when_done, player, run, bad_files, events, output
):
    tracks = [track for track, _ in bad_files.values()]
    player.play_playlist(tracks, when_done=when_done)
    run(player, 60)
    player.next()
    run(player, 5)
    # once round at the start, once more for the explicit next(): no more
    assert len(of_kind(events, "track_failed")) == 2 * len(tracks)
    assert player.state is PlayerState.STOPPED and player.current_track is None
    assert output.sounds_made == 0


def test_a_file_that_ends_early_is_reported_and_the_next_follows(
    tmp_path, output, player, run, level_track, events
):
    if "MP3" not in soundfile.available_formats():
        pytest.skip("this libsndfile has no MP3")
    # An MP3's header states its length; cut the file and it ends sooner.
    whole = write_tone(tmp_path / "whole.mp3", 10.0, freq=50.0, rate=8000, channels=1)
    cut = Track.from_path(truncate_copy(whole, tmp_path / "cut.mp3", 0.5))
    after = level_track("after", 10)
    player.play_playlist([cut, after], fade_in_s=0.0, when_done="stop")
    run(player, 12)
    failed = of_kind(events, "track_failed")
    assert [f["message"] for f in failed] == [decoder.ENDED_EARLY]
    assert of_kind(events, "track_started")[-1]["path"] == str(after.path)
    assert player.current_track == after


def test_output_lost_mid_play_makes_the_player_silent_not_broken(player, output, run, level_track, events):
    player.play_playlist([level_track("a", 60)], fade_in_s=0.0)
    run(player, 3)
    output.broken = True
    run(player, 1)  # tick meets the error: must not raise
    assert of_kind(events, "output_lost") == [{"message": OUTPUT_LOST_MESSAGE, "detail": "device unplugged"}]
    assert of_kind(events, "track_stopped")[-1]["reason"] == "stopped"
    assert player.state is PlayerState.STOPPED and player.problem == OUTPUT_LOST_MESSAGE
    count = len(events)
    player.play_playlist([level_track("b", 5)])
    player.toggle_silence()
    player.set_volume(0.2)
    player.next()
    player.fade_out(1)
    run(player, 2)
    player.close()
    assert len(events) == count  # inert from now on, and nothing raised


def test_output_lost_during_a_command_is_caught_too(player, output, level_track, events):
    output.broken = True
    player.play_playlist([level_track("a", 5)])
    assert [e.kind for e in events] == ["output_lost"]


def test_close_stops_music_and_closes_the_output(player, output, run, level_track, events):
    player.play_playlist([level_track("a", 60)], fade_in_s=0.0)
    run(player, 1)
    player.close()
    assert output.closed and player.state is PlayerState.STOPPED
    assert of_kind(events, "track_stopped")[-1]["reason"] == "stopped"
