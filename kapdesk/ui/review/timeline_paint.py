"""Painting the review timeline (see review_timeline.py for what it shows).

`paint_timeline(view, painter)` draws only what lies in the visible stretch
of the axis, lane by lane, then the gutter with the lane names on top. The
view supplies the geometry (`x_of`, `lane_rect`) and the data; nothing here
keeps state. Colours are the day theme's, muted, with rust for alerts
(core/chart_palette.py's SCREEN).
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF

from kapdesk.core.chart_palette import SCREEN
from kapdesk.core.events import EventKind
from kapdesk.core.formatting import (
                                     CLOCK_TICK_STEPS_MIN, after_dose, format_time_of_day, utc_offset_s,
                                     )
from kapdesk.ui.review.timeline_data import Point, Span

GUTTER = 84
LEFT_PAD, RIGHT_PAD = 14, 28
# (name, label in the gutter, height)
# The axis holds three lines: the clock, the time since the dose, and "paused".
LANES = (("axis", "", 48), ("phases", "Phases", 28), ("music", "Music", 22),
         ("notes", "Notes", 24), ("tags", "Tags", 38), ("events", "Events", 24),
         ("vitals", "BP / HR", 90))
LANE_GAP = 3
MIN_TICK_PX = 72

BACKGROUND = QColor(SCREEN.background)
GUTTER_BG = QColor(SCREEN.gutter)
LANE_BG = QColor(SCREEN.lane)
INK = QColor(SCREEN.ink)
MUTED = QColor(SCREEN.muted)
GRID = QColor(SCREEN.grid)
ACCENT = QColor(SCREEN.accent)
ALERT = QColor(SCREEN.alert)
DOSE = QColor(SCREEN.dose)
NOTE = QColor(SCREEN.note)
DEBRIEF = QColor(SCREEN.debrief)
TAG = QColor(SCREEN.tag)
PHASE_COLOURS = SCREEN.phases
MUSIC_COLOURS = tuple(QColor(shade) for shade in SCREEN.music)
EVENT_COLOURS = SCREEN.events


def _faint(colour: str, alpha: int) -> QColor:
    """A palette colour laid over the lanes with some of them showing through."""
    faint = QColor(colour)
    faint.setAlpha(alpha)
    return faint


def lane_tops() -> dict[str, tuple[float, float]]:
    """Each lane's (top, height) in the viewport."""
    tops, y = {}, 2.0
    for name, _label, height in LANES:
        tops[name] = (y, float(height))
        y += height + LANE_GAP
    return tops


class _Painter:
    """One paint: the view's geometry, fonts and the visible range at hand."""

    def __init__(self, view: Any, p: QPainter) -> None:
        self.view, self.p, self.data = view, p, view.data
        self.width = view.viewport().width()
        self.height = view.viewport().height()
        self.tops = lane_tops()
        base = QFont(view.font())
        base.setPixelSize(12)
        self.small = base
        self.bold = QFont(base)
        self.bold.setWeight(QFont.Weight.DemiBold)
        self.metrics = QFontMetricsF(base)
        self.lo_s = view.seconds_at(GUTTER) - 60
        self.hi_s = view.seconds_at(self.width) + 60

    def rect(self, lane: str) -> QRectF:
        top, height = self.tops[lane]
        return QRectF(GUTTER, top, self.width - GUTTER, height)

    def band(self, lane: str, span: Span, inset: float = 3) -> QRectF:
        top, height = self.tops[lane]
        x0, x1 = self.view.x_of(span.start_s), self.view.x_of(span.end_s)
        return QRectF(x0, top + inset, max(1.0, x1 - x0), height - 2 * inset)

    def visible(self, a: float, b: float | None = None) -> bool:
        return (b if b is not None else a) >= self.lo_s and a <= self.hi_s

    def text(self, rect: QRectF, text: str, colour: QColor, font: QFont | None = None,
             align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
             ) -> None:
        if rect.width() < 14:
            return
        self.p.setFont(font or self.small)
        self.p.setPen(colour)
        elided = QFontMetricsF(font or self.small).elidedText(
            text, Qt.TextElideMode.ElideRight, rect.width())
        self.p.drawText(rect, int(align), elided)

    @property
    def body(self) -> tuple[float, float]:
        """Top and bottom of the lanes below the axis."""
        top = self.tops["phases"][0]
        last_top, last_h = self.tops["vitals"]
        return top, last_top + last_h


