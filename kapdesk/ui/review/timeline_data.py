"""What the review timeline draws, read from a session's record: no Qt here.

Everything is placed by seconds since the session started, on one axis:
phases as they actually ran, the tracks as they were heard, pauses, the
time the app was down (a gap: nothing was recorded, and the bands stop),
the dose, and the marks: notes (and the debrief), tags, other events, and
vitals readings for the chart. What happened after the end (the signature,
addenda) belongs to the record, not to the timeline, and is left out here.
"""

from __future__ import annotations

from dataclasses import dataclass

from kapdesk.core.events import EventKind
from kapdesk.core.formatting import dose_before, format_minutes, record_time
from kapdesk.core.review_model import TimelineMark
from kapdesk.core.vitals import VitalThresholds
from kapdesk.storage.review import SessionRecord

NOTE_KINDS = frozenset({EventKind.NOTE, EventKind.DEBRIEF_SAVED})
TAG_KINDS = frozenset({EventKind.TAG})
AFTER_KINDS = frozenset({EventKind.SIGNED, EventKind.ADDENDUM})
# The marks drawn as points. The log lists more (ticks, pauses, music), but
# those the timeline shows as bands (phases, pauses, music) or not at all.
POINT_KINDS = frozenset({
    EventKind.NOTE, EventKind.TAG, EventKind.VITALS, EventKind.DOSE_GIVEN,
    EventKind.CHECKPOINT_DONE, EventKind.CHECKPOINT_DISMISSED, EventKind.PHASE_SKIPPED,
    EventKind.PHASE_EXTENDED, EventKind.DEBRIEF_SAVED, EventKind.APP_RECOVERED,
    EventKind.MUSIC_SILENCED, EventKind.MUSIC_RESUMED,
})


@dataclass(frozen=True)
class Span:
    start_s: float
    end_s: float
    label: str
    kind: str = ""  # a phase's kind ("journey"...), for its colour


@dataclass(frozen=True)
class Point:
    at_s: float
    seq: int
    lane: str  # "notes", "tags", "events", "vitals"
    text: str
    kind: EventKind


@dataclass(frozen=True)
class VitalPoint:
    at_s: float
    seq: int
    systolic: int
    diastolic: int
    heart_rate: int
    spo2: int | None
    alert: bool


@dataclass(frozen=True)
class TimelineData:
    start: float  # epoch seconds of the session's start
    length_s: float
    phases: tuple[Span, ...]
    music: tuple[Span, ...]
    pauses: tuple[Span, ...]
    gaps: tuple[Span, ...]
    doses: tuple[float, ...]
    points: tuple[Point, ...]  # every mark on the axis, in time order (vitals included)
    vitals: tuple[VitalPoint, ...]
    alert_systolic: int

    def lane(self, name: str) -> tuple[Point, ...]:
        return tuple(p for p in self.points if p.lane == name)

    def point(self, seq: int) -> Point | None:
        return next((p for p in self.points if p.seq == seq), None)

    def when(self, at_s: float) -> str:
        """"14:47 +0:42": the record's time of a moment `at_s` seconds into the session."""
        dose = dose_before(self.doses, at_s)
        return record_time(self.start + at_s, None if dose is None else self.start + dose)


def timeline_data(record: SessionRecord, thresholds: VitalThresholds = VitalThresholds()
                  ) -> TimelineData:
    state = record.state
    start = state.started_at if state.started_at is not None else state.as_of
    end = state.ended_at if state.ended_at is not None else state.as_of
    length = max(60.0, end - start)

    def clip(a: float, b: float | None) -> tuple[float, float]:
        return max(0.0, a - start), min(length, (end if b is None else b) - start)

    phases = tuple(Span(*clip(span.start_at, span.end_at),
                        record.script.phases[span.phase_index].name,
                        record.script.phases[span.phase_index].kind)
                   for span in state.phase_spans)
    music = tuple(Span(*clip(m.start, m.end), m.title) for m in record.music if m.start <= end)
    pauses = tuple(Span(*clip(p.start, p.end), "paused") for p in state.pauses)
    gaps = tuple(Span(*clip(g.down_since, g.recovered_at),
                      f"app down {format_minutes(g.recovered_at - g.down_since)}")
                 for g in state.gaps)
    doses = tuple(float(e.data["given_at"]) - start for e in state.doses)
    marks = [m for m in record.marks if m.kind in POINT_KINDS and m.at <= end + 1]
    points = tuple(_point(m, start) for m in marks)
    vitals = tuple(_vital(e, start, thresholds) for e in state.vitals)
    return TimelineData(start, length, _solid(phases), _solid(music), pauses, gaps, doses,
                        points, vitals, thresholds.alert_systolic)


def _point(mark: TimelineMark, start: float) -> Point:
    lane = ("notes" if mark.kind in NOTE_KINDS else "tags" if mark.kind in TAG_KINDS
            else "vitals" if mark.kind is EventKind.VITALS else "events")
    return Point(max(0.0, mark.at - start), mark.seq, lane, mark.text, mark.kind)


def _vital(event, start: float, t: VitalThresholds) -> VitalPoint:  # noqa: ANN001 - an Event
    d = event.data
    spo2 = d.get("spo2")
    alert = (d["systolic"] >= t.alert_systolic or d["diastolic"] >= t.alert_diastolic
             or d["heart_rate"] > t.alert_heart_rate
             or (spo2 is not None and spo2 < t.alert_spo2_below))
    return VitalPoint(max(0.0, event.at - start), event.seq, int(d["systolic"]),
                      int(d["diastolic"]), int(d["heart_rate"]),
                      None if spo2 is None else int(spo2), bool(alert))


def _solid(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """Spans with some length (a phase skipped at once has none to draw)."""
    return tuple(s for s in spans if s.end_s > s.start_s)
