"""The practice's tables, declared once, in SQLAlchemy Core.

Core is enough for the start-up path (unlock, the client list), and importing
it costs about a third less than the ORM, which matters for time-to-window.
`models.py` maps typed ORM classes onto these same tables for the rest of the
app. Times are UTC seconds since the epoch (REAL); JSON columns hold plain
dicts/lists. The session log (`session_events`) is append-only: triggers
created by the migrations refuse UPDATE and DELETE on it, as on the course of
care's clinical records (screenings, consents, measures, risk assessments).
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

# --- the course of care (migration 0006) ------------------------------------------
# Clinical records, append-only like the session log: triggers refuse UPDATE and
# DELETE, and a correction is a new row naming the one it `supersedes` (a unique
# index lets a row be superseded once, so a history is a chain, never a fork).
# Calendar dates are ISO text (yyyy-mm-dd), the day the therapist wrote down;
# `recorded_at` is when the row was stored (UTC seconds).

# The practice's contraindication lists and consent documents, one row per
# version: a screening and a consent name the version they answered, so a
# version, once stored, is never changed.
contraindication_lists = Table(
    "contraindication_lists", metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("label", Text, nullable=False, server_default=""),
    Column("items", JSON, nullable=False),  # [{"key", "text", "kind"}]
    Column("recorded_at", Float, nullable=False),
)

consent_documents = Table(
    "consent_documents", metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("title", String(200), nullable=False),
    Column("template", Text, nullable=False),
    Column("published_on", String(10), nullable=True),
    Column("recorded_at", Float, nullable=False),
)

screenings = Table(
    "screenings", metadata,
    Column("id", Integer, primary_key=True),
    Column("client_id", Integer, ForeignKey("clients.id"), nullable=False),
    Column("screened_on", String(10), nullable=False),
    Column("list_version", Integer, nullable=False),
    Column("screened_by", String(200), nullable=False, server_default=""),
    Column("answers", JSON, nullable=False),  # [{"key", "answer", "note"}]
    Column("medications", JSON, nullable=False),  # [{"name", "dose", "since", "note"}]
    Column("recorded_at", Float, nullable=False),
    Column("supersedes", Integer, ForeignKey("screenings.id"), nullable=True),
    Column("reason", Text, nullable=False, server_default=""),
    Index("ix_screenings_client_id", "client_id"),
    Index("uq_screenings_supersedes", "supersedes", unique=True,
          sqlite_where=text("supersedes IS NOT NULL")),
)

# A medical clearance is recorded later than its screening, so it is a row of its own.
screening_clearances = Table(
    "screening_clearances", metadata,
    Column("id", Integer, primary_key=True),
    Column("screening_id", Integer, ForeignKey("screenings.id"), nullable=False),
    Column("item_key", String(100), nullable=False),
    Column("cleared_by", String(200), nullable=False),
    Column("cleared_on", String(10), nullable=False),
    Column("note", Text, nullable=False, server_default=""),
    Column("recorded_at", Float, nullable=False),
    Index("ix_screening_clearances_screening_id", "screening_id"),
)

consents = Table(
    "consents", metadata,
    Column("id", Integer, primary_key=True),
    Column("client_id", Integer, ForeignKey("clients.id"), nullable=False),
    Column("document_version", Integer, nullable=False),
    Column("given_on", String(10), nullable=False),
    Column("how", String(20), nullable=False),  # consent.ConsentHow
    # NULL: consent to touch not asked yet; 0: no touch; 1: touch within `touch_limits`.
    Column("touch_allowed", Boolean, nullable=True),
    Column("touch_limits", Text, nullable=False, server_default=""),
    Column("typed_name", String(200), nullable=False, server_default=""),
    Column("note", Text, nullable=False, server_default=""),
    Column("recorded_at", Float, nullable=False),
    Column("supersedes", Integer, ForeignKey("consents.id"), nullable=True),
    Column("reason", Text, nullable=False, server_default=""),
    Index("ix_consents_client_id", "client_id"),
    Index("uq_consents_supersedes", "supersedes", unique=True,
          sqlite_where=text("supersedes IS NOT NULL")),
)

measures = Table(
    "measures", metadata,
    Column("id", Integer, primary_key=True),
    Column("client_id", Integer, ForeignKey("clients.id"), nullable=False),
    Column("kind", String(10), nullable=False),  # measures.MeasureKind
    Column("taken_at", Float, nullable=False),
    Column("filled_by", String(10), nullable=False),  # measure_course.FilledBy
    Column("answers", JSON, nullable=False),  # item 1 first; the record (scores follow)
    Column("difficulty", Integer, nullable=True),  # PHQ-9's unscored 10th question
    Column("recorded_at", Float, nullable=False),
    Column("supersedes", Integer, ForeignKey("measures.id"), nullable=True),
    Column("reason", Text, nullable=False, server_default=""),
    Index("ix_measures_client_id", "client_id", "kind", "taken_at"),
    Index("uq_measures_supersedes", "supersedes", unique=True,
          sqlite_where=text("supersedes IS NOT NULL")),
)

risk_assessments = Table(
    "risk_assessments", metadata,
    Column("id", Integer, primary_key=True),
    Column("client_id", Integer, ForeignKey("clients.id"), nullable=False),
    Column("level", String(10), nullable=False),  # suicide_risk.RiskLevel
    Column("assessed_by", String(200), nullable=False),
    Column("assessed_on", String(10), nullable=False),
    Column("note", Text, nullable=False, server_default=""),
    Column("measure_id", Integer, ForeignKey("measures.id"), nullable=True),
    Column("recorded_at", Float, nullable=False),
    Column("supersedes", Integer, ForeignKey("risk_assessments.id"), nullable=True),
    Column("reason", Text, nullable=False, server_default=""),
    Index("ix_risk_assessments_client_id", "client_id"),
    Index("uq_risk_assessments_supersedes", "supersedes", unique=True,
          sqlite_where=text("supersedes IS NOT NULL")),
)

# The tables no row of which is ever changed or deleted (migration 0006's triggers).
APPEND_ONLY_COURSE_TABLES = ("contraindication_lists", "consent_documents", "screenings",
                             "screening_clearances", "consents", "measures", "risk_assessments")

# --- the course around the doses (migration 0008) ---------------------------------
talk_sessions = Table(
    "talk_sessions", metadata,
    Column("id", Integer, primary_key=True),
    Column("client_id", Integer, ForeignKey("clients.id"), nullable=False),
    Column("kind", String(20), nullable=False),  # talk_sessions.TalkKind
    Column("started_at", Float, nullable=False),
    Column("minutes", Integer, nullable=False),
    Column("fields", JSON, nullable=False),  # the kind's own fields, by name
    Column("notes", Text, nullable=False, server_default=""),
    Column("private_note", Text, nullable=False, server_default=""),  # left out of exports
    Column("how", String(20), nullable=True),  # check-ins: talk_sessions.CheckInHow
    Column("after_dose_session", Integer, ForeignKey("sessions.id"), nullable=True),
    Column("recorded_at", Float, nullable=False),
    Column("supersedes", Integer, ForeignKey("talk_sessions.id"), nullable=True),
    Column("reason", Text, nullable=False, server_default=""),
    Index("ix_talk_sessions_client_id", "client_id", "started_at"),
    Index("uq_talk_sessions_supersedes", "supersedes", unique=True,
          sqlite_where=text("supersedes IS NOT NULL")),
)

talk_signatures = Table(
    "talk_signatures", metadata,
    Column("talk_id", Integer, ForeignKey("talk_sessions.id"), primary_key=True,
           autoincrement=False),
    Column("signed_by", String(200), nullable=False),
    Column("signed_at", Float, nullable=False),
)

talk_addenda = Table(
    "talk_addenda", metadata,
    Column("id", Integer, primary_key=True),
    Column("talk_id", Integer, ForeignKey("talk_sessions.id"), nullable=False),
    Column("text", Text, nullable=False),
    Column("written_by", String(200), nullable=False),
    Column("written_at", Float, nullable=False),
    Index("ix_talk_addenda_talk_id", "talk_id"),
)

due_set_asides = Table(
    "due_set_asides", metadata,
    Column("id", Integer, primary_key=True),
    Column("client_id", Integer, ForeignKey("clients.id"), nullable=False),
    Column("session_id", Integer, ForeignKey("sessions.id"), nullable=False),
    Column("kind", String(20), nullable=False),  # course_due.DueKind
    Column("reason", Text, nullable=False),
    Column("set_at", Float, nullable=False),
    Index("uq_due_set_asides", "session_id", "kind", unique=True),
)

APPEND_ONLY_TALK_TABLES = ("talk_sessions", "talk_signatures", "talk_addenda", "due_set_asides")

# --- the audit trail and the signed records' seals (migration 0008) ----------------
# Both append-only (triggers refuse UPDATE and DELETE). Each audit entry is sealed
# with an HMAC chained to the one before (core/audit.py); `key_id` names the key
# that sealed it, never the key. A signed session's seal (core/record_seal.py) is
# written in the transaction that signs it.
audit_log = Table(
    "audit_log", metadata,
    Column("id", Integer, primary_key=True),
    Column("at", Float, nullable=False),
    Column("kind", String(40), nullable=False),  # audit.AuditKind
    Column("client_id", Integer, nullable=True),
    Column("session_id", Integer, nullable=True),
    Column("detail", Text, nullable=False, server_default=""),
    Column("prev_mac", String(64), nullable=False),
    Column("mac", String(64), nullable=False),
    Column("key_id", String(16), nullable=False),
    Index("ix_audit_log_client_id", "client_id", "at"),
)

session_seals = Table(
    "session_seals", metadata,
    Column("session_id", Integer, ForeignKey("sessions.id"), primary_key=True),
    Column("seal", String(64), nullable=False),
    Column("key_id", String(16), nullable=False),
    Column("sealed_at", Float, nullable=False),
)

APPEND_ONLY_AUDIT_TABLES = ("audit_log", "session_seals")
