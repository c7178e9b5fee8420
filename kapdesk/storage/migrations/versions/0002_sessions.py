"""Sessions and their append-only event log, with full-text search over it.

The triggers make the log append-only in storage itself (UPDATE and DELETE
raise), keep a signed session closed to everything but addenda, and keep the
FTS5 index in step with notes, tags, debriefs and addenda as they are written,
so a note typed a second ago is already searchable.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SEARCHABLE_TEXT = """
    CASE NEW.kind
        WHEN 'note' THEN json_extract(NEW.data, '$.text')
        WHEN 'addendum' THEN json_extract(NEW.data, '$.text')
        WHEN 'tag' THEN json_extract(NEW.data, '$.tag')
        WHEN 'debrief_saved' THEN
            coalesce((SELECT group_concat(value, ' ') FROM json_each(NEW.data, '$.fields')), '')
            || ' ' || coalesce(json_extract(NEW.data, '$.free_text'), '')
    END
"""

TRIGGERS = (
    """CREATE TRIGGER session_events_no_update BEFORE UPDATE ON session_events
       BEGIN SELECT RAISE(ABORT, 'session events are append-only'); END""",
    """CREATE TRIGGER session_events_no_delete BEFORE DELETE ON session_events
       BEGIN SELECT RAISE(ABORT, 'session events are append-only'); END""",
    """CREATE TRIGGER session_events_signed_closed BEFORE INSERT ON session_events
       WHEN NEW.kind != 'addendum'
        AND (SELECT signed_at FROM sessions WHERE id = NEW.session_id) IS NOT NULL
       BEGIN SELECT RAISE(ABORT, 'a signed session takes only addenda'); END""",
    """CREATE TRIGGER sessions_signed_immutable BEFORE UPDATE ON sessions
       WHEN OLD.signed_at IS NOT NULL
       BEGIN SELECT RAISE(ABORT, 'a signed session cannot be changed'); END""",
    """CREATE TRIGGER sessions_no_delete BEFORE DELETE ON sessions
       BEGIN SELECT RAISE(ABORT, 'sessions are never deleted'); END""",
    f"""CREATE TRIGGER session_events_index AFTER INSERT ON session_events
       WHEN NEW.kind IN ('note', 'addendum', 'tag', 'debrief_saved')
       BEGIN
         INSERT INTO search_index (rowid, body, session_id, event_seq, kind)
         VALUES (NEW.id, {SEARCHABLE_TEXT}, NEW.session_id, NEW.seq, NEW.kind);
       END""",
)


def upgrade() -> None:
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("client_id", sa.Integer(), sa.ForeignKey("clients.id"), nullable=False),
        sa.Column("script_id", sa.String(64), nullable=False),
        sa.Column("script_name", sa.String(200), nullable=False),
        sa.Column("started_at", sa.Float(), nullable=False),
        sa.Column("ended_at", sa.Float(), nullable=True),
        sa.Column("last_alive_at", sa.Float(), nullable=False),
        sa.Column("signed_at", sa.Float(), nullable=True),
        sa.Column("signed_by", sa.String(200), nullable=True),
    )
    op.create_index("ix_sessions_client_id", "sessions", ["client_id"])
    op.create_index("ix_sessions_started_at", "sessions", ["started_at"])
    op.create_table(
        "session_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("session_id", sa.Integer(), sa.ForeignKey("sessions.id"), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("at", sa.Float(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.UniqueConstraint("session_id", "seq", name="uq_session_events_seq"),
    )
    op.create_index("ix_session_events_session_id", "session_events", ["session_id"])
    op.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "body, session_id UNINDEXED, event_seq UNINDEXED, kind UNINDEXED, "
        "tokenize = 'porter unicode61 remove_diacritics 2')"
    )
    for trigger in TRIGGERS:
        op.execute(trigger)


def downgrade() -> None:
    for name in ("session_events_index", "sessions_no_delete", "sessions_signed_immutable",
                 "session_events_signed_closed", "session_events_no_delete",
                 "session_events_no_update"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS search_index")
    op.drop_table("session_events")
    op.drop_table("sessions")
