"""The client's page under the idle lock, in the app as it is wired: Ctrl+L on the page
leaves none of the client's records in the window, and the passphrase brings the same
page back, the focus where it was."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from kapdesk.core.clients import ClientDraft
from kapdesk.ui.clients.client_page import ClientPage
from tests.helpers.constants import PASSPHRASE
from tests.helpers.course_records import TODAY, clear_screening
from tests.helpers.session_window import open_window

pytest_plugins = ("tests.helpers.session_fixtures",)

MARKER = "Quintessa Marlowe-Vey"


def test_ctrl_l_on_the_page_hides_the_client_and_the_passphrase_brings_the_page_back(qtbot, services) -> None:  # noqa: ANN001
    client = services.clients.add(ClientDraft(MARKER))
    services.screenings.add(clear_screening(client.id), TODAY)
    wired = open_window(qtbot, services)
    wired.clients_view.page_requested.emit(client.id)
    page = wired.window.stack.currentWidget()
    assert isinstance(page, ClientPage) and page.name_label.text() == MARKER
    page.consent_button.setFocus()

    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    lock = wired.idle_lock
    assert lock.is_locked and not wired.window.isAncestorOf(page)
    shown = [label.text() for label in wired.window.findChildren(QLabel) if label.isVisible()]
    assert not any(MARKER in text or "sertraline" in text for text in shown)

    QTest.keyClicks(lock.screen.passphrase, PASSPHRASE)
    QTest.keyClick(lock.screen.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not lock.is_locked, timeout=10_000)
    assert wired.window.stack.currentWidget() is page and page.isVisible()
    assert QApplication.focusWidget() is page.consent_button
