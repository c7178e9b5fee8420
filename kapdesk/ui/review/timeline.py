"""The review timeline: one session on one time axis, painted with QPainter.

Lanes from top to bottom: the axis (time since the start, and the clock),
the phases as they ran, the music as it was heard, notes (and the debrief),
tags, other events (dose, checkpoints, skips, the app coming back), and the
vitals as a small blood-pressure chart. Pauses are shaded across every lane;
time the app was down is a hatched gap where the bands stop; the dose is a
dashed line. The lane names stay in a gutter on the left while the axis
scrolls.

Zoom: Ctrl+wheel (about the pointer), + and − (about the selection), 0 fits
the session to the width. Left/Right select the previous/next mark, Home/End
scroll to either end; a click selects the mark under the pointer. A user's
selection is announced by `mark_selected(seq)`; `select(seq)` is the
program's (it scrolls the mark into view and says nothing).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from kapdesk.ui.review.timeline_data import Point, TimelineData
from kapdesk.ui.review.timeline_paint import (GUTTER, LANE_GAP, LANES, LEFT_PAD, RIGHT_PAD,
                                              lane_tops, paint_timeline)

MAX_PX_PER_MIN = 48.0
ZOOM_STEP = 1.5


class TimelineView(QAbstractScrollArea):
    mark_selected = Signal(int)  # seq: the user picked a mark
    zoom_changed = Signal(float)  # pixels per minute

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewTimeline")
        self.setAccessibleName("Session timeline")
        self.setAccessibleDescription(
            "Left and Right select the previous or next mark; plus and minus zoom, 0 fits; "
            "Control and the mouse wheel zoom too.")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.horizontalScrollBar().setSingleStep(40)
        self.setMouseTracking(True)
        self.data: TimelineData | None = None
        self.selected: int | None = None
        self._ppm = 4.0  # pixels per minute
        self._fit = True
        self._tops = lane_tops()
        lanes_h = sum(h for _n, _l, h in LANES) + LANE_GAP * (len(LANES) - 1)
        bar = self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent)
        self.setFixedHeight(lanes_h + bar + 2 * self.frameWidth() + 4)

    # --- what it shows ------------------------------------------------------------

    def set_data(self, data: TimelineData) -> None:
        self.data, self.selected, self._fit = data, None, True
        self._relayout()

    def select(self, seq: int | None) -> None:
        """Select a mark (None: nothing) and scroll it into view; no signal."""
        point = self.data.point(seq) if self.data and seq is not None else None
        self.selected = point.seq if point else None
        if point is not None:
            self._scroll_into_view(point.at_s)
        self.viewport().update()

    def selected_point(self) -> Point | None:
        return self.data.point(self.selected) if self.data and self.selected is not None else None

    @property
    def px_per_min(self) -> float:
        return self._ppm

    # --- zoom and scrolling -----------------------------------------------------------

    def fit_px_per_min(self) -> float:
        if self.data is None:
            return 4.0
        width = max(100, self.viewport().width() - GUTTER - LEFT_PAD - RIGHT_PAD)
        return width / (self.data.length_s / 60)

    def zoom_in(self) -> None:
        self._zoom(self._ppm * ZOOM_STEP, self._anchor())

    def zoom_out(self) -> None:
        self._zoom(self._ppm / ZOOM_STEP, self._anchor())

    def zoom_fit(self) -> None:
        self._zoom(self.fit_px_per_min(), None)

    def _zoom(self, ppm: float, anchor_s: float | None) -> None:
        fit = self.fit_px_per_min()
        ppm = min(max(ppm, fit), max(fit, MAX_PX_PER_MIN))
        keep_x = self.x_of(anchor_s) if anchor_s is not None else None
        self._ppm, self._fit = ppm, math.isclose(ppm, fit)
        self._update_scrollbar()
        if anchor_s is not None and keep_x is not None:  # the anchor stays under the eye
            bar = self.horizontalScrollBar()
            bar.setValue(round(bar.value() + self.x_of(anchor_s) - keep_x))
        self.viewport().update()
        self.zoom_changed.emit(ppm)

    def _anchor(self) -> float | None:
        point = self.selected_point()
        if point is not None and GUTTER <= self.x_of(point.at_s) <= self.viewport().width():
            return point.at_s
        return self.seconds_at((GUTTER + self.viewport().width()) / 2)

    def _relayout(self) -> None:
        if self._fit:
            self._ppm = self.fit_px_per_min()
        self._update_scrollbar()
        self.viewport().update()

    def _update_scrollbar(self) -> None:
        bar = self.horizontalScrollBar()
        if self.data is None:
            bar.setRange(0, 0)
            return
        content = LEFT_PAD + self.data.length_s / 60 * self._ppm + RIGHT_PAD
        visible = self.viewport().width() - GUTTER
        bar.setRange(0, max(0, math.ceil(content - visible)))
        bar.setPageStep(max(1, visible))

    def _scroll_into_view(self, at_s: float) -> None:
        x = self.x_of(at_s)
        if not GUTTER + 20 <= x <= self.viewport().width() - 20:
            bar = self.horizontalScrollBar()
            bar.setValue(round(bar.value() + x - (GUTTER + self.viewport().width()) / 2))

    def x_of(self, at_s: float) -> float:
        """Viewport x of a moment (seconds since the start)."""
        return GUTTER + LEFT_PAD + at_s / 60 * self._ppm - self.horizontalScrollBar().value()

    def seconds_at(self, x: float) -> float:
        return (x - GUTTER - LEFT_PAD + self.horizontalScrollBar().value()) / self._ppm * 60

    def lane_rect(self, name: str) -> QRectF:
        top, height = self._tops[name]
        return QRectF(GUTTER, top, self.viewport().width() - GUTTER, height)

    # --- finding and moving between marks ------------------------------------------------

    def seq_at(self, pos: QPointF, tolerance: float = 8.0) -> int | None:
        """The mark under a viewport position, if any (nearest in its lane)."""
        if self.data is None or pos.x() < GUTTER:
            return None
        lane = next((name for name, (top, h) in self._tops.items() if top <= pos.y() < top + h), None)
        if lane not in ("notes", "tags", "events", "vitals"):
            return None
        near = [(abs(self.x_of(p.at_s) - pos.x()), p.seq) for p in self.data.lane(lane)]
        best = min(near, default=None)
        return best[1] if best is not None and best[0] <= tolerance else None

    def step(self, direction: int) -> None:
        """Select the next (1) or previous (−1) mark in time, as a user's choice."""
        if self.data is None or not self.data.points:
            return
        points = self.data.points
        seqs = [p.seq for p in points]
        if self.selected not in seqs:
            index = 0 if direction > 0 else len(points) - 1
        else:
            index = min(max(seqs.index(self.selected) + direction, 0), len(points) - 1)
        self._user_select(points[index].seq)

    def _user_select(self, seq: int) -> None:
        self.select(seq)
        point = self.selected_point()
        if point is not None:
            self.setAccessibleDescription(f"{self.data.when(point.at_s)}: {point.text}")
        self.mark_selected.emit(seq)

    # --- input ----------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        seq = self.seq_at(event.position())
        if seq is not None and event.button() == Qt.MouseButton.LeftButton:
            self._user_select(seq)
        super().mousePressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        delta = event.angleDelta().y() or event.angleDelta().x()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            anchor = self.seconds_at(event.position().x())
            self._zoom(self._ppm * (ZOOM_STEP if delta > 0 else 1 / ZOOM_STEP), anchor)
        else:
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - delta)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        actions = {Qt.Key.Key_Plus: self.zoom_in, Qt.Key.Key_Equal: self.zoom_in,
                   Qt.Key.Key_Minus: self.zoom_out, Qt.Key.Key_0: self.zoom_fit,
                   Qt.Key.Key_Right: lambda: self.step(1), Qt.Key.Key_Left: lambda: self.step(-1),
                   Qt.Key.Key_Home: lambda: self.horizontalScrollBar().setValue(0),
                   Qt.Key.Key_End: lambda: self.horizontalScrollBar().setValue(
                       self.horizontalScrollBar().maximum())}
        action = actions.get(Qt.Key(key))
        if action is None:
            super().keyPressEvent(event)
            return
        action()
        event.accept()

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip and self.data is not None:
            seq = self.seq_at(event.pos())
            point = self.data.point(seq) if seq is not None else None
            if point is not None:
                QToolTip.showText(event.globalPos(), f"{self.data.when(point.at_s)}  {point.text}",
                                  self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802
        super().resizeEvent(event)
        self._relayout()

    # --- painting ---------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self.viewport())
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, p: QPainter) -> None:
        paint_timeline(self, p)
