"""A deck: one track streaming onto one mixer channel.

The mixer channel plays one sound and holds one queued behind it, so a deck
keeps exactly two decoded chunks in the mixer's hands and refills the queue at
each `pump()` once the queued chunk has started. With one-second chunks and a
tick every 100-250 ms there is always most of a second in reserve.

A deck knows its own timing (position, time left, when its closing fade
begins) from the player's `PlayTime`, not from the mixer, which cannot say how
far into a sound it is. Its gain is the baked `TrackEnvelope` times a channel
volume set by the player (master x playlist volume x `fade` x silence).
"""

from __future__ import annotations

from collections import deque
from typing import Any

import numpy as np

from kapdesk.audio.completeness import TOLERANCE_S, cut_short_message
from kapdesk.audio.decoder import BROKE_OFF, ENDED_EARLY, DecodeError, StreamDecoder
from kapdesk.audio.fades import Ramp, TrackEnvelope
from kapdesk.audio.output import MixerOutput
from kapdesk.audio.player import PlaylistName, StopReason, Track
from kapdesk.audio.resample import to_int16

#: Chunks a deck hands the mixer before waiting: one playing, one queued.
CHUNKS_AHEAD = 2


class Deck:
    """Streams `track` through `decoder` onto channel number `slot`."""

    def __init__(
        self,
        track: Track,
        decoder: StreamDecoder,
        output: MixerOutput,
        slot: int,
        envelope: TrackEnvelope,
        volume: float,
        playlist_name: PlaylistName = None,
    ) -> None:
        self.track = track
        self.playlist_name = playlist_name
        self.slot = slot
        self.volume = volume  # the playlist's volume
        self.envelope = envelope
        self.fade = Ramp.hold(1.0)  # fades asked for while playing
        self.stop_reason = StopReason.FINISHED
        self.handed_over = False  # the next track has been started
        self.failure: tuple[str, str] | None = None  # (message, detail)
        self._decoder = decoder
        self._output = output
        self._channel = output.channel(slot)
        self._rate = output.format.rate
        self._held: deque[tuple[Any, int]] = deque()
        self._sent = 0  # frames handed to the mixer
        self._started_at = 0.0
        self._exhausted = False
        self._level: float | None = None

    # -- feeding the mixer --------------------------------------------------
    def start(self, now: float, channel_volume: float) -> bool:
        """Begin playing; False if not even one chunk could be decoded."""
        first = self._next_sound()
        if first is None:
            return False
        self.set_level(channel_volume)  # before play: no burst at the old level
        self._channel.play(first)
        self._started_at = now
        self.pump(now)
        return True

    def pump(self, now: float) -> None:
        """Queue the next chunk if the mixer has room for it."""
        if self._exhausted or self._channel.get_queue() is not None:
            return
        if not self._channel.get_busy():
            # The GUI thread stalled and the mixer ran dry: what was sent has
            # all been heard, so re-anchor the clock on that.
            self._started_at = now - self._sent / self._rate
        sound = self._next_sound()
        if sound is not None:
            self._channel.queue(sound)

    def _next_sound(self) -> Any | None:
        block = self._decode()
        if block is None:
            return None
        gains = self.envelope.gains(self._sent, len(block))
        if gains is not None:
            block = block * gains[:, None]
        samples = to_int16(block)
        sound = self._output.make_sound(samples)
        self._sent += len(samples)
        self._held.append((sound, samples.nbytes))
        while len(self._held) > CHUNKS_AHEAD:
            self._held.popleft()
        return sound

    def _decode(self) -> np.ndarray | None:
        try:
            block = self._decoder.read()
        except DecodeError as exc:
            self.failure = (exc.message or BROKE_OFF, exc.detail)
            block = None
        if block is None:
            self._exhausted = True
            if self.failure is None:
                self.failure = self._cut_short()
        return block

    def _cut_short(self) -> tuple[str, str] | None:
        """At the end of the file: was it all there? The decoder knows when
        the file contradicts itself; the library's stated length (the track's
        `duration_s`, read when the folder was scanned) catches a file cut
        since, which now states its shorter length everywhere."""
        if self._decoder.ended_early:
            return ENDED_EARLY, ""
        played = self._sent / self._rate
        stated = self.track.duration_s
        if stated and played < stated - TOLERANCE_S:
            return cut_short_message(played, stated), "shorter than the library's stated length"
        return None

    # -- state --------------------------------------------------------------
    @property
    def decoded_bytes(self) -> int:
        """Bytes of decoded audio this deck keeps alive."""
        return sum(size for _, size in self._held)

    def finished(self) -> bool:
        """Everything decoded has been played."""
        return self._exhausted and not self._channel.get_busy()

    @property
    def played_s(self) -> float:
        """Seconds of the track handed to the mixer so far."""
        return self._sent / self._rate

    def length_s(self) -> float:
        frames = self._sent if self._exhausted else self.envelope.total_frames
        return frames / self._rate

    def position_s(self, now: float) -> float:
        return max(0.0, min(now - self._started_at, self._sent / self._rate))

    def remaining_s(self, now: float) -> float:
        return max(0.0, self.length_s() - self.position_s(now))

    @property
    def closing_fade_s(self) -> float:
        return self.envelope.fade_out_frames / self._rate

    # -- control ------------------------------------------------------------
    def fade_away(self, now: float, seconds: float, reason: StopReason) -> None:
        """Fade this deck to nothing; the player stops it when done. A deck
        already fading away keeps the fade that ends sooner, and its reason."""
        ramp = Ramp(now, max(0.0, seconds), self.fade.gain_at(now), 0.0)
        if self.fading_away and self.fade.t0 + self.fade.duration <= ramp.t0 + ramp.duration:
            return
        if not self.fading_away:
            self.stop_reason = reason
        self.handed_over = True  # a deck on its way out starts nothing
        self.fade = ramp

    @property
    def fading_away(self) -> bool:
        return self.fade.end == 0.0

    def set_level(self, level: float) -> None:
        """Channel volume; only calls the mixer when it would change."""
        if self._level is None or int(level * 128) != int(self._level * 128):
            self._channel.set_volume(level)
        self._level = level

    def pause(self) -> None:
        self._channel.pause()

    def unpause(self) -> None:
        self._channel.unpause()

    def stop(self) -> None:
        self._channel.stop()
        self._decoder.close()
        self._held.clear()
        self._exhausted = True

    def release(self) -> None:
        """Forget everything without touching the mixer (it is gone)."""
        self._decoder.close()
        self._held.clear()
        self._exhausted = True
