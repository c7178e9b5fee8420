"""The header's Scripts and Settings buttons reach their editors."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kapdesk.core.practice_settings import PracticeSettings
from kapdesk.services import open_services
from kapdesk.storage.scripts import ScriptStore
from kapdesk.storage.settings import SettingsStore
from kapdesk.ui.common.tasks import TaskRunner
from kapdesk.ui.editors import backups as backups_page
from kapdesk.ui.editors import course_settings
from kapdesk.ui.editors import scripts as script_editor
from kapdesk.ui.editors import settings as settings_dialog
from kapdesk.ui.shell.header_editors import connect_library_actions
from kapdesk.ui.shell.main_window import MainWindow


def test_header_buttons_show_their_shortcuts_and_emit(qtbot) -> None:  # noqa: ANN001
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.scripts_button.text() == "Scripts  [Ctrl+Shift+S]"
    assert window.settings_button.text() == "Settings  [Ctrl+,]"
    assert window.scripts_button.accessibleName() == "Scripts"
    with qtbot.waitSignal(window.scripts_requested, timeout=1000):
        window.scripts_button.click()
    with qtbot.waitSignal(window.settings_requested, timeout=1000):
        window.settings_button.click()


def test_requests_open_the_editors_on_the_practice(qtbot, practice, clock, monkeypatch) -> None:  # noqa: ANN001
    window = MainWindow()
    qtbot.addWidget(window)
    services = open_services(practice, clock)
    opened: list[object] = []
    monkeypatch.setattr(script_editor, "open_script_library",
                        lambda store, parent, music: opened.append((type(store), parent, music)))
    chosen = PracticeSettings(therapist_name="Dr. Lee")
    monkeypatch.setattr(settings_dialog, "edit_practice_settings",
                        lambda store, parent, open_backups=None, open_course=None, open_audit=None, change_passphrase=None:
                        opened.append((type(store), parent, open_backups)) or chosen)
    saved: list[PracticeSettings] = []

    def music(slot: str) -> float | None:
        return None

    connect_library_actions(window, services, music, saved.append)
    window.scripts_requested.emit()
    window.settings_requested.emit()
    # Without the app's task runner there is no Backups button.
    assert opened == [(ScriptStore, window, music), (SettingsStore, window, None)]
    assert saved == [chosen]


def test_settings_offer_the_backups_on_the_task_runner(qtbot, practice, clock,  # noqa: ANN001
                                                       monkeypatch) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    services = open_services(practice, clock)
    tasks = TaskRunner(parent=window)
    shown: list[object] = []
    monkeypatch.setattr(backups_page, "open_backups",
                        lambda keeper, runner, parent, automatic, restore=None:
                        shown.append((keeper, runner, parent, automatic, restore)))

    def press_backups(store, parent, open_backups=None, open_course=None, open_audit=None, change_passphrase=None):  # noqa: ANN001, ANN202
        assert open_backups is not None
        open_backups("the settings dialog")

    monkeypatch.setattr(settings_dialog, "edit_practice_settings", press_backups)
    automatic = object()  # the app's AutoBackups, handed on as it is
    restore = object()  # the app's AppRestore, likewise
    connect_library_actions(window, services, None, tasks=tasks, automatic=automatic,
                            restore=restore)
    window.settings_requested.emit()
    assert shown == [(services.backups, tasks, "the settings dialog", automatic, restore)]


def test_settings_offer_the_course_settings_on_the_practice(qtbot, practice, clock,  # noqa: ANN001
                                                           monkeypatch) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    services = open_services(practice, clock)
    shown: list[object] = []
    monkeypatch.setattr(course_settings, "edit_course_settings",
                        lambda given, parent: shown.append((given, parent)))

    def press_course(store, parent, open_backups=None, open_course=None, open_audit=None,  # noqa: ANN001, ANN202
                     change_passphrase=None):
        assert open_course is not None
        open_course("the settings dialog")

    monkeypatch.setattr(settings_dialog, "edit_practice_settings", press_course)
    connect_library_actions(window, services, None)
    window.settings_requested.emit()
    assert shown == [(services, "the settings dialog")]


def test_shortcuts_work_between_sessions_but_not_in_the_session_room(qtbot) -> None:  # noqa: ANN001
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    # A button's shortcut "animates" the click: the signal comes a moment later.
    with qtbot.waitSignal(window.settings_requested, timeout=2000):
        QTest.keyClick(window, Qt.Key.Key_Comma, ctrl)
    with qtbot.waitSignal(window.scripts_requested, timeout=2000):
        QTest.keyClick(window, Qt.Key.Key_S, ctrl | shift)
    window.set_header_visible(False)  # what the session room does
    with qtbot.assertNotEmitted(window.scripts_requested, wait=300):
        QTest.keyClick(window, Qt.Key.Key_S, ctrl | shift)
