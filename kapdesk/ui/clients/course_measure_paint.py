"""Drawing one measure's lane of the course at a glance (course_view.py).

Its own scale (0 at the lane's foot, the scale's top at its head), the
severity bands shaded faintly behind, a point where a form was filled with
its total over it where labels fit (the latest always), a line only between
consecutive scores close enough in time (core/course_measures.py `joined`),
and in the margin the measure's name, its range and the band of the latest
score in view, in words. Lines to a score just outside the view are drawn
to the view's edge: they join two real scores, one of them off screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from kapdesk.core.chart_palette import COURSE, SCREEN
from kapdesk.core.course_measures import joined, lane_bands, scale_top
from kapdesk.core.course_view import CourseEntry
from kapdesk.core.measures import MeasureKind, SCALES
from kapdesk.core.trend import fitting

INSET = 7  # px above the top score and below a 0, so a point is never cut in half
POINT_R = 5.0
LABEL_W = 28  # px a total's number needs, for `fitting`


def y_of(rect: QRectF, kind: MeasureKind, total: float) -> float:
    inner = rect.adjusted(0, INSET, 0, -INSET)
    return inner.bottom() - total / scale_top(kind) * inner.height()


def paint_background(painter: QPainter, rect: QRectF, gutter: QRectF, kind: MeasureKind,
                     entries: Sequence[CourseEntry], start: float, end: float, font: QFont) -> None:
    """The lane's bands and its margin's words; `entries` are every score of this measure,
    oldest first (not only those in view)."""
    painter.fillRect(rect, QColor(SCREEN.lane))
    _bands(painter, rect, kind, entries)
    _margin(painter, gutter, kind, [e for e in entries if start <= e.at <= end], font)


def paint_scores(painter: QPainter, rect: QRectF, kind: MeasureKind,
                 entries: Sequence[CourseEntry], start: float, end: float,
                 x_of: Callable[[float], float], font: QFont) -> None:
    """The lines between scores that may be joined, the points in view, their totals."""
    first = next((i for i, e in enumerate(entries) if e.at >= start), len(entries))
    last = next((i for i, e in enumerate(entries) if e.at > end), len(entries))
    colour = QColor(COURSE.measures[kind.value])
    painter.save()
    painter.setClipRect(rect)
    points = [QPointF(x_of(e.at), y_of(rect, kind, e.value or 0.0)) for e in entries]
    painter.setPen(QPen(colour, 2.2))
    for a, b in joined([e.at for e in entries]):
        if a < last and b >= first:  # one end in view at least
            painter.drawLine(points[a], points[b])
    radius = _radius([p.x() for p in points[first:last]])
    # A ring parts full-size points; smaller ones packed close would turn it into noise.
    painter.setPen(QPen(QColor(COURSE.point_ring), 1.5) if radius == POINT_R else Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    for point in points[first:last]:
        painter.drawEllipse(point, radius, radius)
    _totals(painter, rect, points[first:last], entries[first:last], colour, font)
    painter.restore()


def _radius(xs: Sequence[float]) -> float:
    """Full-size points while they stand apart; smaller when years of weekly forms
    share the width, so each still shows as a point of its own (never under 2.5 px)."""
    steps = sorted(b - a for a, b in zip(xs, xs[1:]))
    if not steps or steps[len(steps) // 2] >= 3 * POINT_R:
        return POINT_R
    return max(2.5, steps[len(steps) // 2] / 2.6)


def _bands(painter: QPainter, rect: QRectF, kind: MeasureKind,
           entries: Sequence[CourseEntry]) -> None:
    bands = lane_bands(kind, entries[-1].cutoff if entries else None)
    top = scale_top(kind)
    for index, band in enumerate(bands):
        upper = bands[index + 1].low if index + 1 < len(bands) else top
        high = rect.top() if upper >= top else y_of(rect, kind, upper)
        low = rect.bottom() if band.low <= 0 else y_of(rect, kind, band.low)
        painter.fillRect(QRectF(rect.left(), high, rect.width(), low - high),
                         QColor(COURSE.band(index, len(bands))))


def _margin(painter: QPainter, gutter: QRectF, kind: MeasureKind,
            shown: Sequence[CourseEntry], font: QFont) -> None:
    name = QFont(font)
    name.setBold(True)
    painter.setFont(name)
    painter.setPen(QColor(SCREEN.ink))
    line = QRectF(gutter.left() + 8, gutter.top() + 2, gutter.width() - 12, 20)
    painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                     f"{SCALES[kind].name}")
    painter.setFont(font)
    painter.setPen(QColor(COURSE.muted))
    painter.drawText(line, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                     f"0\N{EN DASH}{scale_top(kind)}")
    words = (f"latest {shown[-1].value:g}: {shown[-1].band}" if shown else "none in this stretch")
    painter.setPen(QColor(SCREEN.ink if shown else COURSE.muted))
    painter.drawText(QRectF(line.left(), line.bottom(), line.width(), gutter.bottom() - line.bottom()),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                     words)


def _totals(painter: QPainter, rect: QRectF, points: Sequence[QPointF],
            shown: Sequence[CourseEntry], colour: QColor, font: QFont) -> None:
    """Each total beside its point where the numbers do not cover each other, the latest
    always; above the point, or below it when the point is near the lane's head."""
    painter.setFont(font)
    painter.setPen(colour)
    for index in fitting([p.x() for p in points], LABEL_W):
        point = points[index]
        above = point.y() - rect.top() > 22
        box = QRectF(point.x() - LABEL_W / 2, point.y() - 22 if above else point.y() + 6,
                     LABEL_W, 16)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, f"{shown[index].value:g}")
