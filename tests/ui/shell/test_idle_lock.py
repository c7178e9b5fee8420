"""The idle lock between sessions: Ctrl+L and idling cover the window; the passphrase uncovers it.

(The lock during a session, and other windows left open: test_session_lock.py.)

What a person would notice: no client's name anywhere on the locked window
(the lock screen's whole tree, and every visible widget of the window), a
wrong passphrase refused calmly with the field kept, the right one bringing
back the same view, selection and focus; idling during a session only if set.
The idle rule runs on the fake clock: the check is driven directly.
"""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QWidget

from kapdesk.core.clients import ClientDraft
from kapdesk.core.practice_settings import IDLE_LOCK_MINUTES, IDLE_LOCK_SECONDS, SESSION_LOCK_MINUTES
from kapdesk.ui.shell.idle_lock import CHECKING, LOCKED_TITLE, WRONG_PASSPHRASE, IdleLock
from tests.helpers.constants import PASSPHRASE
from tests.helpers.session_window import open_window

pytest_plugins = ("tests.helpers.session_fixtures",)

MARKER = "Quintessa Marlowe-Vey"


@pytest.fixture
def marked(qtbot, services):  # noqa: ANN001, ANN201 - the wired window, a marker client selected
    services.clients.add(ClientDraft("Alex M."))
    services.clients.add(ClientDraft(MARKER))
    wired = open_window(qtbot, services)
    view = wired.clients_view
    row = next(r for r in range(view.list_view.model().rowCount())
               if MARKER in str(view.list_view.model().index(r, 0).data()))
    index = view.list_view.model().index(row, 0)
    view.list_view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    view.list_view.setFocus()
    qtbot.waitUntil(lambda: MARKER in view.detail_name.text())
    return wired


def texts(widget: QWidget, visible_only: bool) -> list[str]:
    """Every text a widget tree shows or names (item views' rows too)."""
    found = []
    for each in [widget, *widget.findChildren(QWidget)]:
        if visible_only and not each.isVisible():
            continue
        for name in ("text", "placeholderText", "toPlainText", "windowTitle", "accessibleName",
                     "accessibleDescription", "toolTip"):
            method = getattr(each, name, None)
            if callable(method):
                found.append(str(method()))
        if isinstance(each, QAbstractItemView) and each.model() is not None:
            model = each.model()
            found += [str(model.index(r, 0).data()) for r in range(model.rowCount())]
    return found


def lock_with_ctrl_l(wired) -> None:  # noqa: ANN001
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)


def unlock_with(screen, passphrase: str) -> None:  # noqa: ANN001 - a LockScreen
    field = screen.passphrase
    QTest.keyClicks(field, passphrase)
    QTest.keyClick(field, Qt.Key.Key_Return)


def test_ctrl_l_locks_and_no_client_is_left_to_see(qtbot, marked) -> None:  # noqa: ANN001
    window = marked.window
    assert any(MARKER in text for text in texts(window, visible_only=True))  # the test can see it
    lock_with_ctrl_l(marked)
    lock = marked.idle_lock
    assert lock.is_locked and window.centralWidget() is lock.screen
    assert QApplication.focusWidget() is lock.screen.passphrase
    assert not any(MARKER in text for text in texts(lock.screen, visible_only=False))
    assert not any(MARKER in text for text in texts(window, visible_only=True))
    assert not window.isAncestorOf(marked.clients_view)  # out of the window's tree, not only hidden
    assert MARKER not in window.windowTitle() and "locked" in window.windowTitle()
    assert LOCKED_TITLE in texts(lock.screen, visible_only=True)


def test_a_wrong_passphrase_is_refused_calmly_and_the_right_one_brings_all_back(qtbot, marked) -> None:  # noqa: ANN001
    view = marked.clients_view
    window = marked.window
    lock_with_ctrl_l(marked)
    screen = marked.idle_lock.screen
    unlock_with(marked.idle_lock.screen, "not-the-passphrase")
    qtbot.waitUntil(lambda: screen.message.text() == WRONG_PASSPHRASE, timeout=10_000)
    assert marked.idle_lock.is_locked and window.centralWidget() is screen
    assert screen.passphrase.text() == "not-the-passphrase" and screen.passphrase.hasSelectedText()
    assert QApplication.focusWidget() is screen.passphrase and screen.unlock_button.isEnabled()
    unlock_with(marked.idle_lock.screen, PASSPHRASE)  # typing replaces the selected wrong one
    qtbot.waitUntil(lambda: not marked.idle_lock.is_locked, timeout=10_000)
    assert window.isAncestorOf(view) and view.isVisible()
    assert window.stack.currentWidget() is view
    assert MARKER in view.list_view.currentIndex().data() and MARKER in view.detail_name.text()
    assert QApplication.focusWidget() is view.list_view
    assert window.windowTitle() == "KAPDesk" and screen.passphrase.text() == ""


def test_idling_locks_after_the_set_minutes_and_input_puts_it_off(qtbot, marked, clock, services) -> None:  # noqa: ANN001
    lock = marked.idle_lock
    clock.advance(4 * 60)
    assert not lock.check() and lock.timer.isActive()
    assert 59_000 <= lock.timer.interval() <= 60_000  # the minute left
    QTest.keyClick(marked.clients_view.list_view, Qt.Key.Key_Down)  # someone is here
    clock.advance(4 * 60)
    assert not lock.check()
    clock.advance(60)
    assert lock.check() and lock.is_locked
    assert not any(MARKER in text for text in texts(marked.window, visible_only=True))


