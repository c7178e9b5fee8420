"""Streaming sample-rate and channel-layout conversion to the mixer's format.

Music files come at 44.1 or 48 kHz (sometimes others), mono or stereo; the mixer
takes one fixed format. Conversion runs chunk by chunk, so the resampler keeps
the last input frame and its fractional position between chunks: without that,
every chunk boundary would click.

Linear interpolation is deliberately simple. It is cheap enough to run on the
GUI thread at every tick, and for calm instrumental music at ordinary rates its
slight high-frequency softening is not audible in a therapy room.
"""

from __future__ import annotations

import math

import numpy as np


class LinearResampler:
    """Converts a stream of (frames, channels) float32 blocks between rates."""

    def __init__(self, src_rate: int, dst_rate: int) -> None:
        self._step = src_rate / dst_rate
        self._pos = 0.0  # where the next output frame falls, in input frames
        self._prev: np.ndarray | None = None  # last input frame of the previous block

    @property
    def passthrough(self) -> bool:
        return self._step == 1.0

    def process(self, block: np.ndarray) -> np.ndarray:
        if self.passthrough or len(block) == 0:
            return block
        buf = block if self._prev is None else np.concatenate((self._prev, block))
        last = len(buf) - 1
        count = math.floor((last - self._pos) / self._step) + 1 if self._pos <= last else 0
        where = self._pos + np.arange(count) * self._step
        index = np.minimum(where.astype(np.int64), last)
        frac = (where - index).astype(np.float32)[:, None]
        out = buf[index] * (1.0 - frac) + buf[np.minimum(index + 1, last)] * frac
        # The next block is read with buf[last] prepended, so re-base on it.
        self._pos += count * self._step - last
        self._prev = buf[last:]
        return out.astype(np.float32, copy=False)


def to_channels(block: np.ndarray, channels: int) -> np.ndarray:
    """Mono is copied to every channel; extra channels (surround) are dropped,
    keeping front left and right; a mono output gets the average."""
    have = block.shape[1]
    if have == channels:
        return block
    if have == 1:
        return np.repeat(block, channels, axis=1)
    if channels == 1:
        return block.mean(axis=1, keepdims=True)
    if have > channels:
        return np.ascontiguousarray(block[:, :channels])
    pad = np.zeros((len(block), channels - have), dtype=block.dtype)
    return np.concatenate((block, pad), axis=1)


def to_int16(block: np.ndarray) -> np.ndarray:
    """Float samples in [-1, 1] to the mixer's 16-bit integers, clipped."""
    scaled = np.clip(block * 32767.0, -32768.0, 32767.0)
    return np.ascontiguousarray(scaled, dtype=np.int16)
