"""The review area: history, search and one session's record, between sessions.

One view in the main window with a bar on top (Back, where you are, the
search box) and three pages: the history list, the search results and a
session's record. Back (Esc, or Alt+Left) retraces the way in; from the first
page it leaves the area (`closed`). Ctrl+K goes to the search box from any
page. All the slow reading runs in the app's one `TaskRunner`, handed in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from kapdesk.core.audit import AuditKind
from kapdesk.core.clock import Clock
from kapdesk.export.record import RecordReader
from kapdesk.storage.audit_log import AuditLog
from kapdesk.storage.clients import ClientStore
from kapdesk.storage.practice_settings_store import load
from kapdesk.storage.review import ReviewStore
from kapdesk.storage.review_records import RecordKeeper
from kapdesk.storage.review_search import ReviewSearch, SearchHit
from kapdesk.storage.settings import SettingsStore
from kapdesk.ui.review.dialogs import ReviewDialogs
from kapdesk.ui.review.export_buttons import ExportBar
from kapdesk.ui.review.history import HistoryView
from kapdesk.ui.review.search import SearchPanel
from kapdesk.ui.review.session_page import SessionReviewView
from kapdesk.ui.common.tasks import TaskRunner
from kapdesk.ui.common.widgets import action_button, wrapped_label
from kapdesk.ui.common.widgets import show_text

if TYPE_CHECKING:
    from kapdesk.services import Services

REVIEW_STYLE = """
QLabel#reviewFlags { color: #9a3b2f; font-weight: 600; }
QLabel#reviewFlags[flagged="false"] { color: #6b635a; font-weight: normal; }
QLabel#reviewMoment { background: #edf3ef; border: 1px solid #d0ded6; border-radius: 6px;
                      padding: 6px 10px; color: #24352f; }
