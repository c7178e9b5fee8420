"""The large part of the room screen, readable from a chair three metres away.

Phase name, the count-down of the phase (about 120 px digits), what is due
next ("40-minute BP in 4 min"), the session and since-dose clocks, and the
phase's guidance in smaller type. Everything comes from one `SessionState`;
labels are only touched when their text changes, to keep repaints (and the
laptop fan) quiet. What was last shown is remembered here, in Python, so a
tick that changes only the count-down asks Qt nothing about the other labels.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kapdesk.core.formatting import format_clock, format_countdown, format_due, format_minutes
from kapdesk.core.timeline import SessionState
from kapdesk.ui.clock_text import ClockText, Placed, changed_spans
from kapdesk.ui.session_widgets import RESTYLED, label, paint_styled_background, set_level


class ClockFace(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clockFace")
        # The face paints its own background (as room.qss colours it), so a
        # ticking label repaints only the face, not every widget beneath it.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAccessibleName("Session clock")
        self.phase_name = label("", "phaseName", "Current phase")
        self.countdown = _TickingLabel("countdown", "Time left in this phase", "+88:88 over")
        self.subline = label("", "subline", "Phase status")
        self.next_due = label("", "nextDue", "What is due next")
        # Labels that change every second do not wrap: a wrapping label asks the
        # whole layout for a new height on each change, a relayout per tick.
        self.clocks = _TickingLabel("sessionClocks", "Session time and time since the dose",
                                    "Session 8:88:88   ·   8:88:88 since the dose")
        self.guidance = label("", "guidance", "Guidance for this phase")
        self.guidance.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for widget in (self.phase_name, self.countdown, self.subline, self.next_due):
            layout.addWidget(widget)
        layout.addSpacing(4)
        layout.addWidget(self.clocks)
        layout.addWidget(self.guidance, 1)
        self._shown: dict[int, tuple[str, str | None]] = {}  # id(label) -> (text, level) shown
        self._settled: tuple[object, ...] | None = None  # what phase name, subline and guidance show

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        paint_styled_background(self, QPainter(self))

    def set_state(self, state: SessionState) -> None:
        self._show(self.countdown, format_countdown(state.phase_remaining_s),
                   "paused" if state.paused else "")
        self._show(self.clocks, _clocks(state))
        due = format_due(state.next_due, state.as_of)
        overdue = state.next_due is not None and state.next_due.status == "overdue"
        self._show(self.next_due, f"Next: {due}" if due else "No checks waiting",
                   "alert" if overdue else "")
        settled = (state.phase, state.phase_index, state.phase_planned_s, state.paused,
                   state.ended, state.phase_remaining_s < 0)
        if settled != self._settled:
            # What else the face says changes only with these, not with each second.
            self._settled = settled
            self._show(self.phase_name, state.phase.name)
            self._show(self.subline, _subline(state), "caution" if state.paused else "")
            self._show(self.guidance, state.phase.guidance)

    def _show(self, widget: QLabel, text: str, level: str | None = None) -> None:
        # Compared with what this face last set, not read back from Qt: most
        # labels stay the same for minutes, and asking each one every second
        # is most of a quiet tick's cost.
        shown = self._shown.get(id(widget))
        if shown == (text, level):
            return
        self._shown[id(widget)] = (text, level)
        if level is not None and (shown is None or shown[1] != level):
            set_level(widget, level)
        if shown is None or shown[0] != text:
            widget.setText(text)


class _TickingLabel(QLabel):
    """A label that changes every second and repaints only what changed.

    A plain QLabel asks its layout for a new geometry on every setText, and
    relaying out the styled room screen once a second was most of the app's
    idle CPU. This one keeps a constant size hint (that of `template`, the
    widest text it will show), fills its own background (the room.qss colour
    Qt has put in its palette) and draws its text from cached pieces
    (clock_text.py). A new second repaints only the pieces that differ from
    the last text (one digit, mostly), so a tick costs a small repaint.
    """

    def __init__(self, name: str, accessible: str, template: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._text = ""
        self._template = template
        self._pieces = ClockText()
        # (pixel ratio, text left, text top) for painting; None: work out anew
        self._drawing: tuple[float, int, float] | None = None
        self._placed: list[Placed] = []  # the text laid out, while _drawing holds

    def text(self) -> str:  # the C++ text stays empty: painting is ours
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 - Qt API
        if text == self._text:
            return
        self._text = text
        self.setAccessibleDescription(text)
        if self._drawing is None:
            self.update()  # laid out afresh at the next paint
            return
        # Only where the new text differs from the old: one digit, mostly.
        placed = self._pieces.layout(text)
        left, height = self._drawing[1], self.height()
        for start, end in changed_spans(self._placed, placed):
            first = math.floor(left + start)
            self.update(first, 0, math.ceil(left + end) - first, height)
        self._placed = placed

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() in RESTYLED:
            self._drawing = None
            self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._drawing = None

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        dpr = self.devicePixelRatioF()
        if self._drawing is None or self._drawing[0] != dpr:
            self._drawing = self._prepare(dpr)
            self._placed = self._pieces.layout(self._text)
        _dpr, left, top = self._drawing
        area = event.rect()
        # The painter's background is the widget's own (room.qss) colour. (Also,
        # unlike fillRect with a brush, eraseRect does not make PySide build the
        # gradient presets enum, 1.5 ms, the first time.)
        painter.eraseRect(area)
        self._pieces.draw(painter, left, top, self._placed, area.left(), area.right() + 1)
        painter.end()

    def _prepare(self, dpr: float) -> tuple[float, int, float]:
        """What each repaint needs, worked out once per size, style and screen."""
        self._pieces.use(self.font(), self.palette().color(QPalette.ColorRole.WindowText), dpr)
        area = self.contentsRect()
        # Where Qt's AlignVCenter puts a line: centred by ascent + descent.
        top = area.top() + (area.height() - self._pieces.line_height()) / 2
        return dpr, area.left(), top

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        metrics = self.fontMetrics()
        margins = self.contentsMargins()
        return QSize(metrics.horizontalAdvance(self._template) + margins.left() + margins.right(),
                     metrics.height() + margins.top() + margins.bottom())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(0, self.sizeHint().height())


def _subline(state: SessionState) -> str:
    if state.ended:
        return "The session has ended"
    if state.paused:
        return "Paused — press F5 to resume"
    if state.phase_remaining_s < 0:
        return "Over the planned time — move on when ready"
    return f"left of {format_minutes(state.phase_planned_s)} · phase " \
           f"{state.phase_index + 1} of {len(state.phases_planned_s)}"


def _clocks(state: SessionState) -> str:
    parts = [f"Session {format_clock(state.session_elapsed_s)}"]
    if state.since_dose_s is not None:
        parts.append(f"{format_clock(state.since_dose_s)} since the dose")
    else:
        parts.append("no dose recorded yet")
    return "   ·   ".join(parts)
