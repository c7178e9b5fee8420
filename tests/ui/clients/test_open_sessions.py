"""A session left open stays in sight until it is ended, and blocks a second one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
from kapdesk.core.clients import ClientDraft
from kapdesk.core.events import EventKind
from kapdesk.ui.session.script_chooser import ScriptChooser
from kapdesk.ui.session.resume import ResumeOffer
from kapdesk.ui.session.pages import SessionView
from tests.helpers.session_window import open_window, process_dies

pytest_plugins = ("tests.helpers.session_fixtures",)
MIN = 60
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def crashed(wired, room, clock):  # noqa: ANN001, ANN201
    """A session two minutes after its dose whose app stopped, and 5 minutes later."""
    process_dies(wired)
    clock.advance(5 * MIN)
    return room


@pytest.fixture
def home(crashed, qtbot, services):  # noqa: ANN001, ANN201
    """The app started again, and "Not now" pressed at the resume offer."""
    wired = open_window(qtbot, services)
    window = wired.window
    assert isinstance(window.stack.currentWidget(), ResumeOffer)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is wired.clients_view
    return wired


def press(key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(QApplication.focusWidget(), key, modifiers)


def test_not_now_leaves_a_bar_that_names_the_open_session(home) -> None:  # noqa: ANN001
    [bar] = home.clients_view.open_bars
    assert bar.isVisible()
    assert bar.message.text() == "Session with Alex M. still open — Dose & dissolve, 7:00 elapsed"
    assert bar.accessibleName() == bar.message.text()
    assert bar.resume_button.text() == "Resume session   Ctrl+R"
    assert bar.end_button.isVisible() and bar.end_button.text() == "End it…"
    assert QApplication.focusWidget() is home.clients_view.list_view  # home, in the list


def test_start_session_for_that_client_is_refused_and_resume_gets_the_cursor(
        home, services, qtbot) -> None:  # noqa: ANN001
    view = home.clients_view
    view.list_view.setFocus()
    press(Qt.Key.Key_Return, CTRL)  # the client list's button clicks after its animation
    refusal = "A session with Alex M. is still open. Resume it or end it first."
    qtbot.waitUntil(lambda: view.open_bars[0].message.text().startswith(refusal))
    assert home.window.stack.currentWidget() is view  # no chooser, no second session
    [bar] = view.open_bars
    assert bar.message.accessibleName().startswith(f"Open session: {refusal}")
    assert QApplication.focusWidget() is bar.resume_button
    assert len(services.sessions.open_sessions()) == 1


def test_no_start_path_makes_a_second_session_for_the_client(home, services, client) -> None:  # noqa: ANN001
    assert home.session_flow.choose_script(client.id) is None
    assert home.session_flow.start(client.id, KAP_SUBLINGUAL) is None
    assert len(services.sessions.open_sessions()) == 1


def test_another_client_can_still_start(home, services) -> None:  # noqa: ANN001
    other = services.clients.add(ClientDraft("Sam R."))
    assert isinstance(home.session_flow.choose_script(other.id), ScriptChooser)


def test_ctrl_r_resumes_the_open_session(home, services, clock) -> None:  # noqa: ANN001
    press(Qt.Key.Key_R, CTRL)
    view = home.window.stack.currentWidget()
    assert isinstance(view, SessionView) and view.current_page() is view.room
    kinds = [e.kind for e in services.sessions.events(view.session_id)]
    assert EventKind.APP_RECOVERED in kinds and EventKind.SESSION_ENDED not in kinds


def test_ending_from_the_bar_asks_first_then_stores_the_end(home, services) -> None:  # noqa: ANN001
    [open_session] = services.sessions.open_sessions()
    [bar] = home.clients_view.open_bars
    bar.end_button.click()
    assert "End the session with Alex M. now?" in bar.message.text()
    assert QApplication.focusWidget() is bar.keep_button
    press(Qt.Key.Key_Escape)  # keeps it open
    assert services.sessions.open_sessions() == [open_session]
    assert bar.resume_button.isVisible()
    bar.end_button.click()
    press(Qt.Key.Key_E, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert services.sessions.open_sessions() == []
    kinds = [e.kind for e in services.sessions.events(open_session.session_id)]
    assert kinds[-2:] == [EventKind.APP_RECOVERED, EventKind.SESSION_ENDED]
    assert home.clients_view.open_bars == []


def test_records_offers_resume_and_end_for_an_open_session_never_sign(home, services) -> None:  # noqa: ANN001
    [open_session] = services.sessions.open_sessions()
    area = home.review.open_records(None)
    area.show_session(open_session.session_id)
    page = area.session
    assert page.open_bar.isVisible()
    assert page.open_bar.message.text().startswith("Open — not ended")
    assert not page.record_panel.sign_button.isVisible()
    assert "Open — not ended" in page.flags_label.text()
    page.open_bar.end_button.click()
    assert QApplication.focusWidget() is page.open_bar.keep_button
    press(Qt.Key.Key_Escape)  # keeps it open, and stays on the page
    assert area.pages.currentWidget() is page and services.sessions.open_sessions()
    page.open_bar.end_button.click()
    page.open_bar.confirm_button.click()
    assert services.sessions.open_sessions() == []
    assert services.sessions.events(open_session.session_id)[-1].kind is EventKind.SESSION_ENDED
    assert not page.open_bar.isVisible() and page.record_panel.sign_button.isVisible()
    assert home.window.stack.currentWidget() is area


def test_records_resumes_an_open_session(home, services) -> None:  # noqa: ANN001
    [open_session] = services.sessions.open_sessions()
    area = home.review.open_records(None)
    area.show_session(open_session.session_id)
    press(Qt.Key.Key_R, CTRL)
    view = home.window.stack.currentWidget()
    assert isinstance(view, SessionView) and view.session_id == open_session.session_id


def test_the_bar_follows_the_clock_while_the_list_is_shown(home, clock) -> None:  # noqa: ANN001
    [bar] = home.clients_view.open_bars
    clock.advance(10 * MIN)
    home.session_flow.findChild(QTimer, "openSessionBars").timeout.emit()
    assert home.clients_view.open_bars == [bar]  # the same bar, its line brought up to date
    assert bar.message.text().endswith("17:00 elapsed")


def test_an_end_that_cannot_be_stored_says_so_and_leaves_it_open(home, services, monkeypatch) -> None:  # noqa: ANN001
    from kapdesk.storage.sessions import StoredEventSink

    def full_disk(*_args, **_kwargs):  # noqa: ANN002, ANN003, ANN202
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(StoredEventSink, "append_with", full_disk)
    [bar] = home.clients_view.open_bars
    bar.end_button.click()
    bar.confirm_button.click()
    [bar] = home.clients_view.open_bars
    assert bar.message.text().startswith("Not ended: the practice file could not be written")
    assert "OSError" not in bar.message.text()
    assert len(services.sessions.open_sessions()) == 1
