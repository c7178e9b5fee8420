"""FLAC and WAV: the stated length and the tags, from files libsndfile wrote
and from metadata written byte by byte."""

from __future__ import annotations

import struct

import pytest

from kapdesk.audio.headers import HeaderError, TrackHeader, read_header
from tests.helpers.audio_files import truncate_copy, write_overstated_wav, write_tone
from tests.helpers.tagged_files import (add_wav_chunk, flac_block, flac_stream_info, id3v2,
                                        prepend, vorbis_comments)

COMMENTS = [("TITLE", "Still Horizon"), ("ARTIST", "KAPDesk"), ("ALBUM", "Arc")]


def test_a_flac_file_from_libsndfile(tmp_path):
    path = write_tone(tmp_path / "tone.flac", 3.0, title="Deep", artist="KAPDesk")
    assert read_header(path) == TrackHeader(3.0, "Deep", "KAPDesk", None)


def flac_header(*blocks: bytes) -> bytes:
    return b"fLaC" + b"".join(blocks)


def test_flac_comments_after_a_large_picture(tmp_path):
    path = tmp_path / "art.flac"
    path.write_bytes(flac_header(
        flac_block(0, flac_stream_info(48000, 48000 * 7)),
        flac_block(6, b"\0" * 3_000_000),  # PICTURE
        flac_block(4, vorbis_comments(COMMENTS), last=True),
    ))
    assert read_header(path) == TrackHeader(7.0, "Still Horizon", "KAPDesk", "Arc")


def test_a_flac_file_behind_an_id3_tag_reads_its_own_comments(tmp_path):
    path = write_tone(tmp_path / "tone.flac", 1.5, title="Own")
    prepend(path, id3v2({"title": "From ID3"}))
    assert read_header(path) == TrackHeader(1.5, "Own")


def test_a_flac_file_of_unknown_length_states_none(tmp_path):
    path = tmp_path / "stream.flac"
    path.write_bytes(flac_header(flac_block(0, flac_stream_info(44100, 0), last=True)))
    assert read_header(path).duration_s == 0.0


@pytest.mark.parametrize("data", [
    b"fLaC",
    b"fLaC" + flac_block(4, vorbis_comments(COMMENTS), last=True),  # no STREAMINFO
    b"fLaC" + bytes([0x80, 0, 0, 10]) + b"\0" * 10,  # STREAMINFO cut short
    b"fLaC" + bytes([0x7F, 0, 0, 0]),  # an invalid block type
])
def test_damaged_flac_metadata_raises(tmp_path, data):
    path = tmp_path / "bad.flac"
    path.write_bytes(data)
    with pytest.raises(HeaderError):
        read_header(path)


def test_a_wav_file_with_libsndfile_info_tags(tmp_path):
    path = write_tone(tmp_path / "tone.wav", 1.5, title="Homecoming", artist="KAPDesk", album="Arc")
    assert read_header(path) == TrackHeader(1.5, "Homecoming", "KAPDesk", "Arc")


def test_a_wav_id3_chunk_wins_over_its_info_list(tmp_path):
    path = write_tone(tmp_path / "tone.wav", 1.0, title="Info title", album="Info album")
    add_wav_chunk(path, b"id3 ", id3v2({"title": "ID3 title"}, version=3))
    assert read_header(path) == TrackHeader(1.0, "ID3 title", None, "Info album")


def test_an_untagged_wav_has_no_tags(tmp_path):
    assert read_header(write_tone(tmp_path / "plain.wav", 0.5)) == TrackHeader(0.5)


def test_a_wav_states_the_length_its_header_promises(tmp_path):
    """The completeness check compares this with what is really there."""
    liar = write_overstated_wav(tmp_path / "liar.wav", 0.5, 60.0)
    assert read_header(liar).duration_s == 60.0


def test_an_rf64_file(tmp_path):
    rate, block, frames = 8000, 4, 8000 * 3
    ds64 = struct.pack("<QQQI", 0, frames * block, frames, 0)
    fmt = struct.pack("<HHIIHH", 1, 2, rate, rate * block, block, 16)
    data = b"\0" * (frames * block)
    body = (b"WAVE" + b"ds64" + struct.pack("<I", len(ds64)) + ds64 + b"fmt " + struct.pack("<I", 16) + fmt
            + b"data" + struct.pack("<I", 0xFFFFFFFF) + data)
    path = tmp_path / "big.wav"
    path.write_bytes(b"RF64" + struct.pack("<I", 0xFFFFFFFF) + body)
    assert read_header(path).duration_s == 3.0


@pytest.mark.parametrize("keep", [12, 20, 36, 40])
def test_a_wav_cut_inside_its_header_raises(tmp_path, keep):
    whole = write_tone(tmp_path / "whole.wav", 1.0)
    with pytest.raises(HeaderError):
        read_header(truncate_copy(whole, tmp_path / "cut.wav", keep / whole.stat().st_size))


@pytest.mark.parametrize("suffix", [".wav", ".flac"])
def test_every_cut_of_a_tagged_file_raises_or_reads_but_never_crashes(tmp_path, suffix):
    data = write_tone(tmp_path / f"whole{suffix}", 0.2, title="T", artist="A", album="B").read_bytes()
    path = tmp_path / f"cut{suffix}"
    for keep in range(0, min(len(data), 600), 3):
        path.write_bytes(data[:keep])
        try:
            header = read_header(path)
        except HeaderError:
            continue
        assert header.duration_s >= 0
