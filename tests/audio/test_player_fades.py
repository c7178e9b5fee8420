"""Envelope maths for fades and crossfades (kapdesk.audio.fades): pure, no sound."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from kapdesk.audio.fades import Ramp, TrackEnvelope, handover_due, rise
from kapdesk.audio.player import clamp_crossfade


def test_ramp_moves_from_start_to_end_over_its_duration():
    ramp = Ramp(t0=10.0, duration=4.0, start=1.0, end=0.0)
    assert ramp.gain_at(9.0) == 1.0
    assert ramp.gain_at(10.0) == 1.0
    assert 0.0 < ramp.gain_at(12.0) < 1.0
    assert ramp.gain_at(14.0) == 0.0
    assert ramp.gain_at(100.0) == 0.0
    assert not ramp.done_at(13.9) and ramp.done_at(14.0)


def test_equal_power_crossfade_keeps_power_constant():
    out = Ramp(0.0, 6.0, 1.0, 0.0)
    into = Ramp(0.0, 6.0, 0.0, 1.0)
    for t in np.linspace(0, 6, 61):
        assert math.isclose(out.gain_at(t) ** 2 + into.gain_at(t) ** 2, 1.0, abs_tol=1e-9)


def test_zero_length_ramp_jumps_and_hold_holds():
    assert Ramp(5.0, 0.0, 1.0, 0.0).gain_at(5.0) == 0.0
    assert Ramp.hold(0.3).gain_at(-1e9) == 0.3 == Ramp.hold(0.3).gain_at(1e9)


@given(
    start=st.floats(0, 1),
    end=st.floats(0, 1),
    duration=st.floats(0.01, 20),
    times=st.lists(st.floats(-5, 30), min_size=2, max_size=20),
)
def test_ramp_is_monotonic_and_bounded(start, end, duration, times):
    ramp = Ramp(0.0, duration, start, end)
    gains = [ramp.gain_at(t) for t in sorted(times)]
    low, high = min(start, end), max(start, end)
    assert all(low - 1e-12 <= g <= high + 1e-12 for g in gains)
    steps = np.diff(gains)
    assert np.all(steps >= -1e-12) if end >= start else np.all(steps <= 1e-12)


def chunked_gains(env: TrackEnvelope, chunk: int) -> np.ndarray:
    """The envelope as the deck would see it, chunk by chunk."""
    parts = []
    for first in range(0, env.total_frames, chunk):
        count = min(chunk, env.total_frames - first)
        part = env.gains(first, count)
        parts.append(np.ones(count, np.float32) if part is None else part)
    return np.concatenate(parts)


def test_track_envelope_fades_in_and_out_at_the_ends():
    env = TrackEnvelope(total_frames=1000, fade_in_frames=100, fade_out_frames=200)
    gains = chunked_gains(env, 100)
    assert gains[0] < 0.02 and gains[-1] < 0.02
    assert np.all(np.diff(gains[:100]) > 0)
    assert np.all(gains[100:800] == 1.0)
    assert np.all(np.diff(gains[800:]) < 0)


def test_track_envelope_costs_nothing_in_the_middle():
    env = TrackEnvelope(total_frames=10_000, fade_in_frames=100, fade_out_frames=100)
    assert env.gains(5000, 1000) is None


def test_chunked_envelope_equals_whole_envelope():
    env = TrackEnvelope(total_frames=997, fade_in_frames=300, fade_out_frames=250)
    assert np.allclose(chunked_gains(env, 128), env.gains(0, 997))


def test_fades_are_clamped_to_a_third_of_a_short_track():
    env = TrackEnvelope.for_track(total_frames=3000, rate=1000, fade_in_s=8.0, fade_out_s=6.0)
    assert env.fade_in_frames == 1000 and env.fade_out_frames == 1000


def test_crossfade_setting_is_kept_in_range():
    assert clamp_crossfade(-3) == 0.0
    assert clamp_crossfade(6) == 6.0
    assert clamp_crossfade(30) == 12.0


def test_next_track_starts_when_closing_fade_begins():
    assert not handover_due(remaining_s=6.2, closing_fade_s=6.0)
    assert handover_due(remaining_s=6.0, closing_fade_s=6.0)
    assert handover_due(remaining_s=0.0, closing_fade_s=0.0)
    assert not handover_due(remaining_s=0.1, closing_fade_s=0.0)


def test_rise_is_the_quarter_sine():
    assert rise(-1) == 0.0 and rise(2) == 1.0
    assert math.isclose(rise(0.5), math.sqrt(0.5))
