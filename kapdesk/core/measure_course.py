"""A client's filled measures over a course: records, corrections, and the figures
a therapist reads beside the trend chart.

A filled measure is never edited (DOMAIN.md "Records"): a correction is a new
`MeasureRecord` naming the one it supersedes, with the reason. `current_records`
gives what counts now (superseded records left out), `history` gives every
record in the order it was recorded with what replaced it, so the correction
and the original are both shown.

`course_figures` gives baseline (the first of the course), previous and latest
with the change, and the response (a fall of 50% or more from the baseline)
and remission (PHQ-9 / GAD-7 below 5) in words, with the percentages and
cut-offs from `MeasureSettings` (DOMAIN.md: settings). Pure functions of plain
records: the client page and the store build on them.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from kapdesk.core.measures import (DEFAULT_SETTINGS, MeasureKind, MeasureResult, MeasureSettings,
                                   SCALES, result_from_data)


class FilledBy(str, Enum):
    """How the answers reached the app."""

    CLIENT = "client"  # the client on the laptop, in client mode
    PAPER = "paper"  # the therapist typed a paper form

    @property
    def words(self) -> str:
        return {"client": "filled by the client on the laptop",
                "paper": "typed from a paper form"}[self.value]


@dataclass(frozen=True)
class MeasureRecord:
    """One filled form of one client. `id` is None until stored."""

    client_id: int
    result: MeasureResult
    taken_at: float  # when the form was filled: UTC seconds since the epoch
    filled_by: FilledBy
    recorded_at: float  # when it was saved (orders corrections of the same form)
    id: int | None = None
    supersedes: int | None = None  # the record this one corrects
    reason: str = ""  # why the correction was made (required for a correction)

    @property
    def kind(self) -> MeasureKind:
        return self.result.kind

    @property
    def total(self) -> int:
        return self.result.total

    def to_data(self) -> dict[str, Any]:
        """A plain JSON-able dict: what a store and an export keep."""
        return {"id": self.id, "client_id": self.client_id, **self.result.to_data(),
                "taken_at": self.taken_at, "filled_by": self.filled_by.value,
                "recorded_at": self.recorded_at, "supersedes": self.supersedes,
                "reason": self.reason}

    @classmethod
    def from_data(cls, data: Mapping[str, Any],
                  settings: MeasureSettings = DEFAULT_SETTINGS) -> MeasureRecord:
        return cls(client_id=data["client_id"], result=result_from_data(data, settings),
                   taken_at=float(data["taken_at"]), filled_by=FilledBy(data["filled_by"]),
                   recorded_at=float(data["recorded_at"]), id=data.get("id"),
                   supersedes=data.get("supersedes"), reason=data.get("reason") or "")


def correction(original: MeasureRecord, result: MeasureResult, reason: str,
               recorded_at: float, taken_at: float | None = None,
               filled_by: FilledBy | None = None) -> MeasureRecord:
    """A new record that supersedes `original` (which stays as it was)."""
    return MeasureRecord(client_id=original.client_id, result=result,
                         taken_at=original.taken_at if taken_at is None else taken_at,
                         filled_by=original.filled_by if filled_by is None else filled_by,
                         recorded_at=recorded_at, supersedes=original.id, reason=reason.strip())


def correction_problems(new: MeasureRecord, records: Iterable[MeasureRecord]) -> list[str]:
    """Why `new` cannot be stored as a correction among the client's `records`
    (with or without `new` itself), in words ([] if it can)."""
    if new.supersedes is None:
        return []
    by_id = {record.id: record for record in records}
    original = by_id.get(new.supersedes)
    if original is None:
        return ["The form this corrects is not among the client's records."]
    problems = []
    if original.client_id != new.client_id:
        problems.append("A correction must be for the same client as the form it corrects.")
    if original.kind is not new.kind:
        problems.append(f"A {SCALES[original.kind].name} can only be corrected by a "
                        f"{SCALES[original.kind].name}.")
    replaced_by = [record for record in by_id.values()
                   if record.supersedes == original.id and (new.id is None or record.id != new.id)]
    if replaced_by:
        problems.append("This form was already corrected; correct the latest version instead.")
    if not new.reason.strip():
        problems.append("Say why the form is corrected (for example \u201ctyped 2 for 1 on "
                        "question 4\u201d).")
    return problems


def _taken_order(record: MeasureRecord) -> tuple[float, float, int]:
    return (record.taken_at, record.recorded_at, record.id or 0)


def _recorded_order(record: MeasureRecord) -> tuple[float, int]:
    return (record.recorded_at, record.id or 0)


def current_records(records: Iterable[MeasureRecord]) -> list[MeasureRecord]:
    """The records that count now, oldest form first: every one no other record supersedes."""
    records = list(records)
    superseded = {record.supersedes for record in records if record.supersedes is not None}
    return sorted((record for record in records if record.id not in superseded),
                  key=_taken_order)


@dataclass(frozen=True)
class HistoryEntry:
    record: MeasureRecord
    superseded_by: int | None  # the id of the record that corrected it, if any

    @property
    def is_current(self) -> bool:
        return self.superseded_by is None

    @property
    def words(self) -> str:
        """ "PHQ-9 12, moderate (corrected by record 7)" for the history list."""
        text = self.record.result.words
        if self.record.supersedes is not None:
            text += f"; corrects record {self.record.supersedes}"
            if self.record.reason:
                text += f": {self.record.reason}"
        if self.superseded_by is not None:
            text += f" (corrected by record {self.superseded_by})"
        return text


def history(records: Iterable[MeasureRecord]) -> list[HistoryEntry]:
    """Every record, superseded ones included, in the order they were recorded."""
    records = sorted(records, key=_recorded_order)
    replaced_by = {record.supersedes: record.id for record in records
                   if record.supersedes is not None}
    return [HistoryEntry(record, replaced_by.get(record.id)) for record in records]


def latest_of(kind: MeasureKind, records: Iterable[MeasureRecord]) -> MeasureRecord | None:
    """The client's latest current form of `kind`, or None."""
    mine = [record for record in current_records(records) if record.kind is kind]
    return mine[-1] if mine else None


