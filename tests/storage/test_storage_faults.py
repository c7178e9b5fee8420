"""Each disk fault in its own words: a read-only folder, a full disk, a failing disk.

The faults are made at the edge of the machine: the operating system's answer
when KAPDesk writes in the folder (an OSError with EROFS or ENOSPC, as a
read-only mount or a full disk gives) and SQLite's own error from a real
encrypted practice (a page limit makes a real "database or disk is full").
"""

from __future__ import annotations

import errno
import os

import pytest
import sqlalchemy as sa
import sqlcipher3

from kapdesk import app as app_module
from kapdesk.cli import tools as cli
from kapdesk.storage import folder, practice as practice_module
from kapdesk.storage.errors import (DISK_FULL, READ_ONLY, UNEXPECTED, StorageFault,
                                    describe_storage_error, not_saved_message)
from kapdesk.storage.practice import open_practice
from kapdesk.ui.shell import practice_lock
from tests.helpers.constants import PASSPHRASE


def _wrapped(message: str) -> sa.exc.OperationalError:
    """A SQLite error as SQLAlchemy hands it on."""
    return sa.exc.OperationalError("INSERT ...", {}, sqlcipher3.dbapi2.OperationalError(message))


@pytest.mark.parametrize(("error", "words"), [
    (OSError(errno.EROFS, "Read-only file system"), READ_ONLY),
    (PermissionError(errno.EACCES, "Permission denied"), READ_ONLY),
    (OSError(errno.ENOSPC, "No space left on device"), DISK_FULL),
    (_wrapped("database or disk is full"), DISK_FULL),
    (_wrapped("attempt to write a readonly database"), READ_ONLY),
    (_wrapped("something nobody has seen"), UNEXPECTED),
])
def test_each_fault_has_its_own_words_and_no_library_text(error, words) -> None:  # noqa: ANN001
    said = describe_storage_error(error)
    assert said == words
    for raw in ("sqlcipher3", "OperationalError", "sqlalche.me", "Errno", "Background on this error"):
        assert raw not in said


def test_a_full_disk_during_a_session_keeps_the_promise_of_the_contract() -> None:
    assert not_saved_message(_wrapped("database or disk is full")) == (
        "Not saved: the disk is full. Free some space, then press Enter again. "
        "Everything recorded before is safe.")


def _sqlite_refuses(monkeypatch, message: str, leave_journals: bool = False) -> None:  # noqa: ANN001
    """Every new SQLite connection fails as it does on that disk (leaving what it leaves)."""
    def connect(path: str, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        if leave_journals:
            for suffix, size in (("-wal", 0), ("-shm", 3)):
                with open(f"{path}{suffix}", "wb") as handle:
                    handle.write(b"\0" * size)
        raise sqlcipher3.dbapi2.OperationalError(message)

    monkeypatch.setattr(sqlcipher3, "connect", connect)


def _folder_answers(monkeypatch, code: int) -> None:  # noqa: ANN001
    monkeypatch.setattr(practice_module, "folder_write_error", lambda _dir: OSError(code, os.strerror(code)))


def test_a_read_only_folder_is_not_called_damaged(practice, monkeypatch) -> None:  # noqa: ANN001
    practice.close()
    _sqlite_refuses(monkeypatch, "unable to open database file")
    _folder_answers(monkeypatch, errno.EROFS)
    with pytest.raises(StorageFault) as raised:
        open_practice(practice.data_dir, PASSPHRASE)
    assert str(raised.value) == READ_ONLY
    assert "damaged" not in str(raised.value)


def test_a_full_disk_at_start_is_said_and_leaves_no_empty_journals(practice, monkeypatch) -> None:  # noqa: ANN001
    practice.close()
    _sqlite_refuses(monkeypatch, "disk I/O error", leave_journals=True)
    _folder_answers(monkeypatch, errno.ENOSPC)
    with pytest.raises(StorageFault) as raised:
        open_practice(practice.data_dir, PASSPHRASE)
    assert str(raised.value) == DISK_FULL
    assert sorted(os.listdir(practice.data_dir)) == ["practice.kapdesk", "practice.kapdesk.json"]


def test_check_on_a_full_disk_says_so_and_leaves_no_wal_or_shm(practice, monkeypatch, capsys) -> None:  # noqa: ANN001
    practice.close()
    _sqlite_refuses(monkeypatch, "disk I/O error", leave_journals=True)
    _folder_answers(monkeypatch, errno.ENOSPC)
    monkeypatch.setenv("KAPDESK_PASSPHRASE", PASSPHRASE)
    assert cli.main(["check", "--data-dir", str(practice.data_dir)]) == 1
    err = capsys.readouterr().err
    assert "The disk that holds the practice is full" in err
    assert "damaged" not in err
    assert sorted(os.listdir(practice.data_dir)) == ["practice.kapdesk", "practice.kapdesk.json"]


def test_a_folder_that_cannot_be_written_is_not_called_already_open(data_dir, monkeypatch, capsys) -> None:  # noqa: ANN001
    monkeypatch.setattr(practice_lock.PracticeLock, "acquire", lambda self: False)
    monkeypatch.setattr(practice_lock.PracticeLock, "held_by_another_copy", lambda self: False)
    monkeypatch.setattr(folder, "folder_write_error", lambda _dir: OSError(errno.EROFS, "Read-only file system"))
    lock, code = app_module._lock_practice(data_dir)  # noqa: SLF001
    assert (lock, code) == (None, app_module.EXIT_PRACTICE_PROBLEM)
    err = capsys.readouterr().err
    assert err == f"kapdesk: {READ_ONLY}\n"


def test_the_real_folder_probe_finds_a_writable_folder_writable(data_dir) -> None:  # noqa: ANN001
    assert folder.folder_write_error(data_dir) is None
    assert os.listdir(data_dir) == []


def test_check_that_fails_on_a_full_disk_midway_says_so_and_tidies_up(practice, monkeypatch, capsys) -> None:  # noqa: ANN001
    from kapdesk.storage import check

    practice.close()

    def full(_practice) -> None:  # noqa: ANN001
        raise _wrapped("database or disk is full")

    monkeypatch.setattr(check, "check_practice", full)
    monkeypatch.setenv("KAPDESK_PASSPHRASE", PASSPHRASE)
    assert cli.main(["check", "--data-dir", str(practice.data_dir)]) == 1
    assert capsys.readouterr().err == f"kapdesk: {DISK_FULL}\n"
    assert sorted(os.listdir(practice.data_dir)) == ["practice.kapdesk", "practice.kapdesk.json"]


def test_a_session_that_cannot_note_it_still_runs_says_why_in_words() -> None:
    from kapdesk.storage.errors import not_noted_message

    assert not_noted_message(OSError(errno.ENOSPC, "No space left on device")) == (
        "Could not note that the session is still running: the disk is full. Free some space. "
        "Everything recorded before is safe.")
    assert not_noted_message(RuntimeError("boom")) == (
        "Could not note that the session is still running. Everything recorded before is safe.")


def test_the_cause_alone_for_a_line_that_says_what_was_saved() -> None:
    from kapdesk.storage.errors import fault_cause

    assert fault_cause(_wrapped("database or disk is full")) == "the disk is full"
    assert fault_cause(ValueError("x")) == "something went wrong while saving it"
