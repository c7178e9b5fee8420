"""The Add/Edit client form as a person meets it: the cursor starts in the name, Esc never
throws typed details away without asking, and a problem goes once it is put right."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kapdesk.core.clients import ClientDraft
from kapdesk.ui.clients.client_dialog import ClientDialog

TODAY = dt.date(2026, 1, 15)


@pytest.fixture
def shown(qtbot):  # noqa: ANN001, ANN201
    def show(draft: ClientDraft | None = None) -> ClientDialog:
        dialog = ClientDialog(lambda: TODAY, draft)
        qtbot.addWidget(dialog)
        dialog.show()
        QTest.qWaitForWindowExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        return dialog
    return show


def _esc() -> None:
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)


def test_add_client_opens_with_the_cursor_in_the_name(shown) -> None:  # noqa: ANN001
    dialog = shown()
    assert QApplication.focusWidget() is dialog.name_edit


def test_esc_on_an_empty_form_just_closes(shown) -> None:  # noqa: ANN001
    dialog = shown()
    _esc()
    assert not dialog.isVisible()
    assert dialog.result() == 0


def test_esc_with_something_typed_asks_and_keep_editing_is_the_default(shown) -> None:  # noqa: ANN001
    dialog = shown()
    QTest.keyClicks(dialog.name_edit, "Anna M.")
    _esc()
    assert dialog.isVisible()
    assert dialog.discard_bar.isVisible()
    assert dialog.discard_bar.question.text() == "Discard this new client?"
    assert QApplication.focusWidget() is dialog.discard_bar.keep_button
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # Enter keeps editing
    assert dialog.isVisible() and not dialog.discard_bar.isVisible()
    assert dialog.name_edit.text() == "Anna M."
    _esc()
    _esc()  # Esc on the question keeps editing too
    assert dialog.isVisible() and dialog.name_edit.text() == "Anna M."
    _esc()
    dialog.discard_bar.discard_button.click()
    assert not dialog.isVisible()
    assert dialog.draft is None


def test_editing_asks_about_changes_only_when_there_are_some(shown) -> None:  # noqa: ANN001
    dialog = shown(ClientDraft("A. M.", pronouns="she/her"))
    _esc()
    assert not dialog.isVisible()  # nothing changed: nothing to ask
    dialog = shown(ClientDraft("A. M."))
    dialog.notes_edit.setPlainText("Prefers the blanket.")
    dialog.close()  # the window's close box
    assert dialog.isVisible()
    assert dialog.discard_bar.question.text() == "Discard your changes?"


def test_a_problem_goes_as_soon_as_the_field_is_put_right(shown) -> None:  # noqa: ANN001
    dialog = shown()
    dialog.birth_edit.setText("1984-13-40")
    dialog.save_button.click()
    assert dialog.error_label.text().splitlines() == [
        "Give the client a name or initials.",
        "“1984-13-40” is not a date; write it as year-month-day, e.g. 1984-03-21."]
    assert dialog.error_label.accessibleName().startswith("Problems: Give the client")
    dialog.name_edit.setText("Anna M.")
    assert dialog.error_label.text().startswith("“1984-13-40” is not a date")
    dialog.birth_edit.setText("1984-03-21")
    assert dialog.error_label.text() == ""
    assert dialog.error_label.accessibleName() == "Problems"


def test_the_pronouns_text_field_is_named(shown) -> None:  # noqa: ANN001
    dialog = shown()
    assert dialog.pronouns_box.accessibleName() == "Pronouns"
    assert dialog.pronouns_box.lineEdit().accessibleName() == "Pronouns"
    for field in (dialog.name_edit, dialog.birth_edit):
        assert not any(ch.isdigit() for ch in field.placeholderText())


def test_the_client_details_are_read_as_what_they_show(qtbot, practice, clock) -> None:  # noqa: ANN001
    from kapdesk.storage.clients import ClientStore
    from kapdesk.ui.clients.client_list import ClientsView

    store = ClientStore(practice, clock)
    store.add(ClientDraft("Anna M.", pronouns="she/her"))
    view = ClientsView(store, lambda: TODAY)
    qtbot.addWidget(view)
    assert view.detail_name.accessibleName() == "Client: Anna M."
    assert view.detail_facts.accessibleName() == "Client details: Pronouns: she/her"
