"""The home view: the client list with a detail card, add / edit / archive, and the way
to each client's page (Enter, a double-click, Ctrl+O).

Above the list, a bar for each session left open (OpenSessionBar), put there
by the session flow: an open session stays in sight until it is ended.

Dialogs are run through an injected `run_dialog` so tests can fill and accept
them without a modal event loop.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (QCheckBox, QDialog, QFrame, QHBoxLayout, QLineEdit, QListView,
                               QVBoxLayout, QWidget)

from kapdesk.core.clients import ClientRecord
from kapdesk.ui.clients.client_dialog import ClientDialog
from kapdesk.ui.clients.list_model import ClientListModel, RecordRole
from kapdesk.ui.clients.open_session_bar import OpenSessionBar
from kapdesk.ui.common.widgets import show_text
from kapdesk.ui.common.widgets import action_button, relabel, wrapped_label

if TYPE_CHECKING:
    from kapdesk.ui.clients.due_list import DueListPanel
    from kapdesk.storage.clients import ClientStore
    from kapdesk.storage.first_read import FirstRead

DialogRunner = Callable[[QDialog], int]
EMPTY_TEXT = "No clients yet. Add your first client with “Add client” (Ctrl+N)."


class ClientsView(QWidget):
    start_session_requested = Signal(int)
    history_requested = Signal(int)
    page_requested = Signal(int)  # the client's page (ui/clients/client_page.py)
    resume_session_requested = Signal(int)  # an open session's id
    end_session_requested = Signal(int)  # an open session's id, the ending confirmed

    def __init__(self, store: ClientStore | FirstRead | None, today: Callable[[], dt.date],
                 run_dialog: DialogRunner = QDialog.exec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Clients")
        self._store = store
        self._today = today
        self._run_dialog = run_dialog
        self.model = ClientListModel()
        self._filter = QSortFilterProxyModel(self)
        self._filter.setSourceModel(self.model)
        self._filter.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.open_bars: list[OpenSessionBar] = []
        self._build_controls()
        self._build_detail()
        self._lay_out()
        self.refresh()

    # -- building -------------------------------------------------------
    def _build_controls(self) -> None:
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("Find a client  (Ctrl+F)")
        self.search_edit.setAccessibleName("Find a client")
        self.search_edit.textChanged.connect(self._filter.setFilterFixedString)
        self.show_archived_box = QCheckBox("Show archived")
        self.show_archived_box.setAccessibleName("Show archived clients")
        self.show_archived_box.toggled.connect(lambda _checked: self.refresh())
        self.add_button = action_button("Add client", "Ctrl+N", self.add_client, self, primary=True)
        self.list_view = QListView()
        self.list_view.setAccessibleName("Client list")
        self.list_view.setModel(self._filter)
        self.list_view.setUniformItemSizes(True)
        self.list_view.setSpacing(2)
        self.list_view.selectionModel().currentChanged.connect(lambda *_: self._show_current())
        # `activated` is a double-click (or a single one, where the platform says
        # so) and Enter: the client's page; also connecting `doubleClicked` opened it twice.
        self.list_view.activated.connect(lambda _index: self.open_page())
        self.empty_label = wrapped_label(EMPTY_TEXT, "subtitle", "No clients")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def _build_detail(self) -> None:
        self.detail_card = QFrame()
        self.detail_card.setObjectName("card")
        self.detail_name = wrapped_label("", "title", "Client name")
        self.detail_facts = wrapped_label("", "subtitle", "Client details")
        self.detail_facts.setTextFormat(Qt.TextFormat.PlainText)
        self.detail_facts.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.start_button = action_button("Start session", "Ctrl+Return", self._start_session, self, primary=True)
        self.page_button = action_button("Client's page", "Ctrl+O", self.open_page, self)
        self.history_button = action_button("Past sessions", "Ctrl+P", self._show_history, self)
        self.edit_button = action_button("Edit", "Ctrl+E", self.edit_client, self)
        self.archive_button = action_button("Archive", "Ctrl+Shift+A", self.toggle_archived, self)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.show_archived_box)
        top.addWidget(self.add_button)
        left = QVBoxLayout()
        left.addLayout(top)
        left.addWidget(self.list_view, 1)
        left.addWidget(self.empty_label)
        # What is due across the practice (due_list.py), put here once the practice is open.
        self.due_slot = QVBoxLayout()
        left.addLayout(self.due_slot)
        self.due: DueListPanel | None = None
        card = QVBoxLayout(self.detail_card)
        card.setContentsMargins(20, 18, 20, 18)
        card.addWidget(self.detail_name)
        card.addWidget(self.detail_facts, 1)
        for button in (self.start_button, self.page_button, self.history_button, self.edit_button,
                       self.archive_button):
            card.addWidget(button)
        body = QHBoxLayout()
        body.setSpacing(20)
        body.addLayout(left, 3)
        body.addWidget(self.detail_card, 2)
        self.open_bars_layout = QVBoxLayout()
        self.open_bars_layout.setSpacing(6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 20)
        layout.setSpacing(12)
        layout.addLayout(self.open_bars_layout)
        layout.addLayout(body, 1)
        self.search_shortcut = QShortcut(QKeySequence("Ctrl+F"), self, self.search_edit.setFocus)

    def show_due(self, panel: DueListPanel) -> None:
        """The practice's due list below the client list (read again whenever this view shows)."""
        self.due = panel
        self.due_slot.addWidget(panel)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self.due is not None and not event.spontaneous():
            self.due.refresh()

    # -- behaviour ------------------------------------------------------
    def attach_store(self, store: ClientStore | FirstRead) -> None:
        """Show the clients of `store` from now on (and send edits to it).

        At start-up the view is built with no store while the practice is
        still being opened; on the fast path it is given a `FirstRead` (the
        list as read before the window painted) and then the practice's store.
        """
        self._store = store
        self.refresh()

    def show_open_sessions(self, sessions: list[tuple[int, str, str]]) -> None:
        """A bar for each open session: (session id, client name, the bar's line).

        The same sessions again only bring their lines up to date (the time
        elapsed), leaving a bar's question or notice and the cursor alone.
        """
        if [bar.session_id for bar in self.open_bars] == [entry[0] for entry in sessions]:
            for bar, (_id, _name, text) in zip(self.open_bars, sessions):
                bar.set_text(text)
            return
        for bar in self.open_bars:
            self.open_bars_layout.removeWidget(bar)
            bar.hide()
            bar.deleteLater()
        self.open_bars = []
        for position, (session_id, name, text) in enumerate(sessions):
            bar = OpenSessionBar(session_id, name, text, with_keys=position == 0, parent=self)
            bar.resume_requested.connect(self.resume_session_requested)
            bar.end_confirmed.connect(self.end_session_requested)
            self.open_bars_layout.addWidget(bar)
            self.open_bars.append(bar)

    def focus_first(self) -> None:
        """The cursor in the client list (on "Add client" while there is none)."""
        (self.list_view if self.model.rowCount() else self.add_button).setFocus()

    def open_bar(self, session_id: int) -> OpenSessionBar | None:
        return next((bar for bar in self.open_bars if bar.session_id == session_id), None)

    def refresh(self, select_id: int | None = None) -> None:
        current = self.current_client()
        listed = self._store.list(include_archived=self.show_archived_box.isChecked()) if self._store else []
        self.model.set_clients(listed)
        has_clients = self.model.rowCount() > 0
        self.empty_label.setVisible(not has_clients)
        self.list_view.setVisible(has_clients)
        # What the view's focus means (at start, coming back from a session).
        self.setFocusProxy(self.list_view if has_clients else self.add_button)
        self._select(select_id if select_id is not None else (current.id if current else None))
        self._show_current()

    def _select(self, client_id: int | None) -> None:
        row = self.model.row_of(client_id) if client_id is not None else None
        if row is None:
            row = 0 if self.model.rowCount() else None
        if row is None:
            return
        index = self._filter.mapFromSource(self.model.index(row))
        self.list_view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def current_client(self) -> ClientRecord | None:
        index = self.list_view.currentIndex()
        return index.data(RecordRole) if index.isValid() else None

    def _show_current(self) -> None:
        client = self.current_client()
        self.detail_card.setVisible(client is not None)
        if client is None:
            return
        # Named by what they show, so a screen reader reads the client, not "Client details".
        show_text(self.detail_name, client.display_name, "Client")
        show_text(self.detail_facts, _describe(client), "Client details")
        relabel(self.archive_button, "Restore" if client.archived else "Archive")
        self.start_button.setEnabled(not client.archived)

    def add_client(self) -> None:
        dialog = ClientDialog(self._today, parent=self)
        if self._run_dialog(dialog) and dialog.draft:
            record = self._store.add(dialog.draft)
            self.refresh(select_id=record.id)

    def edit_client(self) -> None:
        client = self.current_client()
        if client is None:
            return
        dialog = ClientDialog(self._today, client.draft, parent=self)
        if self._run_dialog(dialog) and dialog.draft:
            self._store.update(client.id, dialog.draft)
            self.refresh(select_id=client.id)

    def toggle_archived(self) -> None:
        client = self.current_client()
        if client is not None:
            self._store.set_archived(client.id, not client.archived)
            self.refresh()

    def _start_session(self) -> None:
        client = self.current_client()
        if client is not None and not client.archived:
            self.start_session_requested.emit(client.id)

    def open_page(self) -> None:
        client = self.current_client()
        if client is not None:
            self.page_requested.emit(client.id)

    def _show_history(self) -> None:
        client = self.current_client()
        if client is not None:
            self.history_requested.emit(client.id)


def _describe(client: ClientRecord) -> str:
    draft = client.draft
    facts = [
        f"Pronouns: {draft.pronouns}" if draft.pronouns else "",
        f"Born: {draft.date_of_birth}" if draft.date_of_birth else "",
        f"Intention: {draft.intention}" if draft.intention else "",
        f"Notes: {draft.notes}" if draft.notes else "",
        f"Music liked: {draft.music_likes}" if draft.music_likes else "",
        f"Music disliked: {draft.music_dislikes}" if draft.music_dislikes else "",
        "Archived" if client.archived else "",
    ]
    return "\n\n".join(fact for fact in facts if fact) or "No details yet."
