"""The large part of the room screen, readable from a chair three metres away.

Phase name, the count-down of the phase, what is due next ("40-minute BP in
4 min"), the session and since-dose clocks, and the phase's guidance in
smaller type. The count-down grows with the window: it takes the height the
other lines leave (about 120 px digits at 1280x800, more in full screen),
within the face's width; when space is short the guidance gives way first.
Everything comes from one `SessionState`; labels are only touched when their
text changes, to keep repaints (and the laptop fan) quiet. What was last shown is remembered here, in Python, so a
tick that changes only the count-down asks Qt nothing about the other labels.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QLabel, QLayout, QVBoxLayout, QWidget

from kapdesk.core.formatting import format_clock, format_countdown, format_due, format_minutes
from kapdesk.core.timeline import SessionState
from kapdesk.ui.session.clock_text import ClockText, Placed, changed_spans
from kapdesk.ui.common.widgets import (RESTYLED, label, paint_styled_background, set_level,
                                       show_text)

# The count-down's digits, in pixels: never smaller (read from the chair),
# never larger (a 4K screen in full screen).
COUNTDOWN_MIN_PX, COUNTDOWN_MAX_PX = 64, 340
_AS_WIDEST = str.maketrans("0123456789", "8888888888")  # a text's widest look
_MINUTES = "88:88"


class ClockFace(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clockFace")
        # The face paints its own background (as room.qss colours it), so a
        # ticking label repaints only the face, not every widget beneath it.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAccessibleName("Session clock")
        self.phase_name = label("", "phaseName", "Current phase")
        self._roles = {id(self.phase_name): "Current phase"}
        self.countdown = _TickingLabel("countdown", "Time left in this phase", "+88:88 over")
        self.subline = label("", "subline", "Phase status")
        self.next_due = label("", "nextDue", "What is due next")
        # Labels that change every second do not wrap: a wrapping label asks the
        # whole layout for a new height on each change, a relayout per tick.
        self.clocks = _TickingLabel("sessionClocks", "Session time and time since the dose",
                                    "Session 8:88:88   ·   8:88:88 since the dose")
        self.guidance = label("", "guidance", "Guidance for this phase")
        self.guidance.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        for widget, role in ((self.subline, "Phase status"), (self.next_due, "What is due next"),
                             (self.guidance, "Guidance for this phase")):
            self._roles[id(widget)] = role
        layout = QVBoxLayout(self)
        # The face's smallest size is its own (minimumSizeHint): left to the
        # layout, a wrapped guidance's guess at its height pushed the window
        # taller for a moment, and a window does not shrink back.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for widget in (self.phase_name, self.countdown, self.subline, self.next_due):
            layout.addWidget(widget)
        layout.addSpacing(4)
        layout.addWidget(self.clocks)
        layout.addWidget(self.guidance)
        layout.addStretch(1)  # spare height below, not between the lines
        self._shown: dict[int, tuple[str, str | None]] = {}  # id(label) -> (text, level) shown
        self._settled: tuple[object, ...] | None = None  # what phase name, subline and guidance show
        self._fitted: tuple[int, int, str] | None = None  # (width, height, shape) fitted to

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        # Not the count-down's own: it is sized to the face, so the face must
        # not be sized to it (the window's layout decides, then the face fits).
        return QSize(480, 360)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        fixed = sum(w.sizeHint().height() for w in (self.phase_name, self.subline,
                                                    self.next_due, self.clocks))
        return QSize(320, fixed + self.countdown.height_for(COUNTDOWN_MIN_PX) + 14)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """Size the count-down to the room the face has; the guidance gives way if needed."""
        shape = _shape(self.countdown.text())
        fitted = (self.width(), self.height(), shape)
        if fitted == self._fitted:
            return
        self._fitted = fitted
        width = self.width()
        fixed = sum(_height(w, width) for w in (self.phase_name, self.subline,
                                                self.next_due, self.clocks)) + 14
        guidance = _height(self.guidance, width) if self.guidance.text() else 0
        px = self.countdown.fit(width, self.height() - fixed - guidance, shape)
        self.guidance.setVisible(px >= COUNTDOWN_MIN_PX + 16 or not guidance)
        if not self.guidance.isVisible():
            px = self.countdown.fit(width, self.height() - fixed, shape)
        self.countdown.set_pixel_size(max(COUNTDOWN_MIN_PX, min(COUNTDOWN_MAX_PX, px)))

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
            self._fitted = None  # the guidance may take more or fewer lines
        if self._fitted is None or \
                _shape(self.countdown.text()) != self._fitted[2]:
            self._fit()  # into hours, or over time: another width

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
            role = self._roles.get(id(widget))
            show_text(widget, text, role) if role else widget.setText(text)


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
        self._px: int | None = None  # the digits' pixel size, if set; else the style's

    def pixel_size(self) -> int:
        return self._px or self.font().pixelSize()

    def _font(self, px: int | None = None) -> QFont:
        font = QFont(self.font())
        if px or self._px:
            font.setPixelSize(px or self._px)
        return font

    def height_for(self, px: int) -> int:
        return math.ceil(QFontMetricsF(self._font(px)).height())

    def fit(self, width: int, height: int, shape: str) -> int:
        """The largest pixel size at which `shape` fits width x height."""
        metrics = QFontMetricsF(self._font(100))
        by_width = width / max(1.0, metrics.horizontalAdvance(shape) + 2 * 4) * 100
        by_height = height / max(1.0, metrics.height()) * 100
        return int(min(by_width, by_height))

    def set_pixel_size(self, px: int) -> None:
        if abs(px - (self._px or 0)) < 2:
            return  # a pixel either way: not worth a relayout
        self._px = px
        self._drawing = None
        self.updateGeometry()
        self.update()

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
        self._pieces.use(self._font(), self.palette().color(QPalette.ColorRole.WindowText), dpr)
        area = self.contentsRect()
        # Where Qt's AlignVCenter puts a line: centred by ascent + descent.
        top = area.top() + (area.height() - self._pieces.line_height()) / 2
        return dpr, area.left(), top

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        metrics = QFontMetricsF(self._font())
        margins = self.contentsMargins()
        return QSize(math.ceil(metrics.horizontalAdvance(self._template)) + margins.left()
                     + margins.right(), math.ceil(metrics.height()) + margins.top() + margins.bottom())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        # A sized count-down may shrink to its smallest size: the face fits it
        # to the room the window gives, never the other way round.
        if self._px:
            return QSize(0, self.height_for(COUNTDOWN_MIN_PX))
        return QSize(0, self.sizeHint().height())


def _shape(countdown: str) -> str:
    """The widest text like `countdown` that the count-down is sized for.

    Never narrower than "88:88": the digits keep their size from 10:00 down
    to 0:00 (a count-down that grew at 9:59 would be a jolt in a quiet room).
    """
    shape = countdown.translate(_AS_WIDEST)
    return shape if len(shape) > len(_MINUTES) else _MINUTES


def _height(widget: QWidget, width: int) -> int:
    """A line's height in the face at `width` (a wrapped label's own, for that width)."""
    if widget.hasHeightForWidth():
        return widget.heightForWidth(width)
    return widget.sizeHint().height()


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
