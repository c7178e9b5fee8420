"""Sound sources for the bundled tracks: sustained pads, soft bells and filtered-noise beds.

Every source renders any span of samples as a pure function of the absolute sample
index and its own parameters (including a seed for noise). A track can therefore be
synthesised in short blocks, in any order, with no state carried between blocks: the
blocks join without seams, memory stays small, and two renders of the same span are
bit-identical.

All sources return float64 stereo arrays of shape (count, 2).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from collections.abc import Sequence
from typing import Protocol

import numpy as np

SAMPLE_RATE = 44100

# How far a pad sways either side of its place in the stereo field (pan units, -1..1).
PAN_SWAY = 0.35


class Voice(Protocol):
    """Anything that can render a span of a track."""

    def render(self, start: int, count: int) -> np.ndarray:
        """Samples start .. start+count-1 as a (count, 2) float64 array."""


def seconds(start: int, count: int) -> np.ndarray:
    """Times in seconds of the samples in a span."""
    return np.arange(start, start + count, dtype=np.float64) / SAMPLE_RATE


def radians(cycles: np.ndarray) -> np.ndarray:
    """Whole cycles to radians in [0, 2*pi), as float32 ready for fast trigonometry.

    Whole turns are dropped in float64 first, so the float32 angle stays exact to
    about 1e-7 however far into a track it lies (-140 dB: far below audibility), and
    numpy's float32 sin/cos are vectorised: some 40 times faster than float64.
    """
    return (2.0 * np.pi * (cycles - np.floor(cycles))).astype(np.float32)


def phase(freq: float, start: int, count: int) -> np.ndarray:
    """The phase of a tone at `freq` over a span, from the integer sample index.

    Exact for any start, so adjacent spans join without a click.
    """
    return radians(freq * np.arange(start, start + count, dtype=np.float64) / SAMPLE_RATE)


def sine(freq: float, start: int, count: int) -> np.ndarray:
    """A unit sine at `freq` over a span."""
    return np.sin(phase(freq, start, count))


def partials(freq: float, weights: Sequence[float], start: int, count: int) -> tuple[np.ndarray, np.ndarray]:
    """(fundamental, sum of overtones) of a harmonic tone, weighted per harmonic.

    The overtones come from the Chebyshev recurrence sin((n+1)x) = 2cos(x)sin(nx) -
    sin((n-1)x): a multiply-add per harmonic instead of a sine.
    """
    theta = phase(freq, start, count)
    fundamental = np.sin(theta)
    twice_cos = 2.0 * np.cos(theta)
    previous, current = np.zeros_like(fundamental), fundamental
    overtones = np.zeros_like(fundamental)
    for weight in weights[1:]:
        previous, current = current, twice_cos * current - previous
        overtones += weight * current
    return weights[0] * fundamental, overtones


def slow_wave(t: np.ndarray, period_s: float, offset: float) -> np.ndarray:
    """A sine LFO scaled to 0..1, for swells and drifts (offset in radians)."""
    return 0.5 + 0.5 * np.sin(radians(t / period_s + offset / (2.0 * np.pi)))


def pan_stereo(mono: np.ndarray, pan: np.ndarray | float) -> np.ndarray:
    """Place a mono signal in the stereo field with an equal-power law (pan -1..1).

    Equal power keeps the loudness steady while a sound drifts from side to side.
    """
    angle = ((np.clip(pan, -1.0, 1.0) + 1.0) * (np.pi / 4.0)).astype(np.float32)
    return np.stack([mono * np.cos(angle), mono * np.sin(angle)], axis=-1)


@dataclass(frozen=True)
class Pad:
    """A sustained tone of a few soft harmonics that swells, brightens and drifts.

    Each harmonic is a pair of sines detuned by a few cents: the pair beats slowly,
    which gives the tone life without any vibrato that could read as a melody.
    """

    freq: float
    level: float
    swell_period_s: float
    phase: float
    pan_centre: float = 0.0
    pan_period_s: float = 47.0
    harmonics: tuple[float, ...] = (1.0, 0.35, 0.12, 0.05)
    detune: float = 0.0015  # about 2.6 cents
    floor: float = 0.15  # a pad never swells to silence, so the bed stays continuous

    def render(self, start: int, count: int) -> np.ndarray:
        t = seconds(start, count)
        # The upper harmonics open and close on their own, longer cycle.
        brightness = 0.4 + 0.6 * slow_wave(t, self.swell_period_s * 1.618, self.phase + 1.0)
        tone = np.zeros(count)
        for spread in (1.0 - self.detune, 1.0 + self.detune):
            fundamental, overtones = partials(self.freq * spread, self.harmonics, start, count)
            tone += fundamental + brightness * overtones
        swell = self.floor + (1.0 - self.floor) * slow_wave(t, self.swell_period_s, self.phase) ** 2
        pan = self.pan_centre + PAN_SWAY * (2.0 * slow_wave(t, self.pan_period_s, self.phase) - 1.0)
        return pan_stereo(0.5 * self.level * swell * tone, pan)


@dataclass(frozen=True)
class Strike:
    """One bell note: when, what pitch, how loud, where in the stereo field."""

    time_s: float
    freq: float
    level: float
    pan: float


# (frequency ratio, weight, decay-time factor) of a soft glass bell: nearly harmonic,
# with a slightly stretched top partial for the bell colour, and a second fundamental
# 5 cents up that beats slowly against the first, as a struck bowl does. Upper
# partials die away sooner, so each note mellows as it rings.
BELL_PARTIALS = ((1.0, 1.0, 1.0), (1.003, 0.6, 0.9), (2.0, 0.25, 0.5),
                 (3.01, 0.08, 0.3), (4.18, 0.04, 0.2))

# A note is rendered until its envelope is this many decay times old (about -70 dB).
RING_DECAYS = 8.0


@dataclass(frozen=True)
class Bells:
    """Sparse, softly struck bells.

    The attack is a raised-cosine ramp of tens of milliseconds rather than an instant
    strike, so a note blooms instead of clicking and never stands out as a transient.
    """

    strikes: tuple[Strike, ...]
    decay_s: float = 5.0
    attack_s: float = 0.06

    def render(self, start: int, count: int) -> np.ndarray:
        out = np.zeros((count, 2))
        ring = int(self.decay_s * RING_DECAYS * SAMPLE_RATE)
        for strike in self.strikes:
            onset = round(strike.time_s * SAMPLE_RATE)
            lo, hi = max(start, onset), min(start + count, onset + ring)
            if lo < hi:
                note = self._note(strike, lo - onset, hi - lo)
                out[lo - start:hi - start] += pan_stereo(note, strike.pan)
        return out

    def _note(self, strike: Strike, offset: int, count: int) -> np.ndarray:
        """Samples offset .. offset+count-1 after the onset of one strike (mono)."""
        age = seconds(offset, count)
        ramp = np.minimum(age / self.attack_s, 1.0)
        attack = 0.5 - 0.5 * np.cos(np.pi * ramp)
        tone = np.zeros(count)
        for ratio, weight, decay in BELL_PARTIALS:
            envelope = np.exp((-age / (self.decay_s * decay)).astype(np.float32))
            tone += weight * envelope * sine(strike.freq * ratio, offset, count)
        return strike.level * attack * tone


# Noise is made in overlapping grains: each grain is white noise from its own seed,
# shaped in the frequency domain and windowed. A sine window at 50% overlap is
# power-complementary (sin^2 + cos^2 = 1), so independent grains add up to noise of
# steady level with no seams.
GRAIN = 1 << 15
HOP = GRAIN // 2
GRAIN_WINDOW = np.sin(np.pi * (np.arange(GRAIN) + 0.5) / GRAIN)


@dataclass(frozen=True)
class NoiseBed:
    """Band-limited noise that swells slowly: ocean, breath or air.

    Two incommensurate swell periods make irregular waves; the right channel's swell
    lags the left's, so each wave seems to roll across the room.
    """

    seed: int
    level: float  # RMS of the noise before the swell
    low_hz: float
    high_hz: float
    swell_periods_s: tuple[float, float]
    swell_depth: float
    stereo_lag: float = 1.2  # radians

    def render(self, start: int, count: int) -> np.ndarray:
        t = seconds(start, count)
        swell = np.stack([self._swell(t, channel * self.stereo_lag) for channel in (0, 1)], axis=-1)
        return self.level * self._noise(start, count) * swell

    def _swell(self, t: np.ndarray, lag: float) -> np.ndarray:
        first, second = self.swell_periods_s
        wave = 0.5 * slow_wave(t, first, lag) + 0.5 * slow_wave(t, second, 1.7 + lag)
        return (1.0 - self.swell_depth) + self.swell_depth * wave ** 2

    def _noise(self, start: int, count: int) -> np.ndarray:
        out = np.zeros((count, 2))
        # Grain g covers samples g*HOP .. g*HOP+GRAIN-1; grain -1 fills in the very start.
        first = max(-1, (start - GRAIN) // HOP + 1)
        for index in range(first, (start + count - 1) // HOP + 1):
            begin = index * HOP
            lo, hi = max(start, begin), min(start + count, begin + GRAIN)
            out[lo - start:hi - start] += self._grain(index)[lo - begin:hi - begin]
        return out

    def _grain(self, index: int) -> np.ndarray:
        rng = np.random.default_rng([self.seed, index + 1])
        spectrum = np.fft.rfft(rng.standard_normal((GRAIN, 2)), axis=0) * self._response[:, None]
        return np.fft.irfft(spectrum, GRAIN, axis=0) * GRAIN_WINDOW[:, None]

    @functools.cached_property
    def _response(self) -> np.ndarray:
        """Magnitude response of the band: 2nd-order Butterworth-like skirts, unit RMS gain.

        Scaled so that white noise of unit RMS comes out with unit RMS: `level` is then
        the bed's RMS whatever the band.
        """
        freqs = np.fft.rfftfreq(GRAIN, 1.0 / SAMPLE_RATE)
        with np.errstate(divide="ignore"):
            highpass = 1.0 / np.sqrt(1.0 + (self.low_hz / freqs) ** 4)
        lowpass = 1.0 / np.sqrt(1.0 + (freqs / self.high_hz) ** 4)
        response = highpass * lowpass
        return response / np.sqrt(np.mean(response ** 2))
