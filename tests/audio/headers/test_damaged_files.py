"""Every reader, fed damaged copies of real files: a reading or HeaderError,
never another exception (a folder scan must not stop at a broken download)."""

from __future__ import annotations

import numpy as np
import pytest

from kapdesk.audio.headers import HeaderError, read_header
from tests.helpers.audio_files import write_tone
from tests.helpers.tagged_files import add_wav_chunk, id3v2, prepend

TAGS = {"title": "T", "artist": "A", "album": "B"}


@pytest.mark.parametrize("suffix", [".ogg", ".flac", ".wav", ".mp3"])
def test_bytes_overwritten_at_either_end_raise_header_error_or_read(tmp_path, suffix):
    whole = write_tone(tmp_path / f"whole{suffix}", 0.5, **TAGS)
    if suffix == ".mp3":
        prepend(whole, id3v2(TAGS, version=3))
    if suffix == ".wav":
        add_wav_chunk(whole, b"id3 ", id3v2(TAGS))
    data = whole.read_bytes()
    rng = np.random.default_rng(11)
    path = tmp_path / f"damaged{suffix}"
    for _ in range(300):
        damaged = bytearray(data)
        for at in rng.integers(0, min(len(data), 400), size=rng.integers(1, 6)):
            damaged[at] = int(rng.integers(0, 256))  # the header and tags
            damaged[-1 - at] = int(rng.integers(0, 256))  # the last page, an ID3v1 tag
        path.write_bytes(bytes(damaged))
        try:
            header = read_header(path)
        except HeaderError:
            continue
        assert header.duration_s >= 0
