"""The measures' lanes on the course at a glance: which are drawn, each on its own scale,
which scores a line may join, and the words a screen reader hears.

Every measure the client has a score of (PHQ-9, GAD-7, PCL-5) gets a lane of
its own under the dosing lanes, on the same time axis, with its own scale
(0-27, 0-21, 0-80): the scales differ, so they never share a y axis that
would make a 12 on one look like a 12 on another. A point is a form that was
filled; a line joins two consecutive forms only, and not across a stretch
clearly longer than the client's usual one between forms of that measure (a
weekly PHQ-9 with a week missed, a monthly PCL-5 with a month missed), so a
missed form reads as a gap and not as a trend nobody measured. A measure with no score has no lane; the routine
measures (those the client's page always shows) are named as "no GAD-7 yet"
in the words, the PCL-5 (asked for a trauma focus only) is left unsaid.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from kapdesk.core.measures import SCALES, Band, MeasureKind, MeasureResult

DAY = 86400.0
# A stretch between two forms longer than GAP_FACTOR times the client's usual one
# (their median) is a form missed: the line stops there. A few days' drift of a
# weekly form (7 days -> 10) is not; neither is anything up to MIN_GAP_DAYS.
GAP_FACTOR = 1.75
MIN_GAP_DAYS = 10
ORDER = (MeasureKind.PHQ9, MeasureKind.GAD7, MeasureKind.PCL5)
ROUTINE = (MeasureKind.PHQ9, MeasureKind.GAD7)  # always asked; the PCL-5 only for trauma


@dataclass(frozen=True)
class Score:
    """One filled form as the course shows it."""

    kind: MeasureKind
    record_id: int
    at: float
    total: int
    band: str  # the severity band in words: "moderate", "probable PTSD, cut-off 33"
    cutoff: int | None = None  # the PCL-5's: the cut-off `band` was read against

    @property
    def name(self) -> str:
        return SCALES[self.kind].name

    def label(self, tz: dt.tzinfo | None = None) -> str:
        return f"{self.name} {self.total} ({self.band}), {_day(self.at, tz)}"


def score_of(record_id: int, at: float, result: MeasureResult) -> Score:
    return Score(result.kind, record_id, at, result.total, band_words(result), result.cutoff)


def band_words(result: MeasureResult) -> str:
    """The band a score falls in, short enough for the lane's margin."""
    if result.cutoff is None:
        return result.severity
    if result.total >= result.cutoff:
        return f"probable PTSD, cut-off {result.cutoff}"
    return f"below the cut-off of {result.cutoff}"


def lane_name(kind: MeasureKind) -> str:
    return kind.value


def kind_of_lane(lane: str) -> MeasureKind | None:
    return next((kind for kind in ORDER if kind.value == lane), None)


def measure_lanes(kinds: Iterable[MeasureKind]) -> tuple[str, ...]:
    """The lanes drawn: one per measure with at least one score, in the page's order."""
    present = set(kinds)
    return tuple(lane_name(kind) for kind in ORDER if kind in present)


def scale_top(kind: MeasureKind) -> int:
    return SCALES[kind].max_total


def lane_bands(kind: MeasureKind, cutoff: int | None = None) -> tuple[Band, ...]:
    """The severity bands shaded in a lane, lowest first (the PCL-5's two sides of the
    cut-off its scores were read against)."""
    scale = SCALES[kind]
    if scale.bands:
        return scale.bands
    cut = cutoff or scale.max_total
    return (Band(0, cut - 1, "below the cut-off"), Band(cut, scale.max_total, "at or above"))


def joined(times: Sequence[float]) -> list[tuple[int, int]]:
    """Index pairs of consecutive scores (`times` ascending) a line may join: those not
    further apart than a missed form would leave them."""
    steps = [b - a for a, b in zip(times, times[1:])]
    if not steps:
        return []
    usual = sorted(steps)[(len(steps) - 1) // 2]  # the lower median: a gap never sets it
    limit = max(GAP_FACTOR * usual, MIN_GAP_DAYS * DAY)
    return [(index, index + 1) for index, step in enumerate(steps) if step <= limit]


def measures_words(shown: Mapping[MeasureKind, Sequence[tuple[float, int, str]]],
                   scored: Iterable[MeasureKind], tz: dt.tzinfo | None = None) -> str:
    """Each measure's first and latest score in view, (taken at, total, band) oldest first,
    with their dates and the latest's band; "no PHQ-9 in this stretch" for one scored
    elsewhere, "no GAD-7 yet" for a routine one never filled."""
    scored = set(scored)
    parts = []
    for kind in ORDER:
        name, mine = SCALES[kind].name, shown.get(kind, ())
        if len(mine) == 1:
            at, total, band = mine[0]
            parts.append(f"{name}: one score, {total} ({band}) on {_day(at, tz)}")
        elif mine:
            (first_at, first, _), (last_at, last, band) = mine[0], mine[-1]
            parts.append(f"{name}: first {first} on {_day(first_at, tz)}, latest {last} "
                         f"({band}) on {_day(last_at, tz)}")
        elif kind in scored:
            parts.append(f"no {name} in this stretch")
        elif kind in ROUTINE:
            parts.append(f"no {name} yet")
    return "; ".join(parts)


def _day(epoch_s: float, tz: dt.tzinfo | None) -> str:
    return dt.datetime.fromtimestamp(epoch_s, tz).strftime("%a %d %b %Y")
