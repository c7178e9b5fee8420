"""The course view on screen: keys zoom and move, a click or Enter opens an entry, a
dose's bar grows with its mg, and a screen reader hears what is in view."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from kapdesk.core.course_view import DAY, CourseEntry, DoseMark, Zoom, course_entries
from kapdesk.core.talk_sessions import TalkKind, TalkSession
from kapdesk.ui.clients.course_view import CourseView

T0 = dt.datetime(2026, 3, 2, 10, 0).timestamp()


def view_with(qtbot, now: float = T0 + 60 * DAY) -> CourseView:  # noqa: ANN001
    view = CourseView(now)
    qtbot.addWidget(view)
    view.resize(900, view.height())
    talks = [TalkSession(1, TalkKind.INTEGRATION, T0 + 8 * DAY, 50, {"plan": "walks"}, id=3)]
    doses = [DoseMark(5, T0 + 7 * DAY, 100, "ketamine 100 mg sublingual"),
             DoseMark(6, T0 + 21 * DAY, 200, "ketamine 200 mg sublingual")]
    view.set_entries(course_entries(talks, doses, [(9, T0, 18), (10, T0 + 28 * DAY, 9)]))
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
