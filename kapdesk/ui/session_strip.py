"""The whole session at a glance: one segment per phase, filled as time passes.

Segment widths follow each phase's planned length (with extensions), so a
glance from the chair shows how far into the session we are and how long the
current phase is against the rest. Painted, not styled: a handful of
rectangles once a second costs nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from kapdesk.core.script import Script
from kapdesk.core.timeline import SessionState
from kapdesk.ui.session_widgets import paint_styled_background

TRACK = QColor("#3a2f28")
DONE = QColor("#8a6a47")
CURRENT = QColor("#c99558")
TEXT = QColor("#eadbc6")
TEXT_ON_TRACK = QColor("#b9a58f")
GAP_PX = 4


class PhaseStrip(QWidget):
    def __init__(self, script: Script, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("phaseStrip")
        self.setAccessibleName("Session progress")
        self.setMinimumHeight(34)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # Paints every pixel itself, so its repaints stop here (see paint_styled_background).
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._names = [phase.name for phase in script.phases]
        self._planned = [phase.planned_s for phase in script.phases]
        self._index, self._fraction = 0, 0.0
        self._shown: tuple[list[int], int, int] | None = None  # what the last paint showed
        self._description = ""

    def set_state(self, state: SessionState) -> None:
        planned = list(state.phases_planned_s)
        fraction = min(1.0, state.phase_elapsed_s / max(1, state.phase_planned_s))
        # Repaint only when the fill moves by a whole pixel: in a long phase
        # that is every several seconds, not every tick.
        shown = (planned, state.phase_index, _fill_px(self.width(), planned, state.phase_index,
                                                       fraction))
        changed = shown != self._shown
        self._shown, self._planned, self._index, self._fraction = \
            shown, planned, state.phase_index, fraction
        description = (f"Phase {state.phase_index + 1} of {len(planned)}, "
                       f"{round(state.progress * 100)}% of the planned session")
        if description != self._description:  # remembered here: not asked of Qt each second
            self._description = description
            self.setAccessibleDescription(description)
        if changed:
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        paint_styled_background(self, painter)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setPixelSize(14)
        painter.setFont(font)
        total = sum(self._planned) or 1
        usable = self.width() - GAP_PX * (len(self._planned) - 1)
        x = 0.0
        for index, planned in enumerate(self._planned):
            width = usable * planned / total
            self._paint_segment(painter, QRectF(x, 0, width, self.height()), index)
            x += width + GAP_PX
        painter.end()
        self._shown = (self._planned, self._index,
                       _fill_px(self.width(), self._planned, self._index, self._fraction))

    def _paint_segment(self, painter: QPainter, rect: QRectF, index: int) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(TRACK)
        painter.drawRoundedRect(rect, 5, 5)
        filled = 1.0 if index < self._index else self._fraction if index == self._index else 0.0
        if filled > 0:
            painter.setBrush(CURRENT if index == self._index else DONE)
            painter.drawRoundedRect(QRectF(rect.x(), rect.y(), rect.width() * filled,
                                           rect.height()), 5, 5)
        painter.setPen(TEXT if index <= self._index else TEXT_ON_TRACK)
        text = painter.fontMetrics().elidedText(self._names[index], Qt.TextElideMode.ElideRight,
                                                int(rect.width()) - 12)
        painter.drawText(rect.adjusted(8, 0, -4, 0),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)


def _fill_px(width: int, planned: list[int], index: int, fraction: float) -> int:
    """How many pixels of the strip the current phase's fill covers."""
    usable = width - GAP_PX * (len(planned) - 1)
    return int(usable * planned[index] / (sum(planned) or 1) * fraction)
