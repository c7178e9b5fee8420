"""A WAV file's length and tags.

RIFF (or RF64, for files over 4 GB): "RIFF", size, "WAVE", then chunks, each
an id, a 32-bit little-endian size and the body padded to an even length.
"fmt " gives the block size and sample rate; "data" the sound's size (RF64
keeps the real one in "ds64"). Tags: an "id3 " chunk (ID3v2) or a LIST/INFO
chunk (INAM title, IART artist, IPRD album), ID3 first. The length is the
one the header states: a file cut short is found by the completeness check.
"""

from __future__ import annotations

import struct
from typing import BinaryIO

from kapdesk.audio.headers import id3
from kapdesk.audio.headers.model import HeaderError, TrackHeader

INFO_KEYS = {b"INAM": "title", b"IART": "artist", b"IPRD": "album"}
#: Tag chunks are read at most this far.
TAG_LIMIT = 4 * 1024 * 1024
UNKNOWN_SIZE = 0xFFFFFFFF


def read_wav(file: BinaryIO) -> TrackHeader:
    file.seek(0)
    riff = file.read(12)
    if len(riff) < 12 or riff[:4] not in (b"RIFF", b"RF64") or riff[8:12] != b"WAVE":
        raise HeaderError("not a WAV file")
    size = file.seek(0, 2)
    offset = 12
    block_align = rate = data_size = big_data_size = None
    id3_tags: dict[str, str] = {}
    info_tags: dict[str, str] = {}
    while offset + 8 <= size:
        file.seek(offset)
        chunk_id, chunk_size = struct.unpack("<4sI", file.read(8))
        body_at = offset + 8
        if chunk_id == b"fmt ":
            fmt = file.read(16)
            if len(fmt) < 16:
                raise HeaderError("fmt chunk is cut short")
            _tag, _channels, rate, _bytes_per_s, block_align = struct.unpack_from("<HHIIH", fmt)
        elif chunk_id == b"ds64":
            ds64 = file.read(16)
            if len(ds64) == 16:
                big_data_size = struct.unpack_from("<Q", ds64, 8)[0]
        elif chunk_id == b"data":
            data_size = chunk_size
            if chunk_size == UNKNOWN_SIZE:
                data_size = big_data_size if big_data_size is not None else size - body_at
        elif chunk_id in (b"id3 ", b"ID3 "):
            id3_tags = id3.read_v2_bytes(file.read(min(chunk_size, TAG_LIMIT)))
        elif chunk_id == b"LIST" and file.read(4) == b"INFO":
            info_tags = _info(file.read(max(0, min(chunk_size, TAG_LIMIT) - 4)))
        if chunk_id == b"data" and chunk_size == UNKNOWN_SIZE:
            break  # the sound runs to the end: no chunk after it can be found
        offset = body_at + chunk_size + (chunk_size & 1)
    if not block_align or not rate or data_size is None:
        raise HeaderError("WAV without a usable fmt or data chunk")
    return TrackHeader.from_tags(data_size // block_align / rate, id3_tags, info_tags)


def _info(data: bytes) -> dict[str, str]:
    found: dict[str, str] = {}
    at = 0
    while at + 8 <= len(data):
        key, length = struct.unpack_from("<4sI", data, at)
        raw = data[at + 8:at + 8 + length].split(b"\0", 1)[0]
        if key in INFO_KEYS:
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text = raw.decode("latin-1")
            if text.strip():
                found.setdefault(INFO_KEYS[key], text.strip())
        at += 8 + length + (length & 1)
    return found
