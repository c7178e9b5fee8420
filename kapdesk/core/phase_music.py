"""Which music a session's phases get: the rules the music controller follows.

Each phase of a script may name a music slot ("check-in", "dissolve",
"journey", "return"); the practice gives each slot a playlist, a volume and
what to do when the playlist runs out (`SlotMusic`, stored in the practice's
settings). From those facts this module decides, without playing anything:

* a phase begins: two phases in a row on the same slot keep the music going
  (`keeps_playing`); otherwise the slot's playlist fades in over the phase fade
  at the slot's volume times the playlist's own (`music_for_slot`,
  `play_volume`), and a phase without a slot, a slot without a playlist or a
  playlist without tracks fades to silence. A session that has ended fades to
  silence.
* a slot's playlist runs out (`music_after`): it plays again from the top, or
  the next playlist in the library follows (still at the slot's volume), both
  crossfading in.
* the phase watch (`phase_watch`): when to look at the session again so the
  music follows a phase boundary even while no screen ticks, and what to do
  when that moment comes (`phase_watch_step`).
* a session opens (`silence_toggle`): the silence key is put where the
  session's log has it.

Pure Python on plain data; the music controller (the Qt adapter in the ui
layer) turns the decisions into player commands and signals. Playlists come in as
anything with an id, a name, a volume and tracks (`PlaylistFacts`: the music
store's `StoredPlaylist`), so the decision hands back the very playlist the
adapter gave and the tracks never pass through here.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from kapdesk.core.timeline import SessionState
from kapdesk.core.volume import clamp_volume

#: The slots a phase may name, in the order a session meets them.
SLOTS = ("check-in", "dissolve", "journey", "return")
#: Gentle at onset, deeper and steady at the peak, quiet for the debrief.
DEFAULT_SLOT_VOLUME = {"check-in": 0.5, "dissolve": 0.7, "journey": 0.8, "return": 0.5}
#: When a slot's playlist runs out: play it again, or go on to the next playlist.
WHEN_DONE = ("loop", "next")

#: A playlist tried out in the library fades in quickly.
TRY_OUT_FADE_S = 2.0
#: A paused or extended phase ends later than planned: look again this often.
PAUSED_LOOK_S = 30.0
#: Look just after the planned boundary, never just before it.
BOUNDARY_MARGIN_S = 0.05
#: However long the phase, look at least once an hour.
LONGEST_WAIT_S = 3600.0


@dataclass(frozen=True)
class SlotMusic:
    """What one slot plays: a playlist (or none), its volume, and what to do
    when the playlist runs out before the phase ends."""

    slot: str
    playlist_id: int | None
    volume: float
    when_done: str = "loop"

    def to_dict(self) -> dict[str, Any]:
        return {"playlist_id": self.playlist_id, "volume": self.volume, "when_done": self.when_done}

    @classmethod
    def from_value(cls, slot: str, value: Any) -> SlotMusic:
        """Forgiving: anything unreadable takes the slot's default."""
        default = cls(slot, None, DEFAULT_SLOT_VOLUME.get(slot, 0.7))
        if not isinstance(value, Mapping):
            return default
        playlist_id = value.get("playlist_id")
        volume = value.get("volume")
        when_done = value.get("when_done")
        return cls(
            slot,
            playlist_id if isinstance(playlist_id, int) and not isinstance(playlist_id, bool) else None,
            clamp_volume(volume) if isinstance(volume, (int, float)) and not isinstance(volume, bool)
            else default.volume,
            when_done if when_done in WHEN_DONE else "loop",
        )


class PlaylistFacts(Protocol):
    """What the rules need to know of a playlist (the store's `StoredPlaylist`)."""

    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def volume(self) -> float: ...
    @property
    def tracks(self) -> Sequence[object]: ...


P = TypeVar("P", bound=PlaylistFacts)


@dataclass(frozen=True)
class Play(Generic[P]):
    """Fade `playlist` in over `fade_in_s` at `volume` (0 to 1). When it runs
    out it loops, or, with `goes_on`, the slot's next playlist follows
    (`music_after`)."""

    playlist: P
    volume: float
    fade_in_s: float
    goes_on: bool = False
    slot_volume: float = 1.0  # what the playlist that follows is played at


def play_volume(slot_volume: float, playlist_volume: float) -> float:
    """A slot's volume times its playlist's own level."""
    return slot_volume * playlist_volume


def keeps_playing(slot_playing: str | None, phase_slot: str | None, playing: bool) -> bool:
    """Two phases in a row on the same slot keep the music going (while any plays)."""
    return playing and phase_slot == slot_playing


def music_for_slot(music: SlotMusic | None, playlist: P | None,
                   phase_fade_s: float) -> Play[P] | None:
    """The slot's playlist faded in over the phase fade, or None (fade to
    silence) when the phase has no slot, the slot no playlist, or the playlist
    no tracks."""
    if music is None or playlist is None or not playlist.tracks:
        return None
    return Play(playlist, play_volume(music.volume, playlist.volume), phase_fade_s,
                goes_on=music.when_done == "next", slot_volume=music.volume)


def music_after(finished: Play[P], following: P | None, crossfade_s: float) -> Play[P]:
    """A slot's playlist that goes on has run out: the next playlist (or, with
    no other, the same one again) crossfades in at the slot's volume, then loops."""
    playlist = following if following is not None else finished.playlist
    return Play(playlist, play_volume(finished.slot_volume, playlist.volume), crossfade_s,
                slot_volume=finished.slot_volume)


def tried_out(playlist: P, volume: float = 1.0) -> Play[P]:
    """One playlist played on its own, to try it out in the library."""
    return Play(playlist, play_volume(volume, playlist.volume), TRY_OUT_FADE_S)


def phase_watch(state: SessionState) -> float | None:
    """Seconds until the music should look at the session again, or None when
    no phase boundary is ahead (the session ended, or its last phase runs)."""
    if state.ended or state.is_last_phase:
        return None
    wait_s = PAUSED_LOOK_S if state.paused else max(BOUNDARY_MARGIN_S,
                                                   state.phase_remaining_s + BOUNDARY_MARGIN_S)
    return min(wait_s, LONGEST_WAIT_S)


class WatchStep(enum.Enum):
    """What the phase watch finds when it wakes."""

    END = "end"  # the session ended: fade to silence
    FOLLOW = "follow"  # a new phase began: follow it
    WAIT = "wait"  # still the same phase (paused or extended): look again later


def phase_watch_step(state: SessionState, phase_followed: int | None) -> WatchStep:
    if state.ended:
        return WatchStep.END
    if state.phase_index != phase_followed:
        return WatchStep.FOLLOW
    return WatchStep.WAIT


def silence_toggle(session_silenced: bool, player_silenced: bool) -> str | None:
    """The silence key to carry a session's log over to the player: the kind of
    the toggle needed ("music_silenced" or "music_resumed"), or None.

    A session resumed after a crash was silenced if its log says so: no music
    until the key is pressed again, like every other state of the session. A
    new session starts with the music on, even if the last one ended silenced.
    """
    if session_silenced == player_silenced:
        return None
    return "music_silenced" if session_silenced else "music_resumed"