def paint_timeline(view: Any, p: QPainter) -> None:
    p.fillRect(QRectF(0, 0, view.viewport().width(), view.viewport().height()), BACKGROUND)
    if view.data is None:
        return
    d = _Painter(view, p)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.save()
    p.setClipRect(QRectF(GUTTER, 0, d.width - GUTTER, d.height))
    _lanes_and_grid(d)
    _bands(d, "phases", view.data.phases, lambda i, s: QColor(PHASE_COLOURS.get(s.kind, SCREEN.phase_other)))
    _bands(d, "music", view.data.music, lambda i, s: MUSIC_COLOURS[i % 2], prefix="♪ ")
    _pauses(d)
    _gaps(d)
    _doses(d)
    _marks(d)
    _vitals(d)
    _selection(d)
    p.restore()
    _gutter(d)
    if view.hasFocus():
        p.setPen(QPen(ACCENT, 2))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(QRectF(1, 1, d.width - 2, d.height - 2))


def _lanes_and_grid(d: _Painter) -> None:
    for name, _label, _h in LANES[1:]:
        d.p.fillRect(d.rect(name), LANE_BG)
    step = next((s for s in CLOCK_TICK_STEPS_MIN if s * d.view.px_per_min >= MIN_TICK_PX), 240)
    axis_top, _ = d.tops["axis"]
    top, bottom = d.body
    # Ticks fall on round clock times (14:00, 14:15): the record's time is the clock's.
    step_s = step * 60
    offset = utc_offset_s(d.data.start)
    at_s = math.ceil((d.data.start + offset + max(0.0, d.lo_s)) / step_s) * step_s - offset - d.data.start
    while at_s <= min(d.data.length_s, d.hi_s):
        x = d.view.x_of(at_s)
        d.p.setPen(QPen(GRID, 1))
        d.p.drawLine(QLineF(x, top, x, bottom))
        d.p.setPen(QPen(MUTED, 1))
        d.p.drawLine(QLineF(x, axis_top + 40, x, axis_top + 48))
        d.text(QRectF(x + 3, axis_top, 60, 15), format_time_of_day(d.data.start + at_s), INK, d.bold)
        after = after_dose(d.data.doses, at_s)
        if after:
            d.text(QRectF(x + 3, axis_top + 14, 60, 14), after, MUTED)
        at_s += step_s
    x_end = d.view.x_of(d.data.length_s)
    d.p.setPen(QPen(MUTED, 1, Qt.PenStyle.DashLine))
    d.p.drawLine(QLineF(x_end, top, x_end, bottom))


def _bands(d: _Painter, lane: str, spans: tuple[Span, ...], colour: Any, prefix: str = "") -> None:
    for index, span in enumerate(spans):
        if not d.visible(span.start_s, span.end_s):
            continue
        rect = d.band(lane, span)
        d.p.setPen(QPen(QColor(SCREEN.band_edge), 1))
        d.p.setBrush(colour(index, span))
        d.p.drawRoundedRect(rect, 4, 4)
        font = d.bold if lane == "phases" else d.small
        # The name stays in sight while its band is scrolled half out of view.
        left = max(rect.left(), GUTTER)
        d.text(QRectF(left + 6, rect.top(), rect.right() - left - 10, rect.height()),
               prefix + span.label, INK, font)
    if not spans and lane == "music":
        top, height = d.tops[lane]
        d.text(QRectF(GUTTER + 10, top, 300, height), "No music recorded.", MUTED)


def _pauses(d: _Painter) -> None:
    top, bottom = d.body
    axis_top, _axis_h = d.tops["axis"]
    for span in d.data.pauses:
        if d.visible(span.start_s, span.end_s):
            x0, x1 = d.view.x_of(span.start_s), d.view.x_of(span.end_s)
            d.p.fillRect(QRectF(x0, top, max(2.0, x1 - x0), bottom - top), _faint(SCREEN.pause, 40))
            d.text(QRectF(x0 + 2, axis_top + 29, max(50.0, x1 - x0), 12), "paused", MUTED)


