"""Decoded audio held at any moment stays far under 64 MiB, however long the track.

A whole long track is played through in fake time on a fake mixer at the real
output format (44.1 kHz stereo), measuring with tracemalloc, which sees numpy's
buffers and the copies pygame makes for Sound(buffer=...) alike.
"""

from __future__ import annotations

import tracemalloc

from kapdesk.audio.player import PlayerState, Track
from kapdesk.audio.streaming_player import StreamingPlayer
from tests.helpers.audio_files import write_long_quiet

LIMIT = 64 * 2**20
MINUTES = 12  # decoded whole: 12 * 60 * 44100 * 4 bytes = 127 MB


def test_a_long_track_plays_through_in_bounded_memory(tmp_path, clock, make_output, events):
    long = Track.from_path(write_long_quiet(tmp_path / "long.wav", MINUTES * 60))
    player = StreamingPlayer(clock, make_output(rate=44100, record=False), events.append)
    tracemalloc.start()
    try:
        player.play_playlist([long], fade_in_s=8.0, when_done="stop")
        for _ in range(MINUTES * 60 * 4 + 20):
            clock.advance(0.25)
            player.tick()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [e.kind for e in events] == ["track_started", "track_stopped"]
    assert player.state is PlayerState.STOPPED
    assert player.peak_decoded_bytes <= 2 * 44100 * 4
    print(f"peak traced memory {peak / 2**20:.1f} MiB")
    assert peak < LIMIT
