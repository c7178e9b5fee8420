"""Envelope arithmetic for fades and crossfades: pure functions, no sound device.

Two kinds of fade exist, for a reason:

* A track's own fade-in and closing fade (the crossfade into the next track)
  are known before its samples are decoded, so they are baked into the samples
  as a per-sample gain (`TrackEnvelope`). They are perfectly smooth and line up
  with the end of the file exactly, whatever the timer does.
* Fades asked for at an arbitrary moment (silence key, phase change, skip,
  `fade_out`) must act on sound that is already queued, so they move the mixer
  channel's volume at each tick (`Ramp`). That reacts at once, which is what
  makes "silent within 2 s" possible, at the cost of small volume steps at the
  tick rate.

Both use an equal-power (quarter sine) shape: two uncorrelated pieces of music
crossfaded this way keep a steady loudness, with no dip in the middle.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


#: A track's closing fade takes at most this share of it, so a short track
#: is still heard at full level for a while.
MAX_FADE_SHARE = 1 / 3


def rise(x: float) -> float:
    """Equal-power fade-in shape: 0 at x<=0, 1 at x>=1."""
    return math.sin(0.5 * math.pi * min(1.0, max(0.0, x)))


@dataclass(frozen=True)
class Ramp:
    """A gain moving from `start` to `end` over [t0, t0 + duration] seconds."""

    t0: float
    duration: float
    start: float
    end: float

    @classmethod
    def hold(cls, gain: float) -> Ramp:
        return cls(t0=0.0, duration=0.0, start=gain, end=gain)

    def gain_at(self, t: float) -> float:
        if self.duration <= 0 or t >= self.t0 + self.duration:
            return self.end
        if t <= self.t0:
            return self.start
        x = (t - self.t0) / self.duration
        if self.end >= self.start:
            return self.start + (self.end - self.start) * rise(x)
        return self.end + (self.start - self.end) * rise(1.0 - x)

    def done_at(self, t: float) -> bool:
        return t >= self.t0 + self.duration


@dataclass(frozen=True)
class TrackEnvelope:
    """Gain baked into one track's samples, indexed by output frame.

    Rises over the first `fade_in_frames`, falls over the last
    `fade_out_frames` before `total_frames`, and is 1 between.
    """

    total_frames: int
    fade_in_frames: int
    fade_out_frames: int

    @classmethod
    def for_track(cls, total_frames: int, rate: int, fade_in_s: float, fade_out_s: float) -> TrackEnvelope:
        """Fade lengths clamped so they fit in a track of this length."""
        limit = int(total_frames * MAX_FADE_SHARE)
        fade_in = min(limit, max(0, round(fade_in_s * rate)))
        fade_out = min(limit, max(0, round(fade_out_s * rate)))
        return cls(total_frames, fade_in, fade_out)

    @property
    def fade_out_start(self) -> int:
        return self.total_frames - self.fade_out_frames

    def gains(self, first: int, count: int) -> np.ndarray | None:
        """Per-frame gains for frames [first, first + count), float32, or None
        when they are all 1 (the common case, so it costs nothing)."""
        last = first + count
        in_fade_in = first < self.fade_in_frames
        in_fade_out = last > self.fade_out_start and self.fade_out_frames > 0
        if not (in_fade_in or in_fade_out):
            return None
        frames = np.arange(first, last, dtype=np.float64)
        gain = np.ones(count, dtype=np.float64)
        if in_fade_in:
            gain *= np.sin(0.5 * np.pi * np.clip((frames + 0.5) / self.fade_in_frames, 0.0, 1.0))
        if in_fade_out:
            left = (self.total_frames - frames - 0.5) / self.fade_out_frames
            gain *= np.sin(0.5 * np.pi * np.clip(left, 0.0, 1.0))
        return gain.astype(np.float32)


def handover_due(remaining_s: float, closing_fade_s: float) -> bool:
    """True when the next track should start: the current one has no more left
    than its closing fade. With no fade, it starts when the current has ended,
    so the gap is at most one tick."""
    return remaining_s <= closing_fade_s + 1e-9
