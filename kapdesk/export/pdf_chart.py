"""The vitals chart of the PDF report, drawn with QPainter as vectors.

Blood pressure is drawn the way paper charts draw it: a downward mark at the
systolic value, an upward mark at the diastolic, joined by a bar, with the
values written above (a label that would overlap its neighbour moves up a
line, or is left to the table below when there is no room); heart rate is a
dashed line of dots. The x axis is the record's time: round clock times and,
after the dose, "+h:mm" since it beneath, with the phases as alternating
bands named along the top, the dose as a vertical line, and the practice's
alert levels as dashed red lines (the colours: core/chart_palette.py's PAPER).
The report reserves the chart's space in its text document and paints the
chart over it (see pdf_report.py).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

from kapdesk.core.chart_palette import PAPER
from kapdesk.core.formatting import (
                                     CLOCK_TICK_STEPS_MIN, after_dose, format_time_of_day, utc_offset_s,
                                     )
from kapdesk.core.review_model import Reading

SYSTOLIC = QColor(PAPER.blood_pressure)
HEART_RATE = QColor(PAPER.heart_rate)
ALERT = QColor(PAPER.alert)
GRID = QColor(PAPER.grid)
BAND = QColor(PAPER.band)
INK = QColor(PAPER.ink)


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
    tz: dt.tzinfo | None = None  # the report's zone for the clock times


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
    _grid(painter, plot, low, high, y, metrics, pt)
    _time_axis(painter, plot, data, span_s, x, metrics, pt)
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


def _grid(painter, plot, low, high, y, metrics, pt) -> None:  # noqa: ANN001, PLR0913
    painter.setPen(QPen(GRID, 0.5 * pt))
    value = low
    while value <= high:
        painter.drawLine(QLineF(plot.left(), y(value), plot.right(), y(value)))
        painter.setPen(INK)
        text = f"{value:g}"
        if value > low:  # the corner belongs to the time axis's first clock time
            painter.drawText(QPointF(plot.left() - metrics.horizontalAdvance(text) - 3 * pt,
                                     y(value) + metrics.ascent() / 2.5), text)
        painter.setPen(QPen(GRID, 0.5 * pt))
        value += 20
    painter.setPen(QPen(INK, 0.6 * pt))
    painter.drawRect(plot)


MAX_TICKS = 10


def tick_times(start: float, span_s: float, tz: dt.tzinfo | None = None) -> list[float]:
    """Round clock times across the chart (14:00, 14:15...): at least two, at most ten."""
    step = next((s for s in CLOCK_TICK_STEPS_MIN if span_s / (s * 60) <= MAX_TICKS), 240) * 60
    offset = utc_offset_s(start, tz)
    first = math.ceil((start + offset) / step) * step - offset
    return [first + n * step for n in range(int((start + span_s - first) // step) + 1)]


def _time_axis(painter, plot, data: ChartData, span_s, x, metrics, pt) -> None:  # noqa: ANN001, PLR0913
    painter.setPen(INK)
    base = plot.bottom() + 3.5 * pt + metrics.ascent()
    for at in tick_times(data.start, span_s, data.tz):
        px = x(at)
        painter.drawLine(QLineF(px, plot.bottom(), px, plot.bottom() + 2 * pt))
        for line, text in enumerate((format_time_of_day(at, data.tz), after_dose(data.doses, at))):
            if text:
                painter.drawText(QPointF(px - metrics.horizontalAdvance(text) / 2,
                                         base + line * metrics.height()), text)
    caption = "Time: clock time; beneath it, the time since the dose"
    painter.drawText(QPointF(plot.right() - metrics.horizontalAdvance(caption),
                             base + 2 * metrics.height()), caption)


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
    _bp_labels(painter, data, x, y, metrics, pt, size)


def _bp_labels(painter, data: ChartData, x, y, metrics, pt, size) -> None:  # noqa: ANN001, PLR0913
    """Each reading's "148/92" above it, never over another label (see the module docstring)."""
    texts = [f"{r.systolic}/{r.diastolic}" for r in data.readings]
    plot_left, plot_right = x(data.start), x(data.start + max(data.end - data.start, 60.0))
    boxes = label_boxes([(x(r.at), y(r.systolic) - size - 2 * pt, metrics.horizontalAdvance(text))
                         for r, text in zip(data.readings, texts)],
                        metrics.ascent(), metrics.height(), pt, (plot_left, plot_right))
    for reading, text, box in zip(data.readings, texts, boxes):
        if box is None:
            continue  # no room: the reading is in the table under the chart
        alert = reading.systolic >= data.alert_systolic or reading.diastolic >= data.alert_diastolic
        painter.setPen(ALERT if alert else SYSTOLIC)
        painter.drawText(QPointF(box.left() + pt, box.top() + metrics.ascent()), text)


def label_boxes(labels: list[tuple[float, float, float]], ascent: float, height: float,
                pad: float, within: tuple[float, float] | None = None) -> list[QRectF | None]:
    """Where each label goes: (centre x, baseline y, width) in; a box, or None when none fits.

    A label sits on its mark, or one or two lines higher when that would
    overlap a label already placed; no two boxes ever intersect. `within`
    (left, right) keeps every label inside the plot, off the axis's numbers.
    """
    placed: list[QRectF] = []
    out: list[QRectF | None] = []
    for centre, base, width in labels:
        left = centre - width / 2 - pad
        if within is not None:
            left = max(within[0], min(left, within[1] - width - 2 * pad))
        chosen = None
        for lift in range(3):
            box = QRectF(left, base - lift * height - ascent, width + 2 * pad, height)
            if not any(box.intersects(other) for other in placed):
                chosen = box
                placed.append(box)
                break
        out.append(chosen)
    return out


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
