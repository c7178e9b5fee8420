"""The client's page: one client's screening, consent, measures with their trends, and history.

Read in one go through `services.course.course(client_id)` (the course,
corrected records included) and the client's sessions from the review store
(for the doses the charts mark). The words come from course_words.py, the
figures and verdicts from core; the page only lays them out, calm and large,
with a key on every button. Everything that records goes through the page's
`CourseActions` (course_actions.py); when an action says something was saved
the page reads the course again. Back (Esc, Alt+Left) asks for the client
list; Start session (Ctrl+Return) asks for a session, as the list does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (QDialog, QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QScrollArea, QVBoxLayout, QWidget)

from kapdesk.core.measures import MeasureKind
from kapdesk.core.trend import dose_marks, trend
from kapdesk.storage.review import HistoryFilter
from kapdesk.ui.clients.course_actions import CourseActions
from kapdesk.ui.clients.course_card import CourseCard, DialogRunner
from kapdesk.ui.clients.course_words import (HistoryLine, Section, assessment_missing,
                                             consent_section, course_history, measure_section,
                                             medication_lines, screening_section)
from kapdesk.ui.clients.measure_card import MeasureCard, button_row, show_headline
from kapdesk.ui.common.widgets import action_button, label, show_text

if TYPE_CHECKING:
    from kapdesk.services import Services
    from kapdesk.storage.course import ClientCourse

KINDS = (MeasureKind.PHQ9, MeasureKind.GAD7, MeasureKind.PCL5)
SESSIONS_READ = 10_000  # every session of one client: far more than any course has
CORRECTED_COLOUR = QColor("#6b635a")

_STYLE = """
QLabel#sectionTitle { font-size: 19px; font-weight: 600; color: #3d4f48; }
QLabel#courseHeadline { font-size: 20px; font-weight: 600; color: #3a352f; }
QLabel#courseHeadline[level="ok"] { color: #2f6b5c; }
QLabel#courseHeadline[level="caution"] { color: #7a4f12; }
QLabel#courseHeadline[level="alert"] { color: #8f2f22; background: #f6e0da;
                                       border-left: 5px solid #8f2f22; }
