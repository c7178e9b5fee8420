"""The trend chart's data: dosing sessions as marks, the bands, and labels that fit."""

from __future__ import annotations

from kapdesk.core.measure_course import FilledBy, MeasureRecord
from kapdesk.core.measures import MeasureKind, score
from kapdesk.core.trend import DoseMark, dose_marks, fitting, severity_bands, trend


def test_a_dosing_session_is_one_mark_at_its_first_dose_with_every_mg() -> None:
    marks = dose_marks([[(500.0, 50.0), (100.0, 150.0)], [], [(50.0, 100.0)]])
    assert marks == (DoseMark(50.0, (100.0,)), DoseMark(100.0, (150.0, 50.0)))
    assert marks[1].mg_words == "150 + 50 mg"
    assert DoseMark(0.0, (37.5,)).mg_words == "37.5 mg"


def test_the_pcl5_bands_are_the_two_sides_of_the_practice_cut_off() -> None:
    low, high = severity_bands(MeasureKind.PCL5)
    assert (low.low, low.high, high.low, high.high) == (0, 32, 33, 80)
    assert [band.label for band in severity_bands(MeasureKind.GAD7)] == ["minimal", "mild", "moderate", "severe"]


def test_only_current_forms_are_points() -> None:
    first = MeasureRecord(1, score(MeasureKind.GAD7, [3] * 7), 10.0, FilledBy.PAPER, 10.0, id=1)
    fixed = MeasureRecord(1, score(MeasureKind.GAD7, [1] * 7), 10.0, FilledBy.PAPER, 20.0, id=2,
                          supersedes=1, reason="typo")
    other = MeasureRecord(1, score(MeasureKind.PHQ9, [0] * 9), 5.0, FilledBy.PAPER, 5.0, id=3)
    drawn = trend(MeasureKind.GAD7, [first, fixed, other])
    assert drawn.points == ((10.0, 7),)
    assert drawn.span() == (10.0, 10.0)
    assert trend(MeasureKind.PCL5, []).span() is None


def test_labels_that_would_cover_each_other_give_way_to_the_latest() -> None:
    assert fitting([0, 10, 20, 100], 25) == (2, 3)
    assert fitting([0, 30, 60], 25) == (0, 1, 2)
    assert fitting([], 25) == ()
