"""`read_header(path)`: the right reader for a file, chosen by its first bytes."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from kapdesk.audio.headers import id3
from kapdesk.audio.headers.flac_file import read_flac
from kapdesk.audio.headers.model import HeaderError, TrackHeader
from kapdesk.audio.headers.mp3_file import read_mp3
from kapdesk.audio.headers.ogg_file import read_ogg
from kapdesk.audio.headers.wav_file import read_wav

__all__ = ["HeaderError", "TrackHeader", "read_header"]


def read_header(path: Path) -> TrackHeader:
    """Length and tags of the music file at `path`. Raises OSError if it
    cannot be opened and HeaderError if it is not a music file we read."""
    with path.open("rb") as file:
        start = file.read(12)
        try:
            if start[:4] == b"OggS":
                return read_ogg(file)
            if start[:4] in (b"RIFF", b"RF64") and start[8:12] == b"WAVE":
                return read_wav(file)
            audio_start = id3.skip_v2_tags(file, 0)
            file.seek(audio_start)
            if file.read(4) == b"fLaC":
                return read_flac(file, audio_start)
            return read_mp3(file)
        except (struct.error, zlib.error, IndexError, OverflowError, ZeroDivisionError,
                ValueError, EOFError) as exc:
            # Any field out of its range is a damaged file, named as such.
            if isinstance(exc, HeaderError):
                raise
            raise HeaderError(f"damaged header: {exc}") from None