QLabel#courseLines { font-size: 16px; color: #2e2a25; }
QWidget#measureWords { background: transparent; }
QLabel#courseSmall { font-size: 15px; color: #4f4840; }
QListWidget#courseHistory { font-size: 15px; }
QScrollArea#clientPageScroll, QWidget#clientPageBody { background: #f3efe8; border: none; }
"""


class ClientPage(QWidget):
    back_requested = Signal()
    start_session_requested = Signal(int)
    session_requested = Signal(int, int)  # (client, dosing session) to open in the review

    def __init__(self, services: Services, actions: CourseActions,
                 tz: dt.tzinfo | None = None, parent: QWidget | None = None,
                 run_dialog: DialogRunner = QDialog.exec) -> None:
        super().__init__(parent)
        self.setAccessibleName("Client's page")
        self.setStyleSheet(_STYLE)
        self._services, self.actions, self._tz = services, actions, tz
        self.client_id: int | None = None
        self.course: ClientCourse | None = None
        self.history: list[HistoryLine] = []
        self._pcl5_asked = False
        self._build_top()
        self._build_screening()
        self._build_consent()
        self._build_measures()
        self._build_history()
        # The course around the doses: the view, what is due, the talk sessions.
        self.course_card = CourseCard(services, run_dialog, self)
        self.course_card.measure_requested.connect(self.select_measure)
        self.course_card.session_requested.connect(
            lambda session_id: self.session_requested.emit(self.client_id or 0, session_id))
        self._lay_out()

    # -- building -------------------------------------------------------------------
    def _build_top(self) -> None:
        self.back_button = action_button("\N{LEFTWARDS ARROW} Clients", "Esc", self.back, self)
        self.back_button.setAccessibleName("Back to the clients")
        QShortcut(QKeySequence("Alt+Left"), self, self.back)
        self.name_label = label("", "title", "Client")
        self.status_label = label("", "courseSmall", "Message")
        self.status_label.hide()
        self.start_button = action_button("Start session", "Ctrl+Return", self._start, self,
                                          primary=True)

    def _card(self, title: str, *rows: QWidget | QHBoxLayout) -> QFrame:
        frame = QFrame()
        frame.setObjectName("card")
        frame.setAccessibleName(title)
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(8)
        layout.addWidget(label(title, "sectionTitle"))
        for row in rows:
            if isinstance(row, QHBoxLayout):
                layout.addLayout(row)
            else:
                layout.addWidget(row)
        layout.addStretch(1)  # beside a taller card, the words stay at the top
        return frame

    def _build_screening(self) -> None:
        self.screening_headline = label("", "courseHeadline", "Screening")
        self.screening_lines = label("", "courseLines", "Screening")
        self.medications_title = label("Medications", "courseSmall")
        self.medications_label = label("", "courseLines", "Medications")
        self.screening_button = action_button("Record screening", "Ctrl+S",
                                               self.record_screening, self)
        self.clearance_button = action_button("Record clearance", "Ctrl+Shift+C",
                                              self.record_clearance, self)
        self.screening_card = self._card(
            "Screening", self.screening_headline, self.screening_lines,
            self.medications_title, self.medications_label,
            button_row(self.screening_button, self.clearance_button))

    def _build_consent(self) -> None:
        self.consent_headline = label("", "courseHeadline", "Consent")
        self.consent_lines = label("", "courseLines", "Consent")
        self.consent_button = action_button("Record consent", "Ctrl+I", self.record_consent, self)
        self.consent_card = self._card("Consent", self.consent_headline, self.consent_lines,
                                       button_row(self.consent_button))

    def _build_measures(self) -> None:
        self.measure_cards = {kind: self._measure_card(kind) for kind in KINDS}
        self.pcl5_button = action_button("Show the PCL-5 (trauma focus)", "Ctrl+5",
                                         self.ask_for_pcl5, self)

    def _measure_card(self, kind: MeasureKind) -> MeasureCard:
        return MeasureCard(kind, lambda: self.enter_measure(kind), lambda: self.hand_to_client(kind))

    def _build_history(self) -> None:
        self.history_list = QListWidget()
        self.history_list.setObjectName("courseHistory")
        self.history_list.setAccessibleName("History of the client's records")
        # One line a record (a long one ends in "…"); the selected record is
        # shown whole below. Lines of one height are laid out in no time.
        self.history_list.setUniformItemSizes(True)
        self.history_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.history_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.history_list.setMinimumHeight(340)
        self.history_list.currentRowChanged.connect(lambda _row: self._selection_changed())
        self.selected_label = label("", "courseSmall", "Selected record")
        self.correct_button = action_button("Correct this form", "Ctrl+E",
                                            self.correct_measure, self)
        self.risk_button = action_button("Record risk assessment", "Ctrl+R", self.assess_risk, self)
        self.history_card = self._card(
            "History", label("Every screening, consent, form and assessment, newest first; "
                             "a corrected record stays, marked. Ctrl+H goes to the list, the "
                             "arrows choose a form.", "courseSmall"),
            self.history_list, self.selected_label, button_row(self.correct_button, self.risk_button))
        QShortcut(QKeySequence("Ctrl+H"), self, self.go_to_history)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.setContentsMargins(20, 12, 20, 4)
        top.setSpacing(16)
        top.addWidget(self.back_button)
        top.addWidget(self.name_label)
        top.addWidget(self.status_label, 1)
        top.addWidget(self.start_button)
        body = QWidget()
        body.setObjectName("clientPageBody")
        column = QVBoxLayout(body)
        column.setContentsMargins(20, 8, 20, 20)
        column.setSpacing(14)
        pair = QHBoxLayout()
        pair.setSpacing(14)
        pair.addWidget(self.screening_card, 1)
        pair.addWidget(self.consent_card, 1)
        column.addLayout(pair)
        column.addWidget(self.course_card)
        for card in self.measure_cards.values():
            column.addWidget(card)
        column.addWidget(self.pcl5_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.history_card)
        column.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("clientPageScroll")
        self.scroll.setAccessibleName("The client's course")
        self.scroll.setWidgetResizable(True)
        # The page reflows to the window's width (the narrowest window fits it): never sideways.
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(self.scroll, 1)
        # The first action: what the page asks for before anything else.
        self.setFocusProxy(self.screening_button)

    # -- showing --------------------------------------------------------------------
    def open_client(self, client_id: int) -> None:
        """Show `client_id`'s page from the top, the focus on its first action."""
        if client_id != self.client_id:
            self._pcl5_asked = False
            self.say("")
        self.client_id = client_id
        self.refresh(keep_selection=False)
        self.scroll.verticalScrollBar().setValue(0)
        self.screening_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def refresh(self, keep_selection: bool = True) -> None:
        """Read the course again and show it (the selected record stays selected unless told)."""
        if self.client_id is None:
            return
        selected = self._selected() if keep_selection else None
        keep = selected.measure_id if selected is not None else None
        services, client_id = self._services, self.client_id
        client = services.clients.get(client_id)
        self.course = course = services.course.course(client_id)
        sessions = services.review.history(HistoryFilter(client_id=client_id), limit=SESSIONS_READ)
        doses = dose_marks([(dose.given_at, dose.mg) for dose in row.facts.doses]
                           for row in sessions)
        show_text(self.name_label, client.display_name, "Client")
        self.start_button.setEnabled(not client.archived)
        self._show_screening(course)
        self._show_section(self.consent_headline, self.consent_lines, consent_section(course),
                           "Consent")
        for kind, card in self.measure_cards.items():
            card.show_section(measure_section(course, kind, self._tz))
            card.chart.set_trend(trend(kind, course.measures, doses, course.settings.measures),
                                 self._tz)
        has_pcl5 = any(record.kind is MeasureKind.PCL5 for record in course.measures)
        self.measure_cards[MeasureKind.PCL5].setVisible(has_pcl5 or self._pcl5_asked)
        self.pcl5_button.setVisible(not (has_pcl5 or self._pcl5_asked))
        self._show_history(course, keep)
        self.course_card.show_client(client_id, course, sessions)

    def _show_section(self, headline: QLabel, lines: QLabel, section: Section, role: str) -> None:
        show_text(headline, section.headline, role)
        show_headline(headline, section.level)
        show_text(lines, section.text, role)

    def _show_screening(self, course: ClientCourse) -> None:
        section, verdict = screening_section(course, self._services.today())
        self._show_section(self.screening_headline, self.screening_lines, section, "Screening")
        medications = medication_lines(verdict, course.screening is not None)
        show_text(self.medications_label, "\n".join(medications), "Medications")
        # Before a screening there is no list yet: the headline says so once.
        self.medications_title.setVisible(bool(medications))
        self.medications_label.setVisible(bool(medications))
        self.clearance_button.setVisible(bool(verdict.needs_clearance))

    def _show_history(self, course: ClientCourse, keep: int | None) -> None:
        self.history = course_history(course, self._tz)
        self.history_list.blockSignals(True)
        self.history_list.clear()
        for line in self.history:
            item = QListWidgetItem(line.line)
            if not line.is_current:
                item.setForeground(CORRECTED_COLOUR)
            self.history_list.addItem(item)
        self.history_list.blockSignals(False)
        self.history_list.setCurrentRow(self._row_to_select(course, keep))
        self._selection_changed()

    def _row_to_select(self, course: ClientCourse, keep: int | None) -> int:
        """The record kept, else a PHQ-9 still waiting for its risk assessment, else the newest form."""
        ids = [line.measure_id for line in self.history]
        if keep is not None and keep in ids:
            return ids.index(keep)
        latest = course.latest(MeasureKind.PHQ9)
        if latest is not None and assessment_missing(course, latest, self._tz):
            return ids.index(latest.id)
        return next((row for row, line in enumerate(self.history) if line.measure_id), 0)

    def _selected(self) -> HistoryLine | None:
        row = self.history_list.currentRow()
        return self.history[row] if 0 <= row < len(self.history) else None

    def _selection_changed(self) -> None:
        line = self._selected()
        is_form = line is not None and line.measure_id is not None and line.is_current
        self.correct_button.setEnabled(is_form)
        self.risk_button.setEnabled(is_form and line.kind is MeasureKind.PHQ9)
        show_text(self.selected_label, f"Selected: {line.line}" if line else "Nothing recorded yet.",
                  "Selected record")

    def say(self, text: str) -> None:
        """A calm sentence beside the client's name until the next client is opened."""
        show_text(self.status_label, text, "Message")
        self.status_label.setVisible(bool(text))

    # -- actions --------------------------------------------------------------------
    def back(self) -> None:
        self.back_requested.emit()

    def _start(self) -> None:
        if self.client_id is not None:
            self.start_session_requested.emit(self.client_id)

    def _act(self, call: Callable[[int], bool], button: QPushButton) -> None:
        if self.client_id is None:
            return
        if call(self.client_id):
            self.refresh()
        if button.isVisible() and button.isEnabled():
            button.setFocus(Qt.FocusReason.OtherFocusReason)
            self.scroll.ensureWidgetVisible(button)  # a key may have pressed it out of sight

    def record_screening(self) -> None:
        self._act(self.actions.record_screening, self.screening_button)

    def record_clearance(self) -> None:
        screening = self.course.screening if self.course else None
        if screening is not None and screening.id is not None:
            self._act(lambda client: self.actions.record_clearance(client, screening.id),
                      self.clearance_button)

    def record_consent(self) -> None:
        self._act(self.actions.record_consent, self.consent_button)

    def enter_measure(self, kind: MeasureKind) -> None:
        self._act(lambda client: self.actions.enter_measure(client, kind),
                  self.measure_cards[kind].paper_button)

    def hand_to_client(self, kind: MeasureKind) -> None:
        self._act(lambda client: self.actions.hand_to_client(client, kind),
                  self.measure_cards[kind].hand_button)

    def correct_measure(self) -> None:
        line = self._selected()
        if line is not None and line.measure_id is not None and line.is_current:
            self._act(lambda client: self.actions.correct_measure(client, line.measure_id),
                      self.correct_button)

    def assess_risk(self) -> None:
        line = self._selected()
        if line is not None and line.measure_id is not None and line.kind is MeasureKind.PHQ9:
            self._act(lambda client: self.actions.assess_risk(client, line.measure_id),
                      self.risk_button)

    def select_measure(self, measure_id: int) -> None:
        """A form chosen on the course view: selected in the history, which comes into sight."""
        ids = [line.measure_id for line in self.history]
        if measure_id in ids:
            self.history_list.setCurrentRow(ids.index(measure_id))
            self.go_to_history()

    def go_to_history(self) -> None:
        """The cursor in the history, on the selected record: arrows choose what Ctrl+E corrects."""
        self.history_list.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.scroll.ensureWidgetVisible(self.history_list)

    def ask_for_pcl5(self) -> None:
        """The therapist asks for the PCL-5 (trauma in focus): its card, ready for a form."""
        self._pcl5_asked = True
        card = self.measure_cards[MeasureKind.PCL5]
        card.setVisible(True)
        self.pcl5_button.setVisible(False)
        card.paper_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scroll.ensureWidgetVisible(card)
