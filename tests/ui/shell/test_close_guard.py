"""Closing KAPDesk during a session: the window stays, asks in its own dark bar, and
only a deliberate "Close KAPDesk" closes it, leaving the session open for the next start."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kapdesk.app import build_main_window
from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
from kapdesk.services import Services
from kapdesk.ui.shell.close_guard import DEMO_WORDS, logout_answer
from kapdesk.ui.shell.main_window import MainWindow
from tests.helpers.session_window import close_confirmed, dose_anyway, open_window
from tests.helpers.stubs import FakeSessionManager

pytest_plugins = ("tests.helpers.session_fixtures",)

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def _open_ids(services: Services) -> list[int]:
    return [session.session_id for session in services.sessions.open_sessions()]


def test_closing_during_a_session_asks_in_the_window_with_keep_focused(window, room) -> None:  # noqa: ANN001
    window.close()
    bar = window.close_bar
    assert window.isVisible()
    assert bar.isVisible()
    assert bar.accessibleName() == "Close KAPDesk?"
    assert bar.message.text() == ("The session with Alex M. stays open: it is not ended, and KAPDesk "
                                  "offers to resume it when it starts again. The music stops.")
    assert bar.message.accessibleName().startswith("Close KAPDesk?: The session with Alex M.")
    assert QApplication.focusWidget() is bar.keep_button
    assert bar.keep_button.accessibleName() == "Keep the session on screen"
    assert bar.keep_button.shortcut().toString() == "Esc"
    assert bar.close_button.shortcut().toString() == "Ctrl+Shift+Q"
    window.grab().save("/tmp/shell/close-bar.png")


def test_esc_keeps_the_session_on_screen_and_gives_the_focus_back(window, wired, room) -> None:  # noqa: ANN001
    room.setFocus()
    window.close()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not window.close_bar.isVisible()
    assert window.isVisible()
    assert wired.session_flow.view is not None
    assert QApplication.focusWidget() is room


def test_esc_keeps_even_while_the_end_question_is_up(window, session, room) -> None:  # noqa: ANN001
    QTest.keyClick(room, Qt.Key.Key_F8)
    window.close()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not window.close_bar.isVisible()
    assert window.isVisible()


def test_ctrl_q_in_a_session_asks_too(window, room) -> None:  # noqa: ANN001
    QTest.keyClick(room, Qt.Key.Key_Q, CTRL)
    assert window.isVisible()
    assert window.close_bar.isVisible()


def test_ctrl_shift_q_closes_and_the_session_stays_open_for_the_next_start(window, session, room, services) -> None:  # noqa: ANN001
    window.close()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Q, CTRL | SHIFT)
    assert not window.isVisible()
    assert session.session_id in _open_ids(services)


def test_between_sessions_ctrl_q_closes_at_once(window) -> None:  # noqa: ANN001
    QTest.keyClick(window, Qt.Key.Key_Q, CTRL)
    assert not window.isVisible()
    assert not window.close_bar.isVisible()


def test_after_the_session_ends_closing_no_longer_asks(window, wired, session, room) -> None:  # noqa: ANN001
    window.close()
    assert wired.session_flow.running_client() == "Alex M."
    session.finished.emit()
    assert not window.close_bar.isVisible()  # the question went with the session
    assert wired.session_flow.running_client() is None
    assert wired.clients_view.isAncestorOf(QApplication.focusWidget())  # not lost in the header
    window.close()
    assert not window.isVisible()


def test_the_demo_says_closing_throws_it_away(qtbot) -> None:  # noqa: ANN001
    window = MainWindow(demo=True)
    qtbot.addWidget(window, before_close_func=close_confirmed)  # as the therapist confirms it
    window.guard_close(lambda: "Alex M.")
    window.show()
    window.close()
    assert window.isVisible()
    assert window.close_bar.message.text() == DEMO_WORDS


def test_logout_during_a_session_is_cancelled_and_asks(window, room) -> None:  # noqa: ANN001
    manager = FakeSessionManager(interactive=True)
    logout_answer(window.ask_before_closing)(manager)
    assert manager.calls == ["cancel", "release"]
    assert window.close_bar.isVisible()


def test_logout_between_sessions_goes_on(window) -> None:  # noqa: ANN001
    manager = FakeSessionManager(interactive=True)
    logout_answer(window.ask_before_closing)(manager)
    assert manager.calls == []
    assert not window.close_bar.isVisible()


def test_the_window_keeps_its_size_between_pages(qtbot, services, client, clock) -> None:  # noqa: ANN001
    wired = build_main_window(services, demo=False)  # at the size it opens at
    window = wired.window
    qtbot.addWidget(window)
    window.show()
    QTest.qWaitForWindowExposed(window)
    opened = window.size().toTuple()
    sizes = {opened}
    view = wired.session_flow.start(client.id, KAP_SUBLINGUAL)
    QApplication.processEvents()
    sizes.add(window.size().toTuple())
    clock.advance(120)
    dose_anyway(view.pre_dose)
    QApplication.processEvents()
    sizes.add(window.size().toTuple())
    view.finished.emit()
    wired.review.open_records()
    QApplication.processEvents()
    sizes.add(window.size().toTuple())
    assert sizes == {opened}
    window.grab().save("/tmp/shell/records.png")


def test_the_header_is_reached_with_tab_but_the_window_opens_on_the_clients(window, wired, client) -> None:  # noqa: ANN001
    home = wired.clients_view
    assert home.isAncestorOf(QApplication.focusWidget())
    reached = []
    for _ in range(40):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    for button in (window.records_button, window.scripts_button, window.music_button, window.settings_button):
        assert button in reached, button.accessibleName()