def _gaps(d: _Painter) -> None:
    top, bottom = d.body
    for span in d.data.gaps:
        if not d.visible(span.start_s, span.end_s):
            continue
        x0, x1 = d.view.x_of(span.start_s), d.view.x_of(span.end_s)
        rect = QRectF(x0, top, max(3.0, x1 - x0), bottom - top)
        d.p.fillRect(rect, BACKGROUND)
        d.p.fillRect(rect, QBrush(QColor(SCREEN.gap_hatch), Qt.BrushStyle.BDiagPattern))
        d.p.setPen(QPen(ALERT, 1, Qt.PenStyle.DashLine))
        d.p.drawLine(QLineF(x0, top, x0, bottom))
        d.p.drawLine(QLineF(x1, top, x1, bottom))
        label = QRectF(x0 + 3, d.tops["phases"][0] + 6, max(120.0, x1 - x0), 18)
        d.p.fillRect(QRectF(label.x(), label.y(), d.metrics.horizontalAdvance(span.label) + 8,
                            18), BACKGROUND)
        d.text(label.adjusted(3, 0, 0, 0), span.label, ALERT, d.bold)


def _doses(d: _Painter) -> None:
    top, bottom = d.body
    axis_top, axis_h = d.tops["axis"]
    for at_s in d.data.doses:
        if d.visible(at_s):
            x = d.view.x_of(at_s)
            d.p.setPen(QPen(DOSE, 1.5, Qt.PenStyle.DashLine))
            d.p.drawLine(QLineF(x, axis_top + axis_h - 4, x, bottom))


def _marks(d: _Painter) -> None:
    for lane in ("notes", "tags", "events"):
        points = d.data.lane(lane)
        top, height = d.tops[lane]
        for index, point in enumerate(points):
            if not d.visible(point.at_s):
                continue
            x = d.view.x_of(point.at_s)
            selected = point.seq == d.view.selected
            if lane == "notes":
                _note(d, point, x, top + height / 2, selected)
                _words(d, points, index, x, top + height / 2, point.text, NOTE, selected)
            elif lane == "tags":
                _tag(d, points, index, x, top, height, selected)
            else:
                _event(d, point, x, top + height / 2, selected)
                _words(d, points, index, x, top + height / 2, _short(point), MUTED, selected)


def _words(d: _Painter, points: tuple[Point, ...], index: int, x: float, y: float, text: str,
           colour: QColor, selected: bool, step: int = 1, width: float = 260.0) -> None:
    """A mark's words after it, as far as the next mark in its row leaves room."""
    following = points[index + step] if index + step < len(points) else None
    room = (d.view.x_of(following.at_s) - x - 16) if following else width
    if room >= 36:
        gap = 11 if selected else 8
        d.text(QRectF(x + gap, y - 8, min(room, width), 16), text, INK if selected else colour)


def _short(point: Point) -> str:
    if point.kind is EventKind.DOSE_GIVEN:
        return point.text.removeprefix("Dose: ")
    if point.kind is EventKind.APP_RECOVERED:
        return "app back"
    return point.text.split(": ", 1)[-1] if ": " in point.text else point.text


def _note(d: _Painter, point: Point, x: float, y: float, selected: bool) -> None:
    r = 6.5 if selected else 4.5
    colour = DEBRIEF if point.kind is EventKind.DEBRIEF_SAVED else NOTE
    d.p.setPen(QPen(ACCENT if selected else BACKGROUND, 2 if selected else 1))
    d.p.setBrush(colour)
    if point.kind is EventKind.DEBRIEF_SAVED:
        d.p.drawRect(QRectF(x - r, y - r, 2 * r, 2 * r))
    else:
        d.p.drawEllipse(QPointF(x, y), r, r)


def _tag(d: _Painter, tags: tuple[Point, ...], index: int, x: float, top: float, height: float,
         selected: bool) -> None:
    point = tags[index]
    row = index % 2  # two rows, so that neighbours' words fit
    y = top + (11 if row == 0 else height - 11)
    r = 6.0 if selected else 4.5
    d.p.setPen(QPen(ACCENT if selected else TAG, 2 if selected else 1))
    d.p.setBrush(QColor(SCREEN.tag_fill) if not selected else QColor(SCREEN.tag_fill_selected))
    d.p.drawPolygon(QPolygonF([QPointF(x, y - r), QPointF(x + r, y), QPointF(x, y + r),
                               QPointF(x - r, y)]))
    _words(d, tags, index, x, y, point.text.removeprefix("Tag: "), TAG, selected, step=2,
           width=160.0)


