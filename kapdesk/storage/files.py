"""Names of the files in a practice folder (importable without SQLAlchemy)."""

from pathlib import Path

DB_NAME = "practice.kapdesk"
META_NAME = "practice.kapdesk.json"
BACKUP_DIR = "backups"
# Left beside the practice by a change of passphrase cut short (passphrase_change.py).
REKEYING = DB_NAME + ".rekeying"  # the copy being written, under the new key
KEPT_ASIDE = DB_NAME + ".before-change"  # the file as it was, until the new one is checked in place
NEW_CHECK = META_NAME + ".new"  # the new passphrase's check file, until the change is whole


def change_left_over(data_dir: Path) -> bool:
    """Whether a change of passphrase left a file behind (three stat calls, nothing imported)."""
    return any((Path(data_dir) / name).exists() for name in (REKEYING, KEPT_ASIDE, NEW_CHECK))


def db_path_in(data_dir: Path) -> Path:
    return Path(data_dir) / DB_NAME
