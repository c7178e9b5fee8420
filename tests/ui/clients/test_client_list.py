"""The client list: add, edit, archive, the empty state, keyboard use and accessible names.

The view runs its dialogs through an injected runner; here the runner plays
the therapist: it fills the form, clicks Save, and returns what the dialog
would have returned from exec().
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QComboBox, QLineEdit,
                               QPlainTextEdit, QWidget)

from kapdesk.core.clients import ClientDraft
from kapdesk.storage.clients import ClientStore
from kapdesk.ui.clients.client_dialog import ClientDialog
from kapdesk.ui.clients.client_list import EMPTY_TEXT, ClientsView
from tests.helpers.stubs import DialogPlayer

TODAY = dt.date(2026, 1, 15)


@pytest.fixture
def store(practice, clock) -> ClientStore:  # noqa: ANN001
    return ClientStore(practice, clock)


@pytest.fixture
def player() -> DialogPlayer:
    return DialogPlayer()


@pytest.fixture
def view(qtbot, store, player) -> ClientsView:  # noqa: ANN001
    widget = ClientsView(store, lambda: TODAY, run_dialog=player)
    qtbot.addWidget(widget)
    widget.resize(1000, 640)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _listed(view: ClientsView) -> list[str]:
    model = view.list_view.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_the_empty_state_invites_adding_a_first_client(view) -> None:  # noqa: ANN001
    assert view.empty_label.isVisible()
    assert view.empty_label.text() == EMPTY_TEXT
    assert "Ctrl+N" in EMPTY_TEXT
    assert not view.list_view.isVisible()
    assert not view.detail_card.isVisible()


def test_add_a_client(view, player, store) -> None:  # noqa: ANN001
    player.will_type(name="A. M.", birth="1979-05-14", pronouns="she/her", notes="Referred by Dr. O.")
    view.add_button.click()
    [client] = store.list()
    assert client.draft == ClientDraft("A. M.", "1979-05-14", "she/her", "Referred by Dr. O.")
    assert _listed(view) == ["A. M."]
    assert not view.empty_label.isVisible() and view.list_view.isVisible()
    assert view.current_client().id == client.id
    assert view.detail_name.text() == "A. M."
    assert "Born: 1979-05-14" in view.detail_facts.text()
    assert "Referred by Dr. O." in view.detail_facts.text()


def test_a_bad_date_of_birth_is_explained_and_nothing_is_saved(view, player, store) -> None:  # noqa: ANN001
    player.will_type(name="A. M.", birth="14/05/1979")
    view.add_button.click()
    assert "is not a date" in player.problems[-1]
    assert store.list(include_archived=True) == []
    assert view.empty_label.isVisible()


def test_a_missing_name_is_explained_and_nothing_is_saved(view, player, store) -> None:  # noqa: ANN001
    player.will_type(name="   ")
    view.add_button.click()
    assert "name or initials" in player.problems[-1]
    assert store.list(include_archived=True) == []


def test_edit_a_client(view, player, store) -> None:  # noqa: ANN001
    client = store.add(ClientDraft("A. M.", pronouns="she/her"))
    view.refresh()
    player.will_type(name="Anna M.", intention="To meet the grief with curiosity.")
    view.edit_button.click()
    assert player.dialogs[-1].name_edit.text() == "Anna M."  # the form opened filled in
    edited = store.get(client.id)
    assert (edited.display_name, edited.draft.pronouns) == ("Anna M.", "she/her")
    assert edited.draft.intention == "To meet the grief with curiosity."
    assert _listed(view) == ["Anna M."]
    assert "Intention: To meet the grief" in view.detail_facts.text()


def test_cancelling_an_edit_changes_nothing(view, store) -> None:  # noqa: ANN001
    client = store.add(ClientDraft("A. M."))
    view._run_dialog = lambda dialog: (dialog.name_edit.setText("changed"), dialog.reject(), dialog.result())[-1]
    view.refresh()
    view.edit_button.click()
    assert store.get(client.id).display_name == "A. M."


def test_archive_hides_a_client_until_show_archived_is_ticked(view, store) -> None:  # noqa: ANN001
    store.add(ClientDraft("Jordan K."))
    store.add(ClientDraft("A. M."))
    view.refresh()
    assert view.current_client().display_name == "A. M."
    view.archive_button.click()
    assert _listed(view) == ["Jordan K."]
    assert [c.display_name for c in store.list(include_archived=True) if c.archived] == ["A. M."]

    view.show_archived_box.click()
    assert view.show_archived_box.isChecked()
    assert _listed(view) == ["A. M.  (archived)", "Jordan K."]

    archived_row = view.list_view.model().index(0, 0)
    assert archived_row.data(Qt.ItemDataRole.AccessibleTextRole) == "A. M., archived"  # heard, not only seen
    view.list_view.setCurrentIndex(archived_row)
    assert "Archived" in view.detail_facts.text()
    assert not view.start_button.isEnabled()  # no new session for an archived client
    assert view.archive_button.accessibleName() == "Restore"
    view.archive_button.click()
    assert _listed(view) == ["A. M.", "Jordan K."]
    assert not store.get(view.current_client().id).archived

    view.show_archived_box.click()
    assert _listed(view) == ["A. M.", "Jordan K."]


def test_search_narrows_the_list(view, store) -> None:  # noqa: ANN001
    for name in ("A. M.", "Jordan K.", "R. T."):
        store.add(ClientDraft(name))
    view.refresh()
    view.search_edit.setText("jord")
    assert _listed(view) == ["Jordan K."]
    view.search_edit.clear()
    assert len(_listed(view)) == 3


def test_start_session_and_history_are_requested_for_the_current_client(view, qtbot, store) -> None:  # noqa: ANN001
    client = store.add(ClientDraft("A. M."))
    view.refresh()
    with qtbot.waitSignal(view.start_session_requested) as started:
        view.start_button.click()
    assert started.args == [client.id]
    with qtbot.waitSignal(view.history_requested) as history:
        view.history_button.click()
    assert history.args == [client.id]


def test_ctrl_n_opens_the_add_dialog(view, player, qtbot) -> None:  # noqa: ANN001
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    player.will_type(name="R. T.")
    QTest.keyClick(view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    # A button's shortcut "animates" the click: pressed now, clicked a moment later.
    qtbot.waitUntil(lambda: len(player.dialogs) == 1, timeout=2000)
    assert player.dialogs[0].windowTitle() == "KAPDesk — Add client"
    assert _listed(view) == ["R. T."]


def test_keyboard_edit_archive_and_find(view, player, qtbot, store) -> None:  # noqa: ANN001
    store.add(ClientDraft("A. M."))
    view.refresh()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    player.will_type(name="A. M. B.")
    QTest.keyClick(view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _listed(view) == ["A. M. B."], timeout=2000)
    QTest.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.search_edit.hasFocus()
    QTest.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: store.list() == [], timeout=2000)
    assert len(player.dialogs) == 1


def test_enter_on_the_list_opens_the_clients_page_once(view, player, qtbot, store) -> None:  # noqa: ANN001
    client = store.add(ClientDraft("A. M."))
    view.refresh()
    asked = []
    view.page_requested.connect(asked.append)
    view.list_view.setFocus()
    QTest.keyClick(view.list_view, Qt.Key.Key_Return)
    assert asked == [client.id]
    assert player.dialogs == []  # editing stays on Ctrl+E


def test_double_click_opens_the_clients_page_once(view, player, store) -> None:  # noqa: ANN001
    client = store.add(ClientDraft("A. M."))
    view.refresh()
    asked = []
    view.page_requested.connect(asked.append)
    centre = view.list_view.visualRect(view.list_view.model().index(0, 0)).center()
    # What a mouse sends: a click, then the double-click.
    QTest.mouseClick(view.list_view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    QTest.mouseDClick(view.list_view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    assert asked == [client.id]
    assert player.dialogs == []


def test_the_clients_page_button_and_ctrl_o_open_it(view, qtbot, store) -> None:  # noqa: ANN001
    client = store.add(ClientDraft("A. M."))
    view.refresh()
    with qtbot.waitSignal(view.page_requested) as asked:
        view.page_button.click()
    assert asked.args == [client.id]
    assert "Ctrl+O" in view.page_button.text()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    with qtbot.waitSignal(view.page_requested, timeout=2000) as asked:
        QTest.keyClick(view, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert asked.args == [client.id]


def _controls(root: QWidget) -> list[QWidget]:
    kinds = (QAbstractButton, QLineEdit, QPlainTextEdit, QComboBox, QAbstractItemView)
    found = [child for kind in kinds for child in root.findChildren(kind)]
    # The parts a combo box is built from are named through the combo box itself,
    # except an editable combo's text field, which a screen reader lands on.
    return [widget for widget in found
            if not (isinstance(widget.parent(), QComboBox) and not isinstance(widget, QLineEdit))
            and not isinstance(widget.parent() and widget.parent().parent(), QComboBox)]


def test_every_control_in_the_view_and_the_form_has_an_accessible_name(view, store) -> None:  # noqa: ANN001
    store.add(ClientDraft("A. M."))
    view.refresh()
    dialog = ClientDialog(lambda: TODAY, parent=view)
    for root in (view, dialog):
        controls = _controls(root)
        assert len(controls) >= 6
        unnamed = [f"{type(c).__name__} {getattr(c, 'text', lambda: '')()}" for c in controls if not c.accessibleName()]
        assert unnamed == []
    assert view.accessibleName() == "Clients"


def test_the_archive_key_still_works_after_the_button_says_restore(view, qtbot, store) -> None:  # noqa: ANN001
    store.add(ClientDraft("A. M."))
    view.show_archived_box.setChecked(True)
    view.refresh()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    QTest.keyClick(view, Qt.Key.Key_A, keys)
    qtbot.waitUntil(lambda: store.list() == [], timeout=2000)
    assert view.archive_button.accessibleName() == "Restore"
    assert "Ctrl+Shift+A" in view.archive_button.text()
    QTest.keyClick(view, Qt.Key.Key_A, keys)  # the same key restores
    qtbot.waitUntil(lambda: [c.display_name for c in store.list()] == ["A. M."], timeout=2000)
