"""The bundled tracks: what each one is, and how its voices are put together.

Each track follows a part of the dosing session: warm and open for the check-in,
gentle while the lozenge dissolves, deep and steady for the hour-long lying-down
journey, brighter for the return and debrief. Pitches are just-intonation ratios over
one root, mostly open fifths, fourths and pentatonic degrees, so every pair of notes
that can sound together is consonant. Bells pick their pitches at random, far apart in time:
no phrase long enough to be heard as a tune.

A track's voices are built from its own seed, so the same spec always gives the same
sound.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .voices import Bells, NoiseBed, Pad, Strike, Voice

MAJOR_PENTATONIC = (1.0, 9 / 8, 5 / 4, 3 / 2, 5 / 3)
OPEN_FIFTHS = (1.0, 3 / 2, 2.0, 9 / 4, 3.0, 4.0)  # root, fifth, octave, ninth, twelfth, double octave
# Root, fifth and fourth over two and a half octaves: a suspended sound, neither major nor minor.
SUSPENDED = (1.0, 3 / 2, 2.0, 8 / 3, 3.0, 4.0, 16 / 3, 6.0)


def tones(root_hz: float, ratios: Sequence[float], octaves: Sequence[int] = (0,)) -> list[float]:
    """The frequencies of the given ratios over a root, in each given octave."""
    return [root_hz * ratio * 2 ** octave for octave in octaves for ratio in ratios]


def pad_cloud(rng: np.random.Generator, freqs: Sequence[float], level: float,
              swell_s: tuple[float, float], floor: float = 0.15) -> list[Pad]:
    """A pad per pitch, each swelling on its own slow cycle from its own place.

    The chord heard at any moment is whichever pads are near the top of their swell,
    so the harmony evolves continuously and never repeats exactly. Lower pitches get
    a little more level, for warmth.
    """
    lowest = min(freqs)
    return [Pad(freq=freq, level=level * (lowest / freq) ** 0.3,
                swell_period_s=rng.uniform(*swell_s), phase=rng.uniform(0.0, 2.0 * np.pi),
                pan_centre=rng.uniform(-0.5, 0.5), pan_period_s=rng.uniform(30.0, 90.0),
                floor=floor)
            for freq in freqs]


def strike_plan(rng: np.random.Generator, freqs: Sequence[float], level: float,
                gap_s: tuple[float, float], span_s: tuple[float, float]) -> tuple[Strike, ...]:
    """Bell strikes at random gaps inside a span, never the same pitch twice running."""
    strikes, previous = [], None
    time_s = span_s[0] + rng.uniform(*gap_s) / 2.0
    while time_s < span_s[1]:
        freq = rng.choice([f for f in freqs if f != previous])
        strikes.append(Strike(time_s, float(freq), level * rng.uniform(0.6, 1.0), rng.uniform(-0.6, 0.6)))
        previous = freq
        time_s += rng.uniform(*gap_s)
    return tuple(strikes)


def noise_seed(rng: np.random.Generator) -> int:
    """A seed for a noise bed, drawn from the track's own generator."""
    return int(rng.integers(0, 2 ** 31))


@dataclass(frozen=True)
class TrackSpec:
    """One bundled track: catalogue facts, credits text, seed and voice recipe."""

    file: str
    title: str
    duration_s: float
    mood: str
    suggested_phase: str  # "check-in" | "dissolve" | "journey" | "return"
    character: str
    method: str
    seed: int
    build: Callable[[np.random.Generator, float], list[Voice]]

    def voices(self, seed: int | None = None) -> list[Voice]:
        """The track's voices, from its own seed unless another is given."""
        return self.build(np.random.default_rng(self.seed if seed is None else seed), self.duration_s)


# Bells start after the fade-in has settled and stop early enough to ring out
# before the fade-out ends.
BELL_MARGIN_S = 15.0


def bell_span(duration_s: float) -> tuple[float, float]:
    """When a track's bells may sound."""
    return BELL_MARGIN_S, duration_s - 2.0 * BELL_MARGIN_S


def build_first_light(rng: np.random.Generator, duration_s: float) -> list[Voice]:
    root = 130.81  # C3
    pads = pad_cloud(rng, tones(root, (1.0, 3 / 2, 2.0, 5 / 2, 3.0, 10 / 3, 9 / 2)), 0.30, (15.0, 40.0))
    bells = Bells(strike_plan(rng, tones(root, MAJOR_PENTATONIC, (2, 3)), 0.10, (9.0, 18.0),
                              bell_span(duration_s)), decay_s=4.5)
    air = NoiseBed(noise_seed(rng), 0.03, 300.0, 2500.0, (13.0, 29.0), 0.6)
    return [*pads, bells, air]


def build_slow_dissolve(rng: np.random.Generator, duration_s: float) -> list[Voice]:
    root = 87.31  # F2
    pads = pad_cloud(rng, tones(root, (1.0, 3 / 2, 2.0, 5 / 2, 3.0, 9 / 2, 5.0)), 0.30, (20.0, 55.0),
                     floor=0.25)
    bells = Bells(strike_plan(rng, tones(root, MAJOR_PENTATONIC, (2, 3)), 0.08, (14.0, 28.0),
                              bell_span(duration_s)), decay_s=6.0, attack_s=0.08)
    breath = NoiseBed(noise_seed(rng), 0.06, 150.0, 1200.0, (11.0, 17.0), 0.7)
    return [*pads, bells, breath]