def test_a_time_in_seconds_looks_first_and_locks_that_soon(qtbot, services, clock) -> None:  # noqa: ANN001
    services.settings.set(IDLE_LOCK_SECONDS, 3)
    lock = open_window(qtbot, services).idle_lock
    assert lock.timer.isActive() and lock.timer.interval() == 3000  # not a minute in
    clock.advance(2)
    assert not lock.check()
    clock.advance(1)
    assert lock.check() and lock.is_locked


def test_the_setting_sets_the_minutes_and_zero_turns_it_off(qtbot, marked, clock, services) -> None:  # noqa: ANN001
    lock = marked.idle_lock
    services.settings.set(IDLE_LOCK_MINUTES, 0)
    clock.advance(3 * 3600)
    assert not lock.check()
    services.settings.set(IDLE_LOCK_MINUTES, 240)
    assert not lock.check()
    clock.advance(60 * 60)
    assert lock.check()


def test_during_a_session_idling_does_not_lock_unless_the_practice_asks(qtbot, wired, session, clock,  # noqa: ANN001
                                                                       services) -> None:
    clock.advance(3 * 3600)
    assert not wired.idle_lock.check()  # off by default while a session runs
    services.settings.set(SESSION_LOCK_MINUTES, 20)
    assert wired.idle_lock.check() and wired.idle_lock.is_locked


def test_the_lock_screen_looks_calm(qtbot, marked, tmp_path) -> None:  # noqa: ANN001
    lock_with_ctrl_l(marked)
    marked.idle_lock.screen.refused()
    path = tmp_path / "idle_lock.png"
    assert marked.window.grab().save(str(path))  # looked at: dark, calm, nothing of a client


def test_the_passphrase_is_checked_off_the_gui_thread_and_a_second_enter_waits(qtbot, marked, clock) -> None:  # noqa: ANN001
    gate, threads = threading.Event(), []

    def slow_confirms(passphrase: str) -> bool:  # as a key derivation: a while, on a worker
        threads.append(threading.current_thread())
        gate.wait(10)
        return passphrase == PASSPHRASE

    window = marked.window
    marked.idle_lock.deleteLater()  # one lock on the window in this test: this one
    qtbot.waitUntil(lambda: not window.findChildren(IdleLock))
    lock = IdleLock(window, clock, lambda: 5, lambda: None, slow_confirms, marked.tasks, parent=window)
    assert lock.lock()
    unlock_with(lock.screen, PASSPHRASE)
    qtbot.waitUntil(lambda: len(threads) == 1)
    assert lock.screen.message.text() == CHECKING and not lock.screen.unlock_button.isEnabled()
    QTest.keyClick(lock.screen.passphrase, Qt.Key.Key_Return)  # the screen answers; nothing doubles
    assert threads[0] is not threading.main_thread() and lock.is_locked
    gate.set()
    qtbot.waitUntil(lambda: not lock.is_locked, timeout=10_000)
    assert len(threads) == 1 and window.isAncestorOf(marked.clients_view)


def test_ctrl_l_is_the_locks_before_any_pages_own_shortcut(qtbot, marked) -> None:  # noqa: ANN001
    fired = []
    QShortcut(QKeySequence("Ctrl+L"), marked.clients_view, lambda: fired.append(True))
    lock_with_ctrl_l(marked)
    assert marked.idle_lock.is_locked and fired == []


def test_a_dialog_left_open_does_not_stop_the_lock_and_the_lock_outlasts_it(qtbot, marked, clock) -> None:  # noqa: ANN001
    dialog = QDialog(marked.window)
    dialog.setAccessibleName("A question")
    dialog.open()  # window-modal, as the app's questions are
    qtbot.waitUntil(dialog.isVisible)
    clock.advance(5 * 60)
    assert marked.idle_lock.check()
    assert not any(MARKER in text for text in texts(marked.window, visible_only=True))
    dialog.reject()  # whoever comes back answers it first; the window stays locked
    assert marked.idle_lock.is_locked
    unlock_with(marked.idle_lock.screen, PASSPHRASE)
    qtbot.waitUntil(lambda: not marked.idle_lock.is_locked, timeout=10_000)
    assert marked.clients_view.isVisible()
    assert not dialog.isVisible()  # answered under the lock: it does not come back after it


def test_the_system_putting_the_app_away_locks_it_another_app_taking_the_focus_does_not(qtbot, marked) -> None:  # noqa: ANN001
    app = QApplication.instance()
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
    assert not marked.idle_lock.is_locked
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationSuspended)
    assert marked.idle_lock.is_locked
    assert not any(MARKER in text for text in texts(marked.window, visible_only=True))


def test_minimising_the_window_does_not_lock_it(qtbot, marked) -> None:  # noqa: ANN001
    marked.window.showMinimized()
    qtbot.waitUntil(marked.window.isMinimized)
    QApplication.processEvents()
    assert not marked.idle_lock.is_locked
    marked.window.showNormal()


def test_the_desktops_screen_saver_coming_on_locks_it_and_going_off_unlocks_nothing(qtbot, marked) -> None:  # noqa: ANN001
    watch = marked.idle_lock.screen_saver
    watch.active_changed(False)
    assert not marked.idle_lock.is_locked
    watch.active_changed(True)  # as the session bus's ActiveChanged(true) calls it
    assert marked.idle_lock.is_locked
    watch.active_changed(False)
    assert marked.idle_lock.is_locked
