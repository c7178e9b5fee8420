"""Names of the files in a practice folder (importable without SQLAlchemy)."""

from pathlib import Path

DB_NAME = "practice.kapdesk"
META_NAME = "practice.kapdesk.json"
BACKUP_DIR = "backups"


def db_path_in(data_dir: Path) -> Path:
    return Path(data_dir) / DB_NAME
