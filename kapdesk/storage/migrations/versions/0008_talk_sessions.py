"""The course around the doses: talk sessions, their signatures and addenda, and due
items set aside.

Preparation and integration sessions and follow-up check-ins (core/talk_sessions.py)
are clinical records like the session log: append-only in storage itself
(triggers refuse UPDATE and DELETE), a correction a new row naming the one it
`supersedes` (once: a unique partial index). A signature and each addendum are
rows of their own, so signing changes nothing already written. The private
psychotherapy note is a column of its own, so an export can leave it out
without parsing anything; it is not in the search index. As for a measure,
the index holds no day: a session's day is its local day, which the search
reads from `started_at` in the app's time zone.

`due_set_asides` keeps the therapist's decision that a check-in or integration
session owed after a dose will not happen, and why (core/course_due.py).

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

APPEND_ONLY = ("talk_sessions", "talk_signatures", "talk_addenda", "due_set_asides")


def upgrade() -> None:
    op.create_table(
        "talk_sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("client_id", sa.Integer(), sa.ForeignKey("clients.id"), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("started_at", sa.Float(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False, server_default=""),
        sa.Column("private_note", sa.Text(), nullable=False, server_default=""),
        sa.Column("how", sa.String(20), nullable=True),
        sa.Column("after_dose_session", sa.Integer(), sa.ForeignKey("sessions.id"), nullable=True),
        sa.Column("recorded_at", sa.Float(), nullable=False),
        sa.Column("supersedes", sa.Integer(), sa.ForeignKey("talk_sessions.id"), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False, server_default=""),
    )
    op.create_index("ix_talk_sessions_client_id", "talk_sessions", ["client_id", "started_at"])
    op.create_index("uq_talk_sessions_supersedes", "talk_sessions", ["supersedes"], unique=True,
                    sqlite_where=sa.text("supersedes IS NOT NULL"))
    op.create_table(
        "talk_signatures",
        sa.Column("talk_id", sa.Integer(), sa.ForeignKey("talk_sessions.id"), primary_key=True,
                  autoincrement=False),
        sa.Column("signed_by", sa.String(200), nullable=False),
        sa.Column("signed_at", sa.Float(), nullable=False),
    )
    op.create_table(
        "talk_addenda",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("talk_id", sa.Integer(), sa.ForeignKey("talk_sessions.id"), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("written_by", sa.String(200), nullable=False),
        sa.Column("written_at", sa.Float(), nullable=False),
    )
    op.create_index("ix_talk_addenda_talk_id", "talk_addenda", ["talk_id"])
    op.create_table(
        "due_set_asides",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("client_id", sa.Integer(), sa.ForeignKey("clients.id"), nullable=False),
        sa.Column("session_id", sa.Integer(), sa.ForeignKey("sessions.id"), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("set_at", sa.Float(), nullable=False),
    )
    op.create_index("uq_due_set_asides", "due_set_asides", ["session_id", "kind"], unique=True)
    op.execute("""CREATE TRIGGER talk_sessions_index AFTER INSERT ON talk_sessions
                  BEGIN
                    INSERT INTO course_search_index (body, client_id, record_table, record_id, day)
                    VALUES (CASE NEW.kind WHEN 'preparation' THEN 'preparation session'
                                          WHEN 'integration' THEN 'integration session'
                                          ELSE 'check-in' END || ' ' ||
                            coalesce((SELECT group_concat(value, ' ') FROM json_each(NEW.fields)), '')
                            || ' ' || NEW.notes || ' ' || NEW.reason,
                            NEW.client_id, 'talk_sessions', NEW.id, NULL);
                  END""")
    for table in APPEND_ONLY:
        op.execute(f"""CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
                       BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END""")
        op.execute(f"""CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
                       BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END""")


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS talk_sessions_index")
    op.execute("DELETE FROM course_search_index WHERE record_table = 'talk_sessions'")
    for table in reversed(APPEND_ONLY):
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
        op.drop_table(table)
