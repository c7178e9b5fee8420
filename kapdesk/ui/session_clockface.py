"""The large part of the room screen, readable from a chair three metres away.

Phase name, the count-down of the phase (about 120 px digits), what is due
next ("40-minute BP in 4 min"), the session and since-dose clocks, and the
phase's guidance in smaller type. Everything comes from one `SessionState`;
labels are only touched when their text changes, to keep repaints (and the
laptop fan) quiet.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kapdesk.core.formatting import format_clock, format_countdown, format_due, format_minutes
from kapdesk.core.timeline import SessionState
from kapdesk.ui.session_widgets import label, paint_styled_background, set_level


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

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        paint_styled_background(self, QPainter(self))

    def set_state(self, state: SessionState) -> None:
        _set(self.phase_name, state.phase.name)
        _set(self.countdown, format_countdown(state.phase_remaining_s))
        _set(self.subline, _subline(state))
        set_level(self.subline, "caution" if state.paused else "")
        set_level(self.countdown, "paused" if state.paused else "")
        due = format_due(state.next_due, state.as_of)
        _set(self.next_due, f"Next: {due}" if due else "No checks waiting")
        overdue = state.next_due is not None and state.next_due.status == "overdue"
        set_level(self.next_due, "alert" if overdue else "")
        _set(self.clocks, _clocks(state))
        _set(self.guidance, state.phase.guidance)


class _TickingLabel(QLabel):
    """A label that changes every second and repaints only itself.

    A plain QLabel asks its layout for a new geometry on every setText, and
    relaying out the styled room screen once a second was most of the app's
    idle CPU. This one keeps a constant size hint (that of `template`, the
    widest text it will show), paints its own room.qss background and text,
    and so a new second costs one small repaint.
    """

    def __init__(self, name: str, accessible: str, template: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._text = ""
        self._template = template

    def text(self) -> str:  # the C++ text stays empty: painting is ours
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 - Qt API
        if text != self._text:
            # Repaint just where the old and new text lie, not the whole row.
            dirty = self._text_rect(self._text).united(self._text_rect(text))
            self._text = text
            self.setAccessibleDescription(text)
            self.update(dirty)

    def _text_rect(self, text: str) -> QRect:
        area = self.contentsRect()
        width = self.fontMetrics().horizontalAdvance(text) + 2  # antialiased edge
        return QRect(area.left(), area.top(), min(width, area.width()), area.height())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        metrics = self.fontMetrics()
        margins = self.contentsMargins()
        return QSize(metrics.horizontalAdvance(self._template) + margins.left() + margins.right(),
                     metrics.height() + margins.top() + margins.bottom())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(0, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        paint_styled_background(self, painter)
        painter.setFont(self.font())
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(self.contentsRect(), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         self._text)


def _set(widget: QLabel, text: str) -> None:
    if widget.text() != text:
        widget.setText(text)


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
