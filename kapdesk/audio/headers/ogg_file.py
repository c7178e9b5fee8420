"""An Ogg file's length and tags: Vorbis, Opus or FLAC in Ogg.

The first page's stream is the one read (as players do). Its first packet
names the codec and gives the sample rate; the second holds the Vorbis
comments; the granule position of its last page is the count of samples
(for Opus, at 48 kHz and counting the pre-skip the decoder drops).
"""

from __future__ import annotations

import struct
from typing import BinaryIO

from kapdesk.audio.headers.flac_file import stream_info_rate
from kapdesk.audio.headers.model import HeaderError, TrackHeader
from kapdesk.audio.headers.ogg_pages import first_packets, first_page, last_page
from kapdesk.audio.headers.vorbis_comment import parse_comments

#: The comment packet is read this far: tags come before any pictures.
COMMENT_LIMIT = 256 * 1024
OPUS_RATE = 48000
FLAC_COMMENT_BLOCK = 4


def read_ogg(file: BinaryIO) -> TrackHeader:
    page = first_page(file)
    packets = first_packets(file, page, 2, COMMENT_LIMIT)
    if not packets:
        raise HeaderError("the Ogg stream has no header")
    ident = packets[0]
    comment = packets[1] if len(packets) > 1 else b""
    skip = 0
    if ident.startswith(b"\x01vorbis") and len(ident) >= 16:
        (rate,) = struct.unpack_from("<I", ident, 12)
        tags = parse_comments(comment[7:]) if comment.startswith(b"\x03vorbis") else {}
    elif ident.startswith(b"OpusHead") and len(ident) >= 19:
        rate = OPUS_RATE
        (skip,) = struct.unpack_from("<H", ident, 10)
        tags = parse_comments(comment[8:]) if comment.startswith(b"OpusTags") else {}
    elif ident.startswith(b"\x7fFLAC") and ident[9:13] == b"fLaC":
        rate = stream_info_rate(ident[17:])
        is_comment = len(comment) > 4 and comment[0] & 0x7F == FLAC_COMMENT_BLOCK
        tags = parse_comments(comment[4:]) if is_comment else {}
    else:
        raise HeaderError("not an Ogg stream KAPDesk reads")
    if rate <= 0:
        raise HeaderError("no sample rate")
    last = last_page(file, page.serial)
    samples = max(0, last.granule - skip) if last is not None else 0
    return TrackHeader.from_tags(samples / rate, tags)
