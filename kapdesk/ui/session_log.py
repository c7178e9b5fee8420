"""The running log on the room screen: what was recorded, newest at the bottom.

Lines are added only from `event_committed` (so only what is stored) and
from phase changes; on opening a resumed session the log is rebuilt from the
stored events, including the gap while the app was down. Each line starts
with the time of day and the time since the dose ("14:32 · 35:02 after
dose"), the two clocks the therapist reads a record by; the heading above the log
says so ("time of day · + time since the dose").
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeyEvent, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from kapdesk.core.events import Event, EventKind
from kapdesk.core.formatting import format_clock, format_minutes, format_time_of_day
from kapdesk.core.script import Script
from kapdesk.core.timeline import SessionState
from kapdesk.core.vitals import VitalsReading, VitalThresholds, classify
from kapdesk.core.session_summary import describe_reading

LEVEL_COLOURS = {"ok": "#a9c8a0", "caution": "#e6b567", "alert": "#ff9a7e", "gap": "#d9a36b",
                 "quiet": "#9c8b78"}


class SessionLog(QListWidget):
    def __init__(self, script: Script, thresholds: VitalThresholds,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionLog")
        self.setAccessibleName("Session log")
        self.setWordWrap(True)
        # Reachable with Tab (a screen reader reads it, arrows scroll it), but a
        # click leaves the focus where it was.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # lines wrap
        self._script, self._thresholds = script, thresholds
        self._dose_at: float | None = None
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
        self._dose_at = None
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
        if event.kind is EventKind.DOSE_GIVEN:
            self._dose_at = float(event.data["given_at"])
        described = self._describe(event)
        if described is not None:
            self._append(event.at, *described)

    def add_phase(self, index: int, at: float) -> None:
        self._fill_in()
        self._append(at, f"— {self._script.phases[index].name} began —", "quiet")

    def _append(self, at: float, text: str, level: str = "") -> None:
        item = QListWidgetItem(f"{self._stamp(at)}   {text}")
        if level in LEVEL_COLOURS:
            item.setForeground(QColor(LEVEL_COLOURS[level]))
        self.addItem(item)
        if self._scrolling:
            self.scrollToBottom()

    def _stamp(self, at: float) -> str:
        clock = format_time_of_day(at)
        if self._dose_at is None or at < self._dose_at:
            return clock
        return f"{clock} · +{format_clock(at - self._dose_at)}"

    def _describe(self, event: Event) -> tuple[str, str] | None:
        data = event.data
        kind = event.kind
        if kind is EventKind.NOTE:
            return str(data["text"]), ""
        if kind is EventKind.TAG:
            return f"◆ {data['tag']}", ""
        if kind is EventKind.VITALS:
            return self._vitals(event)
        if kind is EventKind.APP_RECOVERED:
            return _gap(float(data["down_since"]), event.at), "gap"
        if kind in (EventKind.PHASE_EXTENDED, EventKind.PHASE_SKIPPED):
            return self._phase_change(event), "quiet"
        if kind is EventKind.CHECKPOINT_DONE:
            return f"{self._checkpoint(data)} done", "quiet"
        if kind is EventKind.CHECKPOINT_DISMISSED:
            return f"{self._checkpoint(data)} set aside: {data['reason']}", "quiet"
        return _simple(event)

    def _vitals(self, event: Event) -> tuple[str, str]:
        reading = VitalsReading.from_data(event.data)
        before = self._dose_at is None or event.at < self._dose_at
        verdict = classify(reading, self._thresholds, before_dose=before)
        reason = f" — reason: {event.data['reason']}" if event.data.get("reason") else ""
        return f"{describe_reading(reading)}{reason}", verdict.level

    def _phase_change(self, event: Event) -> str:
        index = int(event.data["phase_index"])
        name = self._script.phases[index].name if index < len(self._script.phases) else "phase"
        if event.kind is EventKind.PHASE_EXTENDED:
            return f"+{format_minutes(int(event.data['seconds']))} added to {name}"
        return f"Moved on early from {name}"

    def _checkpoint(self, data: dict) -> str:
        found = self._script.checkpoint(str(data["checkpoint_id"]))
        return found.label if found else str(data["checkpoint_id"])


def _simple(event: Event) -> tuple[str, str] | None:
    data, kind = event.data, event.kind
    simple = {
        EventKind.SESSION_STARTED: lambda: f"Session started ({data['script']['name']})",
        EventKind.INTENTION_UPDATED: lambda: f"Intention: {data['text']}",
        EventKind.DOSE_GIVEN: lambda: (f"Dose: {data['drug']} {data['mg']:g} mg {data['route']}, "
                                       f"given {format_time_of_day(data['given_at'])}"),
        EventKind.CHECKLIST_TICKED: lambda: _ticked("Checklist", data),
        EventKind.DISCHARGE_CHECKED: lambda: _ticked("Discharge", data),
        EventKind.PAUSED: lambda: "Paused",
        EventKind.RESUMED: lambda: "Resumed",
        EventKind.DEBRIEF_SAVED: lambda: "Debrief saved",
        EventKind.SESSION_ENDED: lambda: "Session ended",
        EventKind.TRACK_STARTED: lambda: f"♪ {data.get('title') or data['path']}",
        EventKind.MUSIC_SILENCED: lambda: "Music silenced",
    }
    text = simple.get(kind)
    return (text(), "quiet") if text else None


def _ticked(what: str, data: dict) -> str:
    return f"{what}: {data['item']} {'✓' if data['checked'] else '(unticked)'}"


def _gap(down_since: float, back_at: float) -> str:
    length = format_minutes(back_at - down_since) if back_at - down_since >= 60 else \
        f"{int(back_at - down_since)} s"
    return (f"GAP — the app was not running from {format_time_of_day(down_since)} "
            f"to {format_time_of_day(back_at)} ({length}); nothing was recorded then")


def _swap(pair: tuple[float, int]) -> tuple[int, float]:
    return pair[1], pair[0]
