"""The whole session at a glance: one segment per phase, filled as time passes.

Segment widths follow each phase's planned length (with extensions), so a
glance from the chair shows how far into the session we are and how long the
current phase is against the rest; but a short phase's segment is never
narrower than its name ("Discharge", 5 min of 115), the long ones give up
the width. Only when the names together are wider than the strip are they
cut with "…" (the whole name is in the strip's accessible description).

The fill creeps a pixel every few seconds all session long, so its repaint
is kept small: the strip is drawn once into two pixmaps (as it stands with
the current phase unfilled, and the current phase's segment filled whole),
and a repaint copies the changed columns from them. Labels, rounded corners
and antialiasing are drawn again only when the phases, their lengths, the
size or the style change.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QRectF, Qt
from PySide6.QtGui import (QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPixmap,
                           QResizeEvent)
from PySide6.QtWidgets import QSizePolicy, QWidget

from kapdesk.core.script import Script
from kapdesk.core.timeline import SessionState
from kapdesk.ui.common.widgets import RESTYLED, paint_styled_background

TRACK = QColor("#3a2f28")
DONE = QColor("#8a6a47")
CURRENT = QColor("#c99558")
TEXT = QColor("#eadbc6")
TEXT_ON_TRACK = QColor("#b9a58f")
GAP_PX = 4
LABEL_PX = 14
LABEL_PAD_PX = 20  # 8 before a name, 12 after


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
        self._planned: tuple[int, ...] = tuple(phase.planned_s for phase in script.phases)
        self._index, self._fraction = 0, 0.0
        self._fill = -1  # the current segment's filled pixels as last asked to be shown
        # (size, pixel ratio, unfilled strip, current segment filled, its rect); None: draw anew
        self._looks: tuple[tuple[int, int], float, QPixmap, QPixmap, QRect] | None = None
        self._description = ""
        font = QFont(self.font())
        font.setPixelSize(LABEL_PX)
        metrics = QFontMetricsF(font)
        self._name_px = tuple(metrics.horizontalAdvance(n) + LABEL_PAD_PX for n in self._names)
        self._layout: tuple[tuple[int, int, tuple[int, ...]], list[QRectF]] | None = None

    def _rect(self, index: int) -> QRectF:
        """Where a phase's segment lies (worked out once per width and plan)."""
        key = (self.width(), self.height(), self._planned)
        if self._layout is None or self._layout[0] != key:
            self._layout = (key, _segment_rects(self.width(), self.height(), self._planned,
                                                self._name_px))
        return self._layout[1][index]

    def set_state(self, state: SessionState) -> None:
        planned, index = state.phases_planned_s, state.phase_index
        fraction = min(1.0, state.phase_elapsed_s / max(1, state.phase_planned_s))
        if planned != self._planned or index != self._index:
            self._planned, self._index, self._looks = planned, index, None
            self._fill = -1
            self.update()
        fill = int(self._rect(index).width() * fraction)
        if fill != self._fill and self._fill >= 0:
            # Only the columns the fill moved over: a pixel every few seconds.
            left = self._rect(index).toAlignedRect().left()
            low, high = sorted((max(0, self._fill), fill))
            self.update(left + low - 1, 0, high - low + 2, self.height())
        self._fill, self._fraction = fill, fraction
        description = (f"Phase {index + 1} of {len(planned)}, {self._names[index]}, "
                       f"{round(state.progress * 100)}% of the planned session. Phases: "
                       f"{', '.join(self._names)}")
        if description != self._description:  # remembered here: not asked of Qt each second
            self._description = description
            self.setAccessibleDescription(description)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() in RESTYLED:
            self._looks = None

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._looks = None
        self._fill = int(self._rect(self._index).width() * self._fraction)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        dpr = self.devicePixelRatioF()
        size = (self.width(), self.height())
        if self._looks is None or self._looks[:2] != (size, dpr):
            self._looks = (size, dpr, *self._draw_looks(dpr))
        _size, _dpr, unfilled, filled, current = self._looks
        fill = self._fill  # kept current by set_state and resizeEvent
        painter = QPainter(self)
        painter.drawPixmap(0, 0, unfilled)  # Qt copies only the area being repainted
        if fill > 0:
            painter.drawPixmap(QRect(current.left(), 0, fill, current.height()), filled,
                               QRect(0, 0, round(fill * dpr), round(current.height() * dpr)))
        painter.end()

    def _draw_looks(self, dpr: float) -> tuple[QPixmap, QPixmap, QRect]:
        """The strip with the current phase unfilled, and the current segment filled whole."""
        width, height = self.width(), self.height()
        unfilled = _pixmap(width, height, dpr)
        painter = QPainter(unfilled)
        paint_styled_background(self, painter)
        for index in range(len(self._planned)):
            self._paint_segment(painter, self._rect(index), index,
                                1.0 if index < self._index else 0.0)
        painter.end()
        rect = self._rect(self._index)
        current = rect.toAlignedRect()
        filled = _pixmap(current.width(), current.height(), dpr)
        painter = QPainter(filled)
        painter.translate(-current.left(), 0)  # the same pixels as the strip's own
        painter.drawPixmap(0, 0, unfilled)
        self._paint_segment(painter, rect, self._index, 1.0)
        painter.end()
        return unfilled, filled, current

    def _paint_segment(self, painter: QPainter, rect: QRectF, index: int, filled: float) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setPixelSize(LABEL_PX)
        painter.setFont(font)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(TRACK)
        painter.drawRoundedRect(rect, 5, 5)
        if filled > 0:
            painter.setBrush(CURRENT if index == self._index else DONE)
            painter.drawRoundedRect(QRectF(rect.x(), rect.y(), rect.width() * filled,
                                           rect.height()), 5, 5)
        painter.setPen(TEXT if index <= self._index else TEXT_ON_TRACK)
        text = painter.fontMetrics().elidedText(self._names[index], Qt.TextElideMode.ElideRight,
                                                int(rect.width()) - LABEL_PAD_PX + 4)
        painter.drawText(rect.adjusted(8, 0, -4, 0),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)


