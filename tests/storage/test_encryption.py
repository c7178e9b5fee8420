"""No client data reaches the disk in plain text; a wrong passphrase opens nothing and writes nothing."""

from __future__ import annotations

import json

import pytest

from kapdesk.core.clients import ClientDraft
from kapdesk.storage.clients import ClientStore
from kapdesk.storage.errors import WeakPassphrase, WrongPassphrase
from kapdesk.storage.practice import backup_practice, create_practice, open_practice
from tests.helpers.constants import PASSPHRASE
from tests.helpers.filesnap import files_under, plaintext_hits, snapshot

NAME_MARKER = "ZQ-PLAINTEXT-PROBE"
NOTES_MARKER = "XK-NOTES-PROBE-7731"
SESSION_NOTE_MARKER = "VW-SESSION-NOTE-PROBE"
MARKERS = [NAME_MARKER, NOTES_MARKER, SESSION_NOTE_MARKER]


def _write_client_data(practice, clock) -> None:  # noqa: ANN001
    store = ClientStore(practice, clock)
    client = store.add(ClientDraft(NAME_MARKER, "1980-01-02", "they/them", notes=NOTES_MARKER,
                                   intention=f"intention {NOTES_MARKER}"))
    # A session note also feeds the full-text index: its shadow tables must be encrypted too.
    with practice.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO sessions (client_id, script_id, script_name, started_at, last_alive_at) "
            "VALUES (?, 'standard', 'Standard', 1.0, 1.0)", (client.id,))
        connection.exec_driver_sql(
            "INSERT INTO session_events (session_id, seq, kind, at, data) VALUES (1, 1, 'note', 1.0, ?)",
            (json.dumps({"text": f"client said {SESSION_NOTE_MARKER}"}),))


def test_the_probe_finds_plain_text_when_it_is_there(tmp_path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "leak.txt").write_bytes(b"xx" + NAME_MARKER.encode() + b"xx")
    (tmp_path / "leak16.txt").write_bytes(NOTES_MARKER.encode("utf-16-le"))
    assert sorted(plaintext_hits(tmp_path, MARKERS)) == [("leak16.txt", NOTES_MARKER),
                                                         ("sub/leak.txt", NAME_MARKER)]


def test_no_client_data_in_plain_text_while_open_and_after_close(data_dir, clock) -> None:
    practice = create_practice(data_dir, PASSPHRASE)
    try:
        _write_client_data(practice, clock)
        backup_practice(practice.engine, data_dir, clock)
        ClientStore(practice, clock).add(ClientDraft(f"{NAME_MARKER} second"))  # lands in the -wal
        names = {path.name for path in files_under(data_dir)}
        assert {"practice.kapdesk", "practice.kapdesk-wal", "practice.kapdesk.json"} <= names
        assert any(path.parent.name == "backups" for path in files_under(data_dir))
        assert plaintext_hits(data_dir, MARKERS) == []
    finally:
        practice.close()
    assert plaintext_hits(data_dir, MARKERS) == []
    # And the data really is in there, for whoever has the passphrase.
    reopened = open_practice(data_dir, PASSPHRASE)
    try:
        names = [client.display_name for client in ClientStore(reopened, clock).list()]
        assert names == [NAME_MARKER, f"{NAME_MARKER} second"]
        assert ClientStore(reopened, clock).list()[0].draft.notes == NOTES_MARKER
    finally:
        reopened.close()


def test_the_database_file_does_not_look_like_sqlite(practice) -> None:
    practice.close()
    assert not practice.db_path.read_bytes().startswith(b"SQLite format 3")


def test_wrong_passphrase_fails_cleanly_and_writes_nothing(practice, clock) -> None:
    ClientStore(practice, clock).add(ClientDraft("Someone"))
    practice.close()
    before = snapshot(practice.data_dir)
    with pytest.raises(WrongPassphrase) as caught:
        open_practice(practice.data_dir, "not-the-passphrase")
    assert "passphrase does not open" in str(caught.value)
    assert snapshot(practice.data_dir) == before
    # The right one still works afterwards.
    open_practice(practice.data_dir, PASSPHRASE).close()


def test_wrong_passphrase_while_the_practice_is_open_elsewhere(practice, clock) -> None:
    ClientStore(practice, clock).add(ClientDraft("Someone"))
    before = snapshot(practice.data_dir)
    with pytest.raises(WrongPassphrase):
        open_practice(practice.data_dir, "not-the-passphrase")
    assert snapshot(practice.data_dir) == before
    assert [c.display_name for c in ClientStore(practice, clock).list()] == ["Someone"]


def test_an_empty_passphrase_is_a_wrong_one_not_damage(practice) -> None:
    practice.close()
    before = snapshot(practice.data_dir)
    with pytest.raises(WrongPassphrase):
        open_practice(practice.data_dir, "")
    assert snapshot(practice.data_dir) == before


@pytest.mark.parametrize("passphrase", ["", "short"])
def test_a_practice_is_never_created_with_a_passphrase_under_the_minimum(data_dir, passphrase) -> None:
    with pytest.raises(WeakPassphrase):
        create_practice(data_dir, passphrase)
    assert list(data_dir.iterdir()) == []  # not even an empty file to be called "damaged" later
