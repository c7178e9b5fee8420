"""The session timeline: everything the screen shows, computed from the log.

`replay(script, events, now)` is a pure function from the script, the
session's events and the wall time to a `SessionState`. Nothing is counted
by timer ticks, so a crash, a sleeping laptop or a slow UI cannot make the
display drift: the same log read at the same instant always gives the same
answer, live or years later in review.

Rules, in brief (the tests spell them out):
- Events apply in seq order. An event stamped earlier than the one before it
  (system clock set back) counts as happening at its predecessor's time.
  Events after `now` have not happened yet as of `now` and are left out,
  so `replay(..., t)` is the session as it stood at `t`.
- The phase clock runs only while not paused; a phase whose planned time
  (plus extensions) is used up hands over to the next at that exact instant.
  The last phase never hands over: it runs into overtime.
- Session time and time since the dose are wall time and include pauses and
  the time the app was down (the client was still in the room).
- After `session_ended` nothing advances: the state is frozen at `ended_at`.
- A vitals reading answers the open vitals checkpoint nearest in time that
  is due, overdue or at most five minutes ahead (see checkpoints.py).
- The room's state survives a crash with the log: the dim level (F9) and
  the safety alerts acknowledged (F12), by the seq of their reading.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping, NamedTuple

from kapdesk.core.checkpoints import (
                                      Anchors, CheckpointStatus, Resolution, checkpoint_statuses, next_due,
                                      vitals_checkpoint_answered,
                                      )
from kapdesk.core.events import ADVERSE_KINDS, MUSIC_KINDS, REVIEW_KINDS, Event, EventKind
from kapdesk.core.phase_clock import PhaseClock, PhaseSpan
from kapdesk.core.script import Phase, Script


class Interval(NamedTuple):
    """A pause: wall start and end (None while still paused)."""

    start: float
    end: float | None


class Gap(NamedTuple):
    """Time the app was not running (crash, power cut), from app_recovered."""

    down_since: float
    recovered_at: float


@dataclass(frozen=True)
class SessionState:
    """The session as it stands at `as_of` (= `now`, or `ended_at` once ended)."""

    started: bool
    started_at: float | None
    client_id: int | str | None
    now: float
    as_of: float
    session_elapsed_s: float  # wall time since the start, pauses and app-down gaps included
    phase_index: int
    phase: Phase
    phase_elapsed_s: float  # active (unpaused) time in the current phase
    phase_planned_s: int  # planned + extensions
    phase_remaining_s: float  # negative in the last phase = overtime
    is_last_phase: bool
    phases_planned_s: tuple[int, ...]  # every phase's planned + extensions
    phase_spans: tuple[PhaseSpan, ...]
    paused: bool
    pauses: tuple[Interval, ...]
    gaps: tuple[Gap, ...]
    ended: bool
    ended_at: float | None
    dose_at: float | None  # given_at of the latest dose
    since_dose_s: float | None
    checkpoints: tuple[CheckpointStatus, ...]
    next_due: CheckpointStatus | None
    position_s: float  # planned seconds of the script behind us; never decreases
    planned_total_s: int
    progress: float  # position_s / planned_total_s, 0..1 (drops when a phase is extended)
    intention: str
    doses: tuple[Event, ...]
    notes: tuple[Event, ...]
    tags: tuple[Event, ...]
    vitals: tuple[Event, ...]
    checklist: Mapping[str, bool]
    discharge_checks: Mapping[str, bool]
    debrief: Mapping[str, Any] | None  # {"fields": {...}, "free_text": "..."}
    music: tuple[Event, ...]  # every music event, for "what played when"
    now_playing: Mapping[str, Any] | None  # data of the track_started still playing
    music_silenced: bool
    volume: float | None
    dim_level: str  # the room's veil: one of events.DIM_LEVELS
    alerts_seen: Mapping[int, float]  # vitals seq -> when its alert was acknowledged
    overrides: tuple[Event, ...]  # readiness_overridden: dosed although not ready, and why
    adverse: tuple[Event, ...]  # adverse_event, in the order recorded
    adverse_resolved: Mapping[int, float]  # adverse_event seq -> resolved at, learnt later
    groundings: tuple[Event, ...]  # grounding_opened and grounding_closed
    signed_by: str | None
    signed_at: float | None
    addenda: tuple[Event, ...]
    last_seq: int  # seq of the last event applied; 0 when none


class _Fold:
    """Applies events in order; `_state(fold, now)` then describes the result."""

    def __init__(self, script: Script) -> None:
        if not script.phases:
            raise ValueError("A script without phases cannot be replayed.")
        self.script = script
        self.clock: PhaseClock | None = None
        self.started_at: float | None = None
        self.client_id: int | str | None = None
        self.ended_at: float | None = None
        self.dose_at: float | None = None
        self.pauses: list[Interval] = []
        self.gaps: list[Gap] = []
        self.resolutions: dict[str, Resolution] = {}
        self.lists: dict[str, list[Event]] = {
            key: [] for key in ("doses", "notes", "tags", "vitals", "music", "overrides",
                                "addenda", "adverse", "groundings")}
        self.adverse_resolved: dict[int, float] = {}
        self.intention = ""
        self.checklist: dict[str, bool] = {}
        self.discharge: dict[str, bool] = {}
        self.debrief: dict[str, Any] | None = None
        self.now_playing: dict[str, Any] | None = None
        self.silenced = False
        self.volume: float | None = None
        self.dim_level = "off"
        self.alerts_seen: dict[int, float] = {}
        self.signed: tuple[str, float] | None = None
        self.last_seq = 0

    def apply(self, event: Event, t: float) -> None:
        if self.clock is None:
            if event.kind is EventKind.SESSION_STARTED:
                self._started(event, t)
        elif self.ended_at is not None:
            # After the end only the record grows: music fading out, signature, addenda,
        # adverse events learnt of later.
            if event.kind in REVIEW_KINDS or event.kind in MUSIC_KINDS or event.kind in ADVERSE_KINDS:
                _HANDLERS[event.kind](self, event, t)
        elif event.kind is not EventKind.SESSION_STARTED:
            self.clock.advance_to(t)
            _HANDLERS[event.kind](self, event, t)
        self.last_seq = event.seq

    def anchors(self) -> Anchors:
        starts = self.clock.phase_starts() if self.clock else {}
        return Anchors(self.started_at, self.dose_at, starts)

    # --- timing ---------------------------------------------------------

    def _started(self, event: Event, t: float) -> None:
        self.started_at = t
        self.client_id = event.data.get("client_id")
        self.clock = PhaseClock([p.planned_s for p in self.script.phases], t)

    def _paused(self, event: Event, t: float) -> None:
        if self.clock and self.clock.running_since is not None:
            self.clock.pause(t)
            self.pauses.append(Interval(t, None))

    def _resumed(self, event: Event, t: float) -> None:
        if self.clock and self.clock.running_since is None:
            self.clock.resume(t)
            self.pauses[-1] = Interval(self.pauses[-1].start, t)

    def _extended(self, event: Event, t: float) -> None:
        assert self.clock
        self.clock.extend(int(event.data["phase_index"]), int(event.data["seconds"]))

    def _skipped(self, event: Event, t: float) -> None:
        assert self.clock
        self.clock.skip(int(event.data["phase_index"]), t)

    def _ended(self, event: Event, t: float) -> None:
        self.ended_at = t
        if self.pauses and self.pauses[-1].end is None:
            self.pauses[-1] = Interval(self.pauses[-1].start, t)

    def _recovered(self, event: Event, t: float) -> None:
        self.gaps.append(Gap(min(float(event.data["down_since"]), t), t))

    def _dose(self, event: Event, t: float) -> None:
        self.lists["doses"].append(event)
        self.dose_at = float(event.data["given_at"])

    # --- checkpoints ----------------------------------------------------

    def _vitals(self, event: Event, t: float) -> None:
        self.lists["vitals"].append(event)
        answered = vitals_checkpoint_answered(
            self.script.checkpoints, self.anchors(), self.resolutions, t)
        if answered is not None:
            self.resolutions[answered] = Resolution("done", t)

    def _checkpoint_done(self, event: Event, t: float) -> None:
        self._resolve(event.data["checkpoint_id"], Resolution("done", t))

    def _checkpoint_dismissed(self, event: Event, t: float) -> None:
        reason = str(event.data["reason"])
        self._resolve(event.data["checkpoint_id"], Resolution("dismissed", t, reason))

    def _resolve(self, checkpoint_id: str, resolution: Resolution) -> None:
        # The first answer stands: a record is not overwritten by a later click.
        if self.script.checkpoint(checkpoint_id) and checkpoint_id not in self.resolutions:
            self.resolutions[checkpoint_id] = resolution

    # --- the record -----------------------------------------------------

    def _intention(self, event: Event, t: float) -> None:
        self.intention = str(event.data["text"])

    def _checklist(self, event: Event, t: float) -> None:
        self.checklist[str(event.data["item"])] = bool(event.data["checked"])

    def _discharge(self, event: Event, t: float) -> None:
        self.discharge[str(event.data["item"])] = bool(event.data["checked"])

    def _debrief(self, event: Event, t: float) -> None:
        self.debrief = {"fields": dict(event.data["fields"]),
                        "free_text": str(event.data["free_text"])}

    def _music(self, event: Event, t: float) -> None:
        self.lists["music"].append(event)
        kind, data = event.kind, event.data
        if kind is EventKind.TRACK_STARTED:
            self.now_playing = dict(data)
        elif kind in (EventKind.TRACK_STOPPED, EventKind.TRACK_FAILED):
            # In a crossfade the next track starts before the last one stops.
            if self.now_playing and self.now_playing.get("path") == data.get("path"):
                self.now_playing = None
        elif kind is EventKind.OUTPUT_LOST:
            self.now_playing = None
        elif kind in (EventKind.MUSIC_SILENCED, EventKind.MUSIC_RESUMED):
            self.silenced = kind is EventKind.MUSIC_SILENCED
        elif kind is EventKind.VOLUME_CHANGED:
            self.volume = float(data["volume"])

    def _dim(self, event: Event, t: float) -> None:
        self.dim_level = str(event.data["level"])

    def _alert_seen(self, event: Event, t: float) -> None:
        # The first acknowledgement stands, like a checkpoint's first answer.
        self.alerts_seen.setdefault(int(event.data["vitals_seq"]), t)

    def _signed(self, event: Event, t: float) -> None:
        self.signed = (str(event.data["by"]), t)

    def _addendum(self, event: Event, t: float) -> None:
        self.lists["addenda"].append(event)
        # An adverse event learnt of after signing is an addendum carrying the event
        # (a signed log takes nothing else): it counts as the session's adverse event too.
        carried = event.data.get("adverse_event")
        if isinstance(carried, Mapping):
            self.lists["adverse"].append(Event(event.seq, EventKind.ADVERSE_EVENT, event.at, carried))

    def _adverse_resolved(self, event: Event, t: float) -> None:
        # The first resolution counts; the runner refuses a second.
        self.adverse_resolved.setdefault(int(event.data["adverse_seq"]),
                                         float(event.data["resolved_at"]))


Handler = Callable[[_Fold, Event, float], None]


def _append_to(key: str) -> Handler:
    """A handler that only keeps the event in one of the state's lists."""
    def handler(fold: _Fold, event: Event, t: float) -> None:
        fold.lists[key].append(event)
    return handler


