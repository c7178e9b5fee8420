"""Backups of a real encrypted practice: checked before they count, failed ones kept aside,
thinned by the retention rule, copied to a second folder, restored without losing the practice
that was there, and never a byte of client data in plain text."""

from __future__ import annotations

import datetime as dt
import shutil
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from kapdesk.core.backup_schedule import Retention
from kapdesk.core.clients import ClientDraft
from kapdesk.core.practice_settings import BackupSettings
from kapdesk.core.tasks import TaskCancelled
from kapdesk.storage.backup_check import check_copy
from kapdesk.storage.backup_files import (BEFORE_UPGRADE, CHECKED, FAILED, list_backups, note_path)
from kapdesk.storage.backups import back_up, backup_folder, make_backup, thin_backups
from kapdesk.storage.clients import ClientStore
from kapdesk.storage.files import META_NAME
from kapdesk.storage.practice import backup_practice, open_practice
from kapdesk.storage.restore import BackupUnreadable, RestoreRefused, restore_backup
from kapdesk.storage.tables import session_events
from tests.helpers.constants import PASSPHRASE
from tests.helpers.filesnap import plaintext_hits, snapshot
from tests.helpers.practice_builder import add_client, live_session

NAME_MARKER = "QB-BACKUP-NAME-PROBE"
NOTE_MARKER = "QB-BACKUP-NOTE-PROBE"
DAY = 86_400.0


@pytest.fixture
def recorded(practice, clock):  # noqa: ANN001, ANN201
    """A practice with a client and a running session that has a few notes."""
    client_id = add_client(practice.engine, NAME_MARKER)
    session_id, runner = live_session(practice, clock, client_id)
    for number in range(5):
        clock.advance(60)
        runner.add_note(f"note {number}: {NOTE_MARKER}")
    return practice, runner


def events_in(practice) -> int:  # noqa: ANN001
    with practice.engine.connect() as connection:
        return connection.execute(sa.select(sa.func.count()).select_from(session_events)).scalar()


def opened_as_practice(backup: Path, folder: Path):  # noqa: ANN201
    """The backup, copied alone into a folder, opened the way the app opens a practice."""
    folder.mkdir()
    shutil.copyfile(backup, folder / "practice.kapdesk")
    return open_practice(folder, PASSPHRASE)


def test_a_backup_is_checked_noted_and_opens_with_the_practice_passphrase(recorded, clock, tmp_path) -> None:  # noqa: ANN001
    practice, _runner = recorded
    info = make_backup(practice.db_path, PASSPHRASE, backup_folder(practice.data_dir), clock)
    assert info.status == CHECKED
    assert info.counts.clients == 1 and info.counts.sessions == 1
    assert info.counts.events == events_in(practice)
    assert info.path.name == "practice-20260101-000500.kapdesk"
    assert [listed.path for listed in list_backups(info.path.parent)] == [info.path]
    assert list_backups(info.path.parent)[0] == info  # the list reads the note, decrypting nothing
    restored = opened_as_practice(info.path, tmp_path / "elsewhere")
    try:
        assert ClientStore(restored, clock).list()[0].display_name == NAME_MARKER
    finally:
        restored.close()


def test_no_client_data_in_plain_text_in_backups_notes_or_a_restored_folder(recorded, clock) -> None:  # noqa: ANN001
    practice, _runner = recorded
    report = back_up(practice.data_dir, PASSPHRASE, clock, BackupSettings(), dt.date(2026, 1, 1))
    practice.close()
    restore_backup(report.backup.path, practice.data_dir, PASSPHRASE, clock.now())
    assert note_path(report.backup.path).exists()
    assert plaintext_hits(practice.data_dir, [NAME_MARKER, NOTE_MARKER]) == []


