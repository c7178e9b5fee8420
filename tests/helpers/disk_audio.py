"""What SDL's disk audio driver wrote, read as a listener would hear it, beside the bundled music.

With SDL_AUDIODRIVER=disk and SDL_DISKAUDIOFILE=FILE, SDL writes the mixed
output to FILE as raw samples: KAPDesk's player opens the mixer at 44.1 kHz,
16-bit signed, stereo (kapdesk/audio/pygame_output.py).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

RATE = 44100
FIRST_BUNDLED = Path(__file__).resolve().parents[2] / "assets" / "music" / "01-first-light.ogg"


def heard_left(raw: Path) -> np.ndarray:
    """The left channel of a disk-driver file, as floats (full scale 32767)."""
    return np.fromfile(raw, dtype="<i2").reshape(-1, 2)[:, 0].astype(np.float64)


def rms(samples: np.ndarray, start_s: float, end_s: float) -> float:
    part = samples[round(start_s * RATE) : round(end_s * RATE)]
    return float(np.sqrt(np.mean(part**2))) if len(part) else 0.0


def bundled_left(seconds: float, track: Path = FIRST_BUNDLED) -> np.ndarray:
    """The first `seconds` of a bundled track's left channel, decoded from the file."""
    import soundfile

    data, rate = soundfile.read(track, frames=round(seconds * RATE), dtype="int16", always_2d=True)
    assert rate == RATE
    return data[:, 0].astype(np.float64)
