"""The Qt adapter around a `SessionRunner`: typed signals and the display tick.

Views never touch the runner. They call the controller's commands and listen:
- `state_changed(SessionState)`: after every tick and every stored command;
  everything on screen is drawn from it (DESIGN.md: a pure function of the
  script, the events and the clock, never counted from ticks);
- `event_committed(Event)`: only after the event is stored, so a note
  appears in the log only once it is on disk;
- `phase_changed(int)`: the hook for the music strip;
- `checkpoint_came_due(str)`: once per checkpoint (optional soft chime);
- `command_failed(str)`: a refusal or a failed write, in words.

The display tick lands just after each whole second of the injected clock,
so the countdown changes on the second and the laptop wakes at most once a
second: a repeating one-second timer, re-armed only when a tick lands off
the second (the first, or after sleep or a clock change). It does not run
while the view is hidden or minimised (`set_display_active`). A separate keep-alive timer
records every ~30 s that the app is still running, so a crash shows as a gap
of the right length.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Iterator

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from kapdesk.core.clock import Clock
from kapdesk.core.events import Event
from kapdesk.core.runner import SessionCommandError, SessionRunner
from kapdesk.core.timeline import SessionState
from kapdesk.storage.errors import not_noted_message, not_saved_message

KEEP_ALIVE_MS = 30_000
TICK_MS = 1000
# Land a few ms after the second turns, never just before it (timers may fire early).
TICK_MARGIN_MS = 5
# A tick this late after the second turned is still on time; later, the timer is re-armed.
ON_TIME_MS = 50


class SessionController(QObject):
    state_changed = Signal(object)
    event_committed = Signal(object)
    phase_changed = Signal(int)
    checkpoint_came_due = Signal(str)
    command_failed = Signal(str)
    ended = Signal()

    def __init__(self, runner: SessionRunner, clock: Clock, keep_alive: Callable[[], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionController")
        self._runner, self._clock, self._keep_alive = runner, clock, keep_alive
        self._display_active = False
        self._phase_index: int | None = None
        self._due_seen: set[str] = set()
        self._checked: tuple[object, ...] | None = None  # the checkpoints last looked through
        self._tick_timer = _timer(self, "sessionDisplayTick", single_shot=False)
        self._tick_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._tick_timer.timeout.connect(self.tick)
        self._alive_timer = _timer(self, "sessionKeepAlive", single_shot=False)
        self._alive_timer.setInterval(KEEP_ALIVE_MS)
        self._alive_timer.timeout.connect(self._record_alive)

    # --- reading ------------------------------------------------------------

    @property
    def runner(self) -> SessionRunner:
        return self._runner

    @property
    def display_active(self) -> bool:
        return self._display_active

    @property
    def tick_timer(self) -> QTimer:
        return self._tick_timer

    @property
    def keep_alive_timer(self) -> QTimer:
        return self._alive_timer

    def state(self) -> SessionState:
        return self._runner.state()

    # --- life cycle ---------------------------------------------------------

    def begin(self) -> None:
        """Start keep-alive and announce the current phase (new or resumed session)."""
        state = self.state()
        self._phase_index = state.phase_index
        self._due_seen = {s.checkpoint.id for s in state.checkpoints if s.status in ("due", "overdue")}
        if not state.ended:
            self._alive_timer.start()
        self.phase_changed.emit(state.phase_index)
        self.state_changed.emit(state)

    def stop(self) -> None:
        self._tick_timer.stop()
        self._alive_timer.stop()

    def set_display_active(self, active: bool) -> None:
        """Tick only while the session is on screen; catch up at once when shown again."""
        self._display_active = active
        if active:
            self.tick()
        else:
            self._tick_timer.stop()

    def tick(self) -> None:
        state = self._publish()
        if self._display_active and not state.ended:
            self._keep_pace()
        else:
            self._tick_timer.stop()

    def _keep_pace(self) -> None:
        """Have the next tick land just after the next whole second.

        A repeating timer keeps that pace by itself, so it is re-armed only
        when this tick landed off the second: re-arming every second cost the
        idle screen a wake-up of the event loop each time.
        """
        now = self._clock.now()
        late_ms = (now - math.floor(now)) * 1000
        timer = self._tick_timer
        if TICK_MARGIN_MS / 2 <= late_ms <= ON_TIME_MS:
            if not (timer.isActive() and timer.interval() == TICK_MS):
                timer.start(TICK_MS)
        else:
            # Rounded, not ceil'd: epoch floats carry ~1e-7 s of noise; the margin covers it.
            timer.start(max(1, round(TICK_MS - late_ms) + TICK_MARGIN_MS))

    def _publish(self) -> SessionState:
        state = self.state()
        if state.phase_index != self._phase_index:
            self._phase_index = state.phase_index
            self.phase_changed.emit(state.phase_index)
        if state.checkpoints is not self._checked:
            # A tick between boundaries shares the last state's checkpoints
            # (timeline.LiveReplay): nothing can have come due since.
            self._checked = state.checkpoints
            for status in state.checkpoints:
                if status.status in ("due", "overdue") and status.checkpoint.id not in self._due_seen:
                    self._due_seen.add(status.checkpoint.id)
                    self.checkpoint_came_due.emit(status.checkpoint.id)
        self.state_changed.emit(state)
        return state

    def _record_alive(self) -> None:
        try:
            self._keep_alive()
        except Exception as error:  # noqa: BLE001 - a missed keep-alive only widens a gap
            self.command_failed.emit(not_noted_message(error))

    # --- commands -------------------------------------------------------------

    def start(self, client_id: int) -> Event | None:
        return self._do(self._runner.start, client_id)

    def toggle_pause(self) -> Event | None:
        return self._do(self._runner.toggle_pause)

    def extend(self, seconds: int = 300) -> Event | None:
        return self._do(self._runner.extend, seconds)

    def skip_phase(self) -> Event | None:
        return self._do(self._runner.skip_phase)

    def end(self) -> Event | None:
        event = self._do(self._runner.end)
        if event is not None:
            self.stop()
            self.ended.emit()
        return event

    def mark_recovered(self, down_since: float) -> Event | None:
        return self._do(self._runner.mark_recovered, down_since)

    def add_note(self, text: str) -> Event | None:
        return self._do(self._runner.add_note, text)

    def add_tag(self, tag: str) -> Event | None:
        return self._do(self._runner.add_tag, tag)

    def record_vitals(self, reading: Any, reason: str | None = None) -> Event | None:
        return self._do(self._runner.record_vitals, reading, reason)

    def update_intention(self, text: str) -> Event | None:
        return self._do(self._runner.update_intention, text)

    def tick_checklist(self, item: str, checked: bool) -> Event | None:
        return self._do(self._runner.tick_checklist, item, checked)

    def check_discharge(self, item: str, checked: bool) -> Event | None:
        return self._do(self._runner.check_discharge, item, checked)

    def record_departure(self, left_at: float, left_with: str) -> Event | None:
        return self._do(self._runner.record_departure, left_at, left_with)

    def checkpoint_done(self, checkpoint_id: str) -> Event | None:
        return self._do(self._runner.checkpoint_done, checkpoint_id)

    def dismiss_checkpoint(self, checkpoint_id: str, reason: str) -> Event | None:
        return self._do(self._runner.dismiss_checkpoint, checkpoint_id, reason)

    def set_dim(self, level: str, why: str = "key") -> Event | None:
        return self._do(self._runner.set_dim, level, why)

    def acknowledge_alert(self, seen: dict[str, Any]) -> Event | None:
        return self._do(self._runner.acknowledge_alert, seen)

    def now(self) -> float:
        """The session's clock: forms that default to "now" read it here."""
        return self._clock.now()

    def record_adverse_event(self, event: Any) -> Event | None:
        return self._do(self._runner.record_adverse_event, event)

    def resolve_adverse_event(self, adverse_seq: int, resolved_at: float | None = None) -> Event | None:
        return self._do(self._runner.resolve_adverse_event, adverse_seq, resolved_at)

    def open_grounding(self) -> Event | None:
        return self._do(self._runner.open_grounding)

    def close_grounding(self, steps_seen: int) -> Event | None:
        return self._do(self._runner.close_grounding, steps_seen)

    def save_debrief(self, fields: dict[str, str], free_text: str) -> Event | None:
        return self._do(self._runner.save_debrief, fields, free_text)

    def override_readiness(self, readiness: Any, reason: str) -> Event | None:
        """Go on although the client is not ready: the reason, stored as its own event."""
        return self._do(self._runner.override_readiness, readiness, reason)

    def record_dose(self, drug: str, mg: float, route: str, given_at: float | None = None,
                    unticked: tuple[str, ...] = (), reason: str | None = None,
                    readiness: dict[str, Any] | None = None) -> Event | None:
        """Store the dose (with the readiness snapshot as it stood), then move on to
        the script's dose phase if it has not begun
        (`SessionRunner.skips_to_dose_phase`), announcing each phase passed."""
        event = self._do(self._runner.record_dose, drug, mg, route, given_at,
                         unticked, reason, readiness)
        if event is not None:
            self._do_each(self._runner.skips_to_dose_phase())
        return event

    def _do(self, command: Callable[..., Event], *args: Any) -> Event | None:
        """Run one runner command; report a failure in words instead of raising.

        The runner stores before it keeps, so a failed command changed nothing
        and the screen must not change either. Any exception is caught on
        purpose: a disk or database error must not take down a session on
        screen; the therapist is told and can try again.
        """
        try:
            event = command(*args)
        except Exception as error:  # noqa: BLE001 - see the docstring
            self.command_failed.emit(_in_words(error))
            return None
        self.event_committed.emit(event)
        self._publish()
        return event

    def _do_each(self, commands: Iterator[Event]) -> None:
        """`_do` for commands that store one event per step: each stored event is
        announced (and the state published) before the next step; the first
        failure is reported and ends them."""
        while True:
            try:
                event = next(commands)
            except StopIteration:
                return
            except Exception as error:  # noqa: BLE001 - see `_do`
                self.command_failed.emit(_in_words(error))
                return
            self.event_committed.emit(event)
            self._publish()


def _timer(parent: QObject, name: str, single_shot: bool) -> QTimer:
    timer = QTimer(parent)
    timer.setObjectName(name)
    timer.setSingleShot(single_shot)
    return timer


def _in_words(error: Exception) -> str:
    if isinstance(error, SessionCommandError):
        return str(error)
    return not_saved_message(error)  # the cause in words, never the library's text
