"""The course at a glance on the client's page: one time axis, one lane per kind.

Preparation, dosing (each dose a bar, its height its mg), integration,
check-ins, adverse events and the PHQ-9's scores, across weeks and months
(core/course_view.py holds the entries, the zoom and the ticks). Keys: M a
month, Y a year, W the whole course; Left and Right move a month (or a year)
back and on; Home comes back to now. Clicking an entry, or Enter on the one
chosen with Tab-free arrows (Up/Down step through entries), says which record
to open (`entry_opened`). The widget's accessible description lists what is
in view, so a screen reader hears the course, not a picture.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kapdesk.core.chart_palette import SCREEN
from kapdesk.core.course_view import (DAY, LANE_WORDS, LANES, CourseEntry, DoseMark, Zoom,
                                      course_entries, largest_dose, shown_span, ticks)

if TYPE_CHECKING:
    from kapdesk.services import Services
    from kapdesk.storage.course import ClientCourse

GUTTER = 120
LANE_H = {"preparation": 26, "dosing": 78, "integration": 26, "check_in": 26, "adverse": 26,
          "phq9": 70}
AXIS_H = 26
PAD = 10
COLOURS = {"preparation": "#7a6a8a", "dosing": SCREEN.dose, "integration": SCREEN.note,
           "check_in": "#6f8a55", "adverse": SCREEN.alert, "phq9": SCREEN.accent}
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
        self.setFixedHeight(AXIS_H + sum(LANE_H.values()) + PAD * (len(LANES) + 1))
        self._now, self._tz = now, tz
        self.entries: list[CourseEntry] = []
        self.zoom = Zoom.WHOLE
        self._end: float | None = None
        self.chosen: int | None = None

    def set_entries(self, entries: Sequence[CourseEntry], now: float | None = None) -> None:
        self.entries = list(entries)
        if now is not None:
            self._now = now
        self.chosen = None
        self._describe()
        self.update()

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
        for name in LANES:
            if name == lane:
                return QRectF(GUTTER, top, self.width() - GUTTER, LANE_H[name])
            top += LANE_H[name] + PAD
        raise KeyError(lane)

    def point_of(self, entry: CourseEntry) -> QPointF:
        rect = self.lane_rect(entry.lane)
        if entry.lane == "phq9" and entry.value is not None:
            return QPointF(self.x_of(entry.at), rect.bottom() - entry.value / 27 * rect.height())
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
        words = f"{self.zoom.words}: " + ("; ".join(e.label for e in shown) if shown
                                           else "nothing recorded in this stretch")
        self.setAccessibleDescription(words)

    # --- painting -------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(SCREEN.background))
        painter.fillRect(QRectF(0, 0, GUTTER, self.height()), QColor(SCREEN.gutter))
        start, end = self.span()
        small = QFont(self.font())
        small.setPixelSize(12)
        painter.setFont(small)
        for tick in ticks(start, end, self._tz):
            x = self.x_of(tick.at)
            painter.setPen(QPen(QColor(SCREEN.grid), 1))
            painter.drawLine(QPointF(x, AXIS_H), QPointF(x, self.height()))
            painter.setPen(QColor(SCREEN.muted))
            painter.drawText(QRectF(x + 3, 4, 90, AXIS_H - 6), Qt.AlignmentFlag.AlignLeft, tick.label)
        now_x = self.x_of(self._now)
        painter.setPen(QPen(QColor(SCREEN.accent), 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(now_x, AXIS_H), QPointF(now_x, self.height()))
        shown = self.visible()
        for lane in LANES:
            rect = self.lane_rect(lane)
            painter.fillRect(rect.adjusted(0, 0, 0, 0), QColor(SCREEN.lane))
            painter.setPen(QColor(SCREEN.ink))
            painter.drawText(QRectF(8, rect.top(), GUTTER - 12, rect.height()),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             LANE_WORDS[lane])
            if not any(e.lane == lane for e in shown):
                painter.setPen(QColor(SCREEN.muted))
                painter.drawText(rect.adjusted(PAD, 0, 0, 0),
                                 Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                                 "none in this stretch")
        self._paint_entries(painter, shown)
        if self.hasFocus():  # the keys are here (M, Y, W, the arrows): seen, as the timeline's
            painter.setPen(QPen(QColor(SCREEN.accent), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(1, 1, self.width() - 2, self.height() - 2))
        painter.end()

    def _room_for_labels(self, shown: list[CourseEntry]) -> bool:
        """mg over each bar only while the bars stand at least a label's width apart."""
        xs = sorted(self.x_of(e.at) for e in shown if e.lane == "dosing")
        return all(b - a >= 34 for a, b in zip(xs, xs[1:]))

    def _paint_entries(self, painter: QPainter, shown: list[CourseEntry]) -> None:
        largest = largest_dose(self.entries) or 1.0
        scores = [e for e in shown if e.lane == "phq9"]
        if len(scores) > 1:
            painter.setPen(QPen(QColor(COLOURS["phq9"]), 1.6))
            for a, b in zip(scores, scores[1:]):
                painter.drawLine(self.point_of(a), self.point_of(b))
        for entry in shown:
            colour = QColor(COLOURS[entry.lane])
            point = self.point_of(entry)
            chosen = self.chosen is not None and self.entries[self.chosen] is entry
            if entry.lane == "dosing":
                rect = self.lane_rect("dosing")
                height = (entry.value or 0.0) / largest * (rect.height() - 18)
                painter.fillRect(QRectF(point.x() - 3, rect.bottom() - height, 6, height), colour)
                if self._room_for_labels(shown):
                    painter.setPen(QColor(SCREEN.muted))
                    painter.drawText(QRectF(point.x() - 30, rect.bottom() - height - 15, 60, 14),
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
    """The client's course entries from the stores: the talk sessions and PHQ-9s that count
    and every dosing session with its facts (one read each; `sessions`, the client's
    history rows when the caller has them already)."""
    from kapdesk.core.measure_course import current_records
    from kapdesk.core.measures import MeasureKind
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
    phq9 = [(m.id or 0, m.taken_at, m.total) for m in current_records(course.measures)
            if m.kind is MeasureKind.PHQ9]
    return course_entries(current(course.talks), doses, phq9, tz)
