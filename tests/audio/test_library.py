"""Scanning the therapist's music folders (kapdesk.audio.library)."""

from __future__ import annotations

from pathlib import Path

import pytest
import soundfile

from kapdesk.audio.library import (
                                   LibraryTrack,
                                   UnreadableTrack,
                                   describe_fit,
                                   read_track,
                                   scan_folder,
                                   total_duration_s,
                                   )
from kapdesk.audio.player import Track
from tests.helpers.audio_files import (truncate_copy, write_empty, write_garbage,
                                       write_overstated_wav, write_tone)


@pytest.fixture
def music(tmp_path: Path) -> Path:
    """A folder as a therapist might have one: nested, mixed formats, one
    broken download, one empty file, and things that are not music."""
    root = tmp_path / "Music"
    (root / "Journey" / "Peak").mkdir(parents=True)
    (root / "Return").mkdir()
    write_tone(root / "Journey" / "onset.ogg", 2.0, title="Onset", artist="KAPDesk", album="Arc")
    write_tone(root / "Journey" / "Peak" / "deep.flac", 3.0, title="Deep", artist="KAPDesk")
    write_tone(root / "Return" / "bright.wav", 1.5)
    if "MP3" in soundfile.available_formats():
        write_tone(root / "Return" / "horizon.mp3", 2.5, title="Horizon")
    write_garbage(root / "Return" / "broken.mp3")
    write_empty(root / "Journey" / "empty.ogg")
    (root / "notes.txt").write_text("not music")
    (root / "cover.jpg").write_bytes(b"\xff\xd8\xff")
    return root


def by_name(tracks) -> dict[str, LibraryTrack]:
    return {t.path.name: t for t in tracks}


def test_scan_finds_music_recursively_with_durations_and_tags(music):
    result = scan_folder(music)
    tracks = by_name(result.tracks)
    expected = {"onset.ogg", "deep.flac", "bright.wav"}
    if "MP3" in soundfile.available_formats():
        expected.add("horizon.mp3")
        assert tracks["horizon.mp3"].title == "Horizon"
        assert tracks["horizon.mp3"].duration_s == pytest.approx(2.5, abs=0.1)
    assert set(tracks) == expected
    onset = music / "Journey" / "onset.ogg"
    assert tracks["onset.ogg"] == LibraryTrack(onset, "Onset", "KAPDesk", "Arc", 2.0)
    assert tracks["deep.flac"].title == "Deep" and tracks["deep.flac"].album is None
    assert tracks["deep.flac"].duration_s == pytest.approx(3.0)
    assert tracks["bright.wav"].title == "bright"  # no tags: named after the file
    assert not result.cancelled


def test_unreadable_files_are_reported_not_raised(music):
    problems = {p.path.name: p.message for p in scan_folder(music).problems}
    assert set(problems) == {"broken.mp3", "empty.ogg"}
    assert problems["empty.ogg"] == "The file is empty."
    assert "damaged" in problems["broken.mp3"]


def test_progress_counts_every_music_file(music):
    calls = []
    scan_folder(music, progress=lambda done, total: calls.append((done, total)))
    total = calls[0][1]
    assert total == (6 if "MP3" in soundfile.available_formats() else 5)
    assert calls == [(done, total) for done in range(total + 1)]


def test_a_scan_can_be_cancelled_between_files(music):
    seen = []
    result = scan_folder(
        music,
        progress=lambda done, total: seen.append(done),
        cancelled=lambda: len(seen) > 2,
    )
    assert result.cancelled
    assert len(result.tracks) + len(result.problems) == 2


def test_a_missing_folder_is_a_problem_not_an_error(tmp_path):
    result = scan_folder(tmp_path / "nowhere")
    assert result.tracks == () and len(result.problems) == 1
    assert result.problems[0].message == "The music folder cannot be found."


def test_read_track_gives_a_player_track(music):
    track = read_track(music / "Journey" / "onset.ogg").to_track()
    assert track == Track(music / "Journey" / "onset.ogg", "Onset", 2.0)


def test_playlist_length_against_a_phase():
    lengths = [600.0, 1080.0, 600.0, None]
    tracks = [Track(Path(f"{i}.ogg"), str(i), duration_s=s) for i, s in enumerate(lengths)]
    assert total_duration_s(tracks) == 2280.0
    assert describe_fit(total_duration_s(tracks), 60 * 60) == "38 min of music for a 60 min phase"
    assert describe_fit(20, 600) == "under 1 min of music for a 10 min phase"
    assert describe_fit(0, 600) == "0 min of music for a 10 min phase"


@pytest.mark.parametrize("suffix", [".ogg", ".flac", ".wav", ".mp3"])
def test_a_file_cut_short_is_reported_as_damaged_not_listed(tmp_path, suffix):
    folder = tmp_path / "downloads"
    folder.mkdir()
    whole = write_tone(tmp_path / f"whole{suffix}", 10.0)
    truncate_copy(whole, folder / f"cut{suffix}", 0.5)
    write_tone(folder / f"fine{suffix}", 2.0)
    result = scan_folder(folder)
    assert [t.path.name for t in result.tracks] == [f"fine{suffix}"]
    [problem] = result.problems
    assert problem.path.name == f"cut{suffix}"
    assert problem.message.startswith("The file is damaged: it stops")
    assert problem.message.endswith("it may be an incomplete download.")


def test_a_wav_whose_header_promises_a_minute_is_not_listed_as_a_minute(tmp_path):
    liar = write_overstated_wav(tmp_path / "liar.wav", 0.5, 60.0)
    with pytest.raises(UnreadableTrack) as raised:
        read_track(liar)
    assert str(raised.value) == ("The file is damaged: it stops after 0.5 s of its 60 s; "
                                 "it may be an incomplete download.")