def day_of(epoch_s: float, tz: dt.tzinfo | None = None) -> dt.date:
    """The calendar day of a moment in the given zone (the machine's local zone by default)."""
    return dt.datetime.fromtimestamp(epoch_s, tz).date()


def _day(epoch_s: float, tz: dt.tzinfo | None) -> str:
    return day_of(epoch_s, tz).isoformat()


@dataclass(frozen=True)
class CourseFigures:
    """Baseline, previous and latest of one measure over a course, and what they mean."""

    kind: MeasureKind
    baseline: MeasureRecord | None
    previous: MeasureRecord | None
    latest: MeasureRecord | None
    response_fall_percent: int
    remission_below: int | None

    @property
    def change(self) -> int | None:
        """Latest minus baseline (negative is better on every scale here)."""
        if self.baseline is None or self.latest is None or self.latest is self.baseline:
            return None
        return self.latest.total - self.baseline.total

    @property
    def change_from_previous(self) -> int | None:
        if self.previous is None or self.latest is None:
            return None
        return self.latest.total - self.previous.total

    @property
    def percent_fall(self) -> float | None:
        """How far the latest fell from the baseline, in % (negative: it rose)."""
        if self.change is None or self.baseline is None or self.baseline.total == 0:
            return None
        return -100.0 * self.change / self.baseline.total

    @property
    def response(self) -> bool | None:
        """A fall of the setting's percentage or more from the baseline; None when
        there is nothing to compare (one form, or a baseline of 0)."""
        if self.change is None or self.baseline is None or self.baseline.total == 0:
            return None
        # Whole numbers, so 10 -> 5 is exactly 50% and counts.
        return -self.change * 100 >= self.response_fall_percent * self.baseline.total

    @property
    def remission(self) -> bool | None:
        if self.latest is None or self.remission_below is None:
            return None
        return self.latest.total < self.remission_below

    def figures_words(self, tz: dt.tzinfo | None = None) -> str:
        """ "Baseline 12 (2026-01-05) · previous 8 (2026-02-02) · latest 5 (2026-03-02), change -7"."""
        name = SCALES[self.kind].name
        if self.latest is None or self.baseline is None:
            return f"No {name} yet."
        parts = [f"Baseline {self.baseline.total} ({_day(self.baseline.taken_at, tz)})"]
        if self.previous is not None and self.previous is not self.baseline:
            parts.append(f"previous {self.previous.total} ({_day(self.previous.taken_at, tz)})")
        if self.latest is not self.baseline:
            parts.append(f"latest {self.latest.total} ({_day(self.latest.taken_at, tz)})")
        text = " \N{MIDDLE DOT} ".join(parts)
        if self.change is not None:
            text += f", change {self.change:+d}"
        return text

    @property
    def response_words(self) -> str:
        """ "Response: 12 → 5, down 58%" or why not (yet)."""
        if self.latest is None or self.baseline is None:
            return ""
        if self.latest is self.baseline:
            return "Response: only the baseline so far."
        first, last = self.baseline.total, self.latest.total
        if first == 0:
            return f"Response: not measurable, the baseline is 0 ({first} \u2192 {last})."
        fall = self.percent_fall or 0.0
        # Whole percent, rounded towards 0: a fall of 49.9% never reads as 50%
        # beside "No response yet".
        moved = (f"down {math.floor(fall)}%" if fall > 0 else
                 f"up {math.floor(-fall)}%" if fall < 0 else "no change")
        if self.response:
            return f"Response: {first} \u2192 {last}, {moved}"
        return (f"No response yet: {first} \u2192 {last}, {moved} "
                f"(a response is a fall of {self.response_fall_percent}% or more)")

    @property
    def remission_words(self) -> str:
        """ "Remission: 3, below 5" or why not; "" for a scale without remission."""
        if self.latest is None or self.remission_below is None:
            return ""
        if self.remission:
            return f"Remission: {self.latest.total}, below {self.remission_below}"
        return (f"Not in remission: {self.latest.total} "
                f"(remission is below {self.remission_below})")

    def words(self, tz: dt.tzinfo | None = None) -> tuple[str, ...]:
        """The lines the client page shows beside the chart."""
        return tuple(line for line in (self.figures_words(tz), self.response_words,
                                       self.remission_words) if line)


