"""Music volumes as fractions of full scale, the one rule every layer shares.

A volume is a number from 0 (silence) to 1 (full scale): the player's master
volume, a playlist's own level and a music slot's level all follow it, so the
music store, the player and the phase-music rules clamp the same way.
"""

from __future__ import annotations


def clamp_volume(volume: float) -> float:
    """Volumes are fractions of full scale; anything else is clamped."""
    return min(1.0, max(0.0, float(volume)))