def build_deep_current(rng: np.random.Generator, duration_s: float) -> list[Voice]:
    root = 73.42  # D2
    drone = pad_cloud(rng, tones(root, (1.0, 3 / 2)), 0.40, (50.0, 60.0), floor=0.6)
    pads = pad_cloud(rng, tones(root, OPEN_FIFTHS, (1,)), 0.22, (25.0, 60.0))
    ocean = NoiseBed(noise_seed(rng), 0.09, 40.0, 500.0, (12.0, 19.0), 0.6)
    foam = NoiseBed(noise_seed(rng), 0.03, 700.0, 3500.0, (12.0, 19.0), 0.9)
    return [*drone, *pads, ocean, foam]


def build_still_horizon(rng: np.random.Generator, duration_s: float) -> list[Voice]:
    root = 82.41  # E2
    pads = pad_cloud(rng, tones(root, SUSPENDED), 0.25, (30.0, 60.0), floor=0.2)
    shimmer = pad_cloud(rng, tones(root, (8.0, 12.0, 18.0)), 0.03, (40.0, 60.0), floor=0.0)
    gong = Bells(strike_plan(rng, tones(root, (1.0, 3 / 2), (1,)), 0.12, (30.0, 60.0),
                             bell_span(duration_s)), decay_s=9.0, attack_s=0.12)
    wind = NoiseBed(noise_seed(rng), 0.02, 1000.0, 6000.0, (23.0, 37.0), 0.5)
    return [*pads, *shimmer, gong, wind]


def build_homecoming(rng: np.random.Generator, duration_s: float) -> list[Voice]:
    root = 220.0  # A3
    pads = pad_cloud(rng, tones(root, (1.0, 5 / 4, 3 / 2, 2.0, 9 / 4, 5 / 2, 3.0)), 0.25, (10.0, 25.0))
    bells = Bells(strike_plan(rng, tones(root, MAJOR_PENTATONIC, (2,)), 0.10, (5.0, 11.0),
                              bell_span(duration_s)), decay_s=3.5, attack_s=0.04)
    air = NoiseBed(noise_seed(rng), 0.015, 1500.0, 7000.0, (17.0, 31.0), 0.5)
    return [*pads, bells, air]


TRACKS: tuple[TrackSpec, ...] = (
    TrackSpec(
        file="01-first-light.ogg", title="First Light", duration_s=300.0,
        mood="warm, open, welcoming", suggested_phase="check-in",
        character="A warm major chord in the middle register that breathes slowly, with "
                  "an occasional soft glass bell high above.",
        method="Pads on C3 G3 C4 E4 G4 A4 D5 in just intonation, each swelling on its own "
               "15-40 s cycle; bells on the C major pentatonic (C5-A6) every 9-18 s with "
               "60 ms attacks; faint band-passed noise (300-2500 Hz) as room air.",
        seed=1101, build=build_first_light),
    TrackSpec(
        file="02-slow-dissolve.ogg", title="Slow Dissolve", duration_s=600.0,
        mood="gentle, unhurried, settling", suggested_phase="dissolve",
        character="Low, soft harmony on F that never stops moving, a slow breath of noise, "
                  "and a bell now and then to mark the time passing.",
        method="Pads on F2 C3 F3 A3 C4 G4 A4 in just intonation on 20-55 s cycles; "
               "band-passed noise (150-1200 Hz) swelling on 11 and 17 s cycles like slow "
               "breathing; F major pentatonic bells (F4-D6) every 14-28 s with 80 ms attacks "
               "and 6 s decays.",
        seed=2202, build=build_slow_dissolve),
    TrackSpec(
        file="03-deep-current.ogg", title="Deep Current", duration_s=960.0,
        mood="deep, steady, oceanic", suggested_phase="journey",
        character="A steady low drone on D with open fifths above it and the wash of a "
                  "distant sea. Nothing is struck; it only rises and falls.",
        method="A D2/A2 drone that never drops below 60% level; open-fifth pads on D3 A3 D4 "
               "E4 A4 D5 in just intonation on 25-60 s cycles; low-passed noise (40-500 Hz) "
               "and a quieter 'foam' band (700-3500 Hz) swelling on 12 and 19 s cycles, "
               "rolling from side to side.",
        seed=3303, build=build_deep_current),
    TrackSpec(
        file="04-still-horizon.ogg", title="Still Horizon", duration_s=960.0,
        mood="vast, still, weightless", suggested_phase="journey",
        character="Suspended harmony on E, neither major nor minor, with a faint high "
                  "shimmer, a soft wind and a deep bell every half minute or so.",
        method="Pads on E2 B2 E3 A3 B3 E4 A4 B4 in just intonation on 30-60 s cycles; very "
               "quiet high tones (E5 B5 F#6) swelling up from silence; deep bells (E3, B3) "
               "every 30-60 s with 120 ms attacks and 9 s decays; high band noise (1-6 kHz) "
               "as wind.",
        seed=4404, build=build_still_horizon),
    TrackSpec(
        file="05-homecoming.ogg", title="Homecoming", duration_s=480.0,
        mood="bright, clear, gently awakening", suggested_phase="return",
        character="A brighter major chord on A in a higher register, moving a little "
                  "faster, with clear bells every few seconds to bring attention back.",
        method="Pads on A3 C#4 E4 A4 B4 C#5 E5 in just intonation on 10-25 s cycles; A "
               "major pentatonic bells (A5-F#6) every 5-11 s with 40 ms attacks and 3.5 s "
               "decays; a trace of high air noise (1.5-7 kHz).",
        seed=5505, build=build_homecoming),
)
