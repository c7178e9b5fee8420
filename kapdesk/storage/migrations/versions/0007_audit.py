"""The audit trail and the seals of signed records, both append-only.

`audit_log` holds one row per audited action, each sealed with an HMAC chained
to the one before (kapdesk/core/audit.py); `session_seals` holds the seal of
each signed session, taken over its record when it is signed
(kapdesk/core/record_seal.py). Triggers refuse UPDATE and DELETE on both, as
on the session log (0002).

Sessions signed before this revision are sealed here, as they stand at the
upgrade (a backup of the file was taken just before): from now on a signed
record without a seal is itself a sign that something was removed. The key
comes from the passphrase the practice was opened with, held by the engine;
it is never written.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

APPEND_ONLY = ("audit_log", "session_seals")


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", sa.Float(), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=True),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False, server_default=""),
        sa.Column("prev_mac", sa.String(64), nullable=False),
        sa.Column("mac", sa.String(64), nullable=False),
        sa.Column("key_id", sa.String(16), nullable=False),
    )
    op.create_index("ix_audit_log_client_id", "audit_log", ["client_id", "at"])
    op.create_table(
        "session_seals",
        sa.Column("session_id", sa.Integer(), sa.ForeignKey("sessions.id"), primary_key=True),
        sa.Column("seal", sa.String(64), nullable=False),
        sa.Column("key_id", sa.String(16), nullable=False),
        sa.Column("sealed_at", sa.Float(), nullable=False),
    )
    for table in APPEND_ONLY:
        op.execute(f"""CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
                       BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END""")
        op.execute(f"""CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
                       BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END""")
    _seal_signed_sessions(op.get_bind())


def _seal_signed_sessions(connection: sa.Connection) -> None:
    from kapdesk.core.audit import derive_key
    from kapdesk.core.record_seal import SEAL_KEY_LABEL
    from kapdesk.storage.record_seals import seal_session

    from kapdesk.storage.record_secret import record_secret_on

    key = derive_key(record_secret_on(connection), SEAL_KEY_LABEL)
    signed = connection.exec_driver_sql(
        "SELECT id, signed_at FROM sessions WHERE signed_at IS NOT NULL").all()
    for session_id, signed_at in signed:
        seal_session(connection, key, session_id, signed_at)


def downgrade() -> None:
    for table in APPEND_ONLY:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
    op.drop_table("session_seals")
    op.drop_index("ix_audit_log_client_id", "audit_log")
    op.drop_table("audit_log")
