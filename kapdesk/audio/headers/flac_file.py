"""A FLAC file's length and tags.

"fLaC" (sometimes after an ID3v2 tag, which is skipped), then metadata blocks,
each a byte (last-block flag, type) and a 24-bit length. STREAMINFO (type 0)
holds the sample rate and the total number of samples; VORBIS_COMMENT
(type 4) the tags. Other blocks (pictures, seek tables) are stepped over.
"""

from __future__ import annotations

from typing import BinaryIO

from kapdesk.audio.headers.model import HeaderError, TrackHeader
from kapdesk.audio.headers.vorbis_comment import parse_comments

STREAM_INFO, VORBIS_COMMENT, INVALID = 0, 4, 127
#: A comment block is read this far (tags are short).
COMMENT_LIMIT = 1024 * 1024


def stream_info(body: bytes) -> tuple[int, int]:
    """(sample rate, total samples) from a STREAMINFO block's 34 bytes; the
    total is 0 where the encoder did not know it."""
    if len(body) < 18:
        raise HeaderError("STREAMINFO is cut short")
    bits = int.from_bytes(body[10:18], "big")
    return bits >> 44, bits & ((1 << 36) - 1)


def stream_info_rate(body: bytes) -> int:
    return stream_info(body)[0]


def read_flac(file: BinaryIO, start: int) -> TrackHeader:
    """The FLAC stream whose "fLaC" is at `start`."""
    file.seek(start)
    if file.read(4) != b"fLaC":
        raise HeaderError("not a FLAC file")
    rate = total = None
    tags: dict[str, str] = {}
    while True:
        head = file.read(4)
        if len(head) < 4:
            break
        kind, length = head[0] & 0x7F, int.from_bytes(head[1:4], "big")
        if kind == INVALID:
            raise HeaderError("invalid metadata block")
        if kind == STREAM_INFO:
            rate, total = stream_info(file.read(length))
        elif kind == VORBIS_COMMENT:
            block = file.read(min(length, COMMENT_LIMIT))
            file.seek(length - len(block), 1)
            tags = parse_comments(block)
        else:
            file.seek(length, 1)
        if head[0] & 0x80:
            break
    if not rate:
        raise HeaderError("FLAC without a usable STREAMINFO")
    return TrackHeader.from_tags(total / rate, tags)
