"""A damaged practice file is named in a plain message and left exactly as it is."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from kapdesk.core.clients import ClientDraft
from kapdesk.storage.clients import ClientStore
from kapdesk.storage.errors import DamagedPractice, WrongPassphrase
from kapdesk.storage.practice import PAGE_SIZE, create_practice, db_path_in, open_practice
from tests.helpers.constants import PASSPHRASE
from tests.helpers.filesnap import snapshot


def _random(size: int) -> bytes:
    return random.Random(size).randbytes(size)


DAMAGE = {
    "random 8192 bytes": lambda whole: _random(8192),
    "random bytes of odd length": lambda whole: _random(12_345),
    "truncated to 1000 bytes": lambda whole: whole[:1000],
    "truncated at a page boundary in the middle": lambda whole: whole[:PAGE_SIZE * (len(whole) // PAGE_SIZE // 2)],
    "empty": lambda whole: b"",
}


@pytest.fixture(scope="module")
def template(tmp_path_factory):  # noqa: ANN001, ANN201
    """One real practice, made once; each test damages its own copy."""
    from kapdesk.core.clock import FakeClock

    folder = tmp_path_factory.mktemp("template") / "practice"
    practice = create_practice(folder, PASSPHRASE)
    store = ClientStore(practice, FakeClock())
    for number in range(40):  # enough rows for the file to span many pages
        store.add(ClientDraft(f"Client {number}", notes="n" * 300))
    practice.close()  # the last connection folds the -wal into the file
    assert sorted(path.name for path in folder.iterdir()) == ["practice.kapdesk", "practice.kapdesk.json"]
    return folder


@pytest.fixture
def folder(template, tmp_path) -> Path:  # noqa: ANN001
    copy = tmp_path / "practice"
    shutil.copytree(template, copy)
    return copy


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_file_is_named_and_left_untouched(folder, damage) -> None:  # noqa: ANN001
    whole = db_path_in(folder).read_bytes()
    assert len(whole) >= 8 * PAGE_SIZE
    damaged = damage(whole)
    db_path_in(folder).write_bytes(damaged)
    before = snapshot(folder)

    with pytest.raises(DamagedPractice) as caught:
        open_practice(folder, PASSPHRASE)

    assert str(db_path_in(folder)) in str(caught.value)
    assert caught.value.path == db_path_in(folder)
    assert "Traceback" not in str(caught.value)
    assert db_path_in(folder).read_bytes() == damaged
    assert snapshot(folder) == before


def test_a_damaged_file_stays_untouched_whatever_passphrase_is_tried(folder) -> None:
    whole = db_path_in(folder).read_bytes()
    db_path_in(folder).write_bytes(whole[: len(whole) // 2])
    before = snapshot(folder)
    for passphrase in ("wrong-passphrase", PASSPHRASE, "another-wrong-one"):
        with pytest.raises((DamagedPractice, WrongPassphrase)):  # either; never a write
            open_practice(folder, passphrase)
    assert snapshot(folder) == before


def test_a_flipped_byte_in_the_first_page_is_caught_at_open(folder) -> None:
    # Opening reads the header and the schema, whatever the practice's size; a page
    # deeper in the file is checked by the background check (test_whole_check.py).
    data = bytearray(db_path_in(folder).read_bytes())
    data[100] ^= 0xFF
    db_path_in(folder).write_bytes(bytes(data))
    with pytest.raises(DamagedPractice) as caught:
        open_practice(folder, PASSPHRASE)
    assert str(db_path_in(folder)) in str(caught.value)
    assert db_path_in(folder).read_bytes() == bytes(data)
