"""One past session: its timeline, its log, debrief and checks, signature and exports.

The timeline and the log beside it select together: picking a line in the
log, or a mark on the timeline, selects the other and says what was playing
at that moment. `open_session(id, seq)` opens a session at one event (the
search's jump). Signing or adding an addendum re-reads the record, so
everything on screen is what storage now holds.

Keys: Ctrl+T the timeline, Ctrl+Shift+L the log (Ctrl+L locks the window:
ui/shell/idle_lock.py); in the timeline + − 0 zoom and Left/Right move
between marks (Ctrl+= / Ctrl+- / Ctrl+0 zoom from anywhere in the view);
Alt+D / Alt+R / Alt+X the tabs (debrief, record, export); Ctrl+Shift+G
signs; Ctrl+Shift+P/C/J export.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QHBoxLayout, QListWidget, QListWidgetItem,
                               QScrollArea, QSplitter, QTabWidget, QTextBrowser, QVBoxLayout,
                               QWidget)

from kapdesk.core.clock import Clock
from kapdesk.core.review_model import TimelineMark
from kapdesk.core.vitals import VitalThresholds
from kapdesk.export.record import RecordReader
from kapdesk.storage.review import ReviewStore, SessionRecord
from kapdesk.storage.review_records import RecordKeeper
from kapdesk.storage.settings import SettingsStore
from kapdesk.ui.review import session_text as words
from kapdesk.ui.common.form_controls import section_heading
from kapdesk.ui.clients.open_session_bar import OpenSessionBar
from kapdesk.ui.review.dialogs import ReviewDialogs
from kapdesk.ui.review.export_buttons import ExportBar
from kapdesk.ui.review.record import RecordPanel
from kapdesk.ui.common.tasks import TaskRunner
from kapdesk.ui.review.timeline import TimelineView
from kapdesk.ui.review.timeline_data import timeline_data
from kapdesk.ui.common.widgets import show_text
from kapdesk.ui.common.widgets import action_button, wrapped_label

SeqRole = Qt.ItemDataRole.UserRole + 1
DEBRIEF_TAB, RECORD_TAB, EXPORT_TAB = range(3)
EXPORT_HINT = ("This session as a PDF report (for the chart or a REMS form), or its every event "
               "as CSV (a spreadsheet) or JSON. Files are written whole or not at all.")


OPEN_TEXT = "Open — not ended. Resume it to carry on, or end it now."


class SessionReviewView(QWidget):
    record_changed = Signal(int)  # session id: signed or added to
    resume_requested = Signal(int)  # an open (never ended) session's id
    end_requested = Signal(int)  # the same, its ending confirmed in the bar

    def __init__(self, store: ReviewStore, keeper: RecordKeeper, settings: SettingsStore,
                 records: RecordReader, tasks: TaskRunner, clock: Clock, dialogs: ReviewDialogs,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Session record")
        self._store = store
        self.record: SessionRecord | None = None
        self._marks: dict[int, TimelineMark] = {}
        self._build(keeper, settings, records, tasks, clock, dialogs)
        self._lay_out()
        self._connect()

    # --- building --------------------------------------------------------------------

    def _build(self, keeper: RecordKeeper, settings: SettingsStore, records: RecordReader,
               tasks: TaskRunner, clock: Clock, dialogs: ReviewDialogs) -> None:
        self.title_label = wrapped_label("", "title", "Session")
        self.facts_label = wrapped_label("", "subtitle", "Script, dose and length")
        self.facts_label.setWordWrap(False)
        self.flags_label = wrapped_label("", "reviewFlags", "Flags")
        # A session never ended: resumed or ended from here, never signed before.
        self.open_bar = OpenSessionBar(0, "", OPEN_TEXT, parent=self)
        self.open_bar.resume_requested.connect(self.resume_requested)
        self.open_bar.end_confirmed.connect(self.end_requested)
        self.open_bar.hide()
        self.zoom_out_button = action_button("−", "Ctrl+-", lambda: self.timeline.zoom_out(), self)
        self.zoom_in_button = action_button("+", "Ctrl+=", lambda: self.timeline.zoom_in(), self)
        self.fit_button = action_button("Fit", "Ctrl+0", lambda: self.timeline.zoom_fit(), self)
        for button, name in ((self.zoom_out_button, "Zoom out"), (self.zoom_in_button, "Zoom in"),
                             (self.fit_button, "Fit the session to the width")):
            button.setAccessibleName(name)
            button.setToolTip(f"{name} ({button.shortcut().toString()})")
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # reachable with Tab, like the rest
            button.setObjectName("zoomButton")
        self.timeline = TimelineView()
        self.moment_label = wrapped_label("", "reviewMoment", "At the selected moment")
        self.legend_label = wrapped_label(words.TIME_LEGEND, "subtitle", words.TIME_LEGEND)
        self.log_list = QListWidget()
        self.log_list.setAccessibleName("Session log")
        self.log_list.setWordWrap(True)
        self.log_list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.log_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.debrief_view = QTextBrowser()
        self.debrief_view.setAccessibleName("Debrief, dose and checks")
        self.debrief_view.setReadOnly(True)
        self.debrief_view.setOpenLinks(False)
        self.record_panel = RecordPanel(keeper, settings, dialogs)
        self.export_bar = ExportBar(records, tasks, clock, dialogs)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Debrief, record and export")
        self.tabs.tabBar().setAccessibleName("Debrief, record and export tabs")
        self.tabs.addTab(self.debrief_view, "&Debrief and checks")
        self.tabs.addTab(_scrolling(self.record_panel), "&Record and addenda")
        export_page = QWidget()
        export_layout = QVBoxLayout(export_page)
        export_layout.setContentsMargins(10, 10, 10, 10)
        export_layout.addWidget(wrapped_label(EXPORT_HINT, "subtitle", "About exports"))
        export_layout.addWidget(self.export_bar)
        export_layout.addStretch(1)
        self.tabs.addTab(_scrolling(export_page), "E&xport")
        self.export_bar.install_shortcuts(self, lambda: self.tabs.setCurrentIndex(EXPORT_TAB))
        self.record_panel.install_adverse_key(self, lambda: self.tabs.setCurrentIndex(RECORD_TAB))

    def _lay_out(self) -> None:
        head = QHBoxLayout()
        head.setSpacing(12)
        head.addWidget(self.title_label, 1)
        head.addWidget(self.record_panel.status_label, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addWidget(self.record_panel.sign_button)
        facts = QHBoxLayout()
        facts.setSpacing(16)
        facts.addWidget(self.facts_label)
        facts.addWidget(self.flags_label, 1)
        moment = QHBoxLayout()
        moment.setSpacing(6)
        moment.addWidget(self.moment_label, 1)
        for button in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            moment.addWidget(button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(4)
        log_head = QHBoxLayout()
        log_head.setSpacing(12)
        log_head.addWidget(section_heading("Log"))
        log_head.addWidget(self.legend_label, 1)
        left_layout.addLayout(log_head)
        left_layout.addWidget(self.log_list, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.tabs)
        self.splitter.setSizes([600, 600])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 4, 20, 12)
        layout.setSpacing(6)
        layout.addLayout(head)
        layout.addWidget(self.open_bar)
        layout.addLayout(facts)
        layout.addWidget(self.timeline)
        layout.addLayout(moment)
        layout.addWidget(self.splitter, 1)

    def _connect(self) -> None:
        self.timeline.mark_selected.connect(self._timeline_picked)
        self.log_list.currentItemChanged.connect(lambda item, _old: self._log_picked(item))
        self.record_panel.changed.connect(self._record_grew)
        QShortcut(QKeySequence("Ctrl+T"), self, self.timeline.setFocus)
        QShortcut(QKeySequence("Ctrl+Shift+L"), self, self.log_list.setFocus)

    # --- showing a session ----------------------------------------------------------------

    def open_session(self, session_id: int, seq: int | None = None,
                     thresholds: VitalThresholds | None = None) -> None:
        """Show a session; with `seq`, at that event (selected and scrolled into view)."""
        if thresholds is not None:
            self._store.thresholds = thresholds
        record = self._store.session_record(session_id)
        self.record = record
        self._marks = {mark.seq: mark for mark in record.marks}
        show_text(self.title_label, words.title(record), "Session")
        show_text(self.facts_label, words.facts_line(record), "Script, dose and length")
        show_text(self.flags_label, words.flags_line(record), "Flags")
        self.flags_label.setProperty("flagged", bool(record.flags))
        self.flags_label.style().unpolish(self.flags_label)  # the property picks the colour
        self.flags_label.style().polish(self.flags_label)
        self.timeline.set_data(timeline_data(record, self._store.thresholds))
        self._fill_log(record)
        self.debrief_view.setHtml(words.debrief_html(record) + words.checks_html(record))
        self.record_panel.show_record(session_id, record.state.ended, record.signed_by,
                                      record.signed_at)
        self.open_bar.set_session(session_id, record.client_name, OPEN_TEXT)
        self.open_bar.setVisible(not record.state.ended)
        self.export_bar.set_session(record)  # exported as read here: one read, screen to file
        self.select(seq)

    def select(self, seq: int | None) -> None:
        """Select an event in the log and on the timeline (None: nothing)."""
        row = self.row_of(seq)
        if row is None:
            self.log_list.setCurrentRow(-1)
            self.timeline.select(None)
            show_text(self.moment_label, words.moment_line(None, self.record), "Selected moment")
            return
        self.log_list.setCurrentRow(row)
        self.log_list.scrollToItem(self.log_list.item(row), QAbstractItemView.ScrollHint.PositionAtCenter)

    def selected_seq(self) -> int | None:
        item = self.log_list.currentItem()
        return item.data(SeqRole) if item is not None else None

    def _fill_log(self, record: SessionRecord) -> None:
        self.log_list.blockSignals(True)
        self.log_list.clear()
        for mark, text in words.log_entries(record):
            if mark is None:
                self.log_list.addItem(_phase_item(text))
                continue
            item = QListWidgetItem(text)
            item.setData(SeqRole, mark.seq)
            item.setToolTip(mark.text)
            self.log_list.addItem(item)
        self.log_list.blockSignals(False)

    def row_of(self, seq: int | None) -> int | None:
        if seq is None:
            return None
        for row in range(self.log_list.count()):
            if self.log_list.item(row).data(SeqRole) == seq:
                return row
        return None

    def _log_picked(self, item: QListWidgetItem | None) -> None:
        if self.record is None:
            return
        seq = item.data(SeqRole) if item is not None else None
        self.timeline.select(seq)
        show_text(self.moment_label, words.moment_line(self._marks.get(seq), self.record),
                  "Selected moment")

    def _timeline_picked(self, seq: int) -> None:
        row = self.row_of(seq)
        if row is not None:
            self.log_list.setCurrentRow(row)
            self.log_list.scrollToItem(self.log_list.item(row))

    def _record_grew(self, session_id: int) -> None:
        seq = self.selected_seq()
        self.open_session(session_id, seq)
        self.record_changed.emit(session_id)


def _phase_item(text: str) -> QListWidgetItem:
    """A phase's start in the log: read like the room's log, not selectable as a mark."""
    item = QListWidgetItem(text)
    item.setForeground(QColor("#6b635a"))
    return item


def _scrolling(page: QWidget) -> QScrollArea:
    """A tab's page in a scroll area: the tabs never make the view taller than the screen."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(page)
    return scroll
