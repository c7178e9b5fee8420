"""Getting to the client's page and back, as the app wires it: Enter on a client opens
the page in the main window, Esc returns to the list with the same client chosen,
Start session on the page asks the list's own signal."""

from __future__ import annotations

import pytest

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kapdesk.core.clients import ClientDraft
from kapdesk.core.measures import MeasureKind
from kapdesk.ui.clients.client_list import ClientsView
from kapdesk.ui.clients.client_page import ClientPage
from kapdesk.ui.clients.page_wiring import PendingCourseActions, connect_client_page
from kapdesk.ui.shell.main_window import MainWindow

pytest_plugins = ("tests.helpers.client_page_fixtures",)


@pytest.fixture
def client(page_client):  # noqa: ANN001, ANN201 - this module's client: nothing recorded yet
    return page_client


def test_enter_opens_the_page_escape_returns_with_the_client_still_chosen(qtbot, services, actions) -> None:  # noqa: ANN001
    for name in ("A. M.", "Jordan K."):
        services.clients.add(ClientDraft(name))
    window = MainWindow()
    qtbot.addWidget(window)
    clients = ClientsView(services.clients, lambda: dt.date(2026, 1, 1))
    window.show_view(clients)
    wiring = connect_client_page(window, services, clients, actions)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    clients.list_view.setCurrentIndex(clients.list_view.model().index(1, 0))
    clients.list_view.setFocus()

    QTest.keyClick(clients.list_view, Qt.Key.Key_Return)
    page = wiring.page
    assert isinstance(page, ClientPage) and window.stack.currentWidget() is page
    assert page.name_label.text() == "Jordan K."
    assert window.focusWidget() is page.screening_button
    started = []
    clients.start_session_requested.connect(started.append)
    page.start_button.click()
    assert started == [clients.current_client().id]

    QTest.keyClick(window.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is clients, timeout=2000)
    assert clients.current_client().display_name == "Jordan K."
    assert window.focusWidget() is clients.list_view


def test_until_the_forms_are_in_the_build_nothing_is_saved() -> None:
    pending = PendingCourseActions()
    assert not any((pending.record_screening(1), pending.record_clearance(1, 2), pending.record_consent(1),
                    pending.enter_measure(1, MeasureKind.PHQ9), pending.correct_measure(1, 2),
                    pending.assess_risk(1, 2), pending.hand_to_client(1, MeasureKind.GAD7)))


def test_the_apps_actions_send_a_clients_form_on_to_its_follow_up_and_say_an_unsaved_one(qtbot) -> None:  # noqa: ANN001
    from PySide6.QtCore import QObject, Signal

    from kapdesk.core.measures import MeasureKind
    from kapdesk.ui.clients.page_wiring import AppCourseActions

    class Mode(QObject):
        submitted = Signal(int, int)
        left_unsaved = Signal(int, str)

        def hand_to_client(self, client_id: int, kind: MeasureKind) -> bool:
            self.submitted.emit(client_id, 41)
            return True

    class Forms:
        def __init__(self) -> None:
            self.followed: list[tuple[int, int]] = []

        def after_measure_saved(self, client_id: int, measure_id: int) -> None:
            self.followed.append((client_id, measure_id))

    said: list[str] = []
    forms, mode = Forms(), Mode()
    actions = AppCourseActions(forms, mode, said.append)
    assert actions.hand_to_client(7, MeasureKind.PHQ9) is True
    assert forms.followed == [(7, 41)]
    mode.left_unsaved.emit(7, "Nothing was saved: the form was left before Submit.")
    assert said == ["Nothing was saved: the form was left before Submit."]
