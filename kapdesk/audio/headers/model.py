"""What a header reader gives back, and the one error every reader raises."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


class HeaderError(ValueError):
    """The bytes are not the format they were taken for, or stop too early."""


@dataclass(frozen=True)
class TrackHeader:
    """The length a file states and its tags (None where it has none)."""

    duration_s: float
    title: str | None = None
    artist: str | None = None
    album: str | None = None

    @classmethod
    def from_tags(cls, duration_s: float, *sources: Mapping[str, str]) -> TrackHeader:
        """Tags from `sources` ("title", "artist", "album" keys); the first
        source holding a non-empty value wins."""

        def first(key: str) -> str | None:
            for source in sources:
                value = (source.get(key) or "").strip()
                if value:
                    return value
            return None

        return cls(duration_s, first("title"), first("artist"), first("album"))
