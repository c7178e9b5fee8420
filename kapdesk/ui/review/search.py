"""Searching every note, tag, debrief and addendum of the practice, as you type.

The box waits for a pause in typing (DEBOUNCE_MS, a named single-shot
timer), then runs `ReviewSearch.search` in a worker: within one client it can
take a few hundred milliseconds on a large practice. One search runs at a
time; what was typed meanwhile is searched next, and an answer to older
text is dropped. Results are ranked (bm25) and show who, when, and a snippet
with the matched words highlighted. Enter (or a double-click) opens the
session at that very note. "No notes match “…”." when nothing does.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import (QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, QRectF,
                            QSize, Qt, QTimer, Signal)
from PySide6.QtGui import QAbstractTextDocumentLayout, QKeyEvent, QPalette, QTextDocument
from PySide6.QtWidgets import (QLineEdit, QListView, QStyle, QStyledItemDelegate,
                               QStyleOptionViewItem, QWidget)

from kapdesk.storage.review_search import ReviewSearch, SearchHit, SearchResults
from kapdesk.ui.review.wording import day_and_time, marked_html
from kapdesk.ui.common.tasks import TaskRunner
from kapdesk.ui.common.widgets import wrapped_label
from kapdesk.ui.common.widgets import show_text

DEBOUNCE_MS = 150
LIMIT = 50
HitRole = Qt.ItemDataRole.UserRole + 1
HtmlRole = Qt.ItemDataRole.UserRole + 2
KIND_WORDS = {"note": "Note", "tag": "Tag", "debrief_saved": "Debrief", "addendum": "Addendum"}
AnyIndex = QModelIndex | QPersistentModelIndex


def no_match_message(query: str) -> str:
    return f"No notes match “{query.strip()}”."


class HitModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hits: tuple[SearchHit, ...] = ()

    def set_hits(self, hits: tuple[SearchHit, ...]) -> None:
        self.beginResetModel()
        self.hits = hits
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        hit = self.hits[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{heading(hit)}: {''.join(text for text, _m in hit.snippet)}"
        if role == HtmlRole:
            return (f"<div style='color:#3d4f48; font-weight:600'>{html.escape(heading(hit))}</div>"
                    f"<div style='color:#2e2a25'>{marked_html(hit.snippet)}</div>")
        if role == HitRole:
            return hit
        return None


def heading(hit: SearchHit) -> str:
    """"Maya A. · Thu 8 Jan 2026, 14:35 · Note": when it was written, by the clock."""
    return " · ".join((hit.client_name, day_and_time(hit.at),
                       KIND_WORDS.get(hit.kind, hit.kind)))


class HtmlDelegate(QStyledItemDelegate):
    """Draws an item's HtmlRole as rich text: the snippet's matches highlighted."""

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(8)
        document.setHtml(index.data(HtmlRole) or "")
        document.setTextWidth(max(100, option.rect.width()))
        return document

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # noqa: ANN001
        self.initStyleOption(option, index)
        document = self._document(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        painter.save()
        painter.translate(option.rect.topLeft())
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.Text))
        context.clip = QRectF(0, 0, option.rect.width(), option.rect.height())
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        self.initStyleOption(option, index)
        width = option.widget.viewport().width() if option.widget else 600
        option.rect.setWidth(width)
        document = self._document(option, index)
        return QSize(width, int(document.size().height()) + 4)


class SearchBox(QLineEdit):
    """The search field: Down moves into the results, Enter opens the first, Esc clears."""

    down = Signal()
    enter = Signal()
    escape = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        signal = {Qt.Key.Key_Down: self.down, Qt.Key.Key_Return: self.enter,
                  Qt.Key.Key_Enter: self.enter, Qt.Key.Key_Escape: self.escape}.get(Qt.Key(event.key()))
        if signal is None:
            super().keyPressEvent(event)
        else:
            signal.emit()
            event.accept()


class SearchPanel(QObject):
    """The box, its results list and status line; the area places them."""

    hit_activated = Signal(object)  # SearchHit
    searched = Signal(object)  # SearchResults now shown
    text_edited = Signal(str)

    def __init__(self, search: ReviewSearch, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._search, self._tasks = search, tasks
        self._running = False
        self.box = SearchBox()
        self.box.setAccessibleName("Search all notes")
        self.box.setPlaceholderText("Search all notes and debriefs  (Ctrl+K)")
        self.box.setClearButtonEnabled(True)
        self.box.setMinimumWidth(360)
        self.timer = QTimer(self)
        self.timer.setObjectName("reviewSearchDebounce")
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self._search_now)
        self.model = HitModel(self)
        self.results = QListView()
        self.results.setAccessibleName("Search results")
        self.results.setModel(self.model)
        self.results.setItemDelegate(HtmlDelegate(self.results))
        self.results.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.results.setWordWrap(True)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        self.results.activated.connect(self._activated)
        self.status_label = wrapped_label("", "subtitle", "Search status")
        self.box.textChanged.connect(self._typed)
        self.box.down.connect(self._into_results)
        self.box.enter.connect(self._open_first)

    @property
    def busy(self) -> bool:
        return self._running or self.timer.isActive()

    def _typed(self, text: str) -> None:
        self.text_edited.emit(text)
        self.timer.start()

    def _search_now(self) -> None:
        if self._running:
            return  # searched again when the running one answers
        text = self.box.text()
        if not text.strip():
            self._show(SearchResults(text, "", (), False, 0))
            return
        self._running = True
        search = self._search
        show_text(self.status_label, "Searching…", "Search")
        self._tasks.run(lambda _p: search.search(text, limit=LIMIT),
                        on_done=self._answered, on_failed=self._search_failed, owner=self)

    def _answered(self, results: SearchResults) -> None:
        self._running = False
        if results.query != self.box.text():
            self._search_now()  # the text changed meanwhile: this answer is stale
            return
        self._show(results)

    def _search_failed(self, message: str) -> None:
        self._running = False
        show_text(self.status_label, f"The search failed: {message}", "Search")

    def _show(self, results: SearchResults) -> None:
        self.model.set_hits(results.hits)
        if results.hits:
            show_text(self.status_label, results.total_label, "Search")
            self.results.setCurrentIndex(self.model.index(0))
        elif results.match:
            show_text(self.status_label, no_match_message(results.query), "Search")
        else:
            show_text(self.status_label,
                      "Type a word to search every note, tag, debrief and addendum.", "Search")
        self.searched.emit(results)

    def _into_results(self) -> None:
        if self.model.rowCount():
            self.results.setFocus()
            if not self.results.currentIndex().isValid():
                self.results.setCurrentIndex(self.model.index(0))

    def _open_first(self) -> None:
        if self.timer.isActive() or self._running:
            return  # the results on screen are for older text
        index = self.results.currentIndex()
        if not index.isValid() and self.model.rowCount():
            index = self.model.index(0)
        self._activated(index)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.hit_activated.emit(index.data(HitRole))
