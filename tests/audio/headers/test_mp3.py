"""MP3: ID3v2 and ID3v1 tags, and the length from Xing/Info, VBRI or the bitrate."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from kapdesk.audio.headers import HeaderError, TrackHeader, read_header
from kapdesk.audio.headers.mp3_file import parse_frame_header
from tests.helpers.audio_files import truncate_copy, write_tone
from tests.helpers.tagged_files import append, id3v1, id3v2, prepend, syncsafe, text_frame_body

TAGS = {"title": "Slow Dissolve", "artist": "Ana Lísa", "album": "Arc"}

#: An MPEG-1 Layer III frame header: 128 kbit/s, 44.1 kHz, joint stereo, no padding.
CBR_HEADER = b"\xff\xfb\x90\x44"
CBR_FRAME = 417  # 144 * 128000 / 44100


def cbr_stream(frames: int) -> bytes:
    """Frames with no Xing header: a constant-bitrate file as old encoders made them."""
    return (CBR_HEADER + b"\x55" * (CBR_FRAME - 4)) * frames


@pytest.fixture
def plain_mp3(tmp_path: Path) -> Path:
    """An untagged 3 s MP3 as libsndfile writes it (LAME, with an Info header)."""
    return write_tone(tmp_path / "plain.mp3", 3.0)


def test_the_length_comes_from_the_info_header_less_the_encoder_delay(plain_mp3):
    assert read_header(plain_mp3) == TrackHeader(3.0)


@pytest.mark.parametrize("rate, channels", [(8000, 1), (22050, 2), (32000, 1), (48000, 2)])
def test_every_mpeg_version_and_channel_layout(tmp_path, rate, channels):
    path = write_tone(tmp_path / "t.mp3", 2.2, rate=rate, channels=channels, title="Tone")
    assert read_header(path) == TrackHeader(2.2, "Tone")


@pytest.mark.parametrize("version", [2, 3, 4])
@pytest.mark.parametrize("encoding", ["latin-1", "utf-16", "utf-16-be", "utf-8"])
def test_id3v2_text_frames_in_every_version_and_encoding(plain_mp3, version, encoding):
    tags = TAGS if encoding == "latin-1" else {**TAGS, "artist": "Ana Lísa 鈴木"}
    prepend(plain_mp3, id3v2(tags, version=version, encoding=encoding))
    assert read_header(plain_mp3) == TrackHeader(3.0, tags["title"], tags["artist"], "Arc")


def test_a_large_picture_before_the_text_is_stepped_over(plain_mp3):
    picture = ("APIC", b"\0image/jpeg\0\x03\0" + bytes(range(256)) * 8000)  # 2 MB
    prepend(plain_mp3, id3v2(TAGS, extra_frames=[picture]))
    assert read_header(plain_mp3).title == "Slow Dissolve"


@pytest.mark.parametrize("version", [2, 3])
def test_an_unsynchronised_tag_is_undone_first(plain_mp3, version):
    picture = ("PIC" if version == 2 else "APIC", b"\0" + b"\xff\xe0\xff\x00" * 50)
    prepend(plain_mp3, id3v2(TAGS, version=version, extra_frames=[picture], whole_tag_unsync=True))
    assert read_header(plain_mp3) == TrackHeader(3.0, *TAGS.values())


@pytest.mark.parametrize("version", [3, 4])
def test_an_extended_header_is_skipped(plain_mp3, version):
    prepend(plain_mp3, id3v2(TAGS, version=version, extended_header=True))
    assert read_header(plain_mp3).album == "Arc"


def test_version_4_frames_with_plain_integer_sizes_are_read(plain_mp3):
    big = ("TXXX", b"\x03note\0" + b"x" * 300)  # 300 > 127: syncsafe and plain differ
    prepend(plain_mp3, id3v2(TAGS, extra_frames=[big], plain_sizes=True))
    assert read_header(plain_mp3).title == "Slow Dissolve"


def test_the_first_of_several_values_is_the_title(plain_mp3):
    tag = bytearray(id3v2({}, padding=0))
    frame = text_frame_body("First", "utf-8", "Second")
    tag += b"TIT2" + syncsafe(len(frame)) + b"\0\0" + frame
    tag[6:10] = syncsafe(len(tag) - 10)
    prepend(plain_mp3, bytes(tag))
    assert read_header(plain_mp3).title == "First"


def test_id3v1_gives_what_id3v2_lacks(plain_mp3):
    prepend(plain_mp3, id3v2({"title": "From v2"}))
    append(plain_mp3, id3v1("From v1", "Artist v1", "Album v1"))
    assert read_header(plain_mp3) == TrackHeader(3.0, "From v2", "Artist v1", "Album v1")


def test_libsndfile_tags_are_read(tmp_path):
    path = write_tone(tmp_path / "tagged.mp3", 2.5, title="Horizon", artist="KAPDesk", album="Arc")
    assert read_header(path) == TrackHeader(2.5, "Horizon", "KAPDesk", "Arc")


def test_a_constant_bitrate_file_without_an_info_header(tmp_path):
    path = tmp_path / "cbr.mp3"
    path.write_bytes(id3v2(TAGS) + cbr_stream(500) + id3v1("ignored title"))
    seconds = 500 * CBR_FRAME * 8 / 128000
    assert read_header(path) == TrackHeader(pytest.approx(seconds), *TAGS.values())
    assert seconds == pytest.approx(500 * 1152 / 44100, rel=0.005)  # near what a player plays


def test_a_vbri_header_gives_the_frame_count(tmp_path):
    first = bytearray(CBR_HEADER + b"\0" * (CBR_FRAME - 4))
    first[36:40] = b"VBRI"
    struct.pack_into(">HHHII", first, 40, 1, 576, 75, 0, 1000)  # version, delay, quality, bytes, frames
    path = tmp_path / "vbri.mp3"
    path.write_bytes(bytes(first) + cbr_stream(20))
    assert read_header(path).duration_s == pytest.approx(1000 * 1152 / 44100)


def test_stray_sync_bytes_before_the_first_frame_are_not_taken_for_it(tmp_path):
    path = tmp_path / "junk.mp3"
    path.write_bytes(b"\xff\xfb\x90\x00junk" * 10 + cbr_stream(100))
    assert read_header(path).duration_s == pytest.approx(100 * CBR_FRAME * 8 / 128000, rel=0.02)


def test_frame_headers():
    header = parse_frame_header(CBR_HEADER)
    assert (header.bitrate, header.sample_rate, header.length, header.samples) == (128000, 44100, 417, 1152)
    assert parse_frame_header(b"\xff\xfb\xf0\x44") is None  # bitrate index 15 is not allowed
    assert parse_frame_header(b"\xff\xfb\x9c\x44") is None  # sample rate index 3 is reserved
    assert parse_frame_header(b"\xff\xe9\x90\x44") is None  # MPEG version 01 is reserved


def test_a_file_cut_short_still_states_its_whole_length(plain_mp3, tmp_path):
    """The header promises 3 s; the completeness check finds the rest missing."""
    cut = truncate_copy(plain_mp3, tmp_path / "cut.mp3", 0.5)
    assert read_header(cut).duration_s == 3.0


@pytest.mark.parametrize("keep", [0, 3, 10, 100, 1000])
def test_a_tag_or_file_cut_anywhere_is_an_error_or_a_reading_never_a_crash(plain_mp3, tmp_path, keep):
    prepend(plain_mp3, id3v2(TAGS, padding=0))
    cut = tmp_path / "cut.mp3"
    cut.write_bytes(plain_mp3.read_bytes()[:keep])
    with pytest.raises(HeaderError):
        read_header(cut)


@pytest.mark.parametrize("junk", [b"", b"\0" * 5000, bytes(range(256)) * 20, b"ID3\x04\0\0\x7f\x7f\x7f\x7f"])
def test_what_is_not_an_mp3_raises_header_error(tmp_path, junk):
    path = tmp_path / "not.mp3"
    path.write_bytes(junk)
    with pytest.raises(HeaderError):
        read_header(path)
