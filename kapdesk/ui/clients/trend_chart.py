"""A measure's trend chart on the client's page, drawn with QPainter.

What it draws comes whole from core/trend.py (`Trend`): the severity bands
shaded behind (core/chart_palette.py COURSE), a point with its value for each
form filled, a thin line between consecutive forms with none missed between
them (as on the course at a glance), and each dosing session as a vertical
tick with its date and mg along the top. Nothing is drawn where nothing was
measured: a chart with one form is one point, with none it says so in words.
Labels that would cover each other are left out from the oldest back (the
latest is always there); every value and dose is in the chart's accessible
description and tooltip.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kapdesk.core.chart_palette import COURSE
from kapdesk.core.course_measures import joined
from kapdesk.core.measure_course import day_of
from kapdesk.core.trend import Trend, fitting

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MARGINS = (44, 44, 150, 34)  # left (the scale's numbers), top (doses), right (bands), bottom (dates)
POINT_RADIUS = 5.5
DOSE_LINE_GAP = 14  # px: dosing sessions closer than this are short ticks, not lines


class TrendChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.trend: Trend | None = None
        self._tz: dt.tzinfo | None = None
        self._span: tuple[float, float] | None = None  # the trend's, worked out once
        self._plot: QRectF | None = None  # the plot's rectangle while painting (asked per point)
        self.setMinimumSize(420, 270)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(640, 270)

    def set_trend(self, trend: Trend, tz: dt.tzinfo | None = None) -> None:
        self.trend, self._tz = trend, tz
        self._span = trend.span()
        words = trend.words(tz)
        self.setAccessibleName(f"{trend.name} trend chart")
        self.setAccessibleDescription(words)
        self.setToolTip(words)
        self.update()

    # -- geometry --------------------------------------------------------------------
    def plot_rect(self) -> QRectF:
        if self._plot is not None:
            return self._plot
        left, top, right, bottom = MARGINS
        return QRectF(left, top, max(1, self.width() - left - right),
                      max(1, self.height() - top - bottom))

    def y_of(self, total: float) -> float:
        plot = self.plot_rect()
        top = self.trend.max_total if self.trend else 1
        return plot.bottom() - plot.height() * total / top

    def x_of(self, at: float) -> float:
        plot = self.plot_rect()
        span = self._span
        if span is None or span[1] <= span[0]:
            return plot.center().x()
        inner = plot.adjusted(28, 0, -28, 0)  # a point at either end keeps its label inside
        return inner.left() + inner.width() * (at - span[0]) / (span[1] - span[0])

    def point_positions(self) -> list[QPointF]:
        """Where each measured form is drawn (tests look there)."""
        if self.trend is None:
            return []
        return [QPointF(self.x_of(at), self.y_of(total)) for at, total in self.trend.points]

    # -- drawing ---------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(COURSE.background))
        self._plot = self.plot_rect()
        try:
            if self.trend is not None:
                self._bands(painter)
                self._doses(painter)
                if self.trend.points:
                    self._points(painter)
                else:
                    self._nothing_yet(painter)
        finally:
            self._plot = None
            painter.end()

    def _font(self, size: float, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(round(size))
        font.setBold(bold)
        return font

    def _bands(self, painter: QPainter) -> None:
        trend, plot = self.trend, self.plot_rect()
        painter.setFont(self._font(13))
        count = len(trend.bands)
        for index, band in enumerate(trend.bands):
            upper = trend.bands[index + 1].low if index + 1 < count else trend.max_total
            area = QRectF(plot.left(), self.y_of(upper), plot.width(),
                          self.y_of(band.low) - self.y_of(upper))
            painter.fillRect(area, QColor(COURSE.band(index, count)))
            painter.setPen(QColor(COURSE.muted))
            if area.height() >= 14:  # the band's name beside the chart, never under a point
                painter.drawText(QRectF(area.right() + 8, area.top(), MARGINS[2] - 8, area.height()),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, band.label)
            painter.drawText(QRectF(0, self.y_of(band.low) - 9, plot.left() - 8, 18),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(band.low))
        painter.drawText(QRectF(0, plot.top() - 9, plot.left() - 8, 18),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(trend.max_total))
        painter.setPen(QPen(QColor(COURSE.grid), 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())

    def _doses(self, painter: QPainter) -> None:
        trend, plot = self.trend, self.plot_rect()
        if not trend.doses:
            return
        colour = QColor(COURSE.dose)
        xs = [self.x_of(mark.at) for mark in trend.doses]
        # Sessions far enough apart: a dashed line through the chart each. Closer
        # (a long weekly course): a short tick along the top, so they do not hatch
        # the chart over and hide its points.
        crowded = any(b - a < DOSE_LINE_GAP for a, b in zip(xs, xs[1:]))
        painter.setPen(QPen(colour, 1.5, Qt.PenStyle.SolidLine if crowded else Qt.PenStyle.DashLine))
        bottom = plot.top() + 8 if crowded else plot.bottom()
        for x in xs:
            painter.drawLine(QPointF(x, plot.top() - 4), QPointF(x, bottom))
        painter.setFont(self._font(13))
        span = self._span
        years = span is not None and day_of(span[0], self._tz).year != day_of(span[1], self._tz).year
        painter.setPen(colour)
        for index in fitting(xs, 92):
            mark = trend.doses[index]
            text = f"{_short_day(mark.day(self._tz), years)}\n{mark.mg_words}"
            painter.drawText(QRectF(xs[index] - 46, 0, 92, plot.top() - 4),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, text)

    def _points(self, painter: QPainter) -> None:
        trend, plot = self.trend, self.plot_rect()
        positions = self.point_positions()
        painter.setPen(QPen(QColor(COURSE.line), 2))
        # The course view's rule: no line across a form missed (core/course_measures.py).
        for a, b in joined([at for at, _ in trend.points]):
            painter.drawLine(positions[a], positions[b])
        painter.setPen(QPen(QColor(COURSE.point_ring), 2))
        painter.setBrush(QColor(COURSE.point))
        for position in positions:
            painter.drawEllipse(position, POINT_RADIUS, POINT_RADIUS)
        painter.setFont(self._font(14, bold=True))
        metrics = painter.fontMetrics()
        xs = [position.x() for position in positions]
        for index in fitting(xs, 26):
            position, total = positions[index], trend.points[index][1]
            above = position.y() - 24 >= plot.top() - 2
            width = metrics.horizontalAdvance(str(total)) + 6
            box = QRectF(position.x() - width / 2, position.y() - 25 if above else position.y() + 7,
                         width, 18)
            # On a pale patch of its own, so a dose's tick never runs through the number.
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(COURSE.background))
            painter.drawRoundedRect(box, 4, 4)
            painter.setPen(QColor(COURSE.ink))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, str(total))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        span = self._span
        years = span is not None and day_of(span[0], self._tz).year != day_of(span[1], self._tz).year
        painter.setPen(QColor(COURSE.muted))
        painter.setFont(self._font(13))
        width = 76 if years else 60
        for index in fitting(xs, width):
            day = day_of(trend.points[index][0], self._tz)
            painter.drawText(QRectF(xs[index] - width / 2, plot.bottom() + 6, width, 20),
                             Qt.AlignmentFlag.AlignCenter, _short_day(day, years))

    def _nothing_yet(self, painter: QPainter) -> None:
        painter.setPen(QColor(COURSE.ink))
        painter.setFont(self._font(16))
        painter.drawText(self.plot_rect(), Qt.AlignmentFlag.AlignCenter,
                         f"No {self.trend.name} filled yet")


def _short_day(day: dt.date, with_year: bool) -> str:
    text = f"{day.day} {MONTHS[day.month - 1]}"
    return f"{text} {day.year % 100:02d}" if with_year else text