def course_figures(kind: MeasureKind, records: Iterable[MeasureRecord],
                   settings: MeasureSettings = DEFAULT_SETTINGS) -> CourseFigures:
    """The figures of `kind` over the course's records (the caller passes one
    course's records; corrections are applied here)."""
    mine = [record for record in current_records(records) if record.kind is kind]
    return CourseFigures(
        kind=kind,
        baseline=mine[0] if mine else None,
        previous=mine[-2] if len(mine) >= 2 else None,
        latest=mine[-1] if mine else None,
        response_fall_percent=settings.response_fall_percent,
        remission_below=settings.remission_below(kind),
    )


def trend_points(kind: MeasureKind,
                 records: Iterable[MeasureRecord]) -> Sequence[tuple[float, int]]:
    """(taken_at, total) of the current forms of `kind`, oldest first: the chart's line."""
    return [(record.taken_at, record.total) for record in current_records(records)
            if record.kind is kind]


def corrected_ids(record: MeasureRecord, records: Iterable[MeasureRecord]) -> tuple[int, ...]:
    """The ids of the records `record` replaced, directly or through earlier
    corrections, newest first (an assessment naming any of them still answers it)."""
    by_id = {item.id: item for item in records if item.id is not None}
    chain: list[int] = []
    step = record.supersedes
    while step is not None and step not in chain:
        chain.append(step)
        step = by_id[step].supersedes if step in by_id else None
    return tuple(chain)