_HANDLERS: Mapping[EventKind, Handler] = {
    EventKind.INTENTION_UPDATED: _Fold._intention,
    EventKind.DOSE_GIVEN: _Fold._dose,
    EventKind.CHECKLIST_TICKED: _Fold._checklist,
    EventKind.PAUSED: _Fold._paused,
    EventKind.RESUMED: _Fold._resumed,
    EventKind.PHASE_EXTENDED: _Fold._extended,
    EventKind.PHASE_SKIPPED: _Fold._skipped,
    EventKind.NOTE: _append_to("notes"),
    EventKind.TAG: _append_to("tags"),
    EventKind.VITALS: _Fold._vitals,
    EventKind.CHECKPOINT_DONE: _Fold._checkpoint_done,
    EventKind.CHECKPOINT_DISMISSED: _Fold._checkpoint_dismissed,
    EventKind.DEBRIEF_SAVED: _Fold._debrief,
    EventKind.DISCHARGE_CHECKED: _Fold._discharge,
    EventKind.APP_RECOVERED: _Fold._recovered,
    EventKind.SESSION_ENDED: _Fold._ended,
    **{kind: _Fold._music for kind in MUSIC_KINDS},
    EventKind.DIM_CHANGED: _Fold._dim,
    EventKind.ALERT_SEEN: _Fold._alert_seen,
    EventKind.SIGNED: _Fold._signed,
    EventKind.READINESS_OVERRIDDEN: _append_to("overrides"),
    EventKind.ADDENDUM: _Fold._addendum,
    EventKind.ADVERSE_EVENT: _append_to("adverse"),
    EventKind.ADVERSE_RESOLVED: _Fold._adverse_resolved,
    EventKind.GROUNDING_OPENED: _append_to("groundings"),
    EventKind.GROUNDING_CLOSED: _append_to("groundings"),
}


