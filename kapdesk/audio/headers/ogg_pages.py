"""Ogg pages: the container of Ogg Vorbis, Opus and FLAC in Ogg (RFC 3533).

A page is a 27-byte header - capture pattern "OggS", version 0, flags
(continued packet, beginning of stream, end of stream), granule position,
stream serial number, page sequence, CRC-32 - then a table of segment lengths
and the body. A packet runs over segments until one shorter than 255 bytes.

Only what the library needs is here: the first page, the last page of a
stream (read from the file's end; its granule position gives the length and
its end-of-stream flag tells a whole file from a cut one) and a stream's first
packets (the codec's headers).
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from typing import BinaryIO

from kapdesk.audio.headers.model import HeaderError

CAPTURE = b"OggS"
HEADER = struct.Struct("<4sBBqIIIB")
CONTINUED, FIRST, LAST = 0x01, 0x02, 0x04
#: The largest page there can be: header, 255 segment lengths, 255 x 255 bytes.
MAX_PAGE = HEADER.size + 255 + 255 * 255
#: A granule position of -1 marks a page on which no packet ends.
NO_GRANULE = -1


@dataclass(frozen=True)
class OggPage:
    offset: int
    flags: int
    granule: int
    serial: int
    lacing: bytes
    header_size: int
    body_size: int

    @property
    def last(self) -> bool:
        """The stream's end-of-stream page."""
        return bool(self.flags & LAST)

    @property
    def end(self) -> int:
        return self.offset + self.header_size + self.body_size


def parse_page(data: bytes | memoryview, at: int = 0, offset: int | None = None) -> OggPage | None:
    """The page whose header starts at `data[at:]`, or None if it is not one
    (or its header is cut). `offset` is its place in the file (default `at`)."""
    if len(data) - at < HEADER.size:
        return None
    capture, version, flags, granule, serial, _seq, _crc, count = HEADER.unpack_from(data, at)
    if capture != CAPTURE or version != 0 or len(data) - at < HEADER.size + count:
        return None
    lacing = bytes(data[at + HEADER.size:at + HEADER.size + count])
    return OggPage(at if offset is None else offset, flags, granule, serial, lacing,
                   HEADER.size + count, sum(lacing))


def read_page(file: BinaryIO, offset: int) -> OggPage | None:
    """The page at `offset` in `file` (its header only), or None."""
    file.seek(offset)
    head = file.read(HEADER.size)
    if len(head) < HEADER.size:
        return None
    return parse_page(head + file.read(head[-1]), 0, offset)


def first_page(file: BinaryIO) -> OggPage:
    """The file's first page; HeaderError if the file is not Ogg."""
    page = read_page(file, 0)
    if page is None:
        raise HeaderError("not an Ogg file")
    return page


def last_page(file: BinaryIO, serial: int) -> OggPage | None:
    """The last whole page of stream `serial` on which a packet ends: its
    end-of-stream page in a whole file. Read from the file's last 128 KB when
    the stream ends the file (the usual case), else page by page from the start."""
    size = file.seek(0, 2)
    start = max(0, size - 2 * MAX_PAGE)  # room for bytes after the last page
    file.seek(start)
    tail = file.read()
    at = tail.rfind(CAPTURE)
    while at >= 0:
        page = parse_page(tail, at, start + at)
        if (page is not None and page.end <= size and page.granule != NO_GRANULE
                and _crc_matches(tail, at, page)):
            if page.serial == serial:
                return page
            break  # another stream ends the file: walk the pages instead
        at = tail.rfind(CAPTURE, 0, at)
    return _walk_to_last(file, serial, size)


def _walk_to_last(file: BinaryIO, serial: int, size: int) -> OggPage | None:
    """Page by page from the start, headers only, to the end-of-stream page of
    `serial` or the last whole page of it before the pages stop."""
    found = None
    offset = 0
    while (page := read_page(file, offset)) is not None and page.end <= size:
        if page.serial == serial and page.granule != NO_GRANULE:
            found = page
            if page.last:
                break
        offset = page.end
    return found


def first_packets(file: BinaryIO, page: OggPage, count: int, limit: int) -> list[bytes]:
    """The first `count` packets of the stream that starts with `page`, each
    cut at `limit` bytes (a comment packet can carry pictures of megabytes;
    the tags come before them). Fewer if the stream stops."""
    packets: list[bytes] = []
    current = bytearray()
    size = file.seek(0, 2)
    offset = page.offset
    while len(packets) < count:
        page_here = read_page(file, offset)
        if page_here is None or page_here.end > size:
            break
        offset = page_here.end
        if page_here.serial != page.serial:
            continue
        file.seek(page_here.offset + page_here.header_size)
        body = file.read(page_here.body_size)
        at = 0
        for length in page_here.lacing:
            if len(current) < limit:
                current += body[at:at + min(length, limit - len(current))]
            at += length
            if length < 255:
                packets.append(bytes(current))
                current = bytearray()
                if len(packets) == count:
                    break
        if len(current) >= limit:  # the wanted part is in: do not read on
            packets.append(bytes(current))
            break
    return packets[:count]


#: Each byte with its bits in reverse order.
_REVERSED = bytes(int(f"{byte:08b}"[::-1], 2) for byte in range(256))


def page_crc(page_bytes: bytes) -> int:
    """Ogg's CRC-32 (polynomial 0x04C11DB7, most significant bit first,
    starting at 0, no final inversion) of a page whose CRC field is zeroed.

    zlib computes the same polynomial least significant bit first, so it is
    given the bytes bit-reversed and its result is bit-reversed back: the
    work stays in C (a page of 4-8 KB costs microseconds, not a millisecond).
    """
    reflected = ~zlib.crc32(page_bytes.translate(_REVERSED), 0xFFFFFFFF) & 0xFFFFFFFF
    return int(f"{reflected:032b}"[::-1], 2)


def _crc_matches(data: bytes, at: int, page: OggPage) -> bool:
    """A page found by its capture pattern is real only if its checksum holds
    ("OggS" can occur inside compressed sound)."""
    raw = bytearray(data[at:at + page.header_size + page.body_size])
    (stated,) = struct.unpack_from("<I", raw, 22)
    raw[22:26] = b"\0\0\0\0"
    return page_crc(bytes(raw)) == stated
