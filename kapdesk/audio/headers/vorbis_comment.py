"""Vorbis comments: the tags of Ogg Vorbis, Opus and FLAC files.

A little-endian block: vendor string, a count, then that many "KEY=value"
strings in UTF-8. Keys are case-insensitive; a key may repeat (the first
non-empty value is kept). A block cut short (a capped Ogg packet) gives the
comments read up to the cut.
"""

from __future__ import annotations

import struct

WANTED = frozenset({"title", "artist", "album"})


def parse_comments(block: bytes) -> dict[str, str]:
    """{"title": ..., "artist": ..., "album": ...} as far as `block` holds them."""
    found: dict[str, str] = {}
    try:
        (vendor_length,) = struct.unpack_from("<I", block, 0)
        at = 4 + vendor_length
        (count,) = struct.unpack_from("<I", block, at)
        at += 4
        for _ in range(count):
            (length,) = struct.unpack_from("<I", block, at)
            at += 4
            entry = block[at:at + length]
            if len(entry) < length:
                break  # cut short: what came before still counts
            at += length
            key, sep, value = entry.decode("utf-8", "replace").partition("=")
            key = key.lower()
            if sep and key in WANTED and key not in found and value.strip():
                found[key] = value.strip()
    except struct.error:
        pass
    return found
