"""The measures on the course at a glance: a lane per measure scored, lines only between
consecutive forms with no form missed between them, and the words a screen reader hears."""

from __future__ import annotations

import datetime as dt

import pytest

from kapdesk.core.course_measures import (band_words, joined, lane_bands, measure_lanes,
                                          measures_words, scale_top, score_of)
from kapdesk.core.course_view import DAY, course_entries
from kapdesk.core.measures import MeasureKind, MeasureSettings, score

UTC = dt.timezone.utc
T0 = dt.datetime(2026, 3, 2, 10, 0, tzinfo=UTC).timestamp()  # a Monday
WEEK = 7 * DAY


def test_only_measures_with_a_score_get_a_lane_in_the_pages_order():
    assert measure_lanes([]) == ()
    assert measure_lanes([MeasureKind.PCL5, MeasureKind.PHQ9, MeasureKind.PHQ9]) == ("phq9", "pcl5")


def test_each_measure_keeps_its_own_scale():
    assert [scale_top(kind) for kind in MeasureKind] == [27, 21, 80]
    assert [band.low for band in lane_bands(MeasureKind.PCL5, 31)] == [0, 31]


@pytest.mark.parametrize("days, pairs", [
    ([0, 7, 14, 21], [(0, 1), (1, 2), (2, 3)]),  # weekly: one line
    ([0, 7, 21, 28], [(0, 1), (2, 3)]),  # a week missed: a gap, never a line through it
    ([0, 7, 17, 24], [(0, 1), (1, 2), (2, 3)]),  # a form three days late is not a missed one
    ([0, 30, 61, 150, 180], [(0, 1), (1, 2), (3, 4)]),  # monthly, with months missed
    ([0, 40], [(0, 1)]),  # two forms: nothing to call usual, they are consecutive
    ([0], []),
    ([], []),
])
def test_a_line_joins_consecutive_scores_only_with_no_form_missed_between(days, pairs):
    assert joined([T0 + d * DAY for d in days]) == pairs


def test_the_pcl5_band_is_read_against_its_cut_off():
    high = score(MeasureKind.PCL5, [2] * 20, settings=MeasureSettings(pcl5_cutoff=31))
    low = score(MeasureKind.PCL5, [1] * 20, settings=MeasureSettings(pcl5_cutoff=31))
    assert band_words(high) == "probable PTSD, cut-off 31"
    assert band_words(low) == "below the cut-off of 31"
    assert band_words(score(MeasureKind.PHQ9, [1] * 9, 1)) == "mild"


def test_scores_become_entries_on_their_own_lanes_with_their_band():
    gad7 = score_of(4, T0, score(MeasureKind.GAD7, [2] * 7))
    phq9 = score_of(3, T0, score(MeasureKind.PHQ9, [2] * 9, 1))
    entries = course_entries([], [], [gad7, phq9], UTC)
    assert [(e.lane, e.value, e.band) for e in entries] == [
        ("phq9", 18.0, "moderately severe"), ("gad7", 14.0, "moderate")]
    assert entries[1].label == "GAD-7 14 (moderate), Mon 02 Mar 2026"


def test_words_name_first_and_latest_with_dates_and_say_what_is_missing():
    shown = {MeasureKind.PHQ9: [(T0, 19, "moderately severe"), (T0 + WEEK, 15, "moderately severe"),
                                (T0 + 5 * WEEK, 7, "mild")],
             MeasureKind.PCL5: [(T0, 45, "probable PTSD, cut-off 33")]}
    words = measures_words(shown, [MeasureKind.PHQ9, MeasureKind.PCL5], UTC)
    assert words == ("PHQ-9: first 19 on Mon 02 Mar 2026, latest 7 (mild) on Mon 06 Apr 2026; "
                     "no GAD-7 yet; PCL-5: one score, 45 (probable PTSD, cut-off 33) on "
                     "Mon 02 Mar 2026")


def test_a_measure_scored_outside_the_view_is_said_so_and_an_unasked_pcl5_is_not_named():
    words = measures_words({}, [MeasureKind.PHQ9, MeasureKind.GAD7], UTC)
    assert words == "no PHQ-9 in this stretch; no GAD-7 in this stretch"
    assert "PCL-5" not in measures_words({}, [], UTC)
