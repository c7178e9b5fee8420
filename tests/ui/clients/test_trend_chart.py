"""The trend chart's pixels: the severity bands in their colours, a point where a form
was filled and nowhere else, one form as one point, none said in words."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QColor, QImage

from kapdesk.core.chart_palette import COURSE
from kapdesk.core.measures import MeasureKind, severity_of
from kapdesk.core.trend import DoseMark, Trend, severity_bands
from kapdesk.ui.clients.trend_chart import TrendChart

DAY = 86_400.0
T0 = 1_767_225_600.0


def chart_of(qtbot, points, doses=()) -> tuple[TrendChart, QImage]:  # noqa: ANN001
    chart = TrendChart()
    qtbot.addWidget(chart)
    chart.resize(700, 280)
    chart.set_trend(Trend(MeasureKind.PHQ9, tuple(points), tuple(doses), severity_bands(MeasureKind.PHQ9), 27),
                    dt.timezone.utc)
    return chart, chart.grab().toImage()


def colours(image: QImage) -> set[str]:
    return {image.pixelColor(x, y).name() for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)}


def point_pixels(image: QImage) -> list[tuple[int, int]]:
    """Every pixel in the points' own colour (a point's centre is drawn solid)."""
    target = QColor(COURSE.point).name()
    return [(x, y) for x in range(image.width()) for y in range(image.height())
            if image.pixelColor(x, y).name() == target]


def test_bands_shaded_a_point_at_each_form_and_none_elsewhere(qtbot) -> None:  # noqa: ANN001
    points = [(T0, 21), (T0 + 14 * DAY, 13), (T0 + 42 * DAY, 3)]
    chart, image = chart_of(qtbot, points, [DoseMark(T0 + 20 * DAY, (150.0,))])
    found = colours(image)
    assert {QColor(shade).name() for shade in COURSE.bands} <= found  # all five PHQ-9 bands
    assert QColor(COURSE.dose).name() in found
    centres = chart.point_positions()
    assert len(centres) == 3
    for centre, (_at, total) in zip(centres, points):
        assert image.pixelColor(round(centre.x()), round(centre.y())).name() == QColor(COURSE.point).name()
        # Drawn at its value: on the band of its severity.
        band = next(b for b in severity_bands(MeasureKind.PHQ9) if b.label == severity_of(MeasureKind.PHQ9, total))
        assert band.low <= total <= band.high
        assert abs(centre.y() - chart.y_of(total)) < 0.5
    # Nothing in the points' colour away from the three forms (the line between is another colour).
    stray = [(x, y) for x, y in point_pixels(image)
             if min((x - c.x()) ** 2 + (y - c.y()) ** 2 for c in centres) > 8 ** 2]
    assert stray == []


def test_one_form_is_one_point_and_none_is_said_in_words(qtbot) -> None:  # noqa: ANN001
    chart, image = chart_of(qtbot, [(T0, 9)])
    pixels = point_pixels(image)
    [centre] = chart.point_positions()
    assert pixels and all((x - centre.x()) ** 2 + (y - centre.y()) ** 2 <= 8 ** 2 for x, y in pixels)
    assert chart.accessibleDescription() == "PHQ-9: 2026-01-01 9."

    chart, image = chart_of(qtbot, [], [DoseMark(T0, (150.0,))])
    assert point_pixels(image) == []
    assert chart.accessibleDescription() == "No PHQ-9 yet. Dosing sessions: 2026-01-01, 150 mg."
    ink = QColor(COURSE.ink).name()
    middle = chart.plot_rect().center()
    words = [(x, y) for x in range(int(middle.x()) - 120, int(middle.x()) + 120)
             for y in range(int(middle.y()) - 12, int(middle.y()) + 12) if image.pixelColor(x, y).name() == ink]
    assert len(words) > 40  # "No PHQ-9 filled yet" written across the middle


def _dose_ink(image: QImage, x: int, y: int) -> bool:
    """The dose's rust, or an edge of it smoothed into the band (bands are pale, points green)."""
    colour = image.pixelColor(x, y)
    return colour.red() < 205 and colour.red() - colour.blue() > 45


def test_a_long_weekly_course_marks_its_doses_along_the_top_not_across_the_points(qtbot) -> None:  # noqa: ANN001
    doses = [DoseMark(T0 + week * 7 * DAY, (150.0,)) for week in range(40)]
    chart, image = chart_of(qtbot, [(T0, 20), (T0 + 270 * DAY, 6)], doses)
    plot = chart.plot_rect()
    marked = [(x, y) for x in range(int(plot.left()), int(plot.right()))
              for y in range(int(plot.top()) - 4, int(plot.bottom())) if _dose_ink(image, x, y)]
    assert len({x for x, _ in marked}) >= 40  # every session has its tick
    assert max(y for _, y in marked) <= plot.top() + 9  # and none runs down through the chart

    chart, image = chart_of(qtbot, [(T0, 20), (T0 + 28 * DAY, 6)], doses[:3])  # a few: lines through it
    plot = chart.plot_rect()
    marked = [y for x in range(int(plot.left()), int(plot.right()))
              for y in range(int(plot.top()), int(plot.bottom())) if _dose_ink(image, x, y)]
    assert max(marked) > plot.bottom() - 10


def test_a_week_missed_leaves_a_gap_in_the_line(qtbot) -> None:  # noqa: ANN001
    """Weekly forms with week 3 never filled: joined either side, nothing across the gap."""
    weeks = (0, 1, 2, 4, 5)
    chart, image = chart_of(qtbot, [(T0 + w * 7 * DAY, 20 - 2 * w) for w in weeks])
    centres = chart.point_positions()
    line = QColor(COURSE.line).name()

    def line_between(a: int, b: int) -> bool:
        x = round((centres[a].x() + centres[b].x()) / 2)
        plot = chart.plot_rect()
        return any(image.pixelColor(x, y).name() == line for y in range(int(plot.top()), int(plot.bottom())))

    assert line_between(0, 1) and line_between(3, 4)
    assert not line_between(2, 3)
