"""The practice's tables as typed SQLAlchemy 2 models.

Times are UTC seconds since the epoch (REAL): the session engine in
`kapdesk.core` computes with them directly, and they read the same in any
time zone. JSON columns hold plain dicts/lists (scripts, event data, settings).
The session log (`session_events`) is append-only: triggers created by the
migrations refuse UPDATE and DELETE on it, so no code path can rewrite history.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Setting(Base):
    """One practice-wide setting (thresholds, tags, therapist's name...)."""

    __tablename__ = "practice_settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class Client(Base):
    __tablename__ = "clients"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    display_name: Mapped[str] = mapped_column(String(200))
    date_of_birth: Mapped[str | None] = mapped_column(String(10), default=None)  # ISO yyyy-mm-dd
    pronouns: Mapped[str] = mapped_column(String(50), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    intention: Mapped[str] = mapped_column(Text, default="")
    music_likes: Mapped[str] = mapped_column(Text, default="")
    music_dislikes: Mapped[str] = mapped_column(Text, default="")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[float] = mapped_column(Float)
    updated_at: Mapped[float] = mapped_column(Float)


class StoredScript(Base):
    """A therapist's own session script (built-in scripts live in code)."""

    __tablename__ = "scripts"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[float] = mapped_column(Float)
    updated_at: Mapped[float] = mapped_column(Float)


class Session(Base):
    """One dosing session. Its content is the event log; this row indexes it."""

    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    script_id: Mapped[str] = mapped_column(String(64))
    script_name: Mapped[str] = mapped_column(String(200))
    started_at: Mapped[float] = mapped_column(Float, index=True)
    ended_at: Mapped[float | None] = mapped_column(Float, default=None)
    # Updated while the session runs, so that after a crash the time the app
    # was down can be shown as a gap.
    last_alive_at: Mapped[float] = mapped_column(Float)
    signed_at: Mapped[float | None] = mapped_column(Float, default=None)
    signed_by: Mapped[str | None] = mapped_column(String(200), default=None)


class SessionEvent(Base):
    __tablename__ = "session_events"
    __table_args__ = (UniqueConstraint("session_id", "seq", name="uq_session_events_seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(40))
    at: Mapped[float] = mapped_column(Float)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class MusicFolder(Base):
    __tablename__ = "music_folders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    path: Mapped[str] = mapped_column(Text, unique=True)
    added_at: Mapped[float] = mapped_column(Float)


class LibraryTrack(Base):
    __tablename__ = "library_tracks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    path: Mapped[str] = mapped_column(Text, unique=True)
    folder_id: Mapped[int | None] = mapped_column(ForeignKey("music_folders.id"), default=None)
    title: Mapped[str] = mapped_column(String(300))
    artist: Mapped[str] = mapped_column(String(300), default="")
    album: Mapped[str] = mapped_column(String(300), default="")
    duration_s: Mapped[float] = mapped_column(Float, default=0.0)
    bundled: Mapped[bool] = mapped_column(Boolean, default=False)


class Playlist(Base):
    __tablename__ = "playlists"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    volume: Mapped[float] = mapped_column(Float, default=0.8)
    created_at: Mapped[float] = mapped_column(Float)


class PlaylistItem(Base):
    __tablename__ = "playlist_items"
    __table_args__ = (UniqueConstraint("playlist_id", "position", name="uq_playlist_items_position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    playlist_id: Mapped[int] = mapped_column(ForeignKey("playlists.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    track_id: Mapped[int] = mapped_column(ForeignKey("library_tracks.id"))
