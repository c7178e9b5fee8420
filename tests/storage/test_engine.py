"""Every connection the engine hands out carries the house pragmas, whichever thread asks."""

from __future__ import annotations

import threading
from contextlib import ExitStack

import pytest
import sqlalchemy as sa

EXPECTED = {
    "journal_mode": "wal",
    "synchronous": 2,  # FULL
    "foreign_keys": 1,
    "temp_store": 2,  # MEMORY
    "secure_delete": 1,  # what is deleted is overwritten
}


def _pragmas(connection: sa.Connection) -> dict:
    return {name: connection.exec_driver_sql(f"PRAGMA {name}").scalar() for name in EXPECTED}


def _driver_id(connection: sa.Connection) -> int:
    return id(connection.connection.dbapi_connection)


def test_pragmas_on_several_pooled_connections_and_from_another_thread(practice) -> None:
    seen = {}
    with ExitStack() as stack:
        # Hold several at once so the pool must open distinct ones.
        for _ in range(4):
            connection = stack.enter_context(practice.engine.connect())
            seen[_driver_id(connection)] = _pragmas(connection)

        def in_thread() -> None:
            with practice.engine.connect() as connection:
                seen[_driver_id(connection)] = _pragmas(connection)

        worker = threading.Thread(target=in_thread)
        worker.start()
        worker.join()
    assert len(seen) == 5
    assert all(values == EXPECTED for values in seen.values()), seen


def test_pragmas_after_the_pool_recycles_its_connections(practice) -> None:
    practice.engine.dispose()
    with practice.engine.connect() as connection:
        assert _pragmas(connection) == EXPECTED


def test_foreign_keys_are_enforced(practice) -> None:
    with pytest.raises(sa.exc.IntegrityError), practice.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO sessions (client_id, script_id, script_name, started_at, last_alive_at) "
            "VALUES (4242, 's', 'S', 1.0, 1.0)")