def replay(script: Script, events: Iterable[Event], now: float) -> SessionState:
    """The session as it stands at wall time `now` (see the module docstring)."""
    fold = _Fold(script)
    previous = float("-inf")
    for event in sorted(events, key=lambda e: e.seq):
        at = max(event.at, previous)
        if at > now:
            break  # this and every later event had not happened yet at `now`
        fold.apply(event, at)
        previous = at
    return _state(fold, now)


class LiveReplay:
    """`replay` for a log that only grows, folding each event once.

    A running session is replayed every second; folding the whole log each
    time costs more the longer the session runs. This keeps the fold of the
    events seen so far and adds new ones as they come, so a state costs the
    same at any hour. `state(events, now)` always equals
    `replay(script, events, now)`: when `now` lies before the last event or
    the log is not the one folded so far plus new events at its end, it
    replays in full.
    """

    def __init__(self, script: Script) -> None:
        self._script = script
        self._start_over()

    def _start_over(self) -> None:
        self._fold = _Fold(self._script)
        self._folded: list[Event] = []  # the events applied, in seq order
        self._previous = float("-inf")  # effective time of the last applied event
        self._record: dict[str, Any] | None = None  # _record(fold) since the last event
        # The last full state, its advanced phase clock, and the instant before
        # which only its clocks move (see _steady_until).
        self._steady: tuple[SessionState, PhaseClock, float] | None = None

    def state(self, events: list[Event], now: float) -> SessionState:
        """`events` in seq order, as the runner keeps them."""
        if not self._extends(events):
            self._start_over()
        for event in events[len(self._folded):]:
            if max(event.at, self._previous) > now:
                return replay(self._script, events, now)  # asked about the past
            self._previous = max(event.at, self._previous)
            self._fold.apply(event, self._previous)
            self._folded.append(event)
            self._record, self._steady = None, None
        if now < self._previous:
            return replay(self._script, events, now)
        if self._steady is not None and self._steady[0].as_of <= now < self._steady[2]:
            # Most ticks: no phase hands over and no checkpoint changes standing,
            # so only the clocks move; the rest of the last full state stands.
            last, clock, _until = self._steady
            return _clocks_moved(last, clock, now)
        if self._record is None:
            self._record = _record(self._fold)
        state, clock = _full_state(self._fold, now, self._record)
        if state.started and not state.ended:
            self._steady = (state, clock, _steady_until(state, clock))
        return state

    def _extends(self, events: list[Event]) -> bool:
        count = len(self._folded)
        return len(events) >= count and (count == 0 or events[count - 1] is self._folded[-1])