def test_a_backup_taken_while_a_session_writes_notes_is_whole_and_holds_the_moment_of_the_copy(
        recorded, clock) -> None:  # noqa: ANN001
    practice, runner = recorded
    before = events_in(practice)
    written, stop = threading.Semaphore(0), threading.Event()

    def write_notes() -> None:  # the room, on a connection of its own
        number = 0
        while not stop.is_set():
            runner.add_note(f"written during the backup {number}: {NOTE_MARKER}")
            number += 1
            written.release()

    writer = threading.Thread(target=write_notes)
    reports = []

    def progress(done: int, total: int) -> None:
        if not reports:  # mid-copy: let the session commit five notes before going on
            for _ in range(5):
                assert written.acquire(timeout=30)
        reports.append((done, total))

    writer.start()
    try:
        info = make_backup(practice.db_path, PASSPHRASE, tmp_folder(practice), clock,
                           progress=progress, pages_per_step=4)
    finally:
        stop.set()
        writer.join()
    assert len(reports) > 1 and reports[-1][0] == reports[-1][1]
    assert info.status == CHECKED
    assert before <= info.counts.events < events_in(practice)  # the notes after the moment are not in it
    assert check_copy(info.path, PASSPHRASE) == info.counts


def tmp_folder(practice) -> Path:  # noqa: ANN001
    return backup_folder(practice.data_dir)


def test_a_copy_damaged_on_the_disk_is_caught_and_kept_aside_as_failed(recorded, clock) -> None:  # noqa: ANN001
    practice, _runner = recorded
    folder = backup_folder(practice.data_dir)
    practice_files_before = practice_files(practice.data_dir)

    def flip_bytes_when_copied(done: int, total: int) -> None:
        if done == total:  # the copy is written: a failing disk flips a few bytes of one page
            partial = next(folder.glob("*.partial"))
            data = bytearray(partial.read_bytes())
            data[5 * 4096 + 100: 5 * 4096 + 108] = bytes(b ^ 0xFF for b in data[5 * 4096 + 100: 5 * 4096 + 108])
            partial.write_bytes(bytes(data))

    info = make_backup(practice.db_path, PASSPHRASE, folder, clock, progress=flip_bytes_when_copied)
    assert info.status == FAILED
    assert info.path.name == "practice-20260101-000500.failed.kapdesk" and info.path.exists()
    assert "not whole" in info.problem and "damaged page" in info.problem
    listed = list_backups(folder)
    assert [(b.path.name, b.status) for b in listed] == [(info.path.name, FAILED)]
    assert not list(folder.glob("*.partial"))
    assert practice_files(practice.data_dir) == practice_files_before


def practice_files(folder: Path) -> dict[str, str]:
    """The practice and its log as bytes (the -shm is only a reader's index, rewritten by reads)."""
    return {name: digest for name, digest in snapshot(folder).items()
            if name in ("practice.kapdesk", "practice.kapdesk-wal", META_NAME)}


def test_a_backup_damaged_later_is_refused_by_restore_and_nothing_changes(recorded, clock) -> None:  # noqa: ANN001
    practice, _runner = recorded
    info = make_backup(practice.db_path, PASSPHRASE, backup_folder(practice.data_dir), clock)
    practice.close()
    data = bytearray(info.path.read_bytes())
    data[-2000] ^= 0x55
    info.path.write_bytes(bytes(data))
    before = snapshot(practice.data_dir)
    # Which check meets the damaged page first depends on what lies there (the
    # encryption check, or a read of the tables it holds); either says so in words.
    with pytest.raises(RestoreRefused, match="cannot be restored: (the encryption check found 1 damaged page"
                                             r"|it could not be read \(it is damaged\))\. Nothing was changed"):
        restore_backup(info.path, practice.data_dir, PASSPHRASE, clock.now())
    assert snapshot(practice.data_dir) == before


def test_a_cancelled_backup_leaves_nothing_behind(recorded, clock) -> None:  # noqa: ANN001
    practice, _runner = recorded

    def cancel(_done: int, _total: int) -> None:
        raise TaskCancelled

    folder = backup_folder(practice.data_dir)
    with pytest.raises(TaskCancelled):
        make_backup(practice.db_path, PASSPHRASE, folder, clock, progress=cancel, pages_per_step=2)
    assert list(folder.iterdir()) == []


