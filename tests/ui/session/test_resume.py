"""After a crash: the offer to resume, and a resumed session at the right time."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kapdesk.core.events import EventKind
from kapdesk.ui.session.resume import ResumeOffer
from kapdesk.ui.session.pages import SessionView
from tests.helpers.session_window import log_lines, open_window, process_dies, stored

pytest_plugins = ("tests.helpers.session_fixtures",)
MIN = 60


@pytest.fixture
def crashed(wired, room, clock):  # noqa: ANN001, ANN201
    """A session that stopped without ending, 45 minutes after the dose, 5 minutes ago."""
    clock.advance(30 * MIN)
    room.note_edit.setText("Smiling, hands open")
    room.save_note()
    clock.advance(10 * MIN)
    room.controller.keep_alive_timer.timeout.emit()  # last known alive at 40 min
    process_dies(wired)
    clock.advance(5 * MIN)
    return room


def test_the_offer_names_client_phase_and_elapsed_time(crashed, qtbot, services) -> None:  # noqa: ANN001
    wired = open_window(qtbot, services)
    window = wired.window
    offer = window.stack.currentWidget()
    assert isinstance(offer, ResumeOffer)
    assert offer.texts == ["Session with Alex M. — Lying-down journey, 47:00 elapsed"]
    assert offer.resume_button.text() == "Resume   Ctrl+Return"
    assert QApplication.focusWidget() is offer.resume_button  # what comes next, not "End it"


def test_resuming_opens_the_room_at_the_right_time_with_the_gap_in_the_log(
        crashed, qtbot, services, clock) -> None:  # noqa: ANN001
    wired = open_window(qtbot, services)
    window = wired.window
    QTest.keyClick(window.stack.currentWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    view = window.stack.currentWidget()
    assert isinstance(view, SessionView) and view.current_page() is view.room
    [recovered] = stored(services, view, EventKind.APP_RECOVERED)
    assert recovered.data["down_since"] == clock.now() - 5 * MIN and recovered.at == clock.now()
    state = view.controller.state()
    assert state.session_elapsed_s == 47 * MIN and state.phase.name == "Lying-down journey"
    assert view.room.face.countdown.text() == "25:00"
    texts = log_lines(view.room)
    assert any(t.endswith("+0:30   Note — Smiling, hands open") for t in texts)
    assert texts[-1].endswith("Gap — The app was not running from 00:42 to 00:47 (5 min); "
                              "nothing was recorded then")
    assert view.controller.keep_alive_timer.isActive()
    assert services.sessions.open_sessions()[0].session_id == view.session_id


def test_not_now_leaves_the_session_open_for_later(crashed, qtbot, services) -> None:  # noqa: ANN001
    wired = open_window(qtbot, services)
    window = wired.window
    QTest.keyClick(window.stack.currentWidget(), Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is wired.clients_view
    assert len(services.sessions.open_sessions()) == 1
    again = open_window(qtbot, services).window
    assert isinstance(again.stack.currentWidget(), ResumeOffer)


def test_no_offer_without_an_open_session(window, wired) -> None:  # noqa: ANN001
    assert window.stack.currentWidget() is wired.clients_view


def test_an_unfinished_session_can_be_ended_without_resuming(crashed, qtbot, services, clock) -> None:  # noqa: ANN001
    wired = open_window(qtbot, services)
    window = wired.window
    offer = window.stack.currentWidget()
    [open_session] = services.sessions.open_sessions()
    offer.end_button.click()  # a first click only asks again: ending cannot be undone
    assert services.sessions.open_sessions() == [open_session]
    assert offer.end_button.text() == "Click again to end it"
    offer.end_button.click()
    assert services.sessions.open_sessions() == []
    kinds = [e.kind for e in services.sessions.events(open_session.session_id)]
    assert kinds[-2:] == [EventKind.APP_RECOVERED, EventKind.SESSION_ENDED]
    assert window.stack.currentWidget() is wired.clients_view
