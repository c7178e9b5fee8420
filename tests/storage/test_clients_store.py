"""Clients in the encrypted practice: added, edited, archived (never deleted), kept across reopening."""

from __future__ import annotations

import pytest

from kapdesk.core.clients import ClientDraft
from kapdesk.storage.clients import ClientStore
from kapdesk.storage.practice import open_practice
from tests.helpers.constants import PASSPHRASE


def test_add_edit_archive_and_reopen(practice, clock) -> None:
    store = ClientStore(practice, clock)
    zoe = store.add(ClientDraft("  zoe  ", " 1984-03-21 ", " she/her ", "first notes"))
    store.add(ClientDraft("Adam"))
    assert [c.display_name for c in store.list()] == ["Adam", "zoe"]  # case-blind order
    assert zoe.draft.date_of_birth == "1984-03-21" and zoe.draft.pronouns == "she/her"

    clock.advance(60)
    store.update(zoe.id, ClientDraft("Zoë B.", None, "they/them", "second notes", "an intention"))
    store.set_archived(zoe.id, True)
    assert [c.display_name for c in store.list()] == ["Adam"]
    assert [(c.display_name, c.archived) for c in store.list(include_archived=True)] == [
        ("Adam", False), ("Zoë B.", True)]
    practice.close()

    reopened = open_practice(practice.data_dir, PASSPHRASE)
    try:
        again = ClientStore(reopened, clock).get(zoe.id)
        assert again.archived
        assert again.draft == ClientDraft("Zoë B.", None, "they/them", "second notes", "an intention")
        ClientStore(reopened, clock).set_archived(zoe.id, False)
        assert len(ClientStore(reopened, clock).list()) == 2
    finally:
        reopened.close()


def test_an_empty_date_of_birth_is_stored_as_none(practice, clock) -> None:
    record = ClientStore(practice, clock).add(ClientDraft("R. T.", "   "))
    assert ClientStore(practice, clock).get(record.id).draft.date_of_birth is None


def test_asking_for_a_client_that_does_not_exist(practice, clock) -> None:
    with pytest.raises(KeyError):
        ClientStore(practice, clock).get(999)