def test_restore_moves_the_practice_and_its_write_ahead_log_aside_and_checks_the_new_one(
        recorded, clock, tmp_path) -> None:  # noqa: ANN001
    practice, _runner = recorded
    info = make_backup(practice.db_path, PASSPHRASE, backup_folder(practice.data_dir), clock)
    ClientStore(practice, clock).add(ClientDraft("Added after the backup"))
    # Kill -9 as it were: the last writes may still be only in the -wal, which must go with the file.
    copy = tmp_path / "crashed"
    shutil.copytree(practice.data_dir, copy)
    practice.close()
    assert Path(f"{copy}/practice.kapdesk-wal").exists()
    clock.advance(DAY)
    restored = restore_backup(info.path, copy, PASSPHRASE, clock.now())
    assert restored.counts == info.counts
    assert restored.moved_aside == copy / "practice-replaced-20260102-000500.kapdesk"
    # The log was folded into the old file before it was moved (so the file in place was
    # whole at every moment): no log is left beside the restored file, none holds pages aside.
    assert not Path(f"{copy}/practice.kapdesk-wal").exists()
    aside_wal = Path(f"{restored.moved_aside}-wal")
    assert not aside_wal.exists() or aside_wal.stat().st_size == 0
    assert (copy / "practice-replaced-20260102-000500.kapdesk.json").exists()
    now_open = open_practice(copy, PASSPHRASE)
    try:
        assert [c.display_name for c in ClientStore(now_open, clock).list()] == [NAME_MARKER]
    finally:
        now_open.close()
    (tmp_path / "aside").mkdir()
    shutil.copyfile(restored.moved_aside, tmp_path / "aside" / "practice.kapdesk")  # the file alone
    aside = open_practice(tmp_path / "aside", PASSPHRASE)
    try:
        assert len(ClientStore(aside, clock).list()) == 2  # nothing of the old practice was lost
    finally:
        aside.close()


def test_restore_rewrites_the_passphrase_check_for_the_restored_file(recorded, clock) -> None:  # noqa: ANN001
    practice, _runner = recorded
    info = make_backup(practice.db_path, PASSPHRASE, backup_folder(practice.data_dir), clock)
    practice.close()
    old_check = (practice.data_dir / META_NAME).read_bytes()
    restore_backup(info.path, practice.data_dir, PASSPHRASE, clock.now())
    assert (practice.data_dir / META_NAME).read_bytes() != old_check
    from kapdesk.storage.verifier import read_db_salt, read_verifier

    assert read_verifier(practice.data_dir / META_NAME).db_salt == read_db_salt(practice.db_path)


def test_restore_with_another_passphrase_is_refused_in_words(recorded, clock) -> None:  # noqa: ANN001
    practice, _runner = recorded
    info = make_backup(practice.db_path, PASSPHRASE, backup_folder(practice.data_dir), clock)
    practice.close()
    before = snapshot(practice.data_dir)
    with pytest.raises(BackupUnreadable, match="does not open the backup"):
        restore_backup(info.path, practice.data_dir, "not-the-passphrase", clock.now())
    assert snapshot(practice.data_dir) == before


def test_thinning_keeps_the_retention_rule_failed_few_and_every_backup_before_an_upgrade(
        recorded, clock) -> None:  # noqa: ANN001
    practice, _runner = recorded
    folder = backup_folder(practice.data_dir)
    upgrade = backup_practice(practice.engine, practice.data_dir, clock)
    made = []
    for _day in range(6):
        made.append(make_backup(practice.db_path, PASSPHRASE, folder, clock))
        clock.advance(DAY)
    for number in range(5):
        failed = make_backup(practice.db_path, PASSPHRASE, folder, clock)
        failed.path.rename(folder / f"practice-2025010{number + 1}-000000.failed.kapdesk")
    today = dt.datetime.fromtimestamp(clock.now()).date()
    removed = thin_backups(folder, Retention(daily=2, weekly=0, monthly=0), today)
    left = list_backups(folder)
    assert {info.path for info in left if info.status == CHECKED and info.kind != BEFORE_UPGRADE} == {
        made[-1].path, made[-2].path}
    assert sorted(info.path.name for info in left if info.status == FAILED) == [
        "practice-20250103-000000.failed.kapdesk", "practice-20250104-000000.failed.kapdesk",
        "practice-20250105-000000.failed.kapdesk"]
    # The backup before an upgrade is checked like the others, and never thinned.
    assert any(info.path == upgrade and info.kind == BEFORE_UPGRADE and info.status == CHECKED
               for info in left)
    assert len(removed) == 4 + 2
    assert not any(note_path(path).exists() for path in removed)


