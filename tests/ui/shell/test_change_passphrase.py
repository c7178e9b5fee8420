"""Settings → Change passphrase in the app: the rules of a new passphrase said inline, the
change made on the task runner while the screen answers, refused during a session, and the
practice then unlocking with the new passphrase only; the old backups' passphrase said plainly."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kapdesk.storage.errors import MIN_PASSPHRASE_LENGTH
from kapdesk.ui.shell.change_passphrase import (DONE, IN_SESSION, NOT_CURRENT, OLD_BACKUPS,
                                                ChangePassphraseDialog)
from tests.helpers.constants import PASSPHRASE
from tests.helpers.screenshots import save_screen, screenshot_folder

pytest_plugins = ("tests.helpers.session_fixtures",)

NEW = "the new practice passphrase"


def _dialog(qtbot, wired, services, session_running=lambda: False):  # noqa: ANN001, ANN202
    from kapdesk.storage.passphrase_change import change_open_practice

    def change(current: str, new: str) -> None:
        change_open_practice(services.practice, current, new, services.clock)

    dialog = ChangePassphraseDialog(change, wired.tasks, session_running, wired.window)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _type(dialog, current: str, new: str, repeat: str) -> None:  # noqa: ANN001
    for edit, text in ((dialog.current_edit, current), (dialog.new_edit, new), (dialog.repeat_edit, repeat)):
        edit.clear()
        QTest.keyClicks(edit, text)
    QTest.keyClick(dialog.repeat_edit, Qt.Key.Key_Return)


def test_the_new_passphrase_meets_the_creation_rules_inline(qtbot, wired, services) -> None:  # noqa: ANN001
    dialog = _dialog(qtbot, wired, services)
    _type(dialog, PASSPHRASE, "short", "short")
    assert str(MIN_PASSPHRASE_LENGTH) in dialog.message.text()
    _type(dialog, PASSPHRASE, NEW, NEW + "x")
    assert "not the same" in dialog.message.text()
    assert dialog.isVisible() and not dialog.changed
    assert OLD_BACKUPS in [label.text() for label in dialog.findChildren(type(dialog.message))]


def test_a_wrong_current_passphrase_is_said_and_nothing_changes(qtbot, wired, services) -> None:  # noqa: ANN001
    dialog = _dialog(qtbot, wired, services)
    _type(dialog, "not the current one", NEW, NEW)
    qtbot.waitUntil(lambda: dialog.message.text() == NOT_CURRENT, timeout=20_000)
    assert not dialog.changed and services.records.passphrase_confirms(PASSPHRASE)
    assert QApplication.focusWidget() is dialog.current_edit


def test_it_changes_on_the_task_runner_and_the_lock_then_takes_the_new_one(qtbot, wired, services,  # noqa: ANN001
                                                                          tmp_path) -> None:
    threads = []
    from kapdesk.storage import passphrase_change

    real = passphrase_change.change_passphrase

    def spy(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    passphrase_change.change_passphrase = spy
    try:
        dialog = _dialog(qtbot, wired, services)
        _type(dialog, PASSPHRASE, NEW, NEW)
        assert not dialog.change_button.isEnabled()  # working: the screen answers, nothing doubles
        dialog.reject()  # half-way, Esc does not close it
        assert dialog.isVisible()
        qtbot.waitUntil(lambda: dialog.changed, timeout=30_000)
    finally:
        passphrase_change.change_passphrase = real
    assert threads and threads[0] is not threading.main_thread()
    assert dialog.message.text() == DONE and dialog.change_button.accessibleName() == "Close"
    save_screen(dialog, screenshot_folder(tmp_path), "change-passphrase.png")
    assert services.records.passphrase_confirms(NEW) and not services.records.passphrase_confirms(PASSPHRASE)
    assert services.clients.list() is not None  # the stores go on, on the new key
    lock = wired.idle_lock
    assert lock.lock()
    QTest.keyClicks(lock.screen.passphrase, PASSPHRASE)
    QTest.keyClick(lock.screen.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: lock.screen.message.text().startswith("That is not"), timeout=10_000)
    lock.screen.passphrase.clear()
    QTest.keyClicks(lock.screen.passphrase, NEW)
    QTest.keyClick(lock.screen.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not lock.is_locked, timeout=10_000)


def test_it_is_refused_while_a_session_runs(qtbot, wired, services) -> None:  # noqa: ANN001
    dialog = _dialog(qtbot, wired, services, session_running=lambda: True)
    _type(dialog, PASSPHRASE, NEW, NEW)
    assert dialog.message.text() == IN_SESSION and not dialog.changed
    assert services.records.passphrase_confirms(PASSPHRASE)


def test_settings_opens_it_over_itself(qtbot, wired) -> None:  # noqa: ANN001
    from PySide6.QtCore import QTimer

    from kapdesk.ui.editors.settings import SettingsDialog

    seen = []

    def shown(kind):  # noqa: ANN001, ANN202
        return next(w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible())

    def in_settings() -> None:
        settings = shown(SettingsDialog)

        def in_change() -> None:
            try:
                change = shown(ChangePassphraseDialog)
                seen.append((change.parent() is settings, change.focusWidget() is change.current_edit))
                change.reject()
            finally:  # whatever happened, nothing is left waiting
                QTimer.singleShot(0, settings._cancel)

        QTimer.singleShot(0, in_change)
        settings.lock_fields.change_button.click()

    QTimer.singleShot(0, in_settings)
    wired.window.settings_requested.emit()
    assert seen == [(True, True)]
