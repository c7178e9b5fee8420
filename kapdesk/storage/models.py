"""Typed ORM classes mapped onto the tables of `tables.py`.

Use these where an object graph helps (review, music library); the start-up
path uses Core directly so that the ORM is not imported before the first paint.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import DeclarativeBase, Mapped

from kapdesk.storage import tables


class Base(DeclarativeBase):
    metadata = tables.metadata


class Setting(Base):
    __table__ = tables.practice_settings
    key: Mapped[str]
    value: Mapped[Any]


class Client(Base):
    __table__ = tables.clients
    id: Mapped[int]
    display_name: Mapped[str]
    date_of_birth: Mapped[str | None]
    pronouns: Mapped[str]
    notes: Mapped[str]
    intention: Mapped[str]
    music_likes: Mapped[str]
    music_dislikes: Mapped[str]
    archived: Mapped[bool]
    created_at: Mapped[float]
    updated_at: Mapped[float]


class StoredScript(Base):
    """A therapist's own session script (built-in scripts live in code)."""

    __table__ = tables.scripts
    id: Mapped[str]
    name: Mapped[str]
    body: Mapped[dict[str, Any]]
    archived: Mapped[bool]
    created_at: Mapped[float]
    updated_at: Mapped[float]


class Session(Base):
    """One dosing session. Its content is the event log; this row indexes it."""

    __table__ = tables.sessions
    id: Mapped[int]
    client_id: Mapped[int]
    script_id: Mapped[str]
    script_name: Mapped[str]
    started_at: Mapped[float]
    ended_at: Mapped[float | None]
    last_alive_at: Mapped[float]
    signed_at: Mapped[float | None]
    signed_by: Mapped[str | None]


class SessionEvent(Base):
    __table__ = tables.session_events
    id: Mapped[int]
    session_id: Mapped[int]
    seq: Mapped[int]
    kind: Mapped[str]
    at: Mapped[float]
    data: Mapped[dict[str, Any]]


class MusicFolder(Base):
    __table__ = tables.music_folders
    id: Mapped[int]
    path: Mapped[str]
    added_at: Mapped[float]


class LibraryTrack(Base):
    __table__ = tables.library_tracks
    id: Mapped[int]
    path: Mapped[str]
    folder_id: Mapped[int | None]
    title: Mapped[str]
    artist: Mapped[str]
    album: Mapped[str]
    duration_s: Mapped[float]
    bundled: Mapped[bool]


class Playlist(Base):
    __table__ = tables.playlists
    id: Mapped[int]
    name: Mapped[str]
    volume: Mapped[float]
    created_at: Mapped[float]


class PlaylistItem(Base):
    __table__ = tables.playlist_items
    id: Mapped[int]
    playlist_id: Mapped[int]
    position: Mapped[int]
    track_id: Mapped[int]
