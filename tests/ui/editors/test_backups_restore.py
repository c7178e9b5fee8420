"""Restore from Settings → Backups: only a checked backup, never during a session, after a
calm question naming its date and what happens; then, as the app does once the practice is
closed, the practice file becomes the backup's content and the old one is moved aside."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import replace

import pytest

from kapdesk.core.clients import ClientDraft
from kapdesk.services import open_services
from kapdesk.storage.backup_files import FAILED, failed_path, write_note
from kapdesk.storage.files import db_path_in
from kapdesk.storage.practice import open_practice
from kapdesk.ui.common.tasks import TaskRunner
from kapdesk.ui.editors.backups import (CHOOSE_CHECKED, RESTORE_IN_APP_HINT, BackupsDialog,
                                        when_words)
from kapdesk.ui.shell.restore_restart import (SESSION_RUNNING, AppRestore, carry_out_restore,
                                              take_pending_restore)
from tests.helpers.accessibility import unread_labels
from tests.helpers.constants import PASSPHRASE
from tests.helpers.screenshots import save_screen, screenshot_folder

UTC = dt.timezone.utc


@pytest.fixture
def services(practice, clock):  # noqa: ANN001, ANN201
    services = open_services(practice, clock)
    services.clients.add(ClientDraft("Ana B."))
    return services


@pytest.fixture
def tasks(qtbot):  # noqa: ANN001, ANN201
    runner = TaskRunner()
    yield runner
    runner.wait()
    assert take_pending_restore() is None  # every test takes what it asked for


class Asked:
    """The app's restore as the page sees it, with the quit left out and the question answered."""

    def __init__(self, services, answer: bool = True, session: bool = False) -> None:  # noqa: ANN001
        self.quits, self.questions, self.answer = [], [], answer
        self.restore = AppRestore(lambda: services.practice.passphrase, lambda: session,
                                  quit_app=lambda: self.quits.append(True))

    def confirm(self, _parent, question: str) -> bool:  # noqa: ANN001
        self.questions.append(question)
        return self.answer


def open_dialog(qtbot, services, tasks, asked: Asked | None) -> BackupsDialog:  # noqa: ANN001
    dialog = BackupsDialog(services.backups, tasks, tz=UTC,
                           restore=asked.restore if asked else None,
                           confirm=asked.confirm if asked else None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: bool(dialog.rows()) and not tasks.busy)
    return dialog


def choose(dialog: BackupsDialog, row: int) -> None:
    dialog.list.setCurrentItem(dialog.list.topLevelItem(row))


def test_without_the_apps_restore_the_page_says_how_to_restore_from_the_command_line(
        qtbot, services, tasks) -> None:  # noqa: ANN001
    services.backups.back_up()
    dialog = open_dialog(qtbot, services, tasks, None)
    assert not dialog.restore_button.isVisibleTo(dialog)
    assert not dialog.restore_selected()


def test_only_a_checked_backup_can_be_restored(qtbot, services, tasks, clock) -> None:  # noqa: ANN001
    made = services.backups.back_up().backup
    clock.advance(3600)
    aside = failed_path(made.path.with_name(made.path.name.replace("000000", "010000")))
    shutil.copyfile(made.path, aside)
    write_note(replace(made, path=aside, made_at=made.made_at + 3600, status=FAILED,
                       problem="The backup is not whole."))
    asked = Asked(services)
    dialog = open_dialog(qtbot, services, tasks, asked)
    assert dialog.restore_button.isVisibleTo(dialog)
    assert dialog.restore_button.accessibleName() == "Restore this backup"
    assert RESTORE_IN_APP_HINT in [label.text() for label in dialog.findChildren(type(dialog.status_label))]
    assert not dialog.restore_button.isEnabled()  # nothing chosen yet
    choose(dialog, 0)  # the failed one, newest
    assert not dialog.restore_button.isEnabled()
    assert not dialog.restore_selected() and dialog.status_label.text() == CHOOSE_CHECKED
    choose(dialog, 1)
    assert dialog.restore_button.isEnabled()
    assert unread_labels(dialog) == []


def test_a_running_session_refuses_in_words(qtbot, services, tasks) -> None:  # noqa: ANN001
    services.backups.back_up()
    asked = Asked(services, session=True)
    dialog = open_dialog(qtbot, services, tasks, asked)
    choose(dialog, 0)
    assert not dialog.restore_selected()
    assert dialog.status_label.text() == SESSION_RUNNING
    assert asked.questions == [] and asked.quits == []


