"""Tags and containers written byte by byte, for the header readers' tests.

Our own small writers (no tag library): ID3v2.2/2.3/2.4 and ID3v1 tags, Vorbis
comment blocks, Ogg pages with their CRC, FLAC metadata, and WAV chunks added
to a file soundfile wrote. Each is written from the format's specification, so
a test states plainly which bytes a reader must make sense of.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Sequence
from pathlib import Path

ID3_IDS = {  # our key -> (2.2 id, 2.3/2.4 id)
    "title": ("TT2", "TIT2"),
    "artist": ("TP1", "TPE1"),
    "album": ("TAL", "TALB"),
}
TEXT_ENCODINGS = {"latin-1": 0, "utf-16": 1, "utf-16-be": 2, "utf-8": 3}


def syncsafe(value: int) -> bytes:
    return bytes((value >> shift) & 0x7F for shift in (21, 14, 7, 0))


def unsync(data: bytes) -> bytes:
    """ID3 unsynchronisation: a zero after every 0xFF that could be read as a sync."""
    out = bytearray()
    for index, byte in enumerate(data):
        out.append(byte)
        following = data[index + 1] if index + 1 < len(data) else 0
        if byte == 0xFF and (following & 0xE0 == 0xE0 or following == 0):
            out.append(0)
    return bytes(out)


def text_frame_body(text: str, encoding: str = "utf-8", *more: str) -> bytes:
    """Encoding byte, then the values separated (UTF-16: each with its BOM)."""
    sep = b"\0\0" if encoding.startswith("utf-16") else b"\0"
    return bytes([TEXT_ENCODINGS[encoding]]) + sep.join(v.encode(encoding) for v in (text, *more))


def id3v2(
    tags: dict[str, str],
    version: int = 4,
    encoding: str = "utf-8",
    padding: int = 64,
    extra_frames: Sequence[tuple[str, bytes]] = (),
    whole_tag_unsync: bool = False,
    extended_header: bool = False,
    plain_sizes: bool = False,
) -> bytes:
    """An ID3v2 tag holding `tags` ("title", "artist", "album") as text frames,
    after `extra_frames` ((id, body) pairs, e.g. a large APIC). `plain_sizes`
    writes 2.4 frame sizes as plain integers, as some taggers did."""
    frames = bytearray()
    for frame_id, body in [*extra_frames, *((ID3_IDS[k][version != 2], text_frame_body(v, encoding))
                                          for k, v in tags.items())]:
        frames += _frame(frame_id, body, version, plain_sizes)
    body = bytes(frames)
    flags = 0
    if extended_header:
        flags |= 0x40
        body = (syncsafe(6) + b"\x01\x00" if version == 4 else struct.pack(">IHI", 6, 0, 0)) + body
    if whole_tag_unsync:
        flags |= 0x80
        body = unsync(body)
    body += b"\0" * padding
    return b"ID3" + bytes([version, 0, flags]) + syncsafe(len(body)) + body


def _frame(frame_id: str, body: bytes, version: int, plain_sizes: bool) -> bytes:
    if version == 2:
        return frame_id.encode() + len(body).to_bytes(3, "big") + body
    size = struct.pack(">I", len(body)) if version == 3 or plain_sizes else syncsafe(len(body))
    return frame_id.encode() + size + b"\0\0" + body


def id3v1(title: str = "", artist: str = "", album: str = "") -> bytes:
    def field(text: str, size: int) -> bytes:
        return text.encode("latin-1")[:size].ljust(size, b"\0")

    return b"TAG" + field(title, 30) + field(artist, 30) + field(album, 30) + b"2026" + b"\0" * 30 + b"\xff"


def vorbis_comments(comments: Iterable[tuple[str, str]], vendor: str = "KAPDesk tests") -> bytes:
    entries = [f"{key}={value}".encode() for key, value in comments]
    out = struct.pack("<I", len(vendor)) + vendor.encode() + struct.pack("<I", len(entries))
    return out + b"".join(struct.pack("<I", len(e)) + e for e in entries)


def ogg_crc(data: bytes) -> int:
    """Ogg's CRC-32, bit by bit (a different road from the product's table)."""
    crc = 0
    for byte in data:
        crc ^= byte << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7 if crc & 0x80000000 else crc << 1) & 0xFFFFFFFF
    return crc


def ogg_page(body_segments: bytes, lacing: Sequence[int], serial: int, sequence: int,
             granule: int, flags: int = 0) -> bytes:
    header = struct.pack("<4sBBqIIIB", b"OggS", 0, flags, granule, serial, sequence, 0, len(lacing))
    page = bytearray(header + bytes(lacing) + body_segments)
    struct.pack_into("<I", page, 22, ogg_crc(bytes(page)))
    return bytes(page)


def ogg_stream(packets: Sequence[tuple[bytes, int]], serial: int = 0x4B415044, eos: bool = True,
               max_page_body: int = 4096) -> list[bytes]:
    """Pages for `packets` ((data, granule after it)): the first packet alone on
    the first page (beginning of stream); the rest packed into pages of at most
    `max_page_body` bytes, a packet spilling onto the next page as needed."""
    pages: list[bytes] = []
    first, first_granule = packets[0]
    pages.append(ogg_page(first, _lacing(len(first)), serial, 0, first_granule, 0x02))
    body, lacing, granule, continued = bytearray(), [], -1, False
    for data, packet_granule in packets[1:]:
        segments = _lacing(len(data))
        at = 0
        for length in segments:
            if len(lacing) == 255 or len(body) + length > max_page_body:
                pages.append(ogg_page(bytes(body), lacing, serial, len(pages), granule,
                                      0x01 if continued else 0))
                continued = at > 0
                body, lacing, granule = bytearray(), [], -1
            body += data[at:at + length]
            lacing.append(length)
            at += length
        granule = packet_granule
    if lacing:
        pages.append(ogg_page(bytes(body), lacing, serial, len(pages), granule,
                              (0x01 if continued else 0) | (0x04 if eos else 0)))
    return pages


def _lacing(size: int) -> list[int]:
    return [255] * (size // 255) + [size % 255]


def vorbis_packets(rate: int, comments: Iterable[tuple[str, str]], samples: int) -> list[tuple[bytes, int]]:
    """An Ogg Vorbis stream's header packets and two stand-in audio packets
    (headers are all the readers look at)."""
    ident = b"\x01vorbis" + struct.pack("<IBIiiiBB", 0, 2, rate, 0, 128000, 0, 0xB8, 1)
    comment = b"\x03vorbis" + vorbis_comments(comments) + b"\x01"
    setup = b"\x05vorbis" + b"\0" * 40
    return [(ident, 0), (comment, 0), (setup, 0), (b"\0" * 300, samples // 2), (b"\0" * 300, samples)]


def opus_packets(comments: Iterable[tuple[str, str]], samples_48k: int, pre_skip: int = 312) -> list[tuple[bytes, int]]:
    ident = b"OpusHead" + struct.pack("<BBHIhB", 1, 2, pre_skip, 44100, 0, 0)
    tags = b"OpusTags" + vorbis_comments(comments)
    return [(ident, 0), (tags, 0), (b"\0" * 200, pre_skip + samples_48k)]


def flac_stream_info(rate: int, total_samples: int, channels: int = 2, bits: int = 16) -> bytes:
    packed = (rate << 44) | ((channels - 1) << 41) | ((bits - 1) << 36) | total_samples
    return struct.pack(">HH", 4096, 4096) + b"\0" * 6 + packed.to_bytes(8, "big") + b"\0" * 16


def flac_block(kind: int, body: bytes, last: bool = False) -> bytes:
    return bytes([kind | (0x80 if last else 0)]) + len(body).to_bytes(3, "big") + body


def ogg_flac_packets(rate: int, total: int, comments: Iterable[tuple[str, str]]) -> list[tuple[bytes, int]]:
    info = flac_block(0, flac_stream_info(rate, total))
    ident = b"\x7fFLAC\x01\x00" + struct.pack(">H", 1) + b"fLaC" + info
    return [(ident, 0), (flac_block(4, vorbis_comments(comments), last=True), 0), (b"\0" * 100, total)]


def write_ogg(path: Path, *streams: list[bytes]) -> Path:
    """Pages of one or more streams, one after the other."""
    path.write_bytes(b"".join(page for stream in streams for page in stream))
    return path


def add_wav_chunk(path: Path, chunk_id: bytes, body: bytes) -> Path:
    """Append a chunk to a WAV file and mend its RIFF size."""
    data = bytearray(path.read_bytes())
    data += chunk_id + struct.pack("<I", len(body)) + body + (b"\0" if len(body) & 1 else b"")
    struct.pack_into("<I", data, 4, len(data) - 8)
    path.write_bytes(bytes(data))
    return path


def prepend(path: Path, data: bytes) -> Path:
    path.write_bytes(data + path.read_bytes())
    return path


def append(path: Path, data: bytes) -> Path:
    path.write_bytes(path.read_bytes() + data)
    return path
