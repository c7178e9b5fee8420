"""What review reads from a finished session's log: pure functions, no storage.

- `session_facts(script, events, now)`: the compact facts a history row shows
  (dose, length, every vitals reading, checkpoints that went overdue, phases
  ended early, app-down gaps, tags, note count, doses given although the
  client was not ready). Storage keeps them once per ended
  session, so a history of thousands of sessions opens without replaying one.
- `flags(facts, thresholds)`: what the history marks: a BP alert, a heart-rate
  or oxygen alert, an overdue checkpoint, a phase ended early, a gap, a dose
  given although the client was not ready (with the reason). Readings are
  kept raw in the facts and judged here against the practice's *current*
  thresholds, so changing a threshold in settings changes the flags at once.
- `music_spans(state)` / `playing_at(spans, t)`: what was playing when.
- `describe(event, script)`: one line of plain words per event, for exports.

An overdue checkpoint is one that was still open past its grace period at the
end of the session, or was answered only after its grace period had passed
("late"). Dismissing a checkpoint in time, with a reason, is not a flag.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, NamedTuple

from kapdesk.core import debrief
from kapdesk.core.adverse_events import AdverseEvent
from kapdesk.core.events import Event, EventKind
from kapdesk.core.formatting import dose_before, format_minutes, format_time_of_day, record_time
from kapdesk.core.script import Script
from kapdesk.core.timeline import SessionState, replay
from kapdesk.core.vitals import VitalThresholds

# Bump when `session_facts` changes what it computes: stored facts of an older
# version are recomputed on their next read.
FACTS_VERSION = 4  # 2: readiness overrides; 3: adverse events; 4: those added after signing


class Reading(NamedTuple):
    """One vitals reading, compact: stored in the facts as a list."""

    at: float
    systolic: int
    diastolic: int
    heart_rate: int
    spo2: int | None


@dataclass(frozen=True)
class Dose:
    drug: str
    mg: float
    route: str
    given_at: float

    @property
    def label(self) -> str:
        return f"{self.drug} {_number(self.mg)} mg {self.route}"


@dataclass(frozen=True)
class LateCheckpoint:
    label: str
    late_by_s: float | None  # None: never answered


@dataclass(frozen=True)
class SessionFacts:
    """The summary of one session as of `as_of`; `ended` facts never change again."""

    started_at: float | None
    ended_at: float | None
    ended: bool
    length_s: float | None  # start to end (pauses and gaps included); None while open
    doses: tuple[Dose, ...] = ()
    readings: tuple[Reading, ...] = ()
    late_checkpoints: tuple[LateCheckpoint, ...] = ()
    skipped_phases: tuple[str, ...] = ()
    gap_s: float = 0.0  # total time the app was down
    tags: tuple[str, ...] = ()  # distinct, in order of first use
    note_count: int = 0
    # Each readiness override in words: what was not ready, and the reason.
    overrides: tuple[str, ...] = ()
    # Each adverse event's title ("Nausea or vomiting (mild)"), in the order recorded.
    adverse: tuple[str, ...] = ()
    plan: str = ""  # the debrief's plan for integration, for the next dose's choice

    @property
    def dose_label(self) -> str:
        """"ketamine 150 mg sublingual", with a "+ 50 mg" per later dose; "" if none."""
        if not self.doses:
            return ""
        first, *more = self.doses
        return " + ".join([first.label, *(f"{_number(d.mg)} mg" for d in more)])

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": FACTS_VERSION, "started_at": self.started_at, "ended_at": self.ended_at,
            "ended": self.ended, "length_s": self.length_s,
            "doses": [[d.drug, d.mg, d.route, d.given_at] for d in self.doses],
            "readings": [list(r) for r in self.readings],
            "late_checkpoints": [[c.label, c.late_by_s] for c in self.late_checkpoints],
            "skipped_phases": list(self.skipped_phases), "gap_s": self.gap_s,
            "tags": list(self.tags), "note_count": self.note_count,
            "overrides": list(self.overrides), "adverse": list(self.adverse),
            "plan": self.plan,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SessionFacts:
        return cls(
            started_at=data["started_at"], ended_at=data["ended_at"], ended=bool(data["ended"]),
            length_s=data["length_s"],
            doses=tuple(Dose(str(a), float(b), str(c), float(d)) for a, b, c, d in data["doses"]),
            readings=tuple(Reading(*r) for r in data["readings"]),
            late_checkpoints=tuple(LateCheckpoint(str(a), b) for a, b in data["late_checkpoints"]),
            skipped_phases=tuple(data["skipped_phases"]), gap_s=float(data["gap_s"]),
            tags=tuple(data["tags"]), note_count=int(data["note_count"]),
            overrides=tuple(data.get("overrides") or ()),
            adverse=tuple(data.get("adverse") or ()),
            plan=str(data.get("plan") or ""),
        )


def session_facts(script: Script, events: Iterable[Event], now: float) -> SessionFacts:
    """The facts of a session from its log (see the module docstring)."""
    events = sorted(events, key=lambda e: e.seq)
    return facts_from_state(script, replay(script, events, now), events)


def facts_from_state(script: Script, state: SessionState, events: Iterable[Event]) -> SessionFacts:
    """The same, from a state already replayed (the timeline view has one)."""
    skipped = []
    # Read from the log itself, not the replayed state: an override stored
    # before the start (however it came there) is still a fact of the session.
    overrides = []
    for event in events:
        if event.kind is EventKind.READINESS_OVERRIDDEN:
            overrides.append(_override_words(event.data))
        if event.kind is EventKind.PHASE_SKIPPED:
            index = int(event.data["phase_index"])
            if index < len(script.phases) and script.phases[index].name not in skipped:
                skipped.append(script.phases[index].name)
    tags: dict[str, str] = {}
    for event in state.tags:
        tags.setdefault(str(event.data["tag"]).casefold(), str(event.data["tag"]))
    return SessionFacts(
        started_at=state.started_at, ended_at=state.ended_at, ended=state.ended,
        length_s=state.session_elapsed_s if state.ended else None,
        doses=tuple(Dose(str(e.data["drug"]), float(e.data["mg"]), str(e.data["route"]),
                         float(e.data["given_at"])) for e in state.doses),
        readings=tuple(reading_of(e) for e in state.vitals),
        late_checkpoints=_late_checkpoints(state),
        skipped_phases=tuple(skipped),
        gap_s=sum(g.recovered_at - g.down_since for g in state.gaps),
        tags=tuple(tags.values()), note_count=len(state.notes),
        overrides=tuple(overrides),
        adverse=tuple(AdverseEvent.from_data(e.data).title() for e in state.adverse),
        plan=str(((state.debrief or {}).get("fields") or {}).get("integration_plan") or "").strip(),
    )


def reading_of(event: Event) -> Reading:
    data = event.data
    spo2 = data.get("spo2")
    return Reading(event.at, int(data["systolic"]), int(data["diastolic"]),
                   int(data["heart_rate"]), None if spo2 is None else int(spo2))


def _late_checkpoints(state: SessionState) -> tuple[LateCheckpoint, ...]:
    late = []
    for status in state.checkpoints:
        overdue_at = status.overdue_at
        if overdue_at is None:
            continue  # its anchor never came (e.g. no dose): never due
        if status.status == "overdue":
            late.append(LateCheckpoint(status.checkpoint.label, None))
        elif status.resolved_at is not None and status.resolved_at > overdue_at:
            assert status.due_at is not None
            late.append(LateCheckpoint(status.checkpoint.label, status.resolved_at - status.due_at))
    return tuple(late)


# --- flags -----------------------------------------------------------------------

BP_ALERT = "bp_alert"
HEART_RATE_ALERT = "heart_rate_alert"
SPO2_ALERT = "spo2_alert"
OVERDUE_CHECKPOINT = "overdue_checkpoint"
SKIPPED_PHASE = "skipped_phase"
APP_GAP = "app_gap"
NOT_ENDED = "not_ended"
READINESS_OVERRIDE = "readiness_override"
ADVERSE_EVENT = "adverse_event"


class Flag(NamedTuple):
    code: str  # one of the constants above: for icons and colours
    label: str  # plain words for the row and its tooltip


def flags(facts: SessionFacts, thresholds: VitalThresholds = VitalThresholds()) -> tuple[Flag, ...]:
    """What a history row marks, judged against `thresholds` (see the module docstring)."""
    found = []
    t = thresholds
    bp = [r for r in facts.readings if r.systolic >= t.alert_systolic or r.diastolic >= t.alert_diastolic]
    if bp:
        worst = max(bp, key=lambda r: (r.systolic, r.diastolic))
        found.append(Flag(BP_ALERT, f"BP alert: {worst.systolic}/{worst.diastolic}"))
    fast = [r.heart_rate for r in facts.readings if r.heart_rate > t.alert_heart_rate]
    if fast:
        found.append(Flag(HEART_RATE_ALERT, f"Heart rate {max(fast)}"))
    low = [r.spo2 for r in facts.readings if r.spo2 is not None and r.spo2 < t.alert_spo2_below]
    if low:
        found.append(Flag(SPO2_ALERT, f"SpO2 {min(low)}%"))
    if facts.late_checkpoints:
        # An ended session's unanswered check is missed for good; an open one's is overdue.
        never = "missed" if facts.ended else "overdue"
        found.append(Flag(OVERDUE_CHECKPOINT, "Checks: " + ", ".join(
            f"{c.label} {never}" if c.late_by_s is None
            else f"{c.label} late by {round(c.late_by_s / 60)} min"
            for c in facts.late_checkpoints)))
    if facts.skipped_phases:
        found.append(Flag(SKIPPED_PHASE, "Ended early: " + ", ".join(facts.skipped_phases)))
    if facts.gap_s > 0:
        found.append(Flag(APP_GAP, f"App down {max(1, round(facts.gap_s / 60))} min"))
    for words in facts.overrides:
        found.append(Flag(READINESS_OVERRIDE, words))
    if facts.adverse:
        found.append(Flag(ADVERSE_EVENT, "Adverse event: " + ", ".join(facts.adverse)))
    if facts.started_at is not None and not facts.ended:
        found.append(Flag(NOT_ENDED, "Open — not ended"))
    return tuple(found)


# --- music -----------------------------------------------------------------------

class MusicSpan(NamedTuple):
    """A track as it was heard: from its start to its stop (or the session's end)."""

    start: float
    end: float | None
    title: str
    path: str
    playlist: str | int | None
    how_it_ended: str  # "stopped: <reason>", "failed: <message>", "silenced", "output lost",
    # "restarted", "session ended", or "" while still playing


def music_spans(state: SessionState) -> tuple[MusicSpan, ...]:
    """Every track that played, with when it stopped; silencing closes the open track."""
    spans: list[MusicSpan] = []
    open_spans: dict[str, int] = {}  # path -> index in spans

    def close(index: int, at: float, how: str) -> None:
        spans[index] = spans[index]._replace(end=at, how_it_ended=how)

    for event in state.music:
        data = event.data
        if event.kind is EventKind.TRACK_STARTED:
            path = str(data["path"])
            if path in open_spans:
                close(open_spans.pop(path), event.at, "restarted")
            open_spans[path] = len(spans)
            spans.append(MusicSpan(event.at, None, str(data.get("title") or path), path,
                                   data.get("playlist"), ""))
        elif event.kind in (EventKind.TRACK_STOPPED, EventKind.TRACK_FAILED):
            index = open_spans.pop(str(data["path"]), None)
            if index is not None:
                how = (f"stopped: {data.get('reason', '')}" if event.kind is EventKind.TRACK_STOPPED
                       else f"failed: {data.get('message', '')}")
                close(index, event.at, how.rstrip(": "))
        elif event.kind in (EventKind.MUSIC_SILENCED, EventKind.OUTPUT_LOST):
            how = "silenced" if event.kind is EventKind.MUSIC_SILENCED else "output lost"
            for index in open_spans.values():
                close(index, event.at, how)
            open_spans.clear()
    end = state.ended_at
    if end is not None:
        for index in open_spans.values():
            if spans[index].end is None:
                spans[index] = spans[index]._replace(end=max(end, spans[index].start),
                                                     how_it_ended="session ended")
    return tuple(spans)


def playing_at(spans: Iterable[MusicSpan], t: float) -> MusicSpan | None:
    """The track heard at wall time `t` (the latest started, in a crossfade), or None."""
    playing = [s for s in spans if s.start <= t and (s.end is None or t < s.end)]
    return max(playing, key=lambda s: s.start, default=None)


# --- words -----------------------------------------------------------------------

def describe(event: Event, script: Script | None = None, doses: Iterable[float] = (),
             tz: dt.tzinfo | None = None) -> str:
    """One plain line for an event, as a log, a report or a spreadsheet shows it.

    `doses` (the session's doses' given_at) time a moment the line names other
    than its own, as the record does ("Alert seen: BP 185/112 at 14:47 +0:42");
    clock times are in `tz` (the machine's zone by default).
    """
    d, kind = event.data, event.kind
    if kind is EventKind.ALERT_SEEN:
        reading_at = float(d["reading_at"])
        return (f"Alert seen: {d['what']} at "
                f"{record_time(reading_at, dose_before(doses, reading_at), tz)}")
    simple = _SIMPLE.get(kind)
    if simple is not None:
        return simple
    if kind is EventKind.VITALS:
        text = f"BP {d['systolic']}/{d['diastolic']}, HR {d['heart_rate']}"
        text += f", SpO2 {d['spo2']}%" if d.get("spo2") is not None else ""
        return text + (f" (reason: {d['reason']})" if d.get("reason") else "")
    if kind is EventKind.DOSE_GIVEN:
        unticked = ", ".join(d.get("unticked") or ())
        given_anyway = f" (not ticked: {unticked}; reason: {d.get('reason')})" if unticked else ""
        # Recorded later than given (or given before Start): the line says when it was given.
        given = float(d["given_at"])
        when = f", given {format_time_of_day(given, tz)}" if abs(event.at - given) >= 60 else ""
        return f"Dose: {d['drug']} {_number(d['mg'])} mg {d['route']}{when}{given_anyway}"
    if kind in (EventKind.PHASE_SKIPPED, EventKind.PHASE_EXTENDED):
        name = _phase_name(script, int(d["phase_index"]))
        if kind is EventKind.PHASE_SKIPPED:
            return f"Phase ended early: {name}"
        # No "+" here: in a record "+0:42" is the time since the dose.
        return f"Phase extended: {name}, {round(int(d['seconds']) / 60)} min more"
    if kind in (EventKind.CHECKPOINT_DONE, EventKind.CHECKPOINT_DISMISSED):
        checkpoint = script.checkpoint(str(d["checkpoint_id"])) if script else None
        label = checkpoint.label if checkpoint else str(d["checkpoint_id"])
        if kind is EventKind.CHECKPOINT_DONE:
            return f"Checkpoint done: {label}"
        return f"Checkpoint set aside: {label} ({d['reason']})"
    return _describe_record(event, tz)


_SIMPLE: Mapping[EventKind, str] = {
    EventKind.MUSIC_SILENCED: "Music silenced", EventKind.MUSIC_RESUMED: "Music back on",
    EventKind.PAUSED: "Paused", EventKind.RESUMED: "Resumed",
    EventKind.SESSION_ENDED: "Session ended",
}


def _describe_record(event: Event, tz: dt.tzinfo | None) -> str:
    d, kind = event.data, event.kind
    if kind is EventKind.SESSION_STARTED:
        return f"Session started: {d['script'].get('name', '')}"
    if kind is EventKind.NOTE:
        return str(d["text"])
    if kind is EventKind.TAG:
        return f"Tag: {d['tag']}"
    if kind is EventKind.INTENTION_UPDATED:
        return f"Intention: {d['text']}"
    if kind is EventKind.DISCHARGE_CHECKED and "left_at" in d:
        return departure_words(d, tz)
    if kind in (EventKind.CHECKLIST_TICKED, EventKind.DISCHARGE_CHECKED):
        which = "Checklist" if kind is EventKind.CHECKLIST_TICKED else "Discharge check"
        return f"{which}: {d['item']} — {'yes' if d['checked'] else 'no'}"
    if kind is EventKind.DEBRIEF_SAVED:
        return "Debrief: " + (debrief.one_line(d) or "saved with nothing written")
    if kind is EventKind.APP_RECOVERED:
        return gap_words(float(d["down_since"]), event.at, tz)
    if kind is EventKind.DIM_CHANGED:
        if d.get("why") == "alert":
            return "Dimming lifted by the safety alert"
        return _DIM_WORDS.get(str(d["level"]), "Dimming changed")
    if kind is EventKind.TRACK_STARTED:
        return f"Track started: {d.get('title') or d['path']}"
    if kind is EventKind.TRACK_STOPPED:
        return f"Track stopped: {d['path']} ({d.get('reason', '')})"
    if kind is EventKind.TRACK_FAILED:
        return f"Track failed: {d.get('path', '')} ({d.get('message', '')})"
    if kind is EventKind.VOLUME_CHANGED:
        return f"Volume {round(float(d['volume']) * 100)}%"
    if kind is EventKind.OUTPUT_LOST:
        return f"Audio output lost: {d.get('message', '')}"
    if kind is EventKind.SIGNED:
        return f"Signed by {d['by']}"
    if kind is EventKind.ADDENDUM:
        return f"Addendum by {d['author']}: {d['text']}"
    if kind is EventKind.READINESS_OVERRIDDEN:
        return _override_words(d)
    if kind is EventKind.ADVERSE_EVENT:
        return AdverseEvent.from_data(d).words(tz)
    if kind is EventKind.ADVERSE_RESOLVED:
        return f"Adverse event (#{d['adverse_seq']}) resolved at " \
               f"{format_time_of_day(float(d['resolved_at']), tz)}"
    if kind is EventKind.GROUNDING_OPENED:
        return "Grounding screen opened"
    if kind is EventKind.GROUNDING_CLOSED:
        return f"Grounding screen closed after {d['steps_seen']} of 5 steps"
    # A kind this module has no words for yet still reads as words, not as a name.
    return kind.value.replace("_", " ").capitalize()


def _override_words(data: Mapping[str, Any]) -> str:
    # Imported here: the readiness rules (and the rating scales under them) load
    # only when a log holds an override, not with every room and review screen.
    from kapdesk.core.readiness import override_words

    return override_words(data)


_DIM_WORDS = {"off": "Dimming off", "dim": "Screen dimmed", "dimmer": "Screen dimmed further"}


def gap_words(down_since: float, back_at: float, tz: dt.tzinfo | None = None) -> str:
    """"The app was not running from 14:02 to 14:07 (5 min); nothing was recorded then"."""
    down = back_at - down_since
    length = format_minutes(down) if down >= 60 else f"{max(0, int(down))} s"
    return (f"The app was not running from {format_time_of_day(down_since, tz)} "
            f"to {format_time_of_day(back_at, tz)} ({length}); nothing was recorded then")


def departure_words(data: Mapping[str, Any], tz: dt.tzinfo | None = None) -> str:
    """"Left the practice at 15:20 with her partner": the discharge's last line."""
    with_whom = str(data.get("left_with") or "").strip()
    return (f"Left the practice at {format_time_of_day(float(data['left_at']), tz)}"
            + (f" with {with_whom}" if with_whom else ""))


def _phase_name(script: Script | None, index: int) -> str:
    if script is not None and 0 <= index < len(script.phases):
        return script.phases[index].name
    return f"phase {index + 1}"


def _number(value: float) -> str:
    return f"{value:g}"


@dataclass(frozen=True)
class TimelineMark:
    """A point on the review timeline: a note, tag, reading, dose, addendum..."""

    at: float
    elapsed_s: float
    kind: EventKind
    text: str
    seq: int
    extra: Mapping[str, Any] = field(default_factory=dict)


# Records shows every event the room's log showed (pauses, silence, ticks, music...):
# every kind but the two that only repeat what the track list already says.
UNLISTED_KINDS = frozenset({EventKind.TRACK_STOPPED, EventKind.VOLUME_CHANGED})
MARK_KINDS = frozenset(kind for kind in EventKind if kind not in UNLISTED_KINDS)


def timeline_marks(script: Script, state: SessionState, events: Iterable[Event]) -> tuple[TimelineMark, ...]:
    """The points the review timeline shows, in time order, with their elapsed time."""
    start = state.started_at or 0.0
    doses = [float(e.data["given_at"]) for e in state.doses]
    return tuple(
        TimelineMark(e.at, e.at - start, e.kind, describe(e, script, doses), e.seq)
        for e in sorted(events, key=lambda e: e.seq) if e.kind in MARK_KINDS)
