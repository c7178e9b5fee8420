"""The real player: playlists streamed through decks onto mixer channels.

Each track plays on its own `Deck` (its own channel, kept in a `DeckRack`), so
two tracks can sound together: that is how crossfades between tracks and
between phases work. This module decides what plays and when: the playlist
order, the handover to the next track, skips, the silence key, and every
channel's volume (master x playlist x fade x silence). Problems become events:

* a file that cannot be played -> track_failed, and the playlist moves on;
  a playlist whose every file fails is tried once round, then left stopped;
* the output failing (any of `output.errors`, i.e. pygame.error, from any
  mixer call) -> output_lost, and from then on the player is silent and inert.

Nothing here raises into the caller for those. Events and `when_done` calls are
delivered only after the player's state is consistent again, so a listener may
call back into the player.

The player is mixer-agnostic: `factory.open_player` gives it a
`PygameOutput`; tests give it a fake output driven by a FakeClock.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from kapdesk.audio.chime import LENGTH_S as CHIME_LENGTH_S
from kapdesk.audio.chime import chime_samples
from kapdesk.audio.deck import Deck
from kapdesk.audio.fades import Ramp, handover_due
from kapdesk.audio.output import MixerOutput
from kapdesk.audio.player import (
                                  EventSink,
                                  PlayerEvent,
                                  PlayerEventKind,
                                  PlayerState,
                                  PlaylistName,
                                  StopReason,
                                  Track,
                                  WhenDone,
                                  clamp_crossfade,
                                  track_started_data,
                                  )
from kapdesk.audio.play_queue import PlayQueue
from kapdesk.audio.rack import DeckRack
from kapdesk.audio.timebase import PlayTime
from kapdesk.core.clock import Clock
from kapdesk.core.volume import clamp_volume

#: The silence key: music is inaudible this long after the press (plus at most
#: one tick and the mixer's ~50 ms buffer), well inside the 2 s promised.
SILENCE_FADE_S = 1.5
#: Coming back from silence is gentler than going.
RESUME_FADE_S = 3.0
#: next()/previous(): a short crossfade, so there is never a hole.
SKIP_FADE_S = 1.5
OUTPUT_LOST_MESSAGE = "The sound output stopped working — the session continues without music."

_F = TypeVar("_F", bound=Callable[..., Any])


def _guarded(method: _F) -> _F:
    """Run a command unless the player is closed or lost; turn an output
    failure into output_lost; then deliver what the command produced."""

    @functools.wraps(method)
    def run(self: StreamingPlayer, *args: Any, **kwargs: Any) -> None:
        if self._lost is None and not self._closed:
            try:
                self._output.check()
                method(self, *args, **kwargs)
            except self._output.errors as exc:
                self._lose_output(exc)
        self._flush()

    return run  # type: ignore[return-value]


class StreamingPlayer:
    """A `Player` over any `MixerOutput`. See the module docstring."""

    def __init__(
        self,
        clock: Clock,
        output: MixerOutput,
        on_event: EventSink | None = None,
        *,
        crossfade_s: float = 6.0,
        phase_fade_s: float = 8.0,
    ) -> None:
        self._time = PlayTime(clock)
        self._output = output
        self._sink = on_event or (lambda event: None)
        self._crossfade_s = clamp_crossfade(crossfade_s)
        self._phase_fade_s = max(0.0, phase_fade_s)
        self._rack = DeckRack(output, self._emit)
        self._playlist: PlayQueue | None = None
        self._pending = False  # the playlist's current track waits for resume
        self._master = 1.0
        self._silenced = False
        self._silence = Ramp.hold(1.0)
        self._lost: str | None = None
        self._closed = False
        self._outbox: list[PlayerEvent | Callable[[], None]] = []
        self.peak_decoded_bytes = 0

    # -- queries ----------------------------------------------------------------
    @property
    def state(self) -> PlayerState:
        if self._lost is not None or self._closed:
            return PlayerState.STOPPED
        if self._silenced:
            return PlayerState.SILENCED
        if self._rack.lead() is not None:
            return PlayerState.PLAYING
        return PlayerState.FADING if self._rack else PlayerState.STOPPED

    @property
    def current_track(self) -> Track | None:
        lead = self._rack.lead()
        if lead is not None:
            return lead.track
        if self._pending and self._playlist is not None:
            return self._playlist.current()
        return None

    @property
    def position_s(self) -> float:
        lead = self._rack.lead()
        return lead.position_s(self._time.now()) if lead is not None else 0.0

    @property
    def volume(self) -> float:
        return self._master

    @property
    def crossfade_s(self) -> float:
        return self._crossfade_s

    @property
    def problem(self) -> str | None:
        return self._lost

    @property
    def playlist(self) -> tuple[Track, ...]:
        return self._playlist.tracks if self._playlist is not None else ()

    @property
    def decoded_bytes(self) -> int:
        """Decoded audio alive now, across all decks."""
        return self._rack.decoded_bytes

    # -- commands ---------------------------------------------------------------
    @_guarded
    def play_playlist(
        self,
        tracks: Sequence[Track],
        volume: float = 1.0,
        fade_in_s: float = 8.0,
        when_done: WhenDone = "loop",
        name: PlaylistName = None,
    ) -> None:
        self._fade_all(self._phase_fade_s, StopReason.FADED)
        self._playlist = PlayQueue(tracks, volume, when_done, name) if tracks else None
        self._pending = False
        if self._playlist is not None:
            self._begin(0, fade_in_s)

    @_guarded
    def fade_out(self, seconds: float = 8.0) -> None:
        self._playlist, self._pending = None, False
        self._fade_all(seconds, StopReason.FADED)

    @_guarded
    def stop(self) -> None:
        self._playlist, self._pending = None, False
        self._fade_all(0.0, StopReason.STOPPED)

    @_guarded
    def next(self) -> None:
        if self._playlist is not None:
            self._skip_to(self._playlist.after(self._playlist.index))

    @_guarded
    def previous(self) -> None:
        if self._playlist is not None:
            self._skip_to(self._playlist.before(self._playlist.index))

    def toggle_silence(self) -> PlayerState:
        self._toggle_silence()
        return self.state

    @_guarded
    def set_volume(self, volume: float) -> None:
        volume = clamp_volume(volume)
        if volume != self._master:
            self._master = volume
            self._set_levels(self._time.now())
            self._emit(PlayerEventKind.VOLUME_CHANGED, {"volume": volume})

    def chime(self) -> float:
        # The silence key means silence in the room: the reminder stays on screen only.
        if self._lost is not None or self._closed or self._silenced:
            return 0.0
        try:
            self._output.check()
            channel = self._output.cue_channel()
            if channel is None:
                return 0.0
            channel.set_volume(1.0)
            channel.play(self._output.make_sound(chime_samples(self._output.format, self._master)))
        except self._output.errors as exc:
            self._lose_output(exc)
            self._flush()
            return 0.0
        return CHIME_LENGTH_S

    def set_crossfade(self, seconds: float) -> None:
        """Applies to tracks started from now on."""
        self._crossfade_s = clamp_crossfade(seconds)

    @_guarded
    def tick(self) -> None:
        now = self._time.now()
        if self._silenced and not self._time.paused and self._silence.done_at(now):
            self._set_levels(now)  # hold at true silence, not at the last step
            self._hold()
        if self._time.paused:
            return
        self._rack.pump(now)
        self._hand_over(now)
        self._rack.retire_done(now)
        self._set_levels(now)
        self.peak_decoded_bytes = max(self.peak_decoded_bytes, self._rack.decoded_bytes)

    def close(self) -> None:
        self.stop()
        self._closed = True
        try:
            self._output.close()
        except self._output.errors:
            pass  # it is going away anyway

    # -- moving through the playlist ----------------------------------------------
    def _begin(self, index: int | None, fade_in_s: float) -> None:
        """Start the playlist at `index`, or keep it for resume if silenced."""
        assert self._playlist is not None
        if index is None:
            return
        if self._silenced:
            self._playlist.index, self._pending = index, True
        else:
            self._start_from(index, fade_in_s)

    def _start_from(self, index: int | None, fade_in_s: float) -> None:
        """Start the first playable track from `index` on, trying each track
        of the playlist at most once."""
        playlist = self._playlist
        assert playlist is not None
        now = self._time.now()
        for _ in playlist.tracks:
            if index is None:
                return
            track = playlist.tracks[index]
            if self._rack.open(track, playlist, fade_in_s, self._crossfade_s, now, self._level_at(now)):
                playlist.index = index
                self._emit(PlayerEventKind.TRACK_STARTED, track_started_data(track, playlist.name, 0.0))
                return
            index = playlist.after(index)

    def _skip_to(self, index: int | None) -> None:
        lead = self._rack.lead()
        if lead is not None:
            self._fade(lead, SKIP_FADE_S, StopReason.SKIPPED)
        if index is None:
            self._playlist_ended()
            return
        self._pending = False
        self._begin(index, SKIP_FADE_S)

    def _hand_over(self, now: float) -> None:
        """Start the next track when the lead enters its closing fade."""
        lead = self._rack.lead()
        if lead is None or lead.handed_over or self._playlist is None:
            return
        if lead.finished() or handover_due(lead.remaining_s(now), lead.closing_fade_s):
            lead.handed_over = True
            index = self._playlist.after(self._playlist.index)
            if index is None:
                self._playlist_ended()
            else:
                self._start_from(index, lead.closing_fade_s)

    def _playlist_ended(self) -> None:
        if self._playlist is not None and callable(self._playlist.when_done):
            self._outbox.append(self._playlist.when_done)

    def _fade_all(self, seconds: float, reason: StopReason) -> None:
        for deck in self._rack:
            self._fade(deck, seconds, reason)

    def _fade(self, deck: Deck, seconds: float, reason: StopReason) -> None:
        # While held silent a fade would never be heard: retire at once.
        self._rack.fade(deck, self._time.now(), seconds, reason, at_once=self._time.paused)

    # -- silence ----------------------------------------------------------------
    @_guarded
    def _toggle_silence(self) -> None:
        if not self._silenced:
            now = self._time.now()
            self._silenced = True
            self._silence = Ramp(now, SILENCE_FADE_S, self._silence.gain_at(now), 0.0)
            self._emit(PlayerEventKind.SILENCED, {})
            self._set_levels(now)
        else:
            self._resume()

    def _hold(self) -> None:
        """Silence has faded out: hold every deck where it is."""
        for deck in self._rack:
            if deck.fading_away:
                self._rack.retire(deck)  # on its way out anyway; do not bring it back
        self._rack.pause()
        self._time.pause()

    def _resume(self) -> None:
        self._silenced = False
        was_held = self._time.paused
        self._time.resume()
        now = self._time.now()
        self._silence = Ramp(now, RESUME_FADE_S, self._silence.gain_at(now), 1.0)
        self._set_levels(now)  # before unpausing, so nothing jumps out
        if was_held:
            self._rack.unpause()
        self._emit(PlayerEventKind.RESUMED, {})
        for deck in self._rack:  # the log closed them at silence; they sound again
            if not deck.fading_away:
                data = track_started_data(deck.track, deck.playlist_name, deck.position_s(now))
                self._emit(PlayerEventKind.TRACK_STARTED, data)
        if self._pending and self._playlist is not None:
            self._pending = False
            self._start_from(self._playlist.index, 0.0)  # the resume ramp fades it in

    # -- levels, events, failure ----------------------------------------------------
    def _level_at(self, now: float) -> Callable[[Deck], float]:
        silence = self._silence.gain_at(now)
        return lambda deck: self._master * deck.volume * deck.fade.gain_at(now) * silence

    def _set_levels(self, now: float) -> None:
        self._rack.set_levels(self._level_at(now))

    def _emit(self, kind: PlayerEventKind, data: dict[str, Any]) -> None:
        self._outbox.append(PlayerEvent(kind.value, data))

    def _flush(self) -> None:
        while self._outbox:
            item = self._outbox.pop(0)
            if isinstance(item, PlayerEvent):
                self._sink(item)
            else:
                item()

    def _lose_output(self, exc: BaseException) -> None:
        self._lost = OUTPUT_LOST_MESSAGE
        self._emit(PlayerEventKind.OUTPUT_LOST, {"message": OUTPUT_LOST_MESSAGE, "detail": str(exc)})
        self._rack.drop_all()
        self._playlist, self._pending = None, False
