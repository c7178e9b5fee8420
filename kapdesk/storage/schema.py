"""Bringing a practice's schema up to date, and refusing ones from the future.

Alembic is imported only when there is something to migrate: on an up-to-date
practice the start-up path reads one row of `alembic_version` and moves on.
`KNOWN_REVISIONS` lists every revision in `migrations/versions` in order (a
test keeps the two in step); a stored revision not in it was written by a
newer KAPDesk, and the file is left untouched.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kapdesk.storage.errors import NewerPractice

if TYPE_CHECKING:  # SQLAlchemy stays unloaded for first_read.py, which needs only HEAD
    from sqlalchemy.engine import Connection, Engine

KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008")
HEAD = KNOWN_REVISIONS[-1]
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def stored_revision(connection: Connection) -> str | None:
    """The schema revision recorded in the file, or None for an empty practice."""
    has_table = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).first()
    if not has_table:
        return None
    return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def needs_upgrade(engine: Engine, db_path: Path) -> bool:
    """True when the schema is behind; raise NewerPractice when it is ahead."""
    with engine.connect() as connection:
        revision = stored_revision(connection)
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise NewerPractice(db_path, revision)
    return revision != HEAD


def upgrade(engine: Engine, target: str = HEAD) -> None:
    """Run the Alembic migrations up to `target` on this engine."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, target)


def table_names(engine: Engine) -> set[str]:
    import sqlalchemy as sa

    return set(sa.inspect(engine).get_table_names())
