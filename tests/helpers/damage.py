"""Damaging a real encrypted practice the way a failing disk does: a byte changed inside one page.

SQLCipher checks each page's HMAC when it reads the page, so the practice
still opens (its header and schema are sound) and the damage is met only
when the damaged table is read, by a screen, a write, a backup or the whole
check. Call with every connection to the practice closed.
"""

from __future__ import annotations

from pathlib import Path

from kapdesk.storage.backup_check import open_keyed
from kapdesk.storage.files import db_path_in
from kapdesk.storage.practice import PAGE_SIZE
from tests.helpers.constants import PASSPHRASE


def root_page(data_dir: Path, name: str) -> int:
    """The number (from 1) of the first page of table or index `name`."""
    connection = open_keyed(db_path_in(data_dir), PASSPHRASE)
    try:
        return connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                                  (name,)).fetchone()[0]
    finally:
        connection.close()


def damage_page(data_dir: Path, page: int) -> bytes:
    """Flip one byte in the middle of page `page`; the file's bytes after it, returned."""
    path = db_path_in(data_dir)
    data = bytearray(path.read_bytes())
    data[(page - 1) * PAGE_SIZE + PAGE_SIZE // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    return bytes(data)


def damage_table(data_dir: Path, name: str) -> bytes:
    """Damage the first page of table `name` (a small table's only page)."""
    return damage_page(data_dir, root_page(data_dir, name))
