"""The checkpoint chime: one soft, low bell-like tone, made here rather than shipped.

A checkpoint coming due is shown on screen and stays there; the chime (off
unless the therapist turns it on in Settings) only draws the eye back to it.
So it is quiet (peaks at -20 dBFS, under any music at the same volume), low
(G4 with a few gentle partials, nothing shrill), rises over 20 ms so it never
clicks, and dies away over two seconds.
"""

from __future__ import annotations

import numpy as np

from kapdesk.audio.output import OutputFormat

LENGTH_S = 2.0
PEAK = 0.1  # -20 dBFS
FUNDAMENTAL_HZ = 392.0
#: (multiple of the fundamental, relative level, decay time constant in s): a
#: soft bowl-like timbre; the upper partials fade first, as a real bell's do.
PARTIALS = ((1.0, 1.0, 0.70), (2.0, 0.35, 0.45), (2.76, 0.18, 0.30), (4.07, 0.06, 0.20))
ATTACK_S = 0.02
RELEASE_S = 0.15  # the last of the tail is faded to exact silence


def chime_samples(fmt: OutputFormat, volume: float = 1.0) -> np.ndarray:
    """The chime as int16 samples shaped (frames, channels) for `fmt`, scaled by `volume`."""
    frames = round(LENGTH_S * fmt.rate)
    t = np.arange(frames) / fmt.rate
    tone = np.zeros(frames)
    for multiple, level, decay_s in PARTIALS:
        tone += level * np.exp(-t / decay_s) * np.sin(2 * np.pi * FUNDAMENTAL_HZ * multiple * t)
    envelope = np.minimum(1.0, t / ATTACK_S) * np.clip((LENGTH_S - t) / RELEASE_S, 0.0, 1.0)
    tone *= envelope
    tone *= PEAK * min(1.0, max(0.0, volume)) / np.max(np.abs(tone))
    mono = np.round(tone * 32767).astype(np.int16)
    return np.ascontiguousarray(np.repeat(mono[:, None], fmt.channels, axis=1))
