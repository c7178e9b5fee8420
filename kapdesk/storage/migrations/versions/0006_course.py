"""The course of care: screenings, consents, measures and suicide-risk assessments.

Clinical records are append-only in storage itself, as the session log is
(0002): triggers refuse UPDATE and DELETE on every table here. A correction is
a new row naming the row it `supersedes`; a unique partial index lets a row be
superseded once, so the corrections of a record form one chain.

The practice's contraindication lists and consent documents are versioned
tables rather than settings: a screening and a consent name the version they
answered, and that version's words must stay as they were when the client
answered them, which a key-value setting (edited in place) cannot promise.
Version 1 of each is the labelled default in core, stored when the practice
first saves its own.

`course_search_index` (FTS5, the session notes' tokenizer) holds the words
of each course record as it is written, by triggers like the session log's:
screening notes, medications and clearances, consent notes and limits of
touch, the scale's name and a correction's reason, a risk assessment's note.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

APPEND_ONLY = ("contraindication_lists", "consent_documents", "screenings",
               "screening_clearances", "consents", "measures", "risk_assessments")


def _supersedes(table: str) -> list[sa.Column]:
    return [sa.Column("recorded_at", sa.Float(), nullable=False),
            sa.Column("supersedes", sa.Integer(), sa.ForeignKey(f"{table}.id"), nullable=True),
            sa.Column("reason", sa.Text(), nullable=False, server_default="")]


def _once_superseded(table: str) -> None:
    op.create_index(f"uq_{table}_supersedes", table, ["supersedes"], unique=True,
                    sqlite_where=sa.text("supersedes IS NOT NULL"))


# The words of each record the search finds, and the day it is dated.
SEARCHED = {
    "screenings": (
        "NEW.client_id", "NEW.screened_on",
        "coalesce((SELECT group_concat(json_extract(value, '$.note'), ' ') "
        "FROM json_each(NEW.answers)), '') || ' ' || "
        "coalesce((SELECT group_concat(coalesce(json_extract(value, '$.name'), '') || ' ' || "
        "coalesce(json_extract(value, '$.dose'), '') || ' ' || "
        "coalesce(json_extract(value, '$.note'), ''), ' ') FROM json_each(NEW.medications)), '') "
        "|| ' ' || NEW.screened_by || ' ' || NEW.reason"),
    "screening_clearances": (
        "(SELECT client_id FROM screenings WHERE id = NEW.screening_id)", "NEW.cleared_on",
        "'clearance ' || NEW.cleared_by || ' ' || NEW.note"),
    "consents": (
        "NEW.client_id", "NEW.given_on",
        "'consent ' || NEW.touch_limits || ' ' || NEW.note || ' ' || NEW.reason"),
    "measures": (
        # No day: a form's day is its local day, which the search reads from taken_at.
        "NEW.client_id", "NULL",
        "CASE NEW.kind WHEN 'phq9' THEN 'PHQ-9' WHEN 'gad7' THEN 'GAD-7' "
        "WHEN 'pcl5' THEN 'PCL-5' ELSE NEW.kind END || ' ' || NEW.reason"),
    "risk_assessments": (
        "NEW.client_id", "NEW.assessed_on",
        "'suicide-risk assessment ' || NEW.level || ' risk ' || NEW.assessed_by || ' ' "
        "|| NEW.note || ' ' || NEW.reason"),
}


def _index_trigger(table: str) -> str:
    client, day, body = SEARCHED[table]
    return f"""CREATE TRIGGER {table}_index AFTER INSERT ON {table}
               BEGIN
                 INSERT INTO course_search_index (body, client_id, record_table, record_id, day)
                 VALUES ({body}, {client}, '{table}', NEW.id, {day});
               END"""


def upgrade() -> None:
    op.create_table(
        "contraindication_lists",
        sa.Column("version", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("label", sa.Text(), nullable=False, server_default=""),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("recorded_at", sa.Float(), nullable=False),
    )
    op.create_table(
        "consent_documents",
        sa.Column("version", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("template", sa.Text(), nullable=False),
        sa.Column("published_on", sa.String(10), nullable=True),
        sa.Column("recorded_at", sa.Float(), nullable=False),
    )
    op.create_table(
        "screenings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("client_id", sa.Integer(), sa.ForeignKey("clients.id"), nullable=False),
        sa.Column("screened_on", sa.String(10), nullable=False),
        sa.Column("list_version", sa.Integer(), nullable=False),
        sa.Column("screened_by", sa.String(200), nullable=False, server_default=""),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("medications", sa.JSON(), nullable=False),
        *_supersedes("screenings"),
    )
    op.create_index("ix_screenings_client_id", "screenings", ["client_id"])
    _once_superseded("screenings")
    op.create_table(
        "screening_clearances",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("screening_id", sa.Integer(), sa.ForeignKey("screenings.id"), nullable=False),
        sa.Column("item_key", sa.String(100), nullable=False),
        sa.Column("cleared_by", sa.String(200), nullable=False),
        sa.Column("cleared_on", sa.String(10), nullable=False),
        sa.Column("note", sa.Text(), nullable=False, server_default=""),
        sa.Column("recorded_at", sa.Float(), nullable=False),
    )
    op.create_index("ix_screening_clearances_screening_id", "screening_clearances",
                    ["screening_id"])
    op.create_table(
        "consents",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("client_id", sa.Integer(), sa.ForeignKey("clients.id"), nullable=False),
        sa.Column("document_version", sa.Integer(), nullable=False),
        sa.Column("given_on", sa.String(10), nullable=False),
        sa.Column("how", sa.String(20), nullable=False),
        sa.Column("touch_allowed", sa.Boolean(), nullable=True),
        sa.Column("touch_limits", sa.Text(), nullable=False, server_default=""),
        sa.Column("typed_name", sa.String(200), nullable=False, server_default=""),
        sa.Column("note", sa.Text(), nullable=False, server_default=""),
        *_supersedes("consents"),
    )
    op.create_index("ix_consents_client_id", "consents", ["client_id"])
    _once_superseded("consents")
    op.create_table(
        "measures",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("client_id", sa.Integer(), sa.ForeignKey("clients.id"), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("taken_at", sa.Float(), nullable=False),
        sa.Column("filled_by", sa.String(10), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("difficulty", sa.Integer(), nullable=True),
        *_supersedes("measures"),
    )
    op.create_index("ix_measures_client_id", "measures", ["client_id", "kind", "taken_at"])
    _once_superseded("measures")
    op.create_table(
        "risk_assessments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("client_id", sa.Integer(), sa.ForeignKey("clients.id"), nullable=False),
        sa.Column("level", sa.String(10), nullable=False),
        sa.Column("assessed_by", sa.String(200), nullable=False),
        sa.Column("assessed_on", sa.String(10), nullable=False),
        sa.Column("note", sa.Text(), nullable=False, server_default=""),
        sa.Column("measure_id", sa.Integer(), sa.ForeignKey("measures.id"), nullable=True),
        *_supersedes("risk_assessments"),
    )
    op.create_index("ix_risk_assessments_client_id", "risk_assessments", ["client_id"])
    _once_superseded("risk_assessments")
    op.execute(
        "CREATE VIRTUAL TABLE course_search_index USING fts5("
        "body, client_id UNINDEXED, record_table UNINDEXED, record_id UNINDEXED, day UNINDEXED, "
        "tokenize = 'porter unicode61 remove_diacritics 2')"
    )
    for table in SEARCHED:
        op.execute(_index_trigger(table))
    for table in APPEND_ONLY:
        op.execute(f"""CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
                       BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END""")
        op.execute(f"""CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
                       BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END""")


def downgrade() -> None:
    for table in SEARCHED:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_index")
    op.execute("DROP TABLE IF EXISTS course_search_index")
    for table in reversed(APPEND_ONLY):
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
        op.drop_table(table)
