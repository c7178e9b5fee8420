"""Turning a track spec into an OGG Vorbis file, block by block.

A track is rendered twice: a first pass measures the RMS of its body (everything
between the fades) so that a second pass can scale it to a common loudness and write
it. Both passes go in blocks of a few seconds, which keeps memory small whatever the
track length (about 60 MB per process, interpreter included), and each block goes to
libsndfile in its own write() call (one huge write of several minutes crashed
libsndfile's Vorbis encoder).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import soundfile as sf

from .tracks import TrackSpec
from .voices import SAMPLE_RATE, Voice

BLOCK = 4 * SAMPLE_RATE
FADE_S = 8.0
# Common body loudness of all tracks: quiet enough to leave plenty of headroom below
# the -1 dBFS peak limit, loud enough that a laptop at a normal volume setting is audible.
TARGET_RMS_DBFS = -20.0
# Highest peak accepted before encoding; Vorbis can overshoot a little, and the
# decoded file must stay below -1 dBFS.
MAX_PEAK_DBFS = -3.0
# libsndfile's Vorbis setting: 0 is best quality, 1 smallest. The bitrate hardly
# depends on the content here: 0.5 gave ~150 kbit/s (60 MB for the set, over the
# 40 MB budget), 0.85 gives ~77 kbit/s (~32 MB), ample for soft sustained sounds.
VORBIS_COMPRESSION = 0.85


def total_samples(spec: TrackSpec) -> int:
    return round(spec.duration_s * SAMPLE_RATE)


def blocks(total: int, block: int = BLOCK) -> Iterator[tuple[int, int]]:
    """(start, count) of consecutive blocks covering `total` samples."""
    for start in range(0, total, block):
        yield start, min(block, total - start)


def fade_gain(start: int, count: int, total: int) -> np.ndarray:
    """Raised-cosine fade in over the first FADE_S seconds and out over the last."""
    index = np.arange(start, start + count, dtype=np.float64)
    fade = FADE_S * SAMPLE_RATE
    ramp = np.clip(np.minimum(index, total - 1 - index) / fade, 0.0, 1.0)
    return 0.5 - 0.5 * np.cos(np.pi * ramp)


def mix(voices: Sequence[Voice], start: int, count: int, total: int) -> np.ndarray:
    """All voices summed over one span, with the track fades applied."""
    out = np.zeros((count, 2))
    for voice in voices:
        out += voice.render(start, count)
    return out * fade_gain(start, count, total)[:, None]


def render_excerpt(spec: TrackSpec, start_s: float, length_s: float, seed: int | None = None) -> np.ndarray:
    """A span of a track before loudness scaling, as a (samples, 2) float64 array.

    Rendering is a pure function of (spec, seed, span): any excerpt can be made on
    its own and is identical to the same samples of a full render.
    """
    start = round(start_s * SAMPLE_RATE)
    count = round(length_s * SAMPLE_RATE)
    return mix(spec.voices(seed), start, count, total_samples(spec))


def measure_body(voices: Sequence[Voice], total: int) -> tuple[float, float]:
    """(RMS over the body between the fades, peak over the whole track), unscaled."""
    fade = round(FADE_S * SAMPLE_RATE)
    energy, body, peak = 0.0, 0, 0.0
    for start, count in blocks(total):
        samples = mix(voices, start, count, total)
        peak = max(peak, float(np.max(np.abs(samples))))
        inside = samples[max(0, fade - start):max(0, total - fade - start)]
        energy += float(np.sum(inside ** 2))
        body += inside.size
    return float(np.sqrt(energy / body)), peak


def loudness_gain(voices: Sequence[Voice], total: int) -> float:
    """The gain that brings a track's body to TARGET_RMS_DBFS, checked for headroom."""
    rms, peak = measure_body(voices, total)
    gain = 10 ** (TARGET_RMS_DBFS / 20) / rms
    peak_dbfs = 20 * np.log10(peak * gain)
    if peak_dbfs > MAX_PEAK_DBFS:
        raise ValueError(f"peak {peak_dbfs:.1f} dBFS after scaling: lower the loud voices")
    return gain


def write_track(spec: TrackSpec, folder: Path) -> Path:
    """Render one track to folder/spec.file at the common loudness."""
    voices = spec.voices()
    total = total_samples(spec)
    gain = loudness_gain(voices, total)
    path = folder / spec.file
    with sf.SoundFile(path, "w", SAMPLE_RATE, 2, format="OGG", subtype="VORBIS",
                      compression_level=VORBIS_COMPRESSION) as out:
        for start, count in blocks(total):
            out.write((mix(voices, start, count, total) * gain).astype(np.float32))
    return path
