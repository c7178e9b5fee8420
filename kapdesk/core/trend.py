"""One measure's trend over a course of care, as the client page's chart shows it.

Issue 12: a chart per measure over time, with the dosing sessions marked
(date, mg) and the severity bands shaded. `trend` gathers what the chart
draws from the records: the current forms of one kind (corrections applied,
measure_course.trend_points; a form never filled is never a point), the
severity bands (the published ones; the PCL-5's two sides of the practice's
cut-off), and a `DoseMark` per dosing session. `fitting` chooses which labels
fit side by side without covering each other, latest first. Pure: the
widget turns this into pixels and nothing more.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kapdesk.core.measure_course import MeasureRecord, day_of, trend_points
from kapdesk.core.measures import DEFAULT_SETTINGS, SCALES, Band, MeasureKind, MeasureSettings


@dataclass(frozen=True)
class DoseMark:
    """One dosing session on the chart: when its first dose was given and how much in all."""

    at: float  # UTC seconds of the session's first dose
    mg: tuple[float, ...]  # every dose of the session, first first

    def day(self, tz: dt.tzinfo | None = None) -> dt.date:
        return day_of(self.at, tz)

    @property
    def mg_words(self) -> str:
        """ "150 mg", or "150 + 50 mg" with a later dose."""
        return " + ".join(_number(mg) for mg in self.mg) + " mg"

    def words(self, tz: dt.tzinfo | None = None) -> str:
        return f"{self.day(tz).isoformat()}, {self.mg_words}"


def _number(mg: float) -> str:
    return str(int(mg)) if float(mg).is_integer() else f"{mg:g}"


def dose_marks(sessions: Iterable[Sequence[tuple[float, float]]]) -> tuple[DoseMark, ...]:
    """A mark per session that had a dose, oldest first; each session given as its
    doses' (given_at, mg), in the order given. Sessions without a dose are no mark."""
    marks = [DoseMark(doses[0][0], tuple(mg for _, mg in doses))
             for doses in (sorted(session) for session in sessions) if doses]
    return tuple(sorted(marks, key=lambda mark: mark.at))


def severity_bands(kind: MeasureKind, settings: MeasureSettings = DEFAULT_SETTINGS
                   ) -> tuple[Band, ...]:
    """The bands behind the chart, lowest first: the scale's own, or for the PCL-5
    (which has none) below and at-or-above the practice's cut-off."""
    scale = SCALES[kind]
    if scale.bands:
        return scale.bands
    cutoff = settings.pcl5_cutoff
    return (Band(0, cutoff - 1, "below the cut-off"),
            Band(cutoff, scale.max_total, "at or above the cut-off"))


@dataclass(frozen=True)
class Trend:
    kind: MeasureKind
    points: tuple[tuple[float, int], ...]  # (taken_at, total) of each current form, oldest first
    doses: tuple[DoseMark, ...]
    bands: tuple[Band, ...]
    max_total: int

    @property
    def name(self) -> str:
        return SCALES[self.kind].name

    def span(self) -> tuple[float, float] | None:
        """The time the chart covers: every point and every dose, or None with neither."""
        times = [at for at, _ in self.points] + [mark.at for mark in self.doses]
        return (min(times), max(times)) if times else None

    def words(self, tz: dt.tzinfo | None = None) -> str:
        """The chart in words, for a screen reader and a tooltip."""
        if not self.points:
            text = f"No {self.name} yet."
        else:
            text = f"{self.name}: " + ", ".join(
                f"{day_of(at, tz).isoformat()} {total}" for at, total in self.points) + "."
        if self.doses:
            text += " Dosing sessions: " + "; ".join(mark.words(tz) for mark in self.doses) + "."
        return text


def trend(kind: MeasureKind, records: Iterable[MeasureRecord], doses: Sequence[DoseMark] = (),
          settings: MeasureSettings = DEFAULT_SETTINGS) -> Trend:
    """The chart of `kind` over the course's `records` (corrections applied here)."""
    return Trend(kind, tuple(trend_points(kind, records)), tuple(doses),
                 severity_bands(kind, settings), SCALES[kind].max_total)


def fitting(positions: Sequence[float], width: float) -> tuple[int, ...]:
    """The indices of labels `width` wide centred at `positions` (ascending) that fit
    without overlapping, choosing from the latest back: the latest is always shown."""
    chosen: list[int] = []
    left_edge = float("inf")
    for index in range(len(positions) - 1, -1, -1):
        if positions[index] + width / 2 <= left_edge:
            chosen.append(index)
            left_edge = positions[index] - width / 2
    return tuple(reversed(chosen))
