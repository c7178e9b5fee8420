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


class ContraindicationListVersion(Base):
    """One version of the practice's contraindication list (never changed once stored)."""

    __table__ = tables.contraindication_lists
    version: Mapped[int]
    label: Mapped[str]
    items: Mapped[list[dict[str, Any]]]
    recorded_at: Mapped[float]


class ConsentDocumentVersion(Base):
    """One version of the practice's consent document (never changed once stored)."""

    __table__ = tables.consent_documents
    version: Mapped[int]
    title: Mapped[str]
    template: Mapped[str]
    published_on: Mapped[str | None]
    recorded_at: Mapped[float]


class StoredScreening(Base):
    __table__ = tables.screenings
    id: Mapped[int]
    client_id: Mapped[int]
    screened_on: Mapped[str]
    list_version: Mapped[int]
    screened_by: Mapped[str]
    answers: Mapped[list[dict[str, Any]]]
    medications: Mapped[list[dict[str, Any]]]
    recorded_at: Mapped[float]
    supersedes: Mapped[int | None]
    reason: Mapped[str]


class StoredClearance(Base):
    __table__ = tables.screening_clearances
    id: Mapped[int]
    screening_id: Mapped[int]
    item_key: Mapped[str]
    cleared_by: Mapped[str]
    cleared_on: Mapped[str]
    note: Mapped[str]
    recorded_at: Mapped[float]


class StoredConsent(Base):
    __table__ = tables.consents
    id: Mapped[int]
    client_id: Mapped[int]
    document_version: Mapped[int]
    given_on: Mapped[str]
    how: Mapped[str]
    touch_allowed: Mapped[bool | None]
    touch_limits: Mapped[str]
    typed_name: Mapped[str]
    note: Mapped[str]
    recorded_at: Mapped[float]
    supersedes: Mapped[int | None]
    reason: Mapped[str]


class StoredMeasure(Base):
    __table__ = tables.measures
    id: Mapped[int]
    client_id: Mapped[int]
    kind: Mapped[str]
    taken_at: Mapped[float]
    filled_by: Mapped[str]
    answers: Mapped[list[int]]
    difficulty: Mapped[int | None]
    recorded_at: Mapped[float]
    supersedes: Mapped[int | None]
    reason: Mapped[str]


class StoredRiskAssessment(Base):
    __table__ = tables.risk_assessments
    id: Mapped[int]
    client_id: Mapped[int]
    level: Mapped[str]
    assessed_by: Mapped[str]
    assessed_on: Mapped[str]
    note: Mapped[str]
    measure_id: Mapped[int | None]
    recorded_at: Mapped[float]
    supersedes: Mapped[int | None]
    reason: Mapped[str]
