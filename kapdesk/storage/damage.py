"""A damaged page of the open practice, told in the app's words wherever it is met.

SQLCipher checks each page's HMAC as it reads it; SQLite then answers a
read or a write that met a bad page with "database disk image is malformed"
(or "file is not a database"). Once a practice is open, every statement on
its engine that meets one raises `DamagedPage` instead (an engine hook, so
every store and screen gets it without a change of its own): the words name
the practice file and offer the latest checked backup of it, and the
connection that met the page is replaced (SQLCipher leaves it unable to read
anything after). SQLite wrote
nothing over the bad page, and a write that met it was rolled back whole, so
what was committed before stays committed.

Not installed before the open checks pass: a wrong passphrase also reads as
"file is not a database", and practice.py tells the two apart itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kapdesk.core.formatting import local_datetime
from kapdesk.storage.backup_files import BackupInfo, list_backups
from kapdesk.storage.errors import DamagedPage, is_damage
from kapdesk.storage.files import BACKUP_DIR, db_path_in


def latest_checked_backup(data_dir: Path) -> BackupInfo | None:
    """The newest backup in the practice's backups folder that passed its check."""
    return next((info for info in list_backups(Path(data_dir) / BACKUP_DIR) if info.checked), None)


def damaged_page(data_dir: Path) -> DamagedPage:
    """The words for a damaged page of the practice in `data_dir`, offering its latest checked backup."""
    latest = latest_checked_backup(data_dir)
    return DamagedPage(db_path_in(data_dir), None if latest is None else backup_date_words(latest.made_at))


def backup_date_words(made_at: float) -> str:
    """"Mon 7 Dec 2026, 14:05" in the machine's zone, as Settings → Backups lists it."""
    moment = local_datetime(made_at)
    return f"{moment:%a} {moment.day} {moment:%b %Y, %H:%M}"


def speak_of_damage(engine: Any, data_dir: Path) -> None:
    """From now on, a statement on `engine` that meets a damaged page raises DamagedPage."""
    from sqlalchemy import event

    def in_words(context: Any) -> None:
        if is_damage(context.original_exception):
            # SQLCipher leaves the connection that met the bad page unable to read
            # even sound pages: that one connection is dropped (the pool opens a
            # fresh one), so the rest of the practice stays readable.
            context.is_disconnect = True
            context.invalidate_pool_on_disconnect = False
            raise damaged_page(data_dir) from context.original_exception

    if not event.contains(engine, "handle_error", in_words):
        event.listen(engine, "handle_error", in_words)
