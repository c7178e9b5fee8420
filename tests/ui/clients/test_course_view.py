"""The course view on screen: keys zoom and move, a click or Enter opens an entry, a
dose's bar grows with its mg, each measure scored has its own lane and scale with a
line only between forms really filled, and a screen reader hears what is in view."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from kapdesk.core.chart_palette import COURSE
from kapdesk.core.course_measures import Score
from kapdesk.core.course_view import DAY, CourseEntry, DoseMark, Zoom, course_entries
from kapdesk.core.measures import MeasureKind
from kapdesk.core.talk_sessions import TalkKind, TalkSession
from kapdesk.ui.clients.course_view import CourseView

T0 = dt.datetime(2026, 3, 2, 10, 0).timestamp()


def phq9(record_id: int, at: float, total: int, band: str = "mild") -> Score:
    return Score(MeasureKind.PHQ9, record_id, at, total, band)


def view_with(qtbot, now: float = T0 + 60 * DAY) -> CourseView:  # noqa: ANN001
    view = CourseView(now)
    qtbot.addWidget(view)
    view.resize(900, view.height())
    talks = [TalkSession(1, TalkKind.INTEGRATION, T0 + 8 * DAY, 50, {"plan": "walks"}, id=3)]
    doses = [DoseMark(5, T0 + 7 * DAY, 100, "ketamine 100 mg sublingual"),
             DoseMark(6, T0 + 21 * DAY, 200, "ketamine 200 mg sublingual")]
    view.set_entries(course_entries(talks, doses, [phq9(9, T0, 18), phq9(10, T0 + 28 * DAY, 9)]))
    view.show()
    return view


def test_the_whole_course_is_described_in_words(qtbot) -> None:  # noqa: ANN001
    view = view_with(qtbot)
    words = view.accessibleDescription()
    assert words.startswith("The whole course: ") and "ketamine 200 mg" in words
    assert "Integration session" in words and "PHQ-9 18" in words


def test_m_zooms_to_a_month_left_goes_back_and_w_shows_all(qtbot) -> None:  # noqa: ANN001
    view = view_with(qtbot)
    QTest.keyClick(view, Qt.Key.Key_M)
    assert view.zoom is Zoom.MONTH
    assert "nothing recorded" in view.accessibleDescription()  # the last month is empty
    QTest.keyClick(view, Qt.Key.Key_Left)
    assert "ketamine 200 mg" in view.accessibleDescription()
    QTest.keyClick(view, Qt.Key.Key_Home)  # back to the month ending now
    assert "nothing recorded" in view.accessibleDescription()
    QTest.keyClick(view, Qt.Key.Key_Y)
    start, end = view.span()
    assert view.zoom is Zoom.YEAR and end - start == 366 * DAY
    assert len(view.visible()) == len(view.entries)  # the whole course fits in the year
    assert view.accessibleDescription().startswith("A year: ")
    QTest.keyClick(view, Qt.Key.Key_W)
    assert len(view.visible()) == len(view.entries)


def test_a_click_on_a_dose_opens_that_session_and_enter_opens_the_chosen(qtbot) -> None:  # noqa: ANN001
    view = view_with(qtbot)
    opened: list[CourseEntry] = []
    view.entry_opened.connect(opened.append)
    dose = next(e for e in view.entries if e.record_id == 6)
    point = view.point_of(dose).toPoint()
    QTest.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(point.x(), int(view.lane_rect("dosing").center().y())))
    assert opened == [dose]
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Down)
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert opened[-1] is view.entries[view.chosen]


def test_a_bigger_dose_draws_a_taller_bar(qtbot) -> None:  # noqa: ANN001
    view = view_with(qtbot)
    image = view.grab().toImage()
    rect = view.lane_rect("dosing")

    def bar_height(session_id: int) -> int:
        x = int(view.point_of(next(e for e in view.entries if e.record_id == session_id)).x())
        return sum(1 for y in range(int(rect.top()), int(rect.bottom()))
                   if image.pixelColor(x, y) == QColor("#a0643c"))

    assert bar_height(6) > 1.8 * bar_height(5) > 0


def score(kind: MeasureKind, record_id: int, at: float, total: int, band: str = "mild") -> Score:
    return Score(kind, record_id, at, total, band)


def measures_view(qtbot, scores: list[Score]) -> CourseView:  # noqa: ANN001
    view = CourseView(T0 + 60 * DAY)
    qtbot.addWidget(view)
    view.resize(900, view.height())
    doses = [DoseMark(5, T0 + 7 * DAY, 100, "ketamine 100 mg sublingual")]
    view.set_entries(course_entries([], doses, scores))
    view.show()
    return view


def test_each_measure_scored_has_its_own_lane_and_none_without_a_score(qtbot) -> None:  # noqa: ANN001
    only_phq9 = measures_view(qtbot, [phq9(1, T0, 12)])
    assert only_phq9.lanes[-1] == "phq9" and "gad7" not in only_phq9.lanes
    all_three = measures_view(qtbot, [phq9(1, T0, 12), score(MeasureKind.GAD7, 2, T0, 9),
                                      score(MeasureKind.PCL5, 3, T0, 40)])
    assert all_three.lanes[-3:] == ("phq9", "gad7", "pcl5")
    assert all_three.height() > only_phq9.height()
    rects = [all_three.lane_rect(lane) for lane in ("phq9", "gad7", "pcl5")]
    assert all(a.bottom() < b.top() for a, b in zip(rects, rects[1:]))  # lanes never overlap


def test_each_score_is_placed_on_its_own_scale(qtbot) -> None:  # noqa: ANN001
    """The same 9 sits a third up the PHQ-9 and three sevenths up the GAD-7; a top score
    reaches the top of its own lane whatever its number."""
    view = measures_view(qtbot, [phq9(1, T0, 9), score(MeasureKind.GAD7, 2, T0, 9),
                                 phq9(3, T0 + 7 * DAY, 27), score(MeasureKind.PCL5, 4, T0, 80)])

    def height_in_lane(record_id: int) -> float:
        entry = next(e for e in view.entries if e.record_id == record_id)
        rect = view.lane_rect(entry.lane).adjusted(0, 7, 0, -7)
        return (rect.bottom() - view.point_of(entry).y()) / rect.height()

    assert abs(height_in_lane(1) - 9 / 27) < 0.02 and abs(height_in_lane(2) - 9 / 21) < 0.02
    assert height_in_lane(3) == pytest.approx(1.0) and height_in_lane(4) == pytest.approx(1.0)


def test_a_score_lines_up_under_the_dose_it_followed(qtbot) -> None:  # noqa: ANN001
    view = measures_view(qtbot, [phq9(1, T0 + 7 * DAY, 12)])
    dose = next(e for e in view.entries if e.lane == "dosing")
    form = next(e for e in view.entries if e.lane == "phq9")
    assert view.point_of(dose).x() == view.point_of(form).x()


def test_a_line_joins_weekly_forms_and_leaves_a_missed_week_a_gap(qtbot) -> None:  # noqa: ANN001
    weeks = (0, 1, 2, 4, 5)  # week 3's form was never filled
    view = measures_view(qtbot, [phq9(10 + w, T0 + w * 7 * DAY, 20 - 2 * w) for w in weeks])
    image = view.grab().toImage()
    colour = QColor(COURSE.measures["phq9"])
    rect = view.lane_rect("phq9")

    def line_between(a: int, b: int) -> bool:
        x = int((view.x_of(T0 + a * 7 * DAY) + view.x_of(T0 + b * 7 * DAY)) / 2)
        return any(image.pixelColor(x, y) == colour for y in range(int(rect.top()), int(rect.bottom())))

    assert line_between(0, 1) and line_between(4, 5)
    assert not line_between(2, 4)  # nothing drawn where nothing was measured


def test_the_description_names_each_measures_first_and_latest_and_what_is_missing(qtbot) -> None:  # noqa: ANN001
    view = measures_view(qtbot, [phq9(1, T0, 19, "moderately severe"), phq9(2, T0 + 28 * DAY, 8),
                                 score(MeasureKind.PCL5, 3, T0, 44, "probable PTSD, cut-off 33")])
    words = view.accessibleDescription()
    first_day = dt.datetime.fromtimestamp(T0).strftime("%a %d %b %Y")
    last_day = dt.datetime.fromtimestamp(T0 + 28 * DAY).strftime("%a %d %b %Y")
    assert f"PHQ-9: first 19 on {first_day}, latest 8 (mild) on {last_day}" in words
    assert "no GAD-7 yet" in words and "PCL-5: one score, 44 (probable PTSD, cut-off 33)" in words
    QTest.keyClick(view, Qt.Key.Key_M)  # the last month holds no form
    assert "no PHQ-9 in this stretch" in view.accessibleDescription()


def test_with_the_keys_the_view_is_framed(qtbot) -> None:  # noqa: ANN001
    """Where M, Y, W and the arrows will go is seen: a frame in the accent colour."""
    from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

    from kapdesk.core.chart_palette import SCREEN

    page = QWidget()
    qtbot.addWidget(page)
    other = QPushButton("Record screening")
    view = CourseView(T0)
    column = QVBoxLayout(page)
    column.addWidget(other)
    column.addWidget(view)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    other.setFocus()
    edge = (1, view.height() // 2)
    assert view.grab().toImage().pixelColor(*edge) != QColor(SCREEN.accent)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    assert view.grab().toImage().pixelColor(*edge) == QColor(SCREEN.accent)
