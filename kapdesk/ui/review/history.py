"""The history view: a client's course of care, or the whole practice's records.

A table (`HistoryModel`, paged in a worker) under a row of filters: client,
dates, script and tag; each label has an Alt+letter. Enter or a double-click
opens the session. An empty list says why in words: "No sessions yet for
Maya A." or "No sessions match these filters.". The filter's choices
(clients, scripts that ran, tags in use) are read in the worker too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDateEdit, QHBoxLayout, QHeaderView,
                               QLabel, QStackedWidget, QTableView, QVBoxLayout, QWidget)

from kapdesk.storage.clients import ClientStore
from kapdesk.storage.review import HistoryFilter, ReviewStore
from kapdesk.ui.review.wording import plural
from kapdesk.ui.review.history_model import (CLIENT, DATE, DOSE, FLAGS, LENGTH, SCRIPT, STATUS,
                                             HistoryModel)
from kapdesk.ui.review.export_buttons import ExportBar
from kapdesk.ui.common.tasks import TaskRunner
from kapdesk.ui.common.widgets import NamedComboBox, action_button, wrapped_label
from kapdesk.ui.common.widgets import show_text

# (label, days back); None: any time; "between": the two date fields.
PERIODS: tuple[tuple[str, Any], ...] = (
    ("Any time", None), ("Past 30 days", 30), ("Past 3 months", 91), ("Past year", 365),
    ("Between dates…", "between"))
COLUMN_WIDTHS = {DATE: 206, CLIENT: 124, SCRIPT: 210, DOSE: 250, LENGTH: 110, STATUS: 130}
# Columns kept whole (their words are short); the others give way, in this order
# of priority, down to their minimum, so that no column is ever cut off at the edge.
WHOLE_COLUMNS = (DATE, LENGTH, STATUS)
GIVING_COLUMNS = {CLIENT: 120, SCRIPT: 150, DOSE: 150}  # column -> narrowest width
FLAGS_MIN = 140


def empty_message(where: HistoryFilter, client_name: str) -> str:
    """What an empty list says: nothing recorded yet, or nothing matching."""
    if any(value is not None for value in (where.since, where.until, where.script_id, where.tag)):
        return "No sessions match these filters."
    if where.client_id is not None:  # "Alex M." ends the sentence itself
        return f"No sessions yet for {client_name}" + ("" if client_name.endswith(".") else ".")
    return "No sessions yet. A session appears here as soon as it has started."


class HistoryView(QWidget):
    session_requested = Signal(int)

    def __init__(self, store: ReviewStore, clients: ClientStore, tasks: TaskRunner,
                 today: Callable[[], dt.date], export_bar: ExportBar | None = None,
                 parent: QWidget | None = None, course: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Session history")
        self._store, self._clients, self._tasks, self._today = store, clients, tasks, today
        self.export_bar = export_bar
        self.course = course  # the client's course of care in words (course_summary.py)
        self.model = HistoryModel(store, tasks, parent=self)
        self.model.loaded.connect(self._show_state)
        self.model.page_loaded.connect(self._show_state)
        self.model.loaded.connect(self.fit_columns)
        self.model.failed.connect(self._not_read)
        self._client_names: dict[int, str] = {}
        self._build()
        self._lay_out()

    # --- building ------------------------------------------------------------

    def _build(self) -> None:
        self.heading = wrapped_label("Records", "title", "History heading")
        self.count_label = wrapped_label("", "subtitle", "Number of sessions")
        self.count_label.setWordWrap(False)
        self.client_box = self._combo("Client filter")
        self.period_box = self._combo("Period filter")
        for label, value in PERIODS:
            self.period_box.addItem(label, value)
        self.since_edit = self._date_edit("From date")
        self.until_edit = self._date_edit("To date")
        self.script_box = self._combo("Script filter")
        self.tag_box = self._combo("Tag filter")
        self.clear_button = action_button("Clear filters", "Ctrl+Shift+X", self.clear_filters, self)
        self.table = QTableView()
        self.table.setAccessibleName("Sessions, newest first")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(36)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(FLAGS, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        # Status before Flags: the long column comes last and takes what is left.
        header.moveSection(STATUS, FLAGS)
        self.table.activated.connect(self._open_index)
        self.empty_label = wrapped_label("", "subtitle", "No sessions")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = QStackedWidget()
        self.body.addWidget(self.table)
        self.body.addWidget(self.empty_label)

    def _combo(self, name: str) -> QComboBox:
        box = NamedComboBox()
        box.setAccessibleName(name)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        box.setMaximumWidth(240)
        return box

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setAccessibleName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        return edit

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.count_label)
        filters = QHBoxLayout()
        filters.setSpacing(8)
        for text, box in (("&Client", self.client_box), ("&When", self.period_box)):
            filters.addWidget(_buddy(text, box))
            filters.addWidget(box)
        filters.addWidget(self.since_edit)
        self.between_label = QLabel("to")
        filters.addWidget(self.between_label)
        filters.addWidget(self.until_edit)
        for text, box in (("Sc&ript", self.script_box), ("Ta&g", self.tag_box)):
            filters.addWidget(_buddy(text, box))
            filters.addWidget(box)
        filters.addStretch(1)
        filters.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 8, 20, 16)
        layout.setSpacing(10)
        layout.addLayout(top)
        if self.course is not None:
            layout.addWidget(self.course)
        layout.addLayout(filters)
        layout.addWidget(self.body, 1)
        if self.export_bar is not None:
            self.export_strip = QWidget()
            strip = QHBoxLayout(self.export_strip)
            strip.setContentsMargins(0, 0, 0, 0)
            self.export_label = wrapped_label("", "subtitle", "About the record export")
            strip.addWidget(self.export_label, 1)
            strip.addWidget(self.export_bar, 1)
            self.export_bar.install_shortcuts(self, lambda: None)
            self.export_strip.setVisible(False)
            layout.addWidget(self.export_strip)
        self._show_period_fields()
        for box in (self.client_box, self.period_box, self.script_box, self.tag_box):
            box.currentIndexChanged.connect(lambda _i: self.apply_filters())
        for edit in (self.since_edit, self.until_edit):
            edit.dateChanged.connect(lambda _d: self.apply_filters())
        order = (self.client_box, self.period_box, self.since_edit, self.until_edit,
                 self.script_box, self.tag_box, self.clear_button, self.table)
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)

    # --- behaviour ----------------------------------------------------------------

    def show_client(self, client_id: int | None) -> None:
        """Open on one client's sessions (None: the whole practice), other filters cleared."""
        with _quiet(self.client_box, self.period_box, self.script_box, self.tag_box):
            self.period_box.setCurrentIndex(0)
            self.script_box.setCurrentIndex(0)
            self.tag_box.setCurrentIndex(0)
        self._refresh_choices(client_id)
        self.table.setFocus()

    def clear_filters(self) -> None:
        self.show_client(None)

    def current_filter(self) -> HistoryFilter:
        since, until = self._period()
        return HistoryFilter(client_id=self.client_box.currentData(), since=since, until=until,
                             script_id=self.script_box.currentData(), tag=self.tag_box.currentData())

    def apply_filters(self) -> None:
        if getattr(self, "_choosing", False):
            return
        self._show_period_fields()
        where = self.current_filter()
        name = self._client_names.get(where.client_id) if where.client_id is not None else None
        show_text(self.heading, f"Past sessions — {name}" if name else "Records — all clients",
                  "Records")
        self.table.setColumnHidden(CLIENT, where.client_id is not None)
        if self.course is not None:
            self.course.show_client(where.client_id)
        show_text(self.count_label, "Loading…", "Sessions found")
        self.model.set_filter(where)

    def open_current(self) -> None:
        self._open_index(self.table.currentIndex())

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.session_requested.emit(self.model.row_at(index.row()).session_id)

    def _not_read(self, message: str) -> None:
        # A damaged page's words name the file and a backup: said whole, wrapped.
        self.count_label.setWordWrap(True)
        show_text(self.count_label, f"The history could not be read: {message}", "Sessions found")

    def _show_state(self) -> None:
        self.count_label.setWordWrap(False)
        total = self.model.total or 0
        where = self.model.where
        empty = total == 0
        name = self._client_names.get(where.client_id, "this client") if where.client_id else ""
        show_text(self.empty_label, empty_message(where, name) if empty else "", "No sessions")
        self.body.setCurrentWidget(self.empty_label if empty else self.table)
        show_text(self.count_label, "" if empty else plural(total, "session"), "Sessions found")
        self._offer_export(where.client_id, name, empty)
        if not empty and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, DATE))

    def fit_columns(self) -> None:
        """Every column as wide as its words, within the table's width (see WHOLE_COLUMNS)."""
        header = self.table.horizontalHeader()
        wanted = {column: max(self.table.sizeHintForColumn(column),
                              header.sectionSizeHint(column)) + 8
                  for column in (*WHOLE_COLUMNS, *GIVING_COLUMNS)}
        bar = self.table.verticalScrollBar()
        # Room kept for the scroll bar that a longer list will bring.
        spare = 0 if bar.isVisible() else bar.sizeHint().width()
        room = self.table.viewport().width() - spare - FLAGS_MIN
        over = sum(wanted.values()) - room
        for column, narrowest in GIVING_COLUMNS.items():
            if over > 0:
                cut = min(over, max(0, wanted[column] - narrowest))
                wanted[column] -= cut
                over -= cut
        for column, width in wanted.items():
            header.resizeSection(column, width)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.fit_columns()

    def _offer_export(self, client_id: int | None, name: str, empty: bool) -> None:
        """One client's whole record, every session, as CSV or JSON."""
        if self.export_bar is None:
            return
        self.export_strip.setVisible(client_id is not None and not empty)
        if client_id is not None:
            self.export_bar.set_client(client_id, name)
            show_text(self.export_label, f"{name}'s whole record, every session and event, "
                      "for a spreadsheet (CSV) or to keep (JSON).", "Whole record")

    def _period(self) -> tuple[float | None, float | None]:
        choice = self.period_box.currentData()
        if choice is None:
            return None, None
        if choice == "between":
            since = _epoch(self.since_edit.date().toPython())
            until = _epoch(self.until_edit.date().toPython() + dt.timedelta(days=1))
            return since, until
        return _epoch(self._today() - dt.timedelta(days=int(choice))), None

    def _show_period_fields(self) -> None:
        between = self.period_box.currentData() == "between"
        for widget in (self.since_edit, self.between_label, self.until_edit):
            widget.setVisible(between)

    def _refresh_choices(self, client_id: int | None) -> None:
        """Read the filter's choices in the worker, then apply the filter."""
        store, clients = self._store, self._clients
        self._tasks.run(
            lambda _p: (clients.list(include_archived=True), store.scripts_used(), store.tags_used()),
            on_done=lambda choices: self._fill_choices(client_id, *choices),
            on_failed=self._not_read,
            owner=self)

    def _fill_choices(self, client_id: int | None, clients: list, scripts: list, tags: list) -> None:
        self._choosing = True
        try:
            self._client_names = {client.id: client.display_name for client in clients}
            _refill(self.client_box, "All clients",
                    [(c.display_name + (" (archived)" if c.archived else ""), c.id) for c in clients],
                    client_id)
            _refill(self.script_box, "All scripts", [(name, sid) for sid, name in scripts],
                    self.script_box.currentData())
            _refill(self.tag_box, "Any tag", [(f"{tag} ({n})", tag) for tag, n in tags],
                    self.tag_box.currentData())
            if self.since_edit.date() == QDate(2000, 1, 1):  # QDateEdit's default: never set
                today = self._today()
                self.since_edit.setDate(QDate(today - dt.timedelta(days=91)))
                self.until_edit.setDate(QDate(today))
        finally:
            self._choosing = False
        self.apply_filters()


def _buddy(text: str, box: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(box)
    label.setAccessibleName(text.replace("&", ""))  # its words, without the mnemonic's mark
    label.setProperty("role", "hint")
    return label


def _refill(box: QComboBox, everything: str, items: list[tuple[str, Any]], keep: Any) -> None:
    with _quiet(box):
        box.clear()
        box.addItem(everything, None)
        for text, value in items:
            box.addItem(text, value)
        index = box.findData(keep) if keep is not None else 0
        box.setCurrentIndex(max(0, index))


def _epoch(day: dt.date) -> float:
    return dt.datetime.combine(day, dt.time()).timestamp()


class _quiet:
    """Block the signals of some widgets for a `with` block."""

    def __init__(self, *widgets: QWidget) -> None:
        self._widgets = widgets

    def __enter__(self) -> None:
        self._was = [w.blockSignals(True) for w in self._widgets]

    def __exit__(self, *_exc: object) -> None:
        for widget, was in zip(self._widgets, self._was):
            widget.blockSignals(was)
