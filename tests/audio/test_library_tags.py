"""What the library shows from tags and headers read by our own readers: the
titles a therapist sees, the bundled tracks, and calm words for bad files."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import soundfile

from kapdesk.audio.library import LibraryTrack, read_track, scan_folder
from tests.helpers.audio_files import write_garbage, write_tone
from tests.helpers.tagged_files import add_wav_chunk, append, id3v1, id3v2, prepend

MUSIC_DIR = Path(__file__).resolve().parents[2] / "assets" / "music"
NOT_MUSIC = "The file is damaged or is not a music file KAPDesk can read."


def test_the_bundled_tracks_read_at_their_catalogued_lengths():
    catalog = json.loads((MUSIC_DIR / "catalog.json").read_text(encoding="utf-8"))
    for entry in catalog:
        path = MUSIC_DIR / entry["file"]
        # They carry no title tag: the library names them after the file, as it always has.
        assert read_track(path) == LibraryTrack(path, path.stem, None, None, entry["duration_s"])


def test_titles_from_every_kind_of_tag_are_listed(tmp_path):
    mp3 = write_tone(tmp_path / "a.mp3", 1.0)
    prepend(mp3, id3v2({"title": "Ärzte im Wald", "artist": "Ödön"}, version=3, encoding="utf-16"))
    append(mp3, id3v1(album="Old album"))
    add_wav_chunk(write_tone(tmp_path / "b.wav", 1.0), b"id3 ", id3v2({"title": "Wave"}))
    opus = tmp_path / "c.ogg"
    with soundfile.SoundFile(opus, "w", 48000, 1, format="OGG", subtype="OPUS") as file:
        file.title, file.album = "Opus", "Voices"
        file.write(np.full(48000, 0.1, dtype=np.float32))
    result = scan_folder(tmp_path)
    assert result.problems == ()
    assert [(t.title, t.artist, t.album, t.duration_s) for t in result.tracks] == [
        ("Ärzte im Wald", "Ödön", "Old album", 1.0),
        ("Wave", None, None, 1.0),
        ("Opus", None, "Voices", 1.0),
    ]


@pytest.mark.parametrize("suffix", [".ogg", ".oga", ".mp3", ".flac", ".wav"])
def test_garbage_in_every_format_is_reported_calmly(tmp_path, suffix):
    write_garbage(tmp_path / f"broken{suffix}", size=50_000)
    [problem] = scan_folder(tmp_path).problems
    assert problem.message == NOT_MUSIC


def test_an_mp3_whose_tag_is_cut_short_is_reported_calmly(tmp_path):
    path = tmp_path / "cut.mp3"
    path.write_bytes(id3v2({"title": "Long"}, padding=5000)[:3000])
    [problem] = scan_folder(tmp_path).problems
    assert problem.message == NOT_MUSIC


def test_a_folder_named_like_a_track_is_searched_not_read(tmp_path):
    (tmp_path / "album.mp3").mkdir()
    write_tone(tmp_path / "album.mp3" / "inside.mp3", 0.5)
    result = scan_folder(tmp_path)
    assert [t.path.name for t in result.tracks] == ["inside.mp3"]
