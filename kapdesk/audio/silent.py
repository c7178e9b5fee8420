"""The player used when no sound output can be opened.

The session must go on without music, so this player accepts every command and
does nothing. It reports no track events: the session log must not claim music
played that nobody heard. Its `problem` is the calm sentence the UI shows once.
"""

from __future__ import annotations

from collections.abc import Sequence

from kapdesk.audio.player import (
                                  PlayerState,
                                  PlaylistName,
                                  Track,
                                  WhenDone,
                                  clamp_crossfade,
                                  )
from kapdesk.core.volume import clamp_volume

NO_OUTPUT_MESSAGE = "No sound output — the session continues without music."


class SilentPlayer:
    """A `Player` with no sound. Keeps only the settings it is given."""

    def __init__(self, problem: str = NO_OUTPUT_MESSAGE) -> None:
        self._problem = problem
        self._volume = 1.0
        self._crossfade_s = 6.0

    @property
    def state(self) -> PlayerState:
        return PlayerState.STOPPED

    @property
    def current_track(self) -> Track | None:
        return None

    @property
    def position_s(self) -> float:
        return 0.0

    @property
    def volume(self) -> float:
        return self._volume

    @property
    def crossfade_s(self) -> float:
        return self._crossfade_s

    @property
    def problem(self) -> str | None:
        return self._problem

    @property
    def playlist(self) -> tuple[Track, ...]:
        return ()

    @property
    def decoded_bytes(self) -> int:
        return 0

    def play_playlist(
        self,
        tracks: Sequence[Track],
        volume: float = 1.0,
        fade_in_s: float = 8.0,
        when_done: WhenDone = "loop",
        name: PlaylistName = None,
    ) -> None:
        pass

    def fade_out(self, seconds: float = 8.0) -> None:
        pass

    def stop(self) -> None:
        pass

    def next(self) -> None:
        pass

    def previous(self) -> None:
        pass

    def toggle_silence(self) -> PlayerState:
        return PlayerState.STOPPED

    def set_volume(self, volume: float) -> None:
        self._volume = clamp_volume(volume)

    def chime(self) -> float:
        return 0.0

    def set_crossfade(self, seconds: float) -> None:
        self._crossfade_s = clamp_crossfade(seconds)

    def tick(self) -> None:
        pass

    def close(self) -> None:
        pass
