"""The music player's interface and its plain-data vocabulary.

Everything the rest of the app needs to know about playing music is here: a
`Track`, the `PlayerState` a view shows, the `PlayerEvent`s the session log
records, and the `Player` protocol that both the real (pygame) player and the
silent stand-in satisfy. Nothing here touches a sound device, so importing it is
cheap and safe on a machine with no audio at all.

Driving model: the UI owns a timer that calls `Player.tick()` a few times a
second (every 100-250 ms). All fades, crossfades and end-of-track handling
happen inside `tick()`; no method blocks and no method raises because of a bad
file or a lost sound device. Problems arrive as events instead.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol, TypeAlias


@dataclass(frozen=True)
class Track:
    """One music file as the player sees it."""

    path: Path
    title: str
    duration_s: float | None = None

    @classmethod
    def from_path(cls, path: str | Path, title: str | None = None) -> Track:
        """A track titled after its file name when no title is known."""
        path = Path(path)
        return cls(path=path, title=title or path.stem)


class PlayerState(enum.Enum):
    """What a view shows about the music.

    STOPPED  nothing is playing (and silence mode is off).
    PLAYING  music is audible or about to be (crossfades between tracks and a
             phase change's fade-over count as playing).
    FADING   only music on its way out is left: `fade_out()` is running.
    SILENCED the silence key is on. Music fades away within 2 s and waits,
             position kept; new playlists wait too, until the key is pressed again.
    """

    STOPPED = "stopped"
    PLAYING = "playing"
    FADING = "fading"
    SILENCED = "silenced"


class PlayerEventKind(enum.StrEnum):
    """The kinds of `PlayerEvent`, with the keys of their data.

    The names and required keys are those of the session log's vocabulary
    (`kapdesk.core.events.EventKind`, of which these are the music kinds), so
    an event can be written to the log as it is;
    "detail" and "position_s" are extra keys, which the log allows.
    """

    TRACK_STARTED = "track_started"  # {path, title, playlist, position_s}
    TRACK_STOPPED = "track_stopped"  # {path, reason: StopReason value}
    TRACK_FAILED = "track_failed"  # {path, message, detail[, played_s if some was heard]}
    SILENCED = "music_silenced"  # {}
    RESUMED = "music_resumed"  # {} then a track_started for each track heard again
    VOLUME_CHANGED = "volume_changed"  # {volume}
    OUTPUT_LOST = "output_lost"  # {message, detail}


class StopReason(enum.StrEnum):
    """Why a track's sound ended (the `reason` of a track_stopped event)."""

    FINISHED = "finished"  # it played to its end
    DAMAGED = "damaged"  # the file broke off or ended before its stated length
    SKIPPED = "skipped"  # next() / previous()
    FADED = "faded"  # fade_out() or a new playlist faded it away
    STOPPED = "stopped"  # stop(), close(), or the sound output went away


@dataclass(frozen=True)
class PlayerEvent:
    """Something the session log should record. Plain data only: str keys,
    str/float values, so it can be stored as JSON as it is."""

    kind: str
    data: Mapping[str, Any] = field(default_factory=dict)


EventSink: TypeAlias = Callable[[PlayerEvent], None]

#: How the session log names a playlist (a music slot's name or a stored id).
PlaylistName: TypeAlias = str | int | None

#: What happens after a playlist's last track: play it again from the top,
#: stop, or call this function (with no arguments) at the moment the next
#: track would have started, i.e. when the last track begins its closing
#: fade, so music it starts crossfades in.
WhenDone: TypeAlias = Literal["loop", "stop"] | Callable[[], None]

#: Limits the UI should offer for the crossfade between tracks (seconds).
CROSSFADE_RANGE_S = (0.0, 12.0)


class Player(Protocol):
    """Calming music that follows the session. See the module docstring."""

    @property
    def state(self) -> PlayerState: ...

    @property
    def current_track(self) -> Track | None:
        """The track playing now (or waiting while silenced), else None."""

    @property
    def position_s(self) -> float:
        """Seconds into `current_track` (0.0 when there is none)."""

    @property
    def volume(self) -> float:
        """Master volume, 0.0-1.0."""

    @property
    def problem(self) -> str | None:
        """A calm, user-facing sentence when there is no sound output."""

    @property
    def crossfade_s(self) -> float:
        """The crossfade between consecutive tracks now in force."""

    @property
    def playlist(self) -> tuple[Track, ...]:
        """The tracks of the playlist in play (empty when none)."""

    @property
    def decoded_bytes(self) -> int:
        """Decoded audio held now (diagnostics; bounded far below 64 MiB)."""

    def play_playlist(
        self,
        tracks: Sequence[Track],
        volume: float = 1.0,
        fade_in_s: float = 8.0,
        when_done: WhenDone = "loop",
        name: PlaylistName = None,
    ) -> None:
        """Start a playlist; music already playing fades out over the phase
        fade meanwhile. `name` is copied into track_started events."""

    def fade_out(self, seconds: float = 8.0) -> None:
        """Fade all music to silence over `seconds`, then stop."""

    def stop(self) -> None:
        """Stop at once (no fade)."""

    def next(self) -> None:
        """Crossfade (briefly) to the next track of the playlist."""

    def previous(self) -> None:
        """Crossfade (briefly) to the previous track of the playlist."""

    def toggle_silence(self) -> PlayerState:
        """Silence (within 2 s) or resume where it stopped; returns the new state."""

    def set_volume(self, volume: float) -> None:
        """Set the master volume (0.0-1.0), applied at once."""

    def chime(self) -> float:
        """Play the soft checkpoint chime over whatever plays, at the master
        volume; its length in seconds, or 0.0 if nothing could be heard
        (silence key on, no sound output)."""

    def set_crossfade(self, seconds: float) -> None:
        """Crossfade between consecutive tracks, clamped to CROSSFADE_RANGE_S."""

    def tick(self) -> None:
        """Advance fades and feed the output; call every 100-250 ms."""

    def close(self) -> None:
        """Stop and release the sound output (at app exit)."""


def track_started_data(track: Track, playlist: PlaylistName, position_s: float) -> dict[str, Any]:
    """The data of a track_started event."""
    return {
        "path": str(track.path),
        "title": track.title,
        "playlist": playlist,
        "position_s": round(position_s, 3),
    }


def clamp_crossfade(seconds: float) -> float:
    """The crossfade setting, kept to the range the UI offers."""
    low, high = CROSSFADE_RANGE_S
    return min(high, max(low, float(seconds)))
