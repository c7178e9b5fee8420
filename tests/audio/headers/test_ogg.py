"""Ogg: pages, the length from the last page, tags from the comment packet,
and the end-of-stream mark the completeness check relies on."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile

from kapdesk.audio.completeness import ogg_is_cut
from kapdesk.audio.headers import HeaderError, TrackHeader, read_header
from kapdesk.audio.headers.ogg_pages import page_crc
from tests.helpers.audio_files import truncate_copy, write_tone
from tests.helpers.tagged_files import (ogg_crc, ogg_flac_packets, ogg_stream, opus_packets,
                                        vorbis_packets, write_ogg)

COMMENTS = [("TITLE", "Deep Current"), ("Artist", "KAPDesk"), ("album", "Arc")]


def test_a_vorbis_file_from_libsndfile(tmp_path):
    path = write_tone(tmp_path / "tone.ogg", 2.0, title="Onset", artist="KAPDesk", album="Arc")
    assert read_header(path) == TrackHeader(2.0, "Onset", "KAPDesk", "Arc")
    assert not ogg_is_cut(path)


def test_an_opus_file_from_libsndfile_counts_without_its_pre_skip(tmp_path):
    path = tmp_path / "voice.opus.ogg"
    with soundfile.SoundFile(path, "w", 48000, 2, format="OGG", subtype="OPUS") as file:
        file.title = "Opus"
        file.write(np.full((96000, 2), 0.1, dtype=np.float32))
    assert read_header(path) == TrackHeader(2.0, "Opus")


def test_vorbis_comment_keys_are_case_insensitive(tmp_path):
    path = write_ogg(tmp_path / "v.ogg", ogg_stream(vorbis_packets(44100, COMMENTS, 441000)))
    assert read_header(path) == TrackHeader(10.0, "Deep Current", "KAPDesk", "Arc")


def test_opus_built_by_hand(tmp_path):
    path = write_ogg(tmp_path / "o.ogg", ogg_stream(opus_packets(COMMENTS, 48000 * 3)))
    assert read_header(path) == TrackHeader(3.0, "Deep Current", "KAPDesk", "Arc")


def test_flac_in_ogg(tmp_path):
    path = write_ogg(tmp_path / "f.oga", ogg_stream(ogg_flac_packets(96000, 96000 * 4, COMMENTS)))
    assert read_header(path) == TrackHeader(4.0, "Deep Current", "KAPDesk", "Arc")


def test_a_comment_packet_spanning_pages_with_a_picture_after_the_tags(tmp_path):
    comments = [*COMMENTS, ("METADATA_BLOCK_PICTURE", "A" * 600_000)]
    pages = ogg_stream(vorbis_packets(44100, comments, 44100), max_page_body=4000)
    assert len(pages) > 100
    assert read_header(write_ogg(tmp_path / "art.ogg", pages)).title == "Deep Current"


def test_the_first_value_of_a_repeated_key_is_kept(tmp_path):
    comments = [("ARTIST", "First"), ("ARTIST", "Second"), ("TITLE", "")]
    path = write_ogg(tmp_path / "v.ogg", ogg_stream(vorbis_packets(44100, comments, 44100)))
    assert read_header(path) == TrackHeader(1.0, None, "First", None)


def test_the_first_stream_is_read_when_a_second_follows(tmp_path):
    first = ogg_stream(vorbis_packets(44100, [("TITLE", "One")], 44100 * 5), serial=1)
    second = ogg_stream(vorbis_packets(44100, [("TITLE", "Two")], 44100 * 9), serial=2)
    path = write_ogg(tmp_path / "chained.ogg", first, second)
    assert read_header(path) == TrackHeader(5.0, "One")
    assert not ogg_is_cut(path)


def test_a_stream_without_its_end_of_stream_page_is_cut(tmp_path):
    path = write_ogg(tmp_path / "v.ogg", ogg_stream(vorbis_packets(44100, COMMENTS, 44100), eos=False))
    assert ogg_is_cut(path)


@pytest.mark.parametrize("keep", [0.2, 0.5, 0.9, 0.999])
def test_a_download_cut_anywhere_is_seen_as_cut(tmp_path, keep):
    whole = write_tone(tmp_path / "whole.ogg", 10.0)
    assert ogg_is_cut(truncate_copy(whole, tmp_path / "cut.ogg", keep))


def test_ogg_s_inside_sound_is_not_taken_for_a_page(tmp_path):
    """The capture pattern inside the last packet's bytes must not pass for
    the last page: its checksum does not hold."""
    packets = vorbis_packets(44100, COMMENTS, 44100)
    fake = b"OggS\0\x04" + b"\xff" * 8 + b"\0" * 13
    packets[-1] = (b"\0" * 100 + fake + b"\0" * 100, 44100)
    path = write_ogg(tmp_path / "v.ogg", ogg_stream(packets, eos=False))
    assert ogg_is_cut(path)
    assert read_header(path).duration_s == 1.0


def test_bytes_after_the_last_page_are_ignored(tmp_path):
    pages = ogg_stream(vorbis_packets(44100, COMMENTS, 88200))
    path = tmp_path / "tail.ogg"
    path.write_bytes(b"".join(pages) + b"TAG" + b"\0" * 125)  # an ID3v1 tag some taggers add
    assert read_header(path).duration_s == 2.0
    assert not ogg_is_cut(path)


def test_the_crc_matches_an_independent_one():
    data = bytes(range(256)) * 10
    assert page_crc(data) == ogg_crc(data)
    assert page_crc(b"") == 0


@pytest.mark.parametrize("data", [
    b"", b"OggS", b"OggS" + b"\0" * 40, b"OggS\x01" + b"\0" * 40, bytes(range(256)) * 4,
])
def test_what_is_not_ogg_raises(tmp_path, data):
    path = tmp_path / "bad.ogg"
    path.write_bytes(data)
    with pytest.raises(HeaderError):
        read_header(path)


@pytest.mark.parametrize("data", [b"", b"OggS", b"OggS\x01" + b"\0" * 40, bytes(range(256)) * 4])
def test_the_completeness_check_raises_for_what_is_not_ogg(tmp_path, data):
    path = tmp_path / "bad.ogg"
    path.write_bytes(data)
    with pytest.raises(HeaderError):
        ogg_is_cut(path)


def test_an_empty_page_with_no_end_of_stream_mark_is_cut(tmp_path):
    path = tmp_path / "empty-page.ogg"
    path.write_bytes(b"OggS" + b"\0" * 23)
    assert ogg_is_cut(path)


def test_an_ogg_stream_of_a_codec_we_do_not_read_raises(tmp_path):
    path = write_ogg(tmp_path / "theora.ogg", ogg_stream([(b"\x80theora" + b"\0" * 40, 0), (b"x", 5)]))
    with pytest.raises(HeaderError):
        read_header(path)


def test_headers_cut_short_raise_or_read_but_never_crash(tmp_path):
    data = b"".join(ogg_stream(vorbis_packets(44100, COMMENTS, 44100)))
    for keep in range(0, len(data), 7):
        path = tmp_path / "cut.ogg"
        path.write_bytes(data[:keep])
        try:
            header = read_header(path)
        except HeaderError:
            continue
        assert header.duration_s >= 0
