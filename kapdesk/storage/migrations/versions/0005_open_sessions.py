"""An index of the sessions never ended, for the start-up question "is one still open?".

The app asks it at every start (the resume offer, the bar above the client
list) and before every new session (one open session per client). A partial
index on `ended_at IS NULL` holds only the open sessions, usually none, so
the answer costs the same for a practice of ten years as on its first day.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_sessions_open", "sessions", ["started_at"],
                    sqlite_where=sa.text("ended_at IS NULL"))
