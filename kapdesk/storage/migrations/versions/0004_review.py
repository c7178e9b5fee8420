"""Review: stored session summaries, a tag table, and an index on the log by kind.

`session_summaries` is a cache derived from the append-only log, never a
record: each row holds `SessionFacts` (kapdesk/core/review_model.py) as JSON,
written when a session ends or, lazily, when a history row first needs it.
Rows are recomputed when `version` (FACTS_VERSION) moves on, and any row may
be deleted and recomputed.

`session_tags` holds (session, tag) for every `tag` event, filled by a
trigger as the event is written (like the search index) and backfilled here:
the history's tag filter and its list of tags read it instead of the log.

`ix_session_events_kind` serves queries for one kind across sessions
(addenda counts of a history page).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TAG_TRIGGER = """
CREATE TRIGGER session_events_tags AFTER INSERT ON session_events
WHEN NEW.kind = 'tag'
BEGIN
  INSERT INTO session_tags (event_id, session_id, tag)
  VALUES (NEW.id, NEW.session_id, trim(json_extract(NEW.data, '$.tag')));
END
"""


def upgrade() -> None:
    op.create_table(
        "session_summaries",
        sa.Column("session_id", sa.Integer(), sa.ForeignKey("sessions.id"), primary_key=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("final", sa.Boolean(), nullable=False),
        sa.Column("computed_at", sa.Float(), nullable=False),
        sa.Column("facts", sa.JSON(), nullable=False),
    )
    op.create_table(
        "session_tags",
        sa.Column("event_id", sa.Integer(), sa.ForeignKey("session_events.id"), primary_key=True),
        sa.Column("session_id", sa.Integer(), sa.ForeignKey("sessions.id"), nullable=False),
        sa.Column("tag", sa.String(200, collation="NOCASE"), nullable=False),
    )
    op.create_index("ix_session_tags_tag", "session_tags", ["tag", "session_id"])
    op.create_index("ix_session_events_kind", "session_events", ["kind", "session_id"])
    op.execute(TAG_TRIGGER)
    op.execute("INSERT INTO session_tags (event_id, session_id, tag) "
               "SELECT id, session_id, trim(json_extract(data, '$.tag')) "
               "FROM session_events WHERE kind = 'tag'")


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS session_events_tags")
    op.drop_index("ix_session_events_kind", "session_events")
    op.drop_index("ix_session_tags_tag", "session_tags")
    op.drop_table("session_tags")
    op.drop_table("session_summaries")
