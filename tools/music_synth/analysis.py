"""Measuring decoded tracks: peak, body loudness, fades and transients.

One decode of a file gives its peak and a power profile: the mean square over both
channels of every 10 ms slice. Every level figure is derived from that profile, so a
40-minute set is checked in a few seconds. Definitions (all levels in dBFS, where
0 dBFS is an RMS equal to full-scale amplitude 1.0, so a full-scale sine is -3 dBFS):

- peak: the largest absolute sample value of either channel, as decoded (float).
- body RMS: RMS over both channels of everything except the first and last
  BODY_MARGIN_S seconds (the fades plus a margin).
- edge RMS: RMS over the first or last EDGE_S seconds.
- transient excess: for every 50 ms window (stepped by 10 ms), its RMS minus the RMS
  of the 2 s centred on it (truncated at the ends of the file); the largest value.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf

SLICE_S = 0.010
WINDOW_SLICES = 5  # 50 ms
CONTEXT_SLICES = 200  # 2 s
BODY_MARGIN_S = 10.0
EDGE_S = 0.5
# Keeps digital silence finite in dB (-120 dBFS) without touching any real level.
POWER_FLOOR = 1e-12


@dataclass(frozen=True)
class Profile:
    """What one decode of a file tells: its length, its peak and its 10 ms powers."""

    samplerate: int
    frames: int
    peak: float
    powers: np.ndarray  # mean square over both channels of each 10 ms slice

    def slices(self, seconds: float) -> int:
        return round(seconds / SLICE_S)


def decoded_blocks(path: Path, seconds: float = 10.0) -> Iterator[np.ndarray]:
    """A file's samples as float32 (frames, channels) blocks of a few seconds."""
    samplerate = sf.info(str(path)).samplerate
    yield from sf.blocks(str(path), blocksize=round(seconds * samplerate), dtype="float32",
                         always_2d=True)


def profile(path: Path) -> Profile:
    """Decode a file once, block by block, into its Profile.

    A trailing part-slice shorter than 10 ms is left out of the powers.
    """
    info = sf.info(str(path))
    size = round(SLICE_S * info.samplerate)
    peak, powers = 0.0, []
    for block in decoded_blocks(path, seconds=size * 1000 / info.samplerate):
        peak = max(peak, float(np.max(np.abs(block))))
        whole = len(block) // size * size
        squares = np.square(block[:whole], dtype=np.float64).mean(axis=1)
        powers.append(squares.reshape(-1, size).mean(axis=1))
    return Profile(info.samplerate, info.frames, peak, np.concatenate(powers))


def db(power: float | np.ndarray) -> float | np.ndarray:
    """A mean-square power as dBFS RMS."""
    return 10.0 * np.log10(np.asarray(power) + POWER_FLOOR)


def peak_dbfs(prof: Profile) -> float:
    return float(20.0 * np.log10(prof.peak + POWER_FLOOR))


def body_rms_dbfs(prof: Profile) -> float:
    margin = prof.slices(BODY_MARGIN_S)
    return float(db(prof.powers[margin:-margin].mean()))


def edge_rms_dbfs(prof: Profile) -> tuple[float, float]:
    """RMS of the first and of the last EDGE_S seconds."""
    edge = prof.slices(EDGE_S)
    return float(db(prof.powers[:edge].mean())), float(db(prof.powers[-edge:].mean()))


def moving_mean(values: np.ndarray, before: int, after: int) -> np.ndarray:
    """Mean of values[i-before : i+after] for every i, truncated at the ends."""
    sums = np.concatenate([[0.0], np.cumsum(values)])
    index = np.arange(len(values))
    lo = np.clip(index - before, 0, len(values))
    hi = np.clip(index + after, 0, len(values))
    return (sums[hi] - sums[lo]) / np.maximum(hi - lo, 1)


def transient_excess_db(prof: Profile) -> np.ndarray:
    """For each 50 ms window (by its first slice): its RMS over its 2 s context, in dB."""
    window = moving_mean(prof.powers, 0, WINDOW_SLICES)
    # The window's centre is 2.5 slices after its first slice; the context (a whole
    # number of slices) is centred on it to within half a slice.
    context = moving_mean(prof.powers, CONTEXT_SLICES // 2 - 3, CONTEXT_SLICES // 2 + 3)
    usable = len(prof.powers) - WINDOW_SLICES + 1
    return (db(window) - db(context))[:usable]


def envelope_db(prof: Profile, seconds: float = 1.0) -> np.ndarray:
    """RMS in dBFS of consecutive spans of `seconds`, for plotting."""
    size = prof.slices(seconds)
    whole = len(prof.powers) // size * size
    return db(prof.powers[:whole].reshape(-1, size).mean(axis=1))