def test_a_missing_second_folder_is_a_calm_note_and_the_next_backup_copies_there(
        recorded, clock, tmp_path) -> None:  # noqa: ANN001
    practice, _runner = recorded
    usb = tmp_path / "usb-drive" / "kapdesk"
    settings = BackupSettings(second_folder=str(usb))
    today = dt.date(2026, 1, 1)
    first = back_up(practice.data_dir, PASSPHRASE, clock, settings, today)
    assert first.backup.status == CHECKED
    assert len(first.notes) == 1 and "is not there (is its drive connected?)" in first.notes[0]
    assert "tried again" in first.notes[0]
    usb.mkdir(parents=True)  # the drive is plugged in again
    clock.advance(3600)
    second = back_up(practice.data_dir, PASSPHRASE, clock, settings, today)
    assert second.notes == []
    copied = list_backups(usb)
    assert [(info.path.name, info.status) for info in copied] == [(second.backup.path.name, CHECKED)]
    assert copied[0].counts == second.backup.counts
    assert check_copy(copied[0].path, PASSPHRASE) == second.backup.counts


def test_a_copy_left_by_a_backup_killed_midway_is_removed_a_day_later(recorded, clock) -> None:  # noqa: ANN001
    import os

    practice, _runner = recorded
    folder = backup_folder(practice.data_dir)
    folder.mkdir()
    left = folder / "practice-20251230-000000.kapdesk.partial"
    left.write_bytes(b"\0" * 4096)
    os.utime(left, (clock.now() - 2 * DAY, clock.now() - 2 * DAY))
    fresh = folder / "practice-20260101-000000.kapdesk.partial"  # another copy, being written now
    fresh.write_bytes(b"\0" * 4096)
    os.utime(fresh, (clock.now(), clock.now()))
    report = back_up(practice.data_dir, PASSPHRASE, clock, BackupSettings(), dt.date(2026, 1, 1))
    assert left in report.removed and not left.exists()
    assert fresh.exists()


def test_restore_onto_a_new_laptop_with_no_practice_yet(recorded, clock, tmp_path) -> None:  # noqa: ANN001
    practice, _runner = recorded
    info = make_backup(practice.db_path, PASSPHRASE, tmp_path / "usb", clock)
    new_laptop = tmp_path / "new-laptop" / "KAPDesk"
    restored = restore_backup(info.path, new_laptop, PASSPHRASE, clock.now())
    assert restored.moved_aside is None
    assert sorted(path.name for path in new_laptop.iterdir()) == ["practice.kapdesk", META_NAME]
    reopened = open_practice(new_laptop, PASSPHRASE)
    try:
        assert [c.display_name for c in ClientStore(reopened, clock).list()] == [NAME_MARKER]
    finally:
        reopened.close()


def test_two_backups_in_the_same_second_each_keep_their_own_file(recorded, clock) -> None:  # noqa: ANN001
    practice, _runner = recorded
    folder = backup_folder(practice.data_dir)
    first = make_backup(practice.db_path, PASSPHRASE, folder, clock)
    second = make_backup(practice.db_path, PASSPHRASE, folder, clock)
    assert (first.path.name, second.path.name) == ("practice-20260101-000500.kapdesk",
                                                   "practice-20260101-000500-2.kapdesk")
    assert [info.status for info in list_backups(folder)] == [CHECKED, CHECKED]
