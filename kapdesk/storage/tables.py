"""The practice's tables, declared once, in SQLAlchemy Core.

Core is enough for the start-up path (unlock, the client list), and importing
it costs about a third less than the ORM, which matters for time-to-window.
`models.py` maps typed ORM classes onto these same tables for the rest of the
app. Times are UTC seconds since the epoch (REAL); JSON columns hold plain
dicts/lists. The session log (`session_events`) is append-only: triggers
created by the migrations refuse UPDATE and DELETE on it.
"""

from __future__ import annotations

from sqlalchemy import (JSON, Boolean, Column, Float, ForeignKey, Index, Integer, MetaData, String,
                        Table, Text, UniqueConstraint, text)

metadata = MetaData()

practice_settings = Table(
    "practice_settings", metadata,
    Column("key", String(100), primary_key=True),
    Column("value", JSON, nullable=False),
)

clients = Table(
    "clients", metadata,
    Column("id", Integer, primary_key=True),
    Column("display_name", String(200), nullable=False),
    Column("date_of_birth", String(10), nullable=True),  # ISO yyyy-mm-dd
    Column("pronouns", String(50), nullable=False, server_default=""),
    Column("notes", Text, nullable=False, server_default=""),
    Column("intention", Text, nullable=False, server_default=""),
    Column("music_likes", Text, nullable=False, server_default=""),
    Column("music_dislikes", Text, nullable=False, server_default=""),
    Column("archived", Boolean, nullable=False, server_default="0"),
    Column("created_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
)

scripts = Table(
    "scripts", metadata,
    Column("id", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("body", JSON, nullable=False),
    Column("archived", Boolean, nullable=False, server_default="0"),
    Column("created_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
)

sessions = Table(
    "sessions", metadata,
    Column("id", Integer, primary_key=True),
    Column("client_id", Integer, ForeignKey("clients.id"), nullable=False),
    Column("script_id", String(64), nullable=False),
    Column("script_name", String(200), nullable=False),
    Column("started_at", Float, nullable=False),
    Column("ended_at", Float, nullable=True),
    # Updated while the session runs, so that after a crash the time the app
    # was down can be shown as a gap.
    Column("last_alive_at", Float, nullable=False),
    Column("signed_at", Float, nullable=True),
    Column("signed_by", String(200), nullable=True),
    Index("ix_sessions_client_id", "client_id"),
    Index("ix_sessions_started_at", "started_at"),
    # Only the sessions never ended (migration 0005): "is one still open?" at each start.
    Index("ix_sessions_open", "started_at", sqlite_where=text("ended_at IS NULL")),
)

session_events = Table(
    "session_events", metadata,
    Column("id", Integer, primary_key=True),
    Column("session_id", Integer, ForeignKey("sessions.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("at", Float, nullable=False),
    Column("data", JSON, nullable=False),
    UniqueConstraint("session_id", "seq", name="uq_session_events_seq"),
    Index("ix_session_events_session_id", "session_id"),
    Index("ix_session_events_kind", "kind", "session_id"),
)

# A cache derived from the log, not a record (see migration 0004): the
# `SessionFacts` of each session as JSON, recomputed when `version` changes.
session_summaries = Table(
    "session_summaries", metadata,
    Column("session_id", Integer, ForeignKey("sessions.id"), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("final", Boolean, nullable=False),
    Column("computed_at", Float, nullable=False),
    Column("facts", JSON, nullable=False),
)

# One row per `tag` event, written by a trigger as the event is (migration 0004):
# the history's tag filter reads this instead of the JSON of the whole log.
session_tags = Table(
    "session_tags", metadata,
    Column("event_id", Integer, ForeignKey("session_events.id"), primary_key=True),
    Column("session_id", Integer, ForeignKey("sessions.id"), nullable=False),
    Column("tag", String(200, collation="NOCASE"), nullable=False),
    Index("ix_session_tags_tag", "tag", "session_id"),
)

music_folders = Table(
    "music_folders", metadata,
    Column("id", Integer, primary_key=True),
    Column("path", Text, nullable=False, unique=True),
    Column("added_at", Float, nullable=False),
)

library_tracks = Table(
    "library_tracks", metadata,
    Column("id", Integer, primary_key=True),
    Column("path", Text, nullable=False, unique=True),
    Column("folder_id", Integer, ForeignKey("music_folders.id"), nullable=True),
    Column("title", String(300), nullable=False),
    Column("artist", String(300), nullable=False, server_default=""),
    Column("album", String(300), nullable=False, server_default=""),
    Column("duration_s", Float, nullable=False, server_default="0"),
    Column("bundled", Boolean, nullable=False, server_default="0"),
)

playlists = Table(
    "playlists", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("volume", Float, nullable=False, server_default="0.8"),
    Column("created_at", Float, nullable=False),
)

playlist_items = Table(
    "playlist_items", metadata,
    Column("id", Integer, primary_key=True),
    Column("playlist_id", Integer, ForeignKey("playlists.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("track_id", Integer, ForeignKey("library_tracks.id"), nullable=False),
    UniqueConstraint("playlist_id", "position", name="uq_playlist_items_position"),
    Index("ix_playlist_items_playlist_id", "playlist_id"),
)