def _event(d: _Painter, point: Point, x: float, y: float, selected: bool) -> None:
    r = 6.0 if selected else 4.5
    d.p.setPen(QPen(ACCENT if selected else BACKGROUND, 2 if selected else 1))
    d.p.setBrush(QColor(EVENT_COLOURS.get(point.kind, SCREEN.event_other)))
    if point.kind is EventKind.DOSE_GIVEN:  # a downward triangle, like a drop
        d.p.drawPolygon(QPolygonF([QPointF(x - r - 1, y - r), QPointF(x + r + 1, y - r),
                                   QPointF(x, y + r + 1)]))
    else:
        d.p.drawRoundedRect(QRectF(x - r, y - r, 2 * r, 2 * r), 2, 2)


def _vitals(d: _Painter) -> None:
    readings = d.data.vitals
    top, height = d.tops["vitals"]
    if not readings:
        d.text(QRectF(GUTTER + 10, top, 300, height), "No vitals recorded.", MUTED)
        return
    lo = min(50, min(r.diastolic for r in readings) - 10)
    hi = max(d.data.alert_systolic + 10, max(r.systolic for r in readings) + 10)
    chart_top, chart_bottom = top + 16, top + height - 16

    def y_of(value: float) -> float:
        return chart_bottom - (value - lo) / (hi - lo) * (chart_bottom - chart_top)

    alert_y = y_of(d.data.alert_systolic)
    d.p.setPen(QPen(_faint(SCREEN.alert, 120), 1, Qt.PenStyle.DashLine))
    d.p.drawLine(QLineF(GUTTER, alert_y, d.width, alert_y))
    d.text(QRectF(d.width - 90, alert_y - 14, 86, 13), f"alert {d.data.alert_systolic}", ALERT,
           align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    for values, colour in (([r.systolic for r in readings], QColor(SCREEN.systolic_line)),
                           ([r.diastolic for r in readings], QColor(SCREEN.diastolic_line))):
        d.p.setPen(QPen(colour, 1.2))
        d.p.drawPolyline(QPolygonF([QPointF(d.view.x_of(r.at_s), y_of(v))
                                    for r, v in zip(readings, values)]))
    last_right = -1e9  # right edge of the last label drawn: labels never overlap
    for reading in readings:
        if not d.visible(reading.at_s):
            continue
        x = d.view.x_of(reading.at_s)
        colour = ALERT if reading.alert else ACCENT
        selected = reading.seq == d.view.selected
        d.p.setPen(QPen(colour, 3 if selected else 2))
        d.p.drawLine(QLineF(x, y_of(reading.systolic), x, y_of(reading.diastolic)))
        for value in (reading.systolic, reading.diastolic):
            d.p.drawLine(QLineF(x - 4, y_of(value), x + 4, y_of(value)))
        label = f"{reading.systolic}/{reading.diastolic}"
        left = min(max(x - 40, GUTTER + 2), d.width - 82)  # kept whole at either edge
        if left >= last_right + 4:
            last_right = left + 80
            d.text(QRectF(left, y_of(reading.systolic) - 16, 80, 14), label, colour, d.bold,
                   Qt.AlignmentFlag.AlignCenter)
            d.text(QRectF(left, y_of(reading.diastolic) + 2, 80, 14), f"HR {reading.heart_rate}",
                   MUTED, align=Qt.AlignmentFlag.AlignCenter)


def _selection(d: _Painter) -> None:
    point = d.view.selected_point()
    if point is None or not d.visible(point.at_s):
        return
    x = d.view.x_of(point.at_s)
    top, bottom = d.body
    d.p.setPen(QPen(_faint(SCREEN.accent, 150), 1.5))
    d.p.drawLine(QLineF(x, d.tops["axis"][0] + 40, x, bottom))


def _gutter(d: _Painter) -> None:
    d.p.fillRect(QRectF(0, 0, GUTTER, d.height), GUTTER_BG)
    d.p.setPen(QPen(GRID, 1))
    d.p.drawLine(QLineF(GUTTER - 0.5, 0, GUTTER - 0.5, d.height))
    for name, label, _h in LANES:
        top, height = d.tops[name]
        if label:
            d.text(QRectF(10, top, GUTTER - 14, height), label, MUTED, d.bold)
    axis_top, _ = d.tops["axis"]
    d.text(QRectF(10, axis_top, GUTTER - 14, 15), "clock", MUTED)
    d.text(QRectF(10, axis_top + 14, GUTTER - 14, 14), "after dose", MUTED)

