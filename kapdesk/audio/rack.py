"""The rack: the decks sounding now, each on its own mixer channel.

The player decides *what* should play; the rack does the bookkeeping of the
decks that are playing: opening a track onto a free channel, feeding them,
setting their levels, and retiring them (with their track_stopped, and a
track_failed first if the file broke off) when they finish or fade away.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from kapdesk.audio.decoder import NO_SOUND, DecodeError, StreamDecoder
from kapdesk.audio.deck import Deck
from kapdesk.audio.fades import TrackEnvelope
from kapdesk.audio.output import MixerOutput
from kapdesk.audio.player import PlayerEventKind, StopReason, Track
from kapdesk.audio.play_queue import PlayQueue

Emit = Callable[[PlayerEventKind, dict[str, Any]], None]
Level = Callable[[Deck], float]


class DeckRack:
    """Decks in the order they started, oldest first."""

    def __init__(self, output: MixerOutput, emit: Emit) -> None:
        self._output = output
        self._emit = emit
        self._decks: list[Deck] = []

    def __iter__(self) -> Iterator[Deck]:
        return iter(list(self._decks))  # a copy: callers retire while iterating

    def __bool__(self) -> bool:
        return bool(self._decks)

    def lead(self) -> Deck | None:
        """The newest deck not on its way out: the track playing now."""
        for deck in reversed(self._decks):
            if not deck.fading_away:
                return deck
        return None

    @property
    def decoded_bytes(self) -> int:
        return sum(deck.decoded_bytes for deck in self._decks)

    # -- opening ----------------------------------------------------------------
    def open(
        self,
        track: Track,
        playlist: PlayQueue,
        fade_in_s: float,
        closing_fade_s: float,
        now: float,
        level: Level,
    ) -> bool:
        """Start `track` on a free channel; False (and track_failed) if it
        cannot be played."""
        rate = self._output.format.rate
        try:
            decoder = StreamDecoder(track.path, self._output.format)
        except DecodeError as exc:
            self.emit_failed(track, exc.message, exc.detail)
            return False
        envelope = TrackEnvelope.for_track(decoder.total_frames, rate, fade_in_s, closing_fade_s)
        slot = self._free_slot()
        deck = Deck(track, decoder, self._output, slot, envelope, playlist.volume, playlist.name)
        if not deck.start(now, level(deck)):
            deck.release()
            self.emit_failed(track, *(deck.failure or (NO_SOUND, "")))
            return False
        self._decks.append(deck)
        return True

    def _free_slot(self) -> int:
        used = {deck.slot for deck in self._decks}
        for slot in range(self._output.channel_count):
            if slot not in used:
                return slot
        oldest = self._decks[0]  # only after frantic skipping: cut the oldest
        self.retire(oldest)
        return oldest.slot

    # -- running ------------------------------------------------------------------
    def pump(self, now: float) -> None:
        for deck in self._decks:
            deck.pump(now)

    def set_levels(self, level: Level) -> None:
        for deck in self._decks:
            deck.set_level(level(deck))

    def pause(self) -> None:
        for deck in self._decks:
            deck.pause()

    def unpause(self) -> None:
        for deck in self._decks:
            deck.unpause()

    # -- retiring -----------------------------------------------------------------
    def fade(self, deck: Deck, now: float, seconds: float, reason: StopReason, at_once: bool) -> None:
        """Fade `deck` away over `seconds`, or retire it now if `at_once`."""
        if at_once or seconds <= 0:
            deck.stop_reason = reason
            self.retire(deck)
        else:
            deck.fade_away(now, seconds, reason)

    def retire_done(self, now: float) -> None:
        for deck in list(self._decks):
            if (deck.fading_away and deck.fade.done_at(now)) or deck.finished():
                self.retire(deck)

    def retire(self, deck: Deck) -> None:
        deck.stop()
        self._decks.remove(deck)
        reason = deck.stop_reason
        if deck.failure is not None:
            self.emit_failed(deck.track, *deck.failure, played_s=deck.played_s)
            # What was left of it played out: it did not "finish".
            reason = StopReason.DAMAGED if reason is StopReason.FINISHED else reason
        self._emit_stopped(deck.track, reason)

    def drop_all(self) -> None:
        """The output is gone: forget every deck without touching the mixer."""
        for deck in self._decks:
            deck.release()
            self._emit_stopped(deck.track, StopReason.STOPPED)
        self._decks.clear()

    def _emit_stopped(self, track: Track, reason: StopReason) -> None:
        self._emit(PlayerEventKind.TRACK_STOPPED, {"path": str(track.path), "reason": reason.value})

    def emit_failed(self, track: Track, message: str, detail: str, played_s: float = 0.0) -> None:
        """track_failed; `played_s` (how much of it was heard first) only when some was."""
        data: dict[str, Any] = {"path": str(track.path), "message": message, "detail": detail}
        if played_s > 0:
            data["played_s"] = round(played_s, 1)
        self._emit(PlayerEventKind.TRACK_FAILED, data)
