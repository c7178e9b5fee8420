"""Settings -> Backups on a real encrypted practice: the list in words (a checked and a
failed backup), "Back up now" adding a checked row on the task runner, a second folder
that is missing said calmly, accessible names and keys, and a picture to look at."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import replace

import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractButton, QWidget

from kapdesk.core.practice_settings import BACKUP_SECOND_FOLDER
from kapdesk.services import open_services
from kapdesk.storage.backup_files import FAILED, failed_path, write_note
from kapdesk.storage.backups import BackupReport
from kapdesk.ui.common.tasks import TaskRunner
from kapdesk.ui.editors.backups import RESTORE_HINT, BackupsDialog, outcome_words
from kapdesk.ui.editors.settings import SettingsDialog
from kapdesk.core.practice_settings import PracticeSettings
from tests.helpers.accessibility import unread_labels
from tests.helpers.screenshots import save_screen, screenshot_folder

UTC = dt.timezone.utc


@pytest.fixture
def services(practice, clock):  # noqa: ANN001, ANN201
    return open_services(practice, clock)


@pytest.fixture
def tasks(qtbot):  # noqa: ANN001, ANN201
    runner = TaskRunner()
    yield runner
    runner.wait()


def open_dialog(qtbot, services, tasks) -> BackupsDialog:  # noqa: ANN001
    dialog = BackupsDialog(services.backups, tasks, tz=UTC)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: bool(dialog.rows()) and not tasks.busy)
    return dialog


def a_failed_backup(services, clock) -> None:  # noqa: ANN001
    """A checked backup made, then a copy of it kept aside as failed, as the check leaves one."""
    clock.advance(3600)
    made = services.backups.back_up().backup
    aside = failed_path(made.path.with_name(made.path.name.replace("000000", "010500")))
    shutil.copyfile(made.path, aside)
    write_note(replace(made, path=aside, made_at=made.made_at + 300, status=FAILED,
                       problem="The backup is not whole: 3 sessions where the practice had 4."))


def test_the_list_shows_a_checked_and_a_failed_backup_in_words(qtbot, services, tasks,  # noqa: ANN001
                                                              clock) -> None:
    a_failed_backup(services, clock)
    dialog = open_dialog(qtbot, services, tasks)
    rows = dialog.rows()
    assert len(rows) == 2
    # Newest first: the failed one (01:05) above the checked one (01:00).
    assert rows[0].startswith("Thu 1 Jan 2026, 01:05")
    assert "failed — kept aside" in rows[0] and "on this laptop" in rows[0]
    assert rows[1].startswith("Thu 1 Jan 2026, 01:00")
    assert "· checked ·" in rows[1] and "0 sessions" in rows[1] and "KB" in rows[1]
    assert "not whole" in dialog.list.topLevelItem(0).toolTip(0)
    assert dialog.list.topLevelItem(0).foreground(3).color().name() == "#9a3b2f"  # marked
    assert dialog.list.topLevelItem(1).foreground(3).color().name() != "#9a3b2f"
    assert RESTORE_HINT in [label.text() for label in dialog.findChildren(type(dialog.status_label))]
    assert "python -m kapdesk restore <file>" in RESTORE_HINT


def test_an_empty_practice_says_there_is_no_backup_yet(qtbot, services, tasks) -> None:  # noqa: ANN001
    dialog = open_dialog(qtbot, services, tasks)
    assert dialog.rows() == ["No backups yet. “Back up now” makes the first one."]


def test_back_up_now_adds_a_checked_row_and_says_so(qtbot, services, tasks, clock) -> None:  # noqa: ANN001
    dialog = open_dialog(qtbot, services, tasks)
    clock.advance(2 * 3600 + 15 * 60)
    qtbot.keyClick(dialog, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.back_up_button.isEnabled()  # one at a time
    qtbot.waitUntil(lambda: dialog.back_up_button.isEnabled() and not tasks.busy)
    assert dialog.status_label.text() == "A backup was made at 02:15 and checked."
    assert dialog.progress.isHidden()
    rows = dialog.rows()
    assert len(rows) == 1
    assert rows[0].startswith("Thu 1 Jan 2026, 02:15")
    assert "· checked ·" in rows[0] and "made by hand" in rows[0] and "on this laptop" in rows[0]


def test_a_missing_second_folder_is_a_calm_note(qtbot, services, tasks, tmp_path) -> None:  # noqa: ANN001
    services.settings.set(BACKUP_SECOND_FOLDER, str(tmp_path / "usb-drive"))
    dialog = open_dialog(qtbot, services, tasks)
    dialog.back_up_button.click()
    qtbot.waitUntil(lambda: dialog.back_up_button.isEnabled() and not tasks.busy)
    said = dialog.status_label.text()
    assert said.startswith("A backup was made at") and "is not there" in said
    assert "will be tried again with the next backup" in said
    assert "Traceback" not in said


def test_a_backup_that_could_not_be_made_is_said_in_words(qtbot, services, tasks,  # noqa: ANN001
                                                          monkeypatch) -> None:
    dialog = open_dialog(qtbot, services, tasks)

    def full_disk(*_args, **_kwargs):  # noqa: ANN002, ANN003, ANN202
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(services.backups, "back_up", full_disk)
    dialog.back_up_button.click()
    qtbot.waitUntil(lambda: dialog.back_up_button.isEnabled() and not tasks.busy)
    said = dialog.status_label.text()
    assert said.startswith("No backup was made.") and "full" in said.lower()
    assert "No space left" not in said and "Errno" not in said


def test_a_failed_outcome_is_shown_as_failed(services, clock) -> None:  # noqa: ANN001
    made = services.backups.back_up().backup
    failed = replace(made, path=failed_path(made.path), status=FAILED,
                     problem="The backup is not whole: the sessions do not match.")
    said = outcome_words(BackupReport(failed), UTC)
    assert said.startswith("The backup did not pass its check and was kept aside as")
    assert "not whole" in said and "unchanged" in said


def test_every_control_has_a_name_and_the_keys_are_shown(qtbot, services, tasks) -> None:  # noqa: ANN001
    dialog = open_dialog(qtbot, services, tasks)
    for widget in dialog.findChildren(QWidget):
        if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.isVisible():
            assert widget.accessibleName(), widget
    assert dialog.back_up_button.accessibleName() == "Back up now"
    assert dialog.back_up_button.shortcut().toString() == "Ctrl+B"
    assert "Ctrl+B" in dialog.back_up_button.text()
    dialog.back_up_button.click()
    qtbot.waitUntil(lambda: dialog.back_up_button.isEnabled() and not tasks.busy)
    assert unread_labels(dialog) == []  # the outcome and the restore line are read out too
    assert "· checked ·" in dialog.list.topLevelItem(0).data(0, Qt.ItemDataRole.AccessibleTextRole)


def test_settings_opens_backups_with_its_button_and_key(qtbot) -> None:  # noqa: ANN001
    opened: list[QWidget] = []
    dialog = SettingsDialog(PracticeSettings(), open_backups=opened.append)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # a window's keys reach it when it is the active one
    assert dialog.backups_button.isVisible() and dialog.backups_button.accessibleName() == "Backups"
    qtbot.keyClick(dialog, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: opened == [dialog])  # a button's key clicks after its press shows
    plain = SettingsDialog(PracticeSettings())
    qtbot.addWidget(plain)
    assert not plain.backups_button.isVisibleTo(plain)
    assert [b for b in plain.findChildren(QAbstractButton) if b.isVisibleTo(plain)
            and b.accessibleName() == "Backups"] == []


def test_screenshot(qtbot, services, tasks, clock, tmp_path) -> None:  # noqa: ANN001
    a_failed_backup(services, clock)
    clock.advance(3 * 3600)
    services.backups.back_up()
    dialog = open_dialog(qtbot, services, tasks)
    image = save_screen(dialog, screenshot_folder(tmp_path), "backups.png")
    assert image.width() > 600


def test_settings_screenshot_with_its_backups_section(qtbot, tmp_path) -> None:  # noqa: ANN001
    dialog = SettingsDialog(PracticeSettings(), open_backups=lambda _parent: None)
    qtbot.addWidget(dialog)
    dialog.show()
    save_screen(dialog, screenshot_folder(tmp_path), "settings_backups.png")
    # The section sits above the buttons, whole, in the dialog's own size.
    button = dialog.backups_button
    bottom = button.mapTo(dialog, button.rect().bottomLeft()).y()
    assert bottom < dialog.save_button.mapTo(dialog, dialog.save_button.rect().topLeft()).y()


def test_a_copy_in_the_second_folder_is_listed_there(qtbot, services, tasks, tmp_path) -> None:  # noqa: ANN001
    usb = tmp_path / "usb-drive"
    usb.mkdir()
    services.settings.set(BACKUP_SECOND_FOLDER, str(usb))
    dialog = open_dialog(qtbot, services, tasks)
    dialog.back_up_button.click()
    qtbot.waitUntil(lambda: dialog.back_up_button.isEnabled() and not tasks.busy)
    assert dialog.status_label.text().endswith("and checked.")  # no note: the copy went well
    places = sorted(row.rsplit(" · ", 1)[1] for row in dialog.rows())
    assert places == ["on the second folder", "on this laptop"]
    assert all("· checked ·" in row for row in dialog.rows())


class Automatic(QObject):
    """Stands for the app's automatic backups (ui/shell/auto_backups.py): its signal and last report."""

    backed_up = Signal(object)

    def __init__(self, last_report: BackupReport | None = None) -> None:
        super().__init__()
        self.last_report = last_report


def test_an_automatic_backup_shows_as_a_new_row_and_its_notes_on_opening(  # noqa: ANN001
        qtbot, services, tasks, clock, tmp_path) -> None:
    note = ("The second backup folder /media/usb is not there (is its drive connected?). The "
            "backup in the practice folder is made; the copy will be tried again with the next backup.")
    earlier = services.backups.back_up()
    automatic = Automatic(BackupReport(earlier.backup, notes=[note]))
    dialog = BackupsDialog(services.backups, tasks, tz=UTC, automatic=automatic)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: bool(dialog.rows()) and not tasks.busy)
    assert dialog.status_label.text() == "The last automatic backup: " + note
    clock.advance(1800)
    automatic.backed_up.emit(services.backups.back_up())  # as AutoBackups does, on the GUI thread
    qtbot.waitUntil(lambda: len(dialog.rows()) == 2 and not tasks.busy)
    assert dialog.status_label.text() == "An automatic backup was made at 00:30 and checked."
    assert dialog.rows()[0].startswith("Thu 1 Jan 2026, 00:30")
    dialog.close()  # a closed page follows them no more
    automatic.backed_up.emit(services.backups.back_up())
    assert not tasks.busy and len(dialog.rows()) == 2