def script_from_events(events: Iterable[Event]) -> Script | None:
    """The script snapshot a session started with, or None before it started."""
    for event in sorted(events, key=lambda e: e.seq):
        if event.kind is EventKind.SESSION_STARTED:
            return Script.from_dict(event.data["script"])
    return None


def _state(fold: _Fold, now: float) -> SessionState:
    return _full_state(fold, now, None)[0]


def _full_state(fold: _Fold, now: float,
                record: Mapping[str, Any] | None) -> tuple[SessionState, PhaseClock]:
    """The state at `now`, and the phase clock advanced to it."""
    # The fold's own clock is left as the events put it (LiveReplay keeps the
    # fold for the next event): the time since the last event runs on a copy.
    if fold.clock is None:
        clock = PhaseClock([p.planned_s for p in fold.script.phases], now)
        clock.pause(now)  # before the start nothing runs
    else:
        clock = fold.clock.copy()
    as_of = now if fold.ended_at is None else fold.ended_at
    clock.advance_to(as_of)
    anchors = Anchors(fold.started_at, fold.dose_at, clock.phase_starts() if fold.clock else {})
    statuses = checkpoint_statuses(fold.script.checkpoints, anchors, fold.resolutions, as_of)
    return SessionState(
        **_timing(fold, clock, now, as_of),
        checkpoints=statuses,
        next_due=None if fold.ended_at is not None else next_due(statuses),
        **(_record(fold) if record is None else record),
    ), clock


