"""Deriving the database key in the background while the app is still importing.

Keying a SQLCipher connection runs 256,000 rounds of PBKDF2 (~0.1 s). sqlite
releases the GIL while it works, so when the passphrase is known at launch
(KAPDESK_PASSPHRASE) the app starts this thread first, imports Qt and
SQLAlchemy meanwhile, and hands the keyed connection to the engine's pool as
its first connection. Imports only sqlcipher3: it must itself be quick.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any


class KeyedConnection:
    def __init__(self, db_path: Path, passphrase: str) -> None:
        self._db_path = db_path
        self._passphrase = passphrase
        self._connection: Any = None
        self._thread = threading.Thread(target=self._open, name="kapdesk-key", daemon=True)
        self._thread.start()

    def _open(self) -> None:
        import sqlcipher3

        try:
            connection = sqlcipher3.connect(str(self._db_path), check_same_thread=False)
            connection.execute("PRAGMA cipher_log_level = NONE")
            connection.execute("PRAGMA key = " + _quoted(self._passphrase))
            # Reading the schema decrypts page 1: the key derivation happens here.
            connection.execute("SELECT count(*) FROM sqlite_master").fetchall()
        except Exception:  # noqa: BLE001 - any failure: the normal open path reports it
            return
        self._connection = connection

    def take(self) -> Any:
        """The keyed DB-API connection, or None if it could not be opened."""
        self._thread.join()
        connection, self._connection = self._connection, None
        return connection


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
