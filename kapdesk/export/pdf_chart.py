"""The vitals chart of the PDF report, drawn with QPainter as vectors.

Blood pressure is drawn the way paper charts draw it: a downward mark at the
systolic value, an upward mark at the diastolic, joined by a bar, with the
values written above; heart rate is a dashed line of dots. The x axis is
minutes since the session started, with the phases as alternating bands
named along the top, the dose as a vertical line, and the practice's alert
levels as dashed red lines. The report reserves the chart's space in its text
document and paints the chart over it (see pdf_report.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

from kapdesk.core.review_model import Reading

SYSTOLIC = QColor("#1f4e79")
HEART_RATE = QColor("#c55a11")
ALERT = QColor("#c00000")
GRID = QColor("#d9d9d9")
BAND = QColor("#f2f2f2")
INK = QColor("#404040")


@dataclass(frozen=True)
class ChartData:
    start: float  # session start (x = 0)
    end: float  # session end, or the last thing recorded
    readings: tuple[Reading, ...]
    doses: tuple[float, ...]  # given_at of every dose
    phases: tuple[tuple[str, float, float], ...]  # (name, start, end)
    alert_systolic: int
    alert_diastolic: int
    alert_heart_rate: int


def draw_chart(painter: QPainter, rect: QRectF, data: ChartData) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pt = painter.device().logicalDpiY() / 72.0  # device pixels per point
    font = QFont(painter.font())
    font.setPointSizeF(7)
    painter.setFont(font)
    metrics = QFontMetricsF(font, painter.device())
    plot = QRectF(rect.left() + 30 * pt, rect.top() + 14 * pt,
                  rect.width() - 60 * pt, rect.height() - 52 * pt)
    low, high = _value_range(data)
    span_s = max(data.end - data.start, 60.0)

    def x(at: float) -> float:
        return plot.left() + (at - data.start) / span_s * plot.width()

    def y(value: float) -> float:
        return plot.bottom() - (value - low) / (high - low) * plot.height()

    _phase_bands(painter, plot, data, x, metrics, pt)
    _grid(painter, plot, low, high, y, metrics, pt, span_s, data.start, x)
    _alert_lines(painter, plot, data, y, metrics, pt)
    painter.setPen(QPen(INK, 0.8 * pt, Qt.PenStyle.DashDotLine))
    for number, dose_at in enumerate(data.doses):
        if data.start <= dose_at <= data.start + span_s:
            painter.drawLine(QLineF(x(dose_at), plot.top(), x(dose_at), plot.bottom()))
            label = "Dose" if len(data.doses) == 1 else f"Dose {number + 1}"
            painter.drawText(QPointF(x(dose_at) + 2 * pt,
                                     plot.bottom() - 3 * pt - number * metrics.height()), label)
    _heart_rate(painter, data, x, y, pt)
    _blood_pressure(painter, data, x, y, metrics, pt)
    _legend(painter, rect, metrics, pt)
    painter.restore()


def _value_range(data: ChartData) -> tuple[float, float]:
    values = [v for r in data.readings for v in (r.systolic, r.diastolic, r.heart_rate)]
    low = min([40.0, *values])
    high = max([200.0, data.alert_systolic + 10.0, *[v + 15.0 for v in values]])
    return math.floor(low / 20) * 20, math.ceil(high / 20) * 20


def _phase_bands(painter: QPainter, plot: QRectF, data: ChartData, x, metrics, pt) -> None:  # noqa: ANN001
    for number, (name, start, end) in enumerate(data.phases):
        left, right = max(plot.left(), x(start)), min(plot.right(), x(end))
        if right <= left:
            continue
        if number % 2 == 0:
            painter.fillRect(QRectF(left, plot.top(), right - left, plot.height()), BAND)
        painter.setPen(INK)
        label = metrics.elidedText(name, Qt.TextElideMode.ElideRight, right - left - 2 * pt)
        painter.drawText(QPointF(left + 1.5 * pt, plot.top() - 3 * pt), label)


def _grid(painter, plot, low, high, y, metrics, pt, span_s, start, x) -> None:  # noqa: ANN001, PLR0913
    painter.setPen(QPen(GRID, 0.5 * pt))
    value = low
    while value <= high:
        painter.drawLine(QLineF(plot.left(), y(value), plot.right(), y(value)))
        painter.setPen(INK)
        text = f"{value:g}"
        painter.drawText(QPointF(plot.left() - metrics.horizontalAdvance(text) - 3 * pt,
                                 y(value) + metrics.ascent() / 2.5), text)
        painter.setPen(QPen(GRID, 0.5 * pt))
        value += 20
    step = 15 if span_s <= 3 * 3600 else 30
    minute = 0
    painter.setPen(INK)
    while minute * 60 <= span_s:
        px = x(start + minute * 60)
        painter.drawLine(QLineF(px, plot.bottom(), px, plot.bottom() + 2 * pt))
        text = str(minute)
        painter.drawText(QPointF(px - metrics.horizontalAdvance(text) / 2,
                                 plot.bottom() + 2 * pt + metrics.ascent()), text)
        minute += step
    painter.setPen(QPen(INK, 0.6 * pt))
    painter.drawRect(plot)
    caption = "minutes since the session started"
    painter.drawText(QPointF(plot.right() - metrics.horizontalAdvance(caption),
                             plot.bottom() + 3 * pt + metrics.ascent() + metrics.height()), caption)


def _alert_lines(painter: QPainter, plot: QRectF, data: ChartData, y, metrics, pt) -> None:  # noqa: ANN001
    painter.setPen(QPen(ALERT, 0.7 * pt, Qt.PenStyle.DashLine))
    for value, label in ((data.alert_systolic, f"{data.alert_systolic} sys."),
                         (data.alert_diastolic, f"{data.alert_diastolic} dia.")):
        painter.drawLine(QLineF(plot.left(), y(value), plot.right(), y(value)))
        painter.drawText(QPointF(plot.right() + 2 * pt, y(value) + metrics.ascent() / 2.5), label)


def _heart_rate(painter: QPainter, data: ChartData, x, y, pt) -> None:  # noqa: ANN001
    points = [QPointF(x(r.at), y(r.heart_rate)) for r in data.readings]
    if len(points) > 1:
        path = QPainterPath(points[0])
        for point in points[1:]:
            path.lineTo(point)
        painter.setPen(QPen(HEART_RATE, 0.9 * pt, Qt.PenStyle.DashLine))
        painter.drawPath(path)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(HEART_RATE)
    for point in points:
        painter.drawEllipse(point, 1.8 * pt, 1.8 * pt)
    painter.setBrush(Qt.BrushStyle.NoBrush)


def _blood_pressure(painter: QPainter, data: ChartData, x, y, metrics, pt) -> None:  # noqa: ANN001
    size = 3.2 * pt
    for reading in data.readings:
        px, top, bottom = x(reading.at), y(reading.systolic), y(reading.diastolic)
        alert = reading.systolic >= data.alert_systolic or reading.diastolic >= data.alert_diastolic
        colour = ALERT if alert else SYSTOLIC
        painter.setPen(QPen(colour, 1.0 * pt))
        painter.drawLine(QLineF(px, top, px, bottom))
        painter.setBrush(colour)
        painter.drawPolygon([QPointF(px - size, top - size), QPointF(px + size, top - size),
                             QPointF(px, top)])  # a "v" on the systolic value
        painter.drawPolygon([QPointF(px - size, bottom + size), QPointF(px + size, bottom + size),
                             QPointF(px, bottom)])  # a "^" on the diastolic value
        painter.setBrush(Qt.BrushStyle.NoBrush)
        text = f"{reading.systolic}/{reading.diastolic}"
        painter.drawText(QPointF(px - metrics.horizontalAdvance(text) / 2, top - size - 2 * pt), text)


def _legend(painter: QPainter, rect: QRectF, metrics, pt) -> None:  # noqa: ANN001
    left = rect.left() + 30 * pt
    base = rect.bottom() - 3 * pt
    entries = ((SYSTOLIC, "Blood pressure, mmHg: systolic (v) to diastolic (^)"),
               (HEART_RATE, "Heart rate, beats/min"), (ALERT, "Alert levels (practice settings)"))
    for colour, label in entries:
        painter.setPen(QPen(colour, 1.2 * pt))
        painter.drawLine(QLineF(left, base - metrics.ascent() / 3, left + 10 * pt,
                                base - metrics.ascent() / 3))
        painter.setPen(INK)
        painter.drawText(QPointF(left + 13 * pt, base), label)
        left += 13 * pt + metrics.horizontalAdvance(label) + 12 * pt
