"""The fast start-up path's storage half: the key derived before the lock, and the
first client list read on that connection without SQLAlchemy.

Whatever is unusual about a practice must send start-up the full way (where it
is migrated, resumed or explained), and the connection must stay fit for the
engine to adopt.
"""

from __future__ import annotations

import os

import pytest

from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
from kapdesk.core.clients import ClientDraft
from kapdesk.storage.clients import ClientStore
from kapdesk.storage.first_read import read_first_screen
from kapdesk.storage.practice import adopt_practice
from kapdesk.storage.prewarm import KeyedConnection
from kapdesk.storage.sessions import SessionStore
from tests.helpers.constants import PASSPHRASE
from tests.helpers.filesnap import snapshot


@pytest.fixture
def keyed(practice):  # noqa: ANN001, ANN201
    """A keyed connection to `practice`, as the app gets it at start-up."""
    opened = []

    def take():  # noqa: ANN202
        opened.append(KeyedConnection(practice.db_path, PASSPHRASE).take())
        return opened[-1]

    yield take
    for connection in opened:
        if connection is not None:
            connection.close()


def test_the_first_read_lists_the_clients_exactly_as_the_store_does(practice, clock, keyed) -> None:  # noqa: ANN001
    store = ClientStore(practice, clock)
    store.add(ClientDraft("zoe", "1984-03-21", "she/her", "notes", "an intention", "rain", "drums"))
    store.add(ClientDraft("Adam"))
    store.set_archived(store.add(ClientDraft("Bea")).id, True)

    first = read_first_screen(keyed())

    assert first is not None
    assert first.list() == store.list() and [c.display_name for c in first.list()] == ["Adam", "zoe"]
    assert first.list(include_archived=True) == store.list(include_archived=True)


def test_a_session_left_open_sends_start_up_the_full_way(practice, clock, keyed) -> None:  # noqa: ANN001
    client = ClientStore(practice, clock).add(ClientDraft("A. M."))
    SessionStore(practice, clock).create(client.id, KAP_SUBLINGUAL)
    assert read_first_screen(keyed()) is None


def test_a_practice_that_needs_migrating_sends_start_up_the_full_way(practice, keyed) -> None:  # noqa: ANN001
    with practice.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0003'")
    assert read_first_screen(keyed()) is None


def test_the_connection_stays_fit_for_the_engine_to_adopt(practice, clock, keyed) -> None:  # noqa: ANN001
    ClientStore(practice, clock).add(ClientDraft("A. M."))
    practice.close()
    connection = keyed()
    assert read_first_screen(connection) is not None

    adopted = adopt_practice(practice.data_dir, PASSPHRASE, connection)
    try:
        store = ClientStore(adopted, clock)
        store.add(ClientDraft("B. N."))
        assert [c.display_name for c in store.list()] == ["A. M.", "B. N."]
        with adopted.engine.connect() as check:
            assert check.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert check.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    finally:
        adopted.close()


def test_a_wrong_passphrase_gives_no_connection_and_touches_nothing(practice) -> None:  # noqa: ANN001
    practice.close()
    before = snapshot(practice.data_dir)
    assert KeyedConnection(practice.db_path, "not-the-passphrase").take() is None
    assert snapshot(practice.data_dir) == before


def test_no_file_gives_no_connection(data_dir) -> None:  # noqa: ANN001
    assert KeyedConnection(data_dir / "practice.kapdesk", PASSPHRASE).take() is None
    assert os.listdir(data_dir) == []


def test_deriving_the_key_reads_the_practice_not_at_all_until_taken(practice) -> None:  # noqa: ANN001
    # A second copy starts deriving before it learns the practice is locked:
    # until take(), nothing may open the database or create its -wal/-shm.
    practice.close()
    before = snapshot(practice.data_dir)
    keying = KeyedConnection(practice.db_path, PASSPHRASE)
    assert keying._deriving.wait(10)  # noqa: SLF001 - the derivation is over; take() was never called
    assert snapshot(practice.data_dir) == before
    connection = keying.take()
    assert connection is not None
    connection.close()
