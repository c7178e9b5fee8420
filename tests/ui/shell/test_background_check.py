"""The whole practice file read in the background a little after start-up, never during a
session, and a calm notice naming the practice and the latest checked backup when it is damaged."""

from __future__ import annotations

import os
from pathlib import Path

from kapdesk.core.clients import ClientDraft
from kapdesk.core.whole_check import AFTER_SESSION_S, AFTER_START_S, EVERY_S
from kapdesk.services import open_services
from kapdesk.storage.backup_files import BY_HAND
from kapdesk.storage.practice import open_practice
from kapdesk.storage.damage import backup_date_words
from kapdesk.ui.common.tasks import TaskRunner
from kapdesk.ui.shell.background_check import BackgroundCheck
from tests.helpers.constants import PASSPHRASE
from tests.helpers.damage import damage_table
from tests.helpers.screenshots import save_screen

pytest_plugins = ("tests.helpers.session_fixtures",)


def background_check(window) -> BackgroundCheck:  # noqa: ANN001
    check = window.findChild(BackgroundCheck, "backgroundCheck")
    assert check is not None
    return check


def test_the_check_waits_some_seconds_after_start_up_then_finds_the_file_whole(qtbot, wired, services) -> None:  # noqa: ANN001
    check = background_check(wired.window)
    assert check.timer.isActive() and check.timer.interval() == AFTER_START_S * 1000
    assert services.whole_check.last() is None  # nothing read at start
    with qtbot.waitSignal(check.checked, timeout=20_000) as done:
        assert check.consider()
    assert done.args[0].whole and services.whole_check.last() == done.args[0]
    assert check.notice is None
    assert not check.consider()  # found whole: not again today


def test_never_while_a_session_runs_and_again_after_it_closes(qtbot, wired, services, room) -> None:  # noqa: ANN001
    check = background_check(wired.window)
    assert not check.timer.isActive()  # the session opened: the start-up wait is off
    assert not check.consider() and not check.running
    room.controller.end()  # the session closes
    assert check.timer.isActive() and check.timer.interval() == AFTER_SESSION_S * 1000
    # The backup made as the session closed read every page: it counts as a whole check.
    qtbot.waitUntil(lambda: services.whole_check.last() is not None, timeout=20_000)
    assert services.whole_check.last().whole and not check.consider()


def test_damage_found_is_told_calmly_naming_the_practice_and_the_latest_checked_backup(
        qtbot, practice, clock, tmp_path) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QWidget

    services = open_services(practice, clock)
    services.clients.add(ClientDraft("Maya R."))
    backup = services.backups.back_up(kind=BY_HAND).backup
    practice.close()
    damage_table(practice.data_dir, "clients")
    clock.advance(EVERY_S)  # a day after the backup's own check
    reopened = open_practice(practice.data_dir, PASSPHRASE)
    try:
        services = open_services(reopened, clock)
        window = QWidget()
        qtbot.addWidget(window)
        window.resize(900, 600)
        window.show()
        tasks = TaskRunner(threads=1, parent=window)
        shown = []
        check = BackgroundCheck(services.whole_check, lambda: False, tasks, window,
                                show_backups=shown.append)
        with qtbot.waitSignal(check.checked, timeout=20_000) as done:
            assert check.consider()
        assert not done.args[0].whole
        notice = check.notice
        assert notice is not None and notice.isVisible()
        words = notice.text.text()
        assert str(reopened.db_path) in words and backup_date_words(backup.made_at) in words
        assert "No record in it was changed" in words and "malformed" not in words.lower()
        assert notice.show_backups_button.accessibleName() == "Show backups"
        assert notice.later_button.accessibleName() == "Not now"
        if os.environ.get("KAPDESK_SCREENSHOT_DIR"):
            save_screen(notice, Path(os.environ["KAPDESK_SCREENSHOT_DIR"]), "damage-notice.png")
        notice.show_backups_button.click()
        assert shown == [window] and not notice.isVisible()
        tasks.shut_down()
    finally:
        reopened.close()