QLabel#signed { color: #2f6b5c; font-weight: 600; }
QLabel#unsigned { color: #80531a; font-weight: 600; }
QLabel#crumbs { color: #6b635a; }
QTableView { gridline-color: transparent; font-size: 14px; }
QTableView::item { padding: 0 8px; }
QTableView::item:selected { background: #c9dad2; color: #1f2a26; }
QListWidget#reviewLog::item, QListView#searchResults::item { padding: 4px 6px; }
QTextBrowser { background: #fbf9f5; border: 1px solid #d8d0c3; border-radius: 8px; }
QProgressBar { border: none; background: #e6e0d6; border-radius: 4px; }
QProgressBar::chunk { background: #5b7f73; border-radius: 4px; }
QSplitter::handle { background: transparent; width: 10px; }
"""


@dataclass
class ReviewServices:
    """What the review screens read and write through."""

    store: ReviewStore
    search: ReviewSearch
    keeper: RecordKeeper
    records: RecordReader  # what the export buttons read a client's record through
    clients: ClientStore
    settings: SettingsStore
    clock: Clock
    today: Callable[[], dt.date]
    audit: AuditLog | None = None  # what is opened and searched here is audited

    def note(self, kind: AuditKind, client_id: int | None = None,
             session_id: int | None = None, detail: str = "") -> None:
        if self.audit is not None:
            self.audit.record(kind, client_id=client_id, session_id=session_id, detail=detail)

    @classmethod
    def from_app(cls, services: Services) -> ReviewServices:
        """The app's own stores, and a record reader for exports that reads through them."""
        return cls(store=services.review, search=services.search, keeper=services.records,
                   records=RecordReader(services.review, services.clients, services.course,
                                        services.audit),
                   clients=services.clients, settings=services.settings, clock=services.clock,
                   today=services.today, audit=services.audit)

    def refresh_thresholds(self) -> None:
        """Judge flags by the practice's current vital-sign limits."""
        thresholds = load(self.settings).vital_thresholds
        self.store.thresholds = thresholds  # the export reads them from the store too


class ReviewArea(QWidget):
    closed = Signal()

    def __init__(self, services: ReviewServices, tasks: TaskRunner,
                 dialogs: ReviewDialogs | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Records")
        self.setStyleSheet(REVIEW_STYLE)
        self.services = services
        self.dialogs = dialogs or ReviewDialogs()
        self.tasks = tasks
        record_export = ExportBar(services.records, self.tasks, services.clock, self.dialogs,
                                  formats=("csv", "json") + (("course_pdf",) if
                                                             services.records.course is not None
                                                             else ()))
        course = None
        if services.records.course is not None:
            from kapdesk.ui.review.course_summary import CourseSummary

            course = CourseSummary(services.records.course, services.today)
        self.history = HistoryView(services.store, services.clients, self.tasks, services.today,
                                   record_export, course=course)
        self.search = SearchPanel(services.search, self.tasks, self)
        self.search.results.setObjectName("searchResults")
        self.session = SessionReviewView(services.store, services.keeper, services.settings,
                                         services.records, self.tasks, services.clock, self.dialogs)
        self.session.log_list.setObjectName("reviewLog")
        self._trail: list[tuple[Any, ...]] = []
        self._build()
        self.history.session_requested.connect(lambda sid: self.show_session(sid))
        self.session.record_changed.connect(lambda _sid: self.history.model.reload())
        self.search.hit_activated.connect(self.open_hit)
        self.search.text_edited.connect(self._search_typed)
        self.search.box.escape.connect(self._leave_search)

    def _build(self) -> None:
        self.back_button = action_button("← Back", "Esc", self.back, self)
        self.back_button.setAccessibleName("Back")
        self.crumbs = wrapped_label("", "crumbs", "Where you are")
        bar = QHBoxLayout()
        bar.setContentsMargins(20, 10, 20, 0)
        bar.addWidget(self.back_button)
        bar.addWidget(self.crumbs, 1)
        bar.addWidget(self.search.box)
        results_page = QWidget()
        results_page.setAccessibleName("Search")
        results_layout = QVBoxLayout(results_page)
        results_layout.setContentsMargins(20, 8, 20, 16)
        results_layout.addWidget(self.search.status_label)
        results_layout.addWidget(self.search.results, 1)
        self.results_page = results_page
        self.pages = QStackedWidget()
        for page in (self.history, results_page, self.session):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.pages, 1)
        QShortcut(QKeySequence("Ctrl+K"), self, self.focus_search)
        QShortcut(QKeySequence("Alt+Left"), self, self.back)

    # --- going places --------------------------------------------------------------

    def show_history(self, client_id: int | None = None) -> None:
        """Open on a client's history (None: the whole practice); the way back starts here."""
        self.services.refresh_thresholds()
        self._trail = [("history",)]
        self.history.show_client(client_id)
        self._show(self.history, "Records")
        if client_id is not None:
            self.services.note(AuditKind.CLIENT_OPENED, client_id, detail="past sessions")

    def show_session(self, session_id: int, seq: int | None = None) -> None:
        self.services.refresh_thresholds()
        self._trail.append(("session", session_id, seq))
        self._open_session(session_id, seq)
        # The timeline has the keys (the arrows go from mark to mark; nothing is chosen
        # until they move): otherwise the list that had them, now hidden, passes them
        # down the chain to the zoom-out button, where Space would zoom out.
        self.session.timeline.setFocus()
        record = self.session.record
        self.services.note(AuditKind.REVIEW_OPENED, record.client_id if record else None, session_id)

    def open_hit(self, hit: SearchHit) -> None:
        """A search result: its session, at its moment."""
        self.show_session(hit.session_id, hit.event_seq)
        self.session.log_list.setFocus()  # at the moment found

    def focus_search(self) -> None:
        self.search.box.setFocus()
        self.search.box.selectAll()
        if self.search.box.text().strip():
            self._show_results()

    def back(self) -> None:
        if len(self._trail) <= 1:
            self.closed.emit()
            return
        if self._trail.pop()[0] == "results":  # leaving the results ends the search
            self._clear_search()
        entry = self._trail[-1]
        if entry[0] == "history":
            self._show(self.history, "Records")
            self.history.table.setFocus()
        elif entry[0] == "results":
            self._show(self.results_page, "Search")
            self.search.results.setFocus()
        else:
            self._open_session(entry[1], entry[2])
            self.session.timeline.setFocus()

    # --- inside ----------------------------------------------------------------

    def _open_session(self, session_id: int, seq: int | None) -> None:
        self.session.open_session(session_id, seq)
        record = self.session.record
        assert record is not None
        self._show(self.session, f"Records › {record.client_name}")

    def _show(self, page: QWidget, crumbs: str) -> None:
        self.pages.setCurrentWidget(page)
        show_text(self.crumbs, crumbs, "Where you are")
        self.back_button.setText("← Back  [Esc]" if len(self._trail) > 1 else "← Clients  [Esc]")
        self.back_button.setShortcut(QKeySequence("Esc"))  # setText resets a button's shortcut
        self.back_button.setAccessibleName("Back" if len(self._trail) > 1 else "Back to the clients")

    def _search_typed(self, text: str) -> None:
        if text.strip():
            self._show_results()
        elif self.pages.currentWidget() is self.results_page:
            self._leave_search()

    def _show_results(self) -> None:
        if self._trail and self._trail[-1][0] == "results":
            return
        self._trail.append(("results",))
        self._show(self.results_page, "Search")
        self.services.note(AuditKind.SEARCH, detail="all notes")  # that it happened, never the words

    def _leave_search(self) -> None:
        if self._trail and self._trail[-1][0] == "results":
            self.back()
        self._clear_search()

    def _clear_search(self) -> None:
        self.search.box.blockSignals(True)
        self.search.box.clear()
        self.search.box.blockSignals(False)
