"""Getting to the client's page and back, as the app wires it: Enter on a client opens
the page in the main window, Esc returns to the list with the same client chosen,
Start session on the page asks the list's own signal."""

from __future__ import annotations

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
