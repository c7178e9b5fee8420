"""The history list's model: sessions newest first, fetched a page at a time.

A `QAbstractTableModel` over `ReviewStore.history`: a new filter asks the
store for the count and the first page in a worker (`TaskRunner`), and the
view's scrolling asks for more through `canFetchMore`/`fetchMore`, again one
page in a worker. So a practice of thousands of sessions opens at once, and
a page whose summaries have to be computed (an upgraded practice, before the
background backfill has stored them) never holds up the GUI thread. Answers
to an older filter are dropped (`_generation`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from kapdesk.core.review_model import BP_ALERT, HEART_RATE_ALERT, SPO2_ALERT
from kapdesk.storage.review import HistoryFilter, HistoryRow, ReviewStore
from kapdesk.ui.review.wording import day_time_short, length, status_words
from kapdesk.ui.common.tasks import TaskRunner

PAGE = 50
COLUMNS = ("Date", "Client", "Script", "Dose", "Length", "Flags", "Status")
DATE, CLIENT, SCRIPT, DOSE, LENGTH, FLAGS, STATUS = range(len(COLUMNS))
RowRole = Qt.ItemDataRole.UserRole + 1
ALERT_COLOUR = QColor("#9a3b2f")
FLAG_COLOUR = QColor("#80531a")
QUIET_COLOUR = QColor("#6b635a")
VITAL_ALERTS = frozenset({BP_ALERT, HEART_RATE_ALERT, SPO2_ALERT})
AnyIndex = QModelIndex | QPersistentModelIndex


class HistoryModel(QAbstractTableModel):
    loaded = Signal()  # the count and first page of a filter are in
    page_loaded = Signal()  # a further page is in
    failed = Signal(str)

    def __init__(self, store: ReviewStore, tasks: TaskRunner, page: int = PAGE,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store, self._tasks, self._page = store, tasks, page
        self._rows: list[HistoryRow] = []
        self._total: int | None = None  # None until the filter's count is in
        self._where = HistoryFilter()
        self._generation = 0
        self._loading = False

    # --- what the view reads ---------------------------------------------------

    @property
    def where(self) -> HistoryFilter:
        return self._where

    @property
    def total(self) -> int | None:
        return self._total

    @property
    def loading(self) -> bool:
        return self._loading

    def row_at(self, row: int) -> HistoryRow:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return _text(row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{COLUMNS[column]}: {_text(row, column) or 'none'}"
        if role == Qt.ItemDataRole.ForegroundRole:
            return _colour(row, column)
        if role == RowRole:
            return row
        return None

    # --- loading ------------------------------------------------------------

    def set_filter(self, where: HistoryFilter) -> None:
        """Show the sessions `where` selects; `loaded` says when they are in."""
        self._where = where
        self._generation += 1
        generation, page, store = self._generation, self._page, self._store
        self._loading = True
        self._tasks.run(lambda _progress: (store.count(where), store.history(where, 0, page)),
                        on_done=lambda result: self._first_page(generation, *result),
                        on_failed=lambda message: self._failed(generation, message), owner=self)

    def reload(self) -> None:
        self.set_filter(self._where)

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        return (not parent.isValid() and self._total is not None
                and len(self._rows) < self._total)

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008, N802
        if self._loading or not self.canFetchMore(parent):
            return
        self._loading = True
        generation, offset, where = self._generation, len(self._rows), self._where
        store, page = self._store, self._page
        self._tasks.run(lambda _progress: store.history(where, offset, page),
                        on_done=lambda rows: self._next_page(generation, offset, rows),
                        on_failed=lambda message: self._failed(generation, message), owner=self)

    def _first_page(self, generation: int, total: int, rows: list[HistoryRow]) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._rows, self._total = list(rows), total
        self.endResetModel()
        self._loading = False
        self.loaded.emit()

    def _next_page(self, generation: int, offset: int, rows: list[HistoryRow]) -> None:
        if generation != self._generation or offset != len(self._rows):
            return
        self._loading = False
        if not rows:  # sessions went away meanwhile: stop asking
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), offset, offset + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()
        self.page_loaded.emit()

    def _failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self._loading = False
            self.failed.emit(message)


def _text(row: HistoryRow, column: int) -> str:
    if column == DATE:
        return day_time_short(row.started_at)
    if column == CLIENT:
        return row.client_name
    if column == SCRIPT:
        return row.script_name
    if column == DOSE:
        return row.dose_label or "no dose recorded"
    if column == LENGTH:
        return length(row.length_s)
    if column == FLAGS:
        return " · ".join(flag.label for flag in row.flags)
    return status_words(row.status, row.signed_by, row.addenda)


def _colour(row: HistoryRow, column: int) -> QColor | None:
    if column == FLAGS and row.flags:
        return ALERT_COLOUR if any(f.code in VITAL_ALERTS for f in row.flags) else FLAG_COLOUR
    if column == STATUS and row.status == "ended":
        return FLAG_COLOUR
    if column == DOSE and not row.dose_label:
        return QUIET_COLOUR
    return None