def test_keeping_the_practice_changes_nothing(qtbot, services, tasks) -> None:  # noqa: ANN001
    made = services.backups.back_up().backup
    asked = Asked(services, answer=False)
    dialog = open_dialog(qtbot, services, tasks, asked)
    choose(dialog, 0)
    assert not dialog.restore_selected()
    [question] = asked.questions
    assert when_words(made.made_at, UTC) in question
    assert "moved aside" in question and "never deleted" in question and "starts" in question
    assert asked.quits == [] and dialog.isVisible()


def test_restoring_quits_then_the_file_is_the_backups_and_the_old_one_is_aside(
        qtbot, services, tasks, clock, practice, tmp_path) -> None:  # noqa: ANN001
    made = services.backups.back_up().backup
    clock.advance(600)
    services.clients.add(ClientDraft("Ben C."))  # after the backup: kept only in the old file
    asked = Asked(services)
    dialog = open_dialog(qtbot, services, tasks, asked)
    choose(dialog, 0)
    save_screen(dialog, screenshot_folder(tmp_path), "backups-restore.png")
    assert dialog.restore_selected()
    assert asked.quits == [True] and not dialog.isVisible()

    # What app.py does once the window has closed and the practice is closed, lock held:
    practice.close()
    pending = take_pending_restore()
    assert pending is not None and pending.backup == made.path
    clock.advance(60)
    assert carry_out_restore(pending, practice.data_dir, clock) is None
    [aside] = practice.data_dir.glob("practice-replaced-*.kapdesk")
    assert aside.stat().st_size > 0
    reopened = open_practice(practice.data_dir, PASSPHRASE)
    try:
        restored = open_services(reopened, clock)
        names = [client.display_name for client in restored.clients.list()]
        assert names == ["Ana B."]
        # The restore is in the restored practice's audit trail, as the command line leaves it:
        # which backup, when it was made, where the practice it replaced went; the chain whole.
        newest = restored.audit.entries(limit=1)[0]
        assert newest.kind == "restore" and newest.at == clock.now()
        made_words = dt.datetime.fromtimestamp(made.made_at, UTC).strftime("%Y-%m-%d %H:%M UTC")
        assert newest.detail == (f"from {made.path}, made {made_words}; the practice it replaced "
                                 f"is kept beside it as {aside.name}")
        assert restored.audit.verify().whole
    finally:
        reopened.close()


def test_a_backup_that_cannot_be_restored_changes_nothing_and_says_so(
        services, clock, practice) -> None:  # noqa: ANN001
    made = services.backups.back_up().backup
    practice.close()
    before = db_path_in(practice.data_dir).read_bytes()
    damaged = bytearray(made.path.read_bytes())
    damaged[5000] ^= 0xFF
    made.path.write_bytes(bytes(damaged))
    AppRestore(lambda: PASSPHRASE, lambda: False, quit_app=lambda: None).request(made.path)
    problem = carry_out_restore(take_pending_restore(), practice.data_dir, clock)
    assert problem is not None and problem.startswith("The backup was not restored.")
    assert "Nothing was changed" in problem and "as it was" in problem
    assert db_path_in(practice.data_dir).read_bytes() == before
    assert list(practice.data_dir.glob("practice-replaced-*")) == []


def test_the_app_restarts_the_way_it_was_started(monkeypatch) -> None:  # noqa: ANN001
    import os
    import sys

    from kapdesk.ui.shell.restore_restart import restart_app

    started = []
    monkeypatch.setattr(os, "execv", lambda path, argv: started.append((path, argv)))
    restart_app()
    assert started == [(sys.executable, [sys.executable, *sys.orig_argv[1:]])]


def test_the_backup_before_an_upgrade_is_listed_checked_and_can_be_restored(
        qtbot, services, tasks, clock) -> None:  # noqa: ANN001
    from kapdesk.storage.practice import backup_practice

    backup_practice(services.practice.engine, services.practice.data_dir, clock)
    dialog = open_dialog(qtbot, services, tasks, Asked(services, answer=False))
    [row] = dialog.rows()
    assert "(before an upgrade)" in row and "checked" in row
    choose(dialog, 0)
    assert dialog.restore_button.isEnabled()


def test_the_page_says_when_the_file_was_last_read_through_whole(qtbot, services, tasks, clock) -> None:  # noqa: ANN001
    from kapdesk.ui.editors.backups import whole_check_words

    dialog = open_dialog(qtbot, services, tasks, None)
    qtbot.waitUntil(lambda: bool(dialog.whole_label.text()))
    assert dialog.whole_label.text() == whole_check_words(None)
    dialog.close()
    clock.advance(60)
    made = services.backups.back_up().backup  # a checked backup read every page
    dialog = open_dialog(qtbot, services, tasks, None)
    qtbot.waitUntil(lambda: "sound" in dialog.whole_label.text())
    assert when_words(made.made_at, UTC) in dialog.whole_label.text()
    assert dialog.whole_label.accessibleName().startswith("Whole-file check")
