"""Small audio files for tests, generated with numpy + soundfile.

Long files are written in blocks of a few seconds: one huge `write` of several
minutes of OGG Vorbis crashed libsndfile here (see DESIGN.md, Audio).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile

FORMATS = {  # suffix -> (libsndfile format, subtype)
    ".wav": ("WAV", "PCM_16"),
    ".flac": ("FLAC", "PCM_16"),
    ".ogg": ("OGG", "VORBIS"),
    ".mp3": ("MP3", "MPEG_LAYER_III"),
}
BLOCK_S = 5.0


def write_signal(path: Path, seconds: float, rate: int, channels: int, make_block, **tags: str) -> Path:
    """Write `seconds` of audio, asking `make_block(first_frame, frames)` for
    float samples shaped (frames, channels) a block at a time."""
    fmt, subtype = FORMATS[path.suffix.lower()]
    total = round(seconds * rate)
    block = round(BLOCK_S * rate)
    with soundfile.SoundFile(path, "w", rate, channels, subtype=subtype, format=fmt) as f:
        for key, value in tags.items():
            setattr(f, key, value)
        for first in range(0, total, block):
            f.write(make_block(first, min(block, total - first)))
    return path


def write_tone(
    path: Path,
    seconds: float,
    freq: float = 440.0,
    amplitude: float = 0.3,
    rate: int = 44100,
    channels: int = 2,
    **tags: str,
) -> Path:
    """A steady sine tone (same on every channel)."""

    def block(first: int, frames: int) -> np.ndarray:
        t = (first + np.arange(frames)) / rate
        wave = (amplitude * np.sin(2 * np.pi * freq * t)).astype(np.float32)
        return np.repeat(wave[:, None], channels, axis=1)

    return write_signal(path, seconds, rate, channels, block, **tags)


def write_level(path: Path, seconds: float, level: float = 0.5, rate: int = 1000, channels: int = 2) -> Path:
    """A constant level (DC): what the player does to it is the envelope itself.
    Use WAV or FLAC (lossy codecs do not keep DC)."""

    def block(first: int, frames: int) -> np.ndarray:
        return np.full((frames, channels), level, dtype=np.float32)

    return write_signal(path, seconds, rate, channels, block)


def write_long_quiet(path: Path, seconds: float, rate: int = 8000) -> Path:
    """A long, nearly silent mono file, cheap to write: a faint hum so no
    codec mistakes it for nothing."""
    return write_tone(path, seconds, freq=100.0, amplitude=0.01, rate=rate, channels=1)


def write_garbage(path: Path, size: int = 4096, seed: int = 7) -> Path:
    """Random bytes with a music file's name: a corrupt file."""
    path.write_bytes(np.random.default_rng(seed).integers(0, 256, size, dtype=np.uint8).tobytes())
    return path


def write_empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def truncate_copy(source: Path, target: Path, keep_fraction: float) -> Path:
    """A copy of `source` cut off after `keep_fraction` of its bytes."""
    data = source.read_bytes()
    target.write_bytes(data[: int(len(data) * keep_fraction)])
    return target


def write_overstated_wav(path: Path, seconds: float, stated_seconds: float, rate: int = 44100) -> Path:
    """A WAV holding `seconds` of tone whose header promises `stated_seconds`:
    what a download cut short after its header was written looks like."""
    import struct

    write_tone(path, seconds, rate=rate, channels=2)
    data = bytearray(path.read_bytes())
    chunk = data.find(b"data")
    stated_bytes = round(stated_seconds * rate) * 2 * 2  # 16-bit stereo
    struct.pack_into("<I", data, chunk + 4, stated_bytes)
    struct.pack_into("<I", data, 4, chunk + 4 + stated_bytes)  # RIFF size
    path.write_bytes(bytes(data))
    return path
