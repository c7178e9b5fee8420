"""ID3 tags: ID3v2 (2.2, 2.3, 2.4) at a file's start or in a WAV chunk, and
ID3v1 in a file's last 128 bytes. Only the text frames the library shows are
read: title (TIT2/TT2), artist (TPE1/TP1), album (TALB/TAL).

ID3v2: "ID3", version, flags, a 28-bit "syncsafe" size (7 bits a byte), an
optional extended header, then frames (id, size, flags, body) and padding.
Unsynchronisation (0xFF 0x00 for 0xFF) is undone where a flag says so;
compressed frames are inflated; encrypted ones are skipped. A text frame's
first byte names its encoding (Latin-1, UTF-16 with BOM, UTF-16BE, UTF-8)
and values are separated by NULs; the first value is kept. Frames other
than the three are stepped over without reading them (pictures can be large).
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable
from typing import BinaryIO

from kapdesk.audio.headers.model import HeaderError

V2_FRAMES = {
    "TIT2": "title", "TPE1": "artist", "TALB": "album",  # 2.3, 2.4
    "TT2": "title", "TP1": "artist", "TAL": "album",  # 2.2
}
HEADER_SIZE = 10
UNSYNC, EXTENDED = 0x80, 0x40
ENCODINGS = {0: "latin-1", 1: "utf-16", 2: "utf-16-be", 3: "utf-8"}
#: A tag is read at most this far when it must be read whole (unsynchronised).
WHOLE_TAG_LIMIT = 16 * 1024 * 1024

ReadAt = Callable[[int, int], bytes]


def syncsafe(data: bytes) -> int:
    value = 0
    for byte in data:
        value = (value << 7) | (byte & 0x7F)
    return value


def v2_size(head: bytes) -> int | None:
    """The whole tag's size (header included) if `head` (10 bytes) starts an
    ID3v2 tag, else None."""
    if len(head) < HEADER_SIZE or head[:3] != b"ID3" or head[3] not in (2, 3, 4):
        return None
    if any(byte & 0x80 for byte in head[6:10]):
        return None
    footer = HEADER_SIZE if head[3] == 4 and head[5] & 0x10 else 0
    return HEADER_SIZE + syncsafe(head[6:10]) + footer


def skip_v2_tags(file: BinaryIO, offset: int = 0) -> int:
    """Where the audio starts: after any ID3v2 tags at `offset` (some files
    carry more than one)."""
    while True:
        file.seek(offset)
        size = v2_size(file.read(HEADER_SIZE))
        if size is None:
            return offset
        offset += size


def read_v2(file: BinaryIO, offset: int = 0) -> dict[str, str]:
    """{"title": ..., ...} from the ID3v2 tag at `offset`; {} if there is none."""
    file.seek(offset)
    head = file.read(HEADER_SIZE)
    size = v2_size(head)
    if size is None:
        return {}
    version, flags = head[3], head[5]
    body_size = syncsafe(head[6:10])
    if flags & UNSYNC and version < 4:
        # 2.2 and 2.3 undo unsynchronisation over the whole tag before reading frames.
        body = _undo_unsync(file.read(min(body_size, WHOLE_TAG_LIMIT)))
        return _frames(lambda at, n: body[at:at + n], 0, len(body), version, flags)

    def read_at(at: int, count: int) -> bytes:
        file.seek(offset + HEADER_SIZE + at)
        return file.read(count)

    return _frames(read_at, 0, body_size, version, flags)


def read_v2_bytes(data: bytes) -> dict[str, str]:
    """As `read_v2`, for a tag already in memory (a WAV's "id3 " chunk)."""
    return read_v2(io.BytesIO(data))


def read_v1(file: BinaryIO) -> dict[str, str]:
    """{"title": ..., ...} from an ID3v1 tag in the last 128 bytes; {} if none."""
    size = file.seek(0, 2)
    if size < 128:
        return {}
    file.seek(size - 128)
    tag = file.read(128)
    if tag[:3] != b"TAG":
        return {}
    fields = {"title": tag[3:33], "artist": tag[33:63], "album": tag[63:93]}
    found = {}
    for key, raw in fields.items():
        text = raw.split(b"\0", 1)[0].decode("latin-1").strip()
        if text:
            found[key] = text
    return found


def has_v1(file: BinaryIO) -> bool:
    size = file.seek(0, 2)
    if size < 128:
        return False
    file.seek(size - 128)
    return file.read(3) == b"TAG"


def _frames(read_at: ReadAt, at: int, end: int, version: int, flags: int) -> dict[str, str]:
    found: dict[str, str] = {}
    if flags & EXTENDED and version >= 3:
        at += _extended_header_size(read_at(at, 4), version)
    id_size, header_size = (3, 6) if version == 2 else (4, 10)
    while at + header_size <= end and len(found) < 3:
        head = read_at(at, header_size)
        if len(head) < header_size or head[0] == 0:
            break  # padding, or the file ends
        if not _is_frame_id(head[:id_size]):
            break  # not a frame: the tag is damaged from here on
        frame_id = head[:id_size].decode("ascii")
        size = _frame_size(read_at, at, head, version, end)
        body_at = at + header_size
        at = body_at + size
        key = V2_FRAMES.get(frame_id)
        if key is None or key in found or at > end:
            continue
        try:
            text = _text(_frame_body(read_at(body_at, size), head, version))
        except zlib.error:
            continue  # one damaged frame does not cost the file its other tags
        if text:
            found[key] = text
    return found


def _extended_header_size(raw: bytes, version: int) -> int:
    if len(raw) < 4:
        raise HeaderError("ID3 extended header is cut short")
    if version == 4:
        return syncsafe(raw)  # includes its own size field
    return 4 + int.from_bytes(raw, "big")


def _frame_size(read_at: ReadAt, at: int, head: bytes, version: int, end: int) -> int:
    if version == 2:
        return int.from_bytes(head[3:6], "big")
    raw = head[4:8]
    plain = int.from_bytes(raw, "big")
    if version == 3 or any(byte & 0x80 for byte in raw):
        return plain
    safe = syncsafe(raw)
    if safe != plain and not _frame_starts(read_at, at + 10 + safe, end) and _frame_starts(
            read_at, at + 10 + plain, end):
        return plain  # some taggers wrote 2.4 sizes as plain integers
    return safe


def _frame_starts(read_at: ReadAt, at: int, end: int) -> bool:
    if at >= end:
        return at == end
    head = read_at(at, 4)
    return head[:1] == b"\0" or _is_frame_id(head)


def _is_frame_id(raw: bytes) -> bool:
    """Frame ids are three or four capital letters and digits."""
    return len(raw) in (3, 4) and all(0x41 <= b <= 0x5A or 0x30 <= b <= 0x39 for b in raw)


def _frame_body(body: bytes, head: bytes, version: int) -> bytes | None:
    """The frame's text bytes with its format flags undone; None if encrypted."""
    if version == 2:
        return body
    fmt = head[9]
    if version == 3:
        compressed, encrypted, grouped = fmt & 0x80, fmt & 0x40, fmt & 0x20
        if encrypted:
            return None
        if grouped:
            body = body[1:]
        if compressed:
            body = zlib.decompress(body[4:])
        return body
    grouped, compressed, encrypted, unsync, length_given = (
        fmt & 0x40, fmt & 0x08, fmt & 0x04, fmt & 0x02, fmt & 0x01)
    if encrypted:
        return None
    if grouped:
        body = body[1:]
    if length_given:
        body = body[4:]
    if unsync:
        body = _undo_unsync(body)
    if compressed:
        body = zlib.decompress(body)
    return body


def _text(body: bytes | None) -> str | None:
    """The first value of a text frame, or None."""
    if not body:
        return None
    encoding = ENCODINGS.get(body[0])
    if encoding is None:
        return None
    data = body[1:]
    if encoding.startswith("utf-16"):
        end = next((i for i in range(0, len(data) - 1, 2) if data[i:i + 2] == b"\0\0"), None)
        data = data[:end] if end is not None else data[:len(data) - len(data) % 2]
    else:
        data = data.split(b"\0", 1)[0]
    text = data.decode(encoding, "replace").lstrip("\ufeff").strip()
    return text or None


def _undo_unsync(data: bytes) -> bytes:
    return data.replace(b"\xff\x00", b"\xff")
