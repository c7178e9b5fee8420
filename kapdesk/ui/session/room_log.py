"""The running log on the room screen: what was recorded, newest at the bottom.

Lines are added only from `event_committed` (so only what is stored) and
from phase changes; on opening a resumed session the log is rebuilt from the
stored events, including the gap while the app was down. A line reads as
the same event's line in Records (core.log_lines: the same words, the same
"14:47 +0:42" times, stated once by LOG_LEGEND, the log's description); the
room adds only colour: a reading by its verdict, the gap in amber.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeyEvent, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from kapdesk.core.events import Event, EventKind
from kapdesk.core.formatting import dose_before
from kapdesk.core.log_lines import LISTED_KINDS, LOG_LEGEND, entry_words, line_time
from kapdesk.core.review_model import describe
from kapdesk.core.script import Script
from kapdesk.core.timeline import SessionState
from kapdesk.core.vitals import VitalsReading, VitalThresholds, classify

LEVEL_COLOURS = {"ok": "#a9c8a0", "caution": "#e6b567", "alert": "#ff9a7e", "gap": "#d9a36b",
                 "quiet": "#9c8b78"}


class SessionLog(QListWidget):
    def __init__(self, script: Script, thresholds: VitalThresholds,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionLog")
        self.setAccessibleName("Session log")
        self.setAccessibleDescription(LOG_LEGEND)
        self.setWordWrap(True)
        # Reachable with Tab (a screen reader reads it, arrows scroll it), but a
        # click leaves the focus where it was.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # lines wrap
        self._script, self._thresholds = script, thresholds
        self._doses: list[float] = []  # given_at of each dose: "+0:42" counts from the latest
        self._waiting: tuple[tuple[Event, ...], SessionState] | None = None  # see rebuild
        self._scrolling = True  # each new line scrolls into view (not while rebuilding)
        # Showing the newest line, the log keeps it in view when its size or
        # length changes: a log rebuilt before it is shown (a resumed room) was
        # scrolled in a viewport of no size, and opened at its oldest line.
        self._pinned = True
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.verticalScrollBar().rangeChanged.connect(self._range_changed)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        # Typed text is not a search in the log: it goes on to the room, which
        # starts a note with it. Arrows, Page Up/Down and Home/End still scroll.
        if event.text() and event.text().isprintable():
            event.ignore()
            return
        super().keyPressEvent(event)

    def texts(self) -> list[str]:
        self._fill_in()
        return [self.item(row).text() for row in range(self.count())]

    def rebuild(self, events: tuple[Event, ...], state: SessionState) -> None:
        """The whole log from the stored events, with the phase changes between them.

        A log not on screen is filled in when it is first shown (or added to,
        or read): a long list laid out all its lines again each time it was
        styled or given a parent on its way into the window, three times over
        for a resumed room.
        """
        self._waiting = (events, state)
        if self.isVisible():
            self._fill_in()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        self._fill_in()
        super().showEvent(event)

    def _fill_in(self) -> None:
        """The lines of the last rebuild, if not there yet.

        Scrolled to the bottom once, at the end: scrolling lays out every line
        of a word-wrapped list, so scrolling after each line made a resumed
        log of a few thousand events take seconds (growing with its square).
        """
        if self._waiting is None:
            return
        events, state = self._waiting
        self._waiting = None
        self.clear()
        # Every dose of the log from the first line, as Records times them: a
        # dose recorded late, with an earlier time given, counts from that time.
        self._doses = [float(e.data["given_at"]) for e in state.doses]
        self._scrolling = False
        starts = [(span.start_at, span.phase_index) for span in state.phase_spans[1:]]
        for event in events:
            while starts and starts[0][0] < event.at:
                self.add_phase(*_swap(starts.pop(0)))
            self.add_event(event)
        for at, index in starts:
            self.add_phase(index, at)
        self._scrolling = True
        self._pinned = True
        if self.isVisible():
            self.scrollToBottom()

    def _scrolled(self, value: int) -> None:
        self._pinned = value >= self.verticalScrollBar().maximum()

    def _range_changed(self, _low: int, high: int) -> None:
        if self._pinned:
            self.verticalScrollBar().setValue(high)

    def add_event(self, event: Event) -> None:
        self._fill_in()
        given = float(event.data["given_at"]) if event.kind is EventKind.DOSE_GIVEN else None
        if given is not None and given not in self._doses:  # a rebuild knows them all already
            self._doses.append(given)
        if event.kind not in LISTED_KINDS:
            return
        text = describe(event, self._script, self._doses)
        self._append(event.at, entry_words(event.kind, text), self._level(event))

    def add_phase(self, index: int, at: float) -> None:
        self._fill_in()
        self._append(at, f"— {self._script.phases[index].name} began —", "quiet")

    def _append(self, at: float, words: str, level: str = "") -> None:
        item = QListWidgetItem(f"{line_time(at, self._doses)}   {words}")
        if level in LEVEL_COLOURS:
            item.setForeground(QColor(LEVEL_COLOURS[level]))
        self.addItem(item)
        if self._scrolling:
            self.scrollToBottom()

    def _level(self, event: Event) -> str:
        """The line's colour: a reading by its verdict, the gap in amber, the record in full."""
        if event.kind is EventKind.VITALS:
            reading = VitalsReading.from_data(event.data)
            before = dose_before(self._doses, event.at) is None
            return classify(reading, self._thresholds, before_dose=before).level
        if event.kind is EventKind.APP_RECOVERED:
            return "gap"
        return "" if event.kind in (EventKind.NOTE, EventKind.TAG) else "quiet"


def _swap(pair: tuple[float, int]) -> tuple[int, float]:
    return pair[1], pair[0]