def _steady_until(state: SessionState, clock: PhaseClock) -> float:
    """The first instant after `state` at which more than its clocks changes.

    The phase hands over, or a checkpoint falls due or overdue (the same
    sums as `PhaseClock.advance_to` and `checkpoints.status_at` make, so the
    instant is exact). Until then, with no new event, the state differs only
    in its elapsed and remaining times.
    """
    times = [s.due_at for s in state.checkpoints if s.status == "upcoming" and s.due_at is not None]
    times += [s.overdue_at for s in state.checkpoints if s.status == "due" and s.overdue_at is not None]
    handover = clock.handover_at()
    if handover is not None:
        times.append(handover)
    return min(times, default=math.inf)


def _clocks_moved(last: SessionState, clock: PhaseClock, now: float) -> SessionState:
    """`last`, a running session's state, with its clocks moved on to `now`.

    For an instant before `_steady_until(last, clock)` with no new event: only
    these fields differ from `last`, with the values `_timing` gives them. The
    rest (immutable, or never mutated once in a state) are shared. Built
    without the 40-field __init__ because it runs every second on an idle
    screen; `LiveReplay`'s tests check it against a fresh replay.
    """
    elapsed = clock.elapsed(now)
    planned = last.phase_planned_s
    position = clock.position(now)
    total = last.planned_total_s
    state = object.__new__(SessionState)
    fields = state.__dict__
    fields.update(last.__dict__)
    fields.update(
        now=now, as_of=now, session_elapsed_s=now - last.started_at,
        phase_elapsed_s=elapsed, phase_remaining_s=planned - elapsed,
        since_dose_s=None if last.dose_at is None else now - last.dose_at,
        position_s=position, progress=min(1.0, max(0.0, position / total)) if total > 0 else 0.0,
    )
    return state


def _timing(fold: _Fold, clock: PhaseClock, now: float, as_of: float) -> dict[str, Any]:
    started = fold.started_at is not None
    index, planned = clock.index, clock.planned
    elapsed = clock.elapsed(as_of)
    total = sum(planned)
    position = clock.position(as_of) if started else 0.0
    return dict(
        started=started, started_at=fold.started_at, client_id=fold.client_id,
        now=now, as_of=as_of,
        session_elapsed_s=as_of - fold.started_at if fold.started_at is not None else 0.0,
        phase_index=index, phase=fold.script.phases[index], phase_elapsed_s=elapsed,
        phase_planned_s=planned[index], phase_remaining_s=planned[index] - elapsed,
        is_last_phase=index == clock.last_index, phases_planned_s=tuple(planned),
        phase_spans=clock.spans(fold.ended_at) if started else (),
        paused=started and fold.ended_at is None and clock.running_since is None,
        pauses=tuple(fold.pauses), gaps=tuple(fold.gaps),
        ended=fold.ended_at is not None, ended_at=fold.ended_at, dose_at=fold.dose_at,
        since_dose_s=None if fold.dose_at is None else as_of - fold.dose_at,
        position_s=position, planned_total_s=total,
        progress=min(1.0, max(0.0, position / total)) if total > 0 else 0.0,
    )


def _record(fold: _Fold) -> dict[str, Any]:
    lists = {key: tuple(events) for key, events in fold.lists.items()}
    return dict(
        intention=fold.intention, **lists,
        checklist=dict(fold.checklist), discharge_checks=dict(fold.discharge),
        debrief=fold.debrief, now_playing=fold.now_playing, music_silenced=fold.silenced,
        volume=fold.volume, dim_level=fold.dim_level, alerts_seen=dict(fold.alerts_seen),
        adverse_resolved=dict(fold.adverse_resolved),
        signed_by=fold.signed[0] if fold.signed else None,
        signed_at=fold.signed[1] if fold.signed else None, last_seq=fold.last_seq,
    )
