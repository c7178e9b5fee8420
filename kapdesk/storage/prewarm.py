"""Deriving the database key in the background while the app is still importing.

Keying a SQLCipher connection runs 256,000 rounds of PBKDF2 (~0.13 s here),
the longest single step of start-up. When the passphrase is known at launch
(KAPDESK_PASSPHRASE), the app starts this task first thing: it reads the
database's salt (its first 16 bytes, stored in the clear) and derives the
key exactly as SQLCipher would (verifier.derive_key), while Qt imports on the
main thread (hashlib releases the GIL). Only after the practice lock is taken
does `take()` open the database, keyed with that raw key, which costs no
derivation at all; the engine's pool adopts the connection as its first.

Any failure (no file, a salt that is not one, a key that does not open it)
makes `take()` return None, and the normal open path, keying with the
passphrase, finds and explains the problem. Imports only the standard library,
core's task and (in the thread) sqlcipher3: it must itself be quick.

It is a task like every other background job (`kapdesk.core.tasks`), started
on a thread of its own with `start_thread` rather than on the app's task
runner: it runs before Qt is loaded (the runner is a Qt object, built with
the main window), and storage never imports Qt.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kapdesk.core.tasks import Progress, start_thread
from kapdesk.storage.verifier import derive_key, read_db_salt


class KeyedConnection:
    def __init__(self, db_path: Path, passphrase: str) -> None:
        self._db_path = db_path
        self._passphrase = passphrase
        self._deriving = start_thread(self._derive, name="kapdesk-key")

    def _derive(self, _progress: Progress) -> bytes | None:
        try:
            key = derive_key(self._passphrase, read_db_salt(self._db_path))
            import sqlcipher3  # noqa: F401 - loaded here, off the main thread's path
        except Exception:  # noqa: BLE001 - any failure: the normal open path reports it
            return None
        return key

    def take(self) -> Any:
        """A DB-API connection keyed for the practice, or None if it could not be opened.

        Call only once the practice lock is held: this is the first read of the file.
        """
        self._deriving.wait()
        outcome, self._deriving.outcome = self._deriving.outcome, None  # taken once
        key = outcome.result if outcome is not None and outcome.succeeded else None
        if key is None:
            return None
        import sqlcipher3

        connection = None
        try:
            connection = sqlcipher3.connect(str(self._db_path), check_same_thread=False)
            connection.execute("PRAGMA cipher_log_level = NONE")
            connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            # Reading the schema decrypts page 1: a wrong key fails here.
            connection.execute("SELECT count(*) FROM sqlite_master").fetchall()
        except Exception:  # noqa: BLE001 - as above
            if connection is not None:
                connection.close()
            return None
        return connection
