"""The practice's record secret: the key material of the audit chain and the records' seals.

A random 32 bytes made the first time the practice needs it and kept inside
the encrypted practice (a setting no screen shows). Deriving the chain's and
the seals' keys from it rather than from the passphrase keeps them whole
across a passphrase change (the file is re-keyed, the secret inside goes
with it) and across a backup and its restore, while a person with the file
but without the passphrase still cannot read it, and so cannot forge an
entry or a seal.
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa

from kapdesk.storage.tables import practice_settings

KEY = "record_secret"
SIZE = 32


def record_secret(engine: sa.Engine) -> bytes:
    """The practice's secret, made and stored (once) when it has none yet."""
    with engine.begin() as connection:
        return record_secret_on(connection)


def record_secret_on(connection: sa.Connection) -> bytes:
    """The same, in a transaction already open (a migration's)."""
    stored = connection.execute(sa.select(practice_settings.c.value)
                                .where(practice_settings.c.key == KEY)).scalar()
    found = _bytes(stored)
    if found is not None:
        return found
    secret = secrets.token_bytes(SIZE)
    connection.execute(practice_settings.delete().where(practice_settings.c.key == KEY))
    connection.execute(practice_settings.insert().values(key=KEY, value=secret.hex()))
    return secret


def _bytes(value: object) -> bytes | None:
    if not isinstance(value, str) or len(value) != 2 * SIZE:
        return None
    try:
        return bytes.fromhex(value)
    except ValueError:
        return None
