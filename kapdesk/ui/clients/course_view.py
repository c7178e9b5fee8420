"""The course at a glance on the client's page: one time axis, one lane per kind.

Preparation, dosing (each dose a bar, its height its mg), integration,
check-ins, adverse events, and under them a lane per measure the client has
scores of (PHQ-9, GAD-7, PCL-5), each on its own scale, so a score lines up
under the dose it followed (core/course_view.py holds the entries, the zoom
and the ticks; core/course_measures.py the measures' rules;
course_measure_paint.py draws their lanes). Keys: M a
month, Y a year, W the whole course; Left and Right move a month (or a year)
back and on; Home comes back to now. Clicking an entry, or Enter on the one
chosen with Tab-free arrows (Up/Down step through entries), says which record
to open (`entry_opened`). The widget's accessible description names each
measure's first and latest score in view and lists what is in view, so a
screen reader hears the course, not a picture.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kapdesk.core.chart_palette import SCREEN
from kapdesk.core.course_measures import kind_of_lane, measure_lanes, measures_words, score_of
from kapdesk.core.course_view import (DAY, LANE_WORDS, LANES, CourseEntry, DoseMark, Zoom,
                                      course_entries, largest_dose, shown_span, ticks)
from kapdesk.ui.clients.course_measure_paint import paint_background, paint_scores, y_of

if TYPE_CHECKING:
    from kapdesk.services import Services
    from kapdesk.storage.course import ClientCourse

GUTTER = 176  # the lanes' names, and a measure's range and latest band in words
LANE_H = {"preparation": 28, "dosing": 78, "integration": 28, "check_in": 28, "adverse": 28}
MEASURE_H = 76
AXIS_H = 28
PAD = 10
TEXT_PX = 14  # the lanes' names and the axis: read from a chair in a dim room
COLOURS = {"preparation": "#7a6a8a", "dosing": SCREEN.dose, "integration": SCREEN.note,
           "check_in": "#6f8a55", "adverse": SCREEN.alert}
HIT_PX = 8


class CourseView(QWidget):
    entry_opened = Signal(object)  # the CourseEntry clicked or chosen with Enter

    def __init__(self, now: float, parent: QWidget | None = None,
                 tz: dt.tzinfo | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("courseView")
        self.setAccessibleName("The course at a glance")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._now, self._tz = now, tz
        self.entries: list[CourseEntry] = []
        self.lanes: tuple[str, ...] = LANES
        self._fit_height()
        self.zoom = Zoom.WHOLE
        self._end: float | None = None
        self.chosen: int | None = None

    def set_entries(self, entries: Sequence[CourseEntry], now: float | None = None) -> None:
        self.entries = list(entries)
        self.lanes = LANES + measure_lanes(kind for e in self.entries
                                           if (kind := kind_of_lane(e.lane)) is not None)
        self._fit_height()
        if now is not None:
            self._now = now
        self.chosen = None
        self._describe()
        self.update()

    def _fit_height(self) -> None:
        self.setFixedHeight(AXIS_H + sum(self.lane_height(lane) for lane in self.lanes)
                            + PAD * (len(self.lanes) + 1))

    @staticmethod
    def lane_height(lane: str) -> int:
        return LANE_H.get(lane, MEASURE_H)

    def set_zoom(self, zoom: Zoom) -> None:
        self.zoom, self._end = zoom, None
        self._describe()
        self.update()

    def span(self) -> tuple[float, float]:
        return shown_span(self.entries, self.zoom, self._now, self._end)

    def visible(self) -> list[CourseEntry]:
        start, end = self.span()
        return [e for e in self.entries if start <= e.at <= end]

    def move(self, direction: int) -> None:
        if self.zoom is Zoom.WHOLE:
            return
        start, end = self.span()
        step = 30 * DAY if self.zoom is Zoom.MONTH else 365 * DAY
        self._end = end + direction * step
        self._describe()
        self.update()

    # --- geometry -----------------------------------------------------------------

    def x_of(self, at: float) -> float:
        start, end = self.span()
        width = max(1.0, self.width() - GUTTER - PAD * 2)
        return GUTTER + PAD + (at - start) / (end - start) * width

    def lane_rect(self, lane: str) -> QRectF:
        top = AXIS_H + PAD
        for name in self.lanes:
            if name == lane:
                return QRectF(GUTTER, top, self.width() - GUTTER, self.lane_height(name))
            top += self.lane_height(name) + PAD
        raise KeyError(lane)

    def point_of(self, entry: CourseEntry) -> QPointF:
        rect = self.lane_rect(entry.lane)
        kind = kind_of_lane(entry.lane)
        if kind is not None and entry.value is not None:
            return QPointF(self.x_of(entry.at), y_of(rect, kind, entry.value))
        return QPointF(self.x_of(entry.at), rect.center().y())

    def entry_at(self, x: float, y: float) -> CourseEntry | None:
        best, distance = None, HIT_PX + 1.0
        for entry in self.visible():
            rect = self.lane_rect(entry.lane)
            if not rect.top() - 4 <= y <= rect.bottom() + 4:
                continue
            gap = abs(self.x_of(entry.at) - x)
            if gap < distance:
                best, distance = entry, gap
        return best

    # --- input ----------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        found = self.entry_at(event.position().x(), event.position().y())
        if found is not None:
            self.chosen = self.entries.index(found)
            self.update()
            self.entry_opened.emit(found)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        key = event.key()
        zooms = {Qt.Key.Key_M: Zoom.MONTH, Qt.Key.Key_Y: Zoom.YEAR, Qt.Key.Key_W: Zoom.WHOLE}
        if key in zooms:
            self.set_zoom(zooms[key])
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.move(-1 if key == Qt.Key.Key_Left else 1)
        elif key == Qt.Key.Key_Home:
            self._end = None
            self._describe()  # what a screen reader hears follows the stretch shown
            self.update()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.visible():
            shown = [self.entries.index(e) for e in self.visible()]
            here = shown.index(self.chosen) if self.chosen in shown else -1
            step = 1 if key == Qt.Key.Key_Down else -1
            self.chosen = shown[max(0, min(len(shown) - 1, here + step))]
            self.setToolTip(self.entries[self.chosen].label)
            self.setAccessibleDescription(self.entries[self.chosen].label)
            self.update()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.chosen is not None:
            self.entry_opened.emit(self.entries[self.chosen])
        else:
            super().keyPressEvent(event)

    def _describe(self) -> None:
        shown = self.visible()
        scores: dict = {}
        for entry in shown:
            if (kind := kind_of_lane(entry.lane)) is not None:
                scores.setdefault(kind, []).append((entry.at, int(entry.value or 0), entry.band))
        measures = measures_words(scores, (kind for e in self.entries
                                           if (kind := kind_of_lane(e.lane)) is not None), self._tz)
        listed = "; ".join(e.label for e in shown) if shown else "nothing recorded in this stretch"
        # The measures' first and latest before the long list, so they are heard first.
        self.setAccessibleDescription(f"{self.zoom.words}: {measures}. {listed}" if measures
                                      else f"{self.zoom.words}: {listed}")

    # --- painting -------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(SCREEN.background))
        painter.fillRect(QRectF(0, 0, GUTTER, self.height()), QColor(SCREEN.gutter))
        start, end = self.span()
        small = QFont(self.font())
        small.setPixelSize(TEXT_PX)
        painter.setFont(small)
        shown = self.visible()
        for lane in LANES:  # the measures' lanes label themselves (course_measure_paint.py)
            rect = self.lane_rect(lane)
            painter.fillRect(rect, QColor(SCREEN.lane))
            painter.setPen(QColor(SCREEN.ink))
            painter.drawText(QRectF(8, rect.top(), GUTTER - 12, rect.height()),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             LANE_WORDS[lane])
            if not any(e.lane == lane for e in shown):
                painter.setPen(QColor(SCREEN.muted))
                painter.drawText(rect.adjusted(PAD, 0, 0, 0),
                                 Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                                 "none in this stretch")
        measures = self._measure_entries()
        for lane, entries in measures.items():
            rect = self.lane_rect(lane)
            paint_background(painter, rect, QRectF(0, rect.top(), GUTTER, rect.height()),
                             kind_of_lane(lane), entries, start, end, small)
        self._paint_axis(painter, start, end)  # over the lanes: one time axis through all
        self._paint_entries(painter, shown)
        for lane, entries in measures.items():
            paint_scores(painter, self.lane_rect(lane), kind_of_lane(lane), entries, start, end,
                         self.x_of, small)
        if self.chosen is not None and kind_of_lane(self.entries[self.chosen].lane) is not None:
            painter.setPen(QPen(QColor(SCREEN.ink), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(self.point_of(self.entries[self.chosen]), 9, 9)
        if self.hasFocus():  # the keys are here (M, Y, W, the arrows): seen, as the timeline's
            painter.setPen(QPen(QColor(SCREEN.accent), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(1, 1, self.width() - 2, self.height() - 2))
        painter.end()

    def _measure_entries(self) -> dict[str, list[CourseEntry]]:
        """Every score by its measure's lane, oldest first (lines reach past the view's edge)."""
        by_lane: dict[str, list[CourseEntry]] = {}
        for entry in self.entries:
            if kind_of_lane(entry.lane) is not None:
                by_lane.setdefault(entry.lane, []).append(entry)
        return by_lane

    def _paint_axis(self, painter: QPainter, start: float, end: float) -> None:
        for tick in ticks(start, end, self._tz):
            x = self.x_of(tick.at)
            painter.setPen(QPen(QColor(SCREEN.grid), 1))
            painter.drawLine(QPointF(x, AXIS_H), QPointF(x, self.height()))
            wide = painter.fontMetrics().horizontalAdvance(tick.label) + 6
            if x + 3 + wide <= self.width():  # a label cut at the edge reads as another date
                painter.setPen(QColor(SCREEN.muted))
                painter.drawText(QRectF(x + 3, 4, wide, AXIS_H - 6), Qt.AlignmentFlag.AlignLeft,
                                 tick.label)
        now_x = self.x_of(self._now)
        painter.setPen(QPen(QColor(SCREEN.accent), 1.5, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(now_x, AXIS_H), QPointF(now_x, self.height()))

    def _room_for_labels(self, shown: list[CourseEntry]) -> bool:
        """mg over each bar only while the bars stand at least a label's width apart."""
        xs = sorted(self.x_of(e.at) for e in shown if e.lane == "dosing")
        return all(b - a >= 34 for a, b in zip(xs, xs[1:]))

    def _paint_entries(self, painter: QPainter, shown: list[CourseEntry]) -> None:
        largest = largest_dose(self.entries) or 1.0
        for entry in shown:
            if entry.lane not in COLOURS:
                continue  # a score: drawn on its measure's lane
            colour = QColor(COLOURS[entry.lane])
            point = self.point_of(entry)
            chosen = self.chosen is not None and self.entries[self.chosen] is entry
            if entry.lane == "dosing":
                rect = self.lane_rect("dosing")
                height = (entry.value or 0.0) / largest * (rect.height() - 18)
                painter.fillRect(QRectF(point.x() - 3, rect.bottom() - height, 6, height), colour)
                if self._room_for_labels(shown):
                    painter.setPen(QColor(SCREEN.muted))
                    painter.drawText(QRectF(point.x() - 30, rect.bottom() - height - 17, 60, 16),
                                     Qt.AlignmentFlag.AlignCenter, f"{entry.value:g}")
            else:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(colour)
                painter.drawEllipse(point, 5, 5)
            if chosen:
                painter.setPen(QPen(QColor(SCREEN.ink), 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(point, 9, 9)


def read_course_entries(services: Services, client_id: int, course: ClientCourse | None = None,
                        tz: dt.tzinfo | None = None, sessions: list | None = None) -> list[CourseEntry]:
    """The client's course entries from the stores: the talk sessions and scores that count
    and every dosing session with its facts (one read each; `sessions`, the client's
    history rows when the caller has them already)."""
    from kapdesk.core.measure_course import current_records
    from kapdesk.core.superseding import current
    from kapdesk.storage.review import HistoryFilter

    course = course or services.course.course(client_id)
    doses = []
    rows = sessions if sessions is not None else services.review.history(
        HistoryFilter(client_id=client_id), limit=100_000)
    for row in rows:  # the client's sessions as the page read them, or read here
        facts = row.facts
        if facts.doses and facts.started_at is not None:
            doses.append(DoseMark(row.session_id, facts.doses[0].given_at,
                                  sum(d.mg for d in facts.doses), facts.dose_label, facts.adverse))
    scores = [score_of(m.id or 0, m.taken_at, m.result) for m in current_records(course.measures)]
    return course_entries(current(course.talks), doses, scores, tz)
