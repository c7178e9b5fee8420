"""The live session: the therapist's commands, each stored before it shows.

`SessionRunner` is what the UI drives. Every command checks the current
state, commits its event through the `EventSink` first, and only then keeps
the event: the screen never shows anything that is not stored. If the commit
fails, the runner is unchanged and the error reaches the UI. Refused commands
raise `SessionCommandError` with a message fit to show the therapist.

What the screen shows is `state()`, which is `replay` of the stored events
(through `LiveReplay`, which folds each event once instead of every second):
the runner adds no state of its own, so a resumed session (after a crash) is
the same object as one that never stopped.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping

from kapdesk.core.adverse_events import AdverseEvent, adverse_problems
from kapdesk.core.clock import Clock
from kapdesk.core.events import (
                                 DEPARTURE_ITEM, DIM_LEVELS, MUSIC_KINDS, Event, EventKind, EventSink, event_data_problems,
                                 )
from kapdesk.core.formatting import resume_summary
from kapdesk.core.script import Script, script_problems
from kapdesk.core.timeline import LiveReplay, SessionState, script_from_events
from kapdesk.core.vitals import VitalsError, VitalsReading, check_reading

if TYPE_CHECKING:
    from kapdesk.core.readiness import Readiness

# Therapists sometimes press Start only after giving the dose; a dose time up
# to this long before the start is accepted, anything earlier is a typo.
DOSE_BEFORE_START_S = 3600
# A guard against a slip of the finger (an extra zero), not a clinical rule.
MAX_EXTENSION_S = 4 * 3600


class SessionCommandError(ValueError):
    """A command that cannot be carried out now; the message says why."""


class SessionRunner:
    """One session, new or resumed, driven by commands from the UI.

    When resuming (`events` given), the script snapshot stored in the
    `session_started` event is used: a script edited since then does not
    change a session that began with the old one.
    """

    def __init__(self, script: Script, clock: Clock, sink: EventSink,
                 events: Iterable[Event] = ()) -> None:
        stored = sorted(events, key=lambda e: e.seq)
        snapshot = script_from_events(stored)
        if stored and snapshot is None:
            raise ValueError("Stored events of a session must begin with session_started.")
        if any(a.seq >= b.seq for a, b in zip(stored, stored[1:])):
            raise ValueError("Stored events have repeated sequence numbers.")
        self._script = snapshot or script
        self._clock, self._sink = clock, sink
        self._events: list[Event] = stored
        self._replay = LiveReplay(self._script)
        self._cache: tuple[tuple[int, float], SessionState] | None = None
        self._last_read: tuple[float, float] | None = None  # (instant used, monotonic then)

    # --- reading ------------------------------------------------------------

    @property
    def script(self) -> Script:
        return self._script

    @property
    def events(self) -> tuple[Event, ...]:
        return tuple(self._events)

    def now(self) -> float:
        """The wall time, kept from running backwards.

        If the system clock is set back mid-session, the wall reading would make
        the display run backwards and stamp new events before old ones. So the
        runner carries on from the last instant it used, by the monotonic clock,
        until the wall clock is ahead again; forward jumps and sleep (when the
        monotonic clock may stop) follow the wall clock at once.
        """
        wall, mono = self._clock.now(), self._clock.monotonic()
        latest = self._events[-1].at if self._events else wall
        by_mono = latest if self._last_read is None else (
            self._last_read[0] + max(0.0, mono - self._last_read[1]))
        at = max(wall, latest, by_mono)
        self._last_read = (at, mono)
        return at

    def state(self, now: float | None = None) -> SessionState:
        """replay(script, events, now); `now` defaults to `self.now()`."""
        at = self.now() if now is None else now
        key = (len(self._events), at)
        if self._cache is None or self._cache[0] != key:
            # The UI asks several times per tick; one replay per instant is enough.
            self._cache = (key, self._replay.state(self._events, at))
        return self._cache[1]

    def resume_summary(self) -> str:
        """"Lying-down journey, 42:10 elapsed": for the offer to resume after a crash."""
        return resume_summary(self.state())

    # --- the session's course -------------------------------------------------

    def start(self, client_id: int | str) -> Event:
        if self._events:
            raise SessionCommandError("This session has already started.")
        problems = script_problems(self._script)
        if problems:
            raise SessionCommandError("This script cannot run: " + " ".join(problems))
        if isinstance(client_id, str):
            client_id = client_id.strip()
        data = {"script": self._script.to_dict(), "client_id": client_id}
        return self._commit(EventKind.SESSION_STARTED, self.now(), data)

    def pause(self) -> Event:
        at, state = self._live()
        if state.paused:
            raise SessionCommandError("The session is already paused.")
        return self._commit(EventKind.PAUSED, at, {})

    def resume(self) -> Event:
        at, state = self._live()
        if not state.paused:
            raise SessionCommandError("The session is not paused.")
        return self._commit(EventKind.RESUMED, at, {})

    def toggle_pause(self) -> Event:
        """One key for both: pause when running, resume when paused."""
        return self.resume() if self._live()[1].paused else self.pause()

    def extend(self, seconds: int = 300) -> Event:
        """Give the current phase more time (5 minutes by default)."""
        at, state = self._live()
        if isinstance(seconds, bool) or not isinstance(seconds, int) or seconds <= 0:
            raise SessionCommandError("Extend by a whole number of seconds, more than zero.")
        if seconds > MAX_EXTENSION_S:
            raise SessionCommandError("Extend by at most four hours at a time.")
        data = {"phase_index": state.phase_index, "seconds": seconds}
        return self._commit(EventKind.PHASE_EXTENDED, at, data)

    def skip_phase(self) -> Event:
        """End the current phase now and begin the next."""
        at, state = self._live()
        if state.is_last_phase:
            raise SessionCommandError("This is the last phase; end the session instead.")
        return self._commit(EventKind.PHASE_SKIPPED, at, {"phase_index": state.phase_index})

    def end(self) -> Event:
        at, _state = self._live()
        return self._commit(EventKind.SESSION_ENDED, at, {})

    def mark_recovered(self, down_since: float) -> Event:
        """Record that the app was not running from `down_since` until now."""
        at, state = self._live()
        if not _finite(down_since) or not (state.started_at or 0.0) <= down_since <= at:
            raise SessionCommandError("The app cannot have stopped before the session "
                                      "started or after now.")
        return self._commit(EventKind.APP_RECOVERED, at, {"down_since": float(down_since)})

    # --- care -------------------------------------------------------------------

    def update_intention(self, text: str) -> Event:
        at, _state = self._live()
        return self._commit(EventKind.INTENTION_UPDATED, at, {"text": text.strip()})

    def record_dose(self, drug: str, mg: float, route: str, given_at: float | None = None,
                    unticked: Iterable[str] = (), reason: str | None = None,
                    readiness: Mapping[str, Any] | None = None) -> Event:
        """Store the dose; `unticked` checklist items need a `reason` to dose anyway.

        `readiness` is `Readiness.snapshot()` as it stood at the dose: stored in
        the dose's own event, so the record can never hold a dose without it
        (core/readiness_record.py reads it back)."""
        at, state = self._live()
        given = at if given_at is None else given_at
        if not drug.strip() or not route.strip():
            raise SessionCommandError("Name the drug and the route, e.g. ketamine, sublingual.")
        if isinstance(mg, bool) or not isinstance(mg, (int, float)) or not _finite(mg) or mg <= 0:
            raise SessionCommandError("The dose must be a number of milligrams above zero.")
        if not _finite(given) or given > at:
            raise SessionCommandError("The dose time cannot be in the future.")
        if given < (state.started_at or at) - DOSE_BEFORE_START_S:
            raise SessionCommandError("The dose time is more than an hour before the session "
                                      "started; check the time.")
        data = {"drug": drug.strip(), "mg": mg, "route": route.strip(), "given_at": float(given)}
        missing = [item.strip() for item in unticked if item.strip()]
        if missing:
            if not (reason or "").strip():
                raise SessionCommandError(f"Not ticked: {', '.join(missing)}. Say why the dose "
                                          "is given anyway.")
            data.update(unticked=missing, reason=(reason or "").strip())
        if readiness is not None:  # checked with the rest: an object, or refused
            data["readiness"] = dict(readiness) if isinstance(readiness, Mapping) else readiness
        return self._commit(EventKind.DOSE_GIVEN, at, data)

    def skips_to_dose_phase(self) -> Iterator[Event]:
        """Move on to the script's dose phase if it has not begun: the
        `phase_skipped` of each phase passed over, stored one by one.

        The phases run by the clock, but a dose given early in the check-in
        means the dose phase has in fact begun; the log then says so. Each skip
        is stored and kept before it is yielded, so a screen can show every
        phase passed (and the music can follow it) just as if the therapist had
        skipped them; nothing is stored until the skips are taken. A script
        without a dose phase, or a session already in or past it, yields none.
        """
        dose_index = self._script.phase_index_of_kind("dose")
        while dose_index is not None and self.state().phase_index < dose_index:
            yield self.skip_phase()

    def record_vitals(self, reading: VitalsReading, reason: str | None = None) -> Event:
        """Store a reading; `reason` e.g. for dosing above the pre-dose limit."""
        at, _state = self._live()
        try:
            check_reading(reading)
        except VitalsError as error:
            raise SessionCommandError(str(error)) from error
        data = {**reading.to_data(), "reason": (reason or "").strip() or None}
        return self._commit(EventKind.VITALS, at, data)

    def checkpoint_done(self, checkpoint_id: str) -> Event:
        at, _state = self._open_checkpoint(checkpoint_id)
        return self._commit(EventKind.CHECKPOINT_DONE, at, {"checkpoint_id": checkpoint_id})

    def dismiss_checkpoint(self, checkpoint_id: str, reason: str) -> Event:
        at, _state = self._open_checkpoint(checkpoint_id)
        if not reason.strip():
            raise SessionCommandError("Say why this check is set aside, e.g. “client asleep”.")
        data = {"checkpoint_id": checkpoint_id, "reason": reason.strip()}
        return self._commit(EventKind.CHECKPOINT_DISMISSED, at, data)

    def tick_checklist(self, item: str, checked: bool) -> Event:
        return self._checked(EventKind.CHECKLIST_TICKED, item, checked)

    def check_discharge(self, item: str, checked: bool) -> Event:
        return self._checked(EventKind.DISCHARGE_CHECKED, item, checked)

    def record_departure(self, left_at: float, left_with: str) -> Event:
        """The client left at `left_at` (wall time) with `left_with`: the discharge's record."""
        at, _state = self._live()
        if left_at > at + 60:
            raise SessionCommandError("The time they left is still ahead: check the time.")
        data = {"item": DEPARTURE_ITEM, "checked": True, "left_at": float(left_at),
                "left_with": left_with.strip()}
        return self._commit(EventKind.DISCHARGE_CHECKED, at, data)

    def save_debrief(self, fields: Mapping[str, Any], free_text: str) -> Event:
        at, _state = self._live()
        data = {"fields": dict(fields), "free_text": free_text.strip()}
        return self._commit(EventKind.DEBRIEF_SAVED, at, data)

    # --- observations -------------------------------------------------------------

    def add_note(self, text: str) -> Event:
        at, _state = self._live()
        if not text.strip():
            raise SessionCommandError("The note is empty; nothing was saved.")
        return self._commit(EventKind.NOTE, at, {"text": text.strip()})

    def add_tag(self, tag: str) -> Event:
        at, _state = self._live()
        if not tag.strip():
            raise SessionCommandError("The tag is empty; nothing was saved.")
        return self._commit(EventKind.TAG, at, {"tag": tag.strip()})

    def record_music(self, kind: EventKind | str, data: Mapping[str, Any]) -> Event:
        """What the audio did. Allowed after the end too: a fade-out finishes late."""
        if kind not in {k.value for k in MUSIC_KINDS}:
            raise SessionCommandError(f"“{kind}” is not a music event.")
        if not self._events:
            raise SessionCommandError("The session has not started yet.")
        return self._commit(EventKind(kind), self.now(), dict(data))

    # --- the room -----------------------------------------------------------------

    def set_dim(self, level: str, why: str = "key") -> Event:
        """The room's veil changed (F9, or lifted by an alert): kept so a resume restores it."""
        at, _state = self._live()
        if level not in DIM_LEVELS:
            raise SessionCommandError(f"“{level}” is not a dimming level.")
        return self._commit(EventKind.DIM_CHANGED, at, {"level": level, "why": why})

    def acknowledge_alert(self, seen: Mapping[str, Any]) -> Event:
        """The therapist saw the safety alert about one reading (F12); see core.alerts.

        `seen` is alerts.seen_data(reading, thresholds). A reading acknowledged
        once stays so: a second acknowledgement is refused.
        """
        at, state = self._live()
        seq = seen.get("vitals_seq")
        if not any(event.seq == seq for event in state.vitals):
            raise SessionCommandError("There is no such reading in this session.")
        if seq in state.alerts_seen:
            raise SessionCommandError("This alert has already been acknowledged.")
        return self._commit(EventKind.ALERT_SEEN, at, dict(seen))

    def override_readiness(self, readiness: Readiness, reason: str) -> Event:
        """Go on with the dose although the client is not ready: the reason and the
        readiness it overrode, stored as the log's own event (core/readiness.py)."""
        from kapdesk.core.readiness import override_event_data  # only when overriding

        at, _state = self._live()
        try:
            data = override_event_data(readiness, reason)
        except ValueError as error:  # no reason, or nothing to override
            raise SessionCommandError(str(error)) from None
        return self._commit(EventKind.READINESS_OVERRIDDEN, at, data)

    # --- adverse events and grounding ---------------------------------------------

    def record_adverse_event(self, event: AdverseEvent) -> Event:
        """An adverse event (core/adverse_events.py), in the room or after the end."""
        at, _state = self._started()
        problems = adverse_problems(event, at)
        if problems:
            raise SessionCommandError(" ".join(problems))
        return self._commit(EventKind.ADVERSE_EVENT, at, event.to_data())

    def resolve_adverse_event(self, adverse_seq: int, resolved_at: float | None = None) -> Event:
        """An adverse event recorded unresolved has resolved (now, or at `resolved_at`)."""
        at, state = self._started()
        when = at if resolved_at is None else resolved_at
        recorded = next((e for e in state.adverse if e.seq == adverse_seq), None)
        if recorded is None:
            raise SessionCommandError("There is no such adverse event in this session.")
        if recorded.data.get("resolved_at") is not None or adverse_seq in state.adverse_resolved:
            raise SessionCommandError("That adverse event is already recorded as resolved.")
        if not _finite(when) or when > at or when < float(recorded.data["at"]):
            raise SessionCommandError("It resolved after it happened and not later than now. "
                                      "Check the time.")
        return self._commit(EventKind.ADVERSE_RESOLVED, at,
                            {"adverse_seq": adverse_seq, "resolved_at": float(when)})

    def open_grounding(self) -> Event:
        at, _state = self._live()
        return self._commit(EventKind.GROUNDING_OPENED, at, {})

    def close_grounding(self, steps_seen: int) -> Event:
        at, _state = self._live()
        return self._commit(EventKind.GROUNDING_CLOSED, at, {"steps_seen": int(steps_seen)})

    # --- review (after the end) -------------------------------------------------------

    def sign(self, by: str) -> Event:
        at, state = self._ended()
        if state.signed_by is not None:
            raise SessionCommandError(f"The record is already signed by {state.signed_by}.")
        if not by.strip():
            raise SessionCommandError("Sign with your name.")
        return self._commit(EventKind.SIGNED, at, {"by": by.strip()})

    def add_addendum(self, text: str, author: str) -> Event:
        """A dated correction or addition; the record itself is never edited."""
        at, _state = self._ended()
        if not text.strip() or not author.strip():
            raise SessionCommandError("An addendum needs its text and its author.")
        return self._commit(EventKind.ADDENDUM, at, {"text": text.strip(),
                                                     "author": author.strip()})

    # --- internals ------------------------------------------------------------------

    def _live(self) -> tuple[float, SessionState]:
        """The instant and state for a command that needs a running session."""
        at = self.now()
        state = self.state(at)
        if not state.started:
            raise SessionCommandError("The session has not started yet.")
        if state.ended:
            raise SessionCommandError("The session has ended; add an addendum instead.")
        return at, state

    def _started(self) -> tuple[float, SessionState]:
        """The instant and state for a command that needs a session begun (live or ended)."""
        at = self.now()
        state = self.state(at)
        if not state.started:
            raise SessionCommandError("The session has not started yet.")
        return at, state

    def _ended(self) -> tuple[float, SessionState]:
        at = self.now()
        state = self.state(at)
        if not state.ended:
            raise SessionCommandError("Signing and addenda come after the session has ended.")
        return at, state

    def _open_checkpoint(self, checkpoint_id: str) -> tuple[float, SessionState]:
        at, state = self._live()
        status = next((s for s in state.checkpoints if s.checkpoint.id == checkpoint_id), None)
        if status is None:
            raise SessionCommandError(
                f"There is no checkpoint “{checkpoint_id}” in this script.")
        if not status.is_open:
            raise SessionCommandError(
                f"“{status.checkpoint.label}” is already {status.status}.")
        return at, state

    def _checked(self, kind: EventKind, item: str, checked: bool) -> Event:
        at, _state = self._live()
        if not item.strip():
            raise SessionCommandError("Which item? The name is empty.")
        return self._commit(kind, at, {"item": item.strip(), "checked": bool(checked)})

    def _commit(self, kind: EventKind, at: float, data: dict[str, Any]) -> Event:
        """Store first, then keep: nothing shows that is not stored."""
        problems = event_data_problems(kind, data)
        if problems:
            raise SessionCommandError(" ".join(problems))
        event = self._sink.append(kind, at, data)
        last_seq = self._events[-1].seq if self._events else 0
        if event.kind is not kind or event.seq <= last_seq:
            raise RuntimeError(f"The event store returned {event.kind.value} #{event.seq} "
                               f"for {kind.value} after #{last_seq}.")
        self._events.append(event)
        return event


def _finite(value: float) -> bool:
    return isinstance(value, (int, float)) and math.isfinite(value)