def _pixmap(width: int, height: int, dpr: float) -> QPixmap:
    pixmap = QPixmap(max(1, round(width * dpr)), max(1, round(height * dpr)))
    pixmap.setDevicePixelRatio(dpr)
    pixmap.fill(Qt.GlobalColor.transparent)
    return pixmap


def _segment_rects(width: int, height: int, planned: tuple[int, ...],
                   least: tuple[float, ...]) -> list[QRectF]:
    """Each phase's segment: widths in proportion to the planned lengths, none below `least`."""
    usable = max(0.0, width - GAP_PX * (len(planned) - 1))
    widths = _widths(usable, planned, least)
    rects, left = [], 0.0
    for segment in widths:
        rects.append(QRectF(left, 0, segment, height))
        left += segment + GAP_PX
    return rects


def _widths(usable: float, planned: tuple[int, ...], least: tuple[float, ...]) -> list[float]:
    """Proportional widths; a segment that would be narrower than its least is given its
    least, and the others share what is left in proportion (repeated until none is short)."""
    if sum(least) >= usable:  # not even the names fit: shrink them alike, they elide
        return [usable * w / (sum(least) or 1) for w in least]
    pinned: dict[int, float] = {}
    while True:
        free = [i for i in range(len(planned)) if i not in pinned]
        room = usable - sum(pinned.values())
        total = sum(planned[i] for i in free) or 1
        widths = {i: room * planned[i] / total for i in free}
        short = {i: least[i] for i in free if widths[i] < least[i]}
        if not short:
            return [pinned.get(i, widths.get(i, 0.0)) for i in range(len(planned))]
        pinned.update(short)
