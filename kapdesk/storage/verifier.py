"""Telling a wrong passphrase from a damaged file.

SQLCipher answers both with "file is not a database". Beside the database we
keep a small unencrypted file holding no client data: the database's own salt
(its first 16 bytes, which are stored in the clear anyway) and a PBKDF2 check
value of the passphrase at SQLCipher's own cost (256,000 rounds of
HMAC-SHA512), so it makes guessing no cheaper than attacking the database.
It is consulted only after a failed open, so unlocking costs nothing extra.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path

from kapdesk.atomic_file import write_atomic

ROUNDS = 256_000
SALT_BYTES = 16


@dataclass(frozen=True)
class Verifier:
    db_salt: bytes
    salt: bytes
    check: bytes

    def matches(self, passphrase: str) -> bool:
        return hmac.compare_digest(derive_key(passphrase, self.salt), self.check)


def derive_key(passphrase: str, salt: bytes) -> bytes:
    """PBKDF2 exactly as SQLCipher 4 derives a database key from a passphrase and its salt."""
    return hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, ROUNDS, dklen=32)


def read_db_salt(db_path: Path) -> bytes:
    with open(db_path, "rb") as handle:
        return handle.read(SALT_BYTES)


def write_verifier(meta_path: Path, db_path: Path, passphrase: str) -> None:
    salt = os.urandom(SALT_BYTES)
    body = {
        "format": "kapdesk-practice",
        "version": 1,
        "db_salt": read_db_salt(db_path).hex(),
        "kdf": f"pbkdf2-hmac-sha512/{ROUNDS}",
        "salt": salt.hex(),
        "check": derive_key(passphrase, salt).hex(),
    }
    write_atomic(meta_path, json.dumps(body, indent=1).encode("utf-8"))


def read_verifier(meta_path: Path) -> Verifier | None:
    """The stored verifier, or None when the file is absent or unreadable."""
    try:
        body = json.loads(meta_path.read_text("utf-8"))
        return Verifier(
            db_salt=bytes.fromhex(body["db_salt"]),
            salt=bytes.fromhex(body["salt"]),
            check=bytes.fromhex(body["check"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
