"""Which track comes next: a playlist's cursor, its volume and what happens
after its last track. No sound here, just order."""

from __future__ import annotations

from collections.abc import Sequence

from kapdesk.audio.player import PlaylistName, Track, WhenDone
from kapdesk.core.volume import clamp_volume


class PlayQueue:
    """A playlist's tracks in order, with the index of the one playing."""

    def __init__(
        self, tracks: Sequence[Track], volume: float, when_done: WhenDone, name: PlaylistName = None
    ) -> None:
        if not (when_done in ("loop", "stop") or callable(when_done)):
            raise ValueError(f"when_done must be 'loop', 'stop' or a callable, not {when_done!r}")
        self.tracks = tuple(tracks)
        self.volume = clamp_volume(volume)
        self.when_done = when_done
        self.name = name
        self.index: int | None = None

    @property
    def loops(self) -> bool:
        return self.when_done == "loop"

    def current(self) -> Track | None:
        return None if self.index is None else self.tracks[self.index]

    def after(self, index: int | None) -> int | None:
        """The index that follows `index` (the first when None), or None at
        the end of a playlist that does not loop."""
        if not self.tracks:
            return None
        if index is None:
            return 0
        if index + 1 < len(self.tracks):
            return index + 1
        return 0 if self.loops else None

    def before(self, index: int | None) -> int | None:
        """The index before `index`; the first track has none unless looping,
        in which case previous() just restarts it."""
        if not self.tracks:
            return None
        if index is None or index == 0:
            return len(self.tracks) - 1 if self.loops else 0
        return index - 1
