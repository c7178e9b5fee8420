"""LiveReplay: the kept fold of a growing log gives exactly what a fresh replay gives."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from kapdesk.core.builtin_scripts import ESKETAMINE
from kapdesk.core.clock import FakeClock
from kapdesk.core.events import Event, EventKind
from kapdesk.core.runner import SessionRunner
from kapdesk.core.timeline import LiveReplay, replay
from kapdesk.core.vitals import VitalsReading
from tests.helpers.runner import MIN, T0, make_runner
from tests.helpers.stubs import MemorySink

TRACK = {"path": "/music/a.ogg", "title": "A", "playlist": "Journey"}

# One command per kind of event the runner stores, in an order a session allows.
COURSE: list[tuple[str, Callable[[SessionRunner], Any]]] = [
    ("intention", lambda r: r.update_intention("rest")),
    ("checklist", lambda r: r.tick_checklist("Eye mask ready", True)),
    ("vitals", lambda r: r.record_vitals(VitalsReading(120, 80, 70, 98))),
    ("dose", lambda r: r.record_dose("esketamine", 56, "nasal")),
    ("done", lambda r: r.checkpoint_done("pulse-ox")),
    ("pause", lambda r: r.pause()),
    ("resume", lambda r: r.resume()),
    ("extend", lambda r: r.extend(300)),
    ("skip", lambda r: r.skip_phase()),
    ("note", lambda r: r.add_note("calm")),
    ("tag", lambda r: r.add_tag("tearful")),
    ("dismiss", lambda r: r.dismiss_checkpoint("bp-40", "asleep")),
    ("track", lambda r: r.record_music(EventKind.TRACK_STARTED, TRACK)),
    ("volume", lambda r: r.record_music(EventKind.VOLUME_CHANGED, {"volume": 0.4})),
    ("silence", lambda r: r.record_music(EventKind.MUSIC_SILENCED, {})),
    ("recovered", lambda r: r.mark_recovered(r.now() - 90)),
    ("discharge", lambda r: r.check_discharge("Ride home arranged", True)),
    ("debrief", lambda r: r.save_debrief({"felt": "held"}, "")),
    ("end", lambda r: r.end()),
    ("stopped", lambda r: r.record_music(EventKind.TRACK_STOPPED,
                                       {"path": TRACK["path"], "reason": "faded out"})),
    ("signed", lambda r: r.sign("Dr. K")),
    ("addendum", lambda r: r.add_addendum("Called next day: well.", "Dr. K")),
]


def test_after_every_kind_of_event_and_every_tick_it_equals_a_fresh_replay() -> None:
    runner, clock, sink = make_runner(ESKETAMINE)
    live = LiveReplay(ESKETAMINE)
    events: list[Event] = list(sink.events)
    for _name, command in COURSE:
        for _tick in range(3):  # ticks between events: only the clock moves
            clock.advance(4 * MIN + 0.3)
            now = runner.now()
            assert live.state(events, now) == replay(ESKETAMINE, events, now)
        command(runner)
        events = list(sink.events)
        now = runner.now()
        assert live.state(events, now) == replay(ESKETAMINE, events, now)
    assert {e.kind for e in events} >= {EventKind.SIGNED, EventKind.ADDENDUM,
                                        EventKind.APP_RECOVERED, EventKind.DEBRIEF_SAVED}


def test_ticking_does_not_change_the_kept_fold() -> None:
    """A tick advances a copy of the phase clock; the next event still lands right."""
    runner, clock, sink = make_runner(ESKETAMINE)
    live = LiveReplay(ESKETAMINE)
    clock.advance(30 * MIN)  # well past the check-in: the phase changes by time alone
    live.state(list(sink.events), runner.now())
    runner.skip_phase()
    clock.advance(1)
    events, now = list(sink.events), runner.now()
    assert live.state(events, now) == replay(ESKETAMINE, events, now)


@pytest.mark.parametrize("back_s", [1, 5 * MIN])
def test_asking_about_the_past_replays_in_full(back_s: float) -> None:
    runner, clock, sink = make_runner(ESKETAMINE)
    clock.advance(10 * MIN)
    runner.add_note("first")
    clock.advance(10 * MIN)
    runner.add_note("second")
    live = LiveReplay(ESKETAMINE)
    events = list(sink.events)
    live.state(events, runner.now())
    earlier = events[-1].at - back_s
    assert live.state(events, earlier) == replay(ESKETAMINE, events, earlier)
    assert len(live.state(events, earlier).notes) == 1
    assert live.state(events, runner.now()) == replay(ESKETAMINE, events, runner.now())


def test_a_different_log_starts_the_fold_again() -> None:
    first, clock, first_sink = make_runner(ESKETAMINE)
    first.add_note("only in the first")
    other = SessionRunner(ESKETAMINE, FakeClock(T0 + 5), MemorySink())
    other.start(client_id=2)
    live = LiveReplay(ESKETAMINE)
    live.state(list(first_sink.events), clock.now())
    events = list(other.events)
    state = live.state(events, T0 + 60)
    assert state == replay(ESKETAMINE, events, T0 + 60) and state.client_id == 2
    assert state.notes == ()


def test_a_late_question_does_not_move_the_fold_past_a_later_stored_event() -> None:
    """Asked at 12:00, then an event stamped 11:30 arrives: it still counts at 11:30."""
    sink = MemorySink()
    runner = SessionRunner(ESKETAMINE, FakeClock(T0), sink)
    runner.start(client_id=1)
    check_in = ESKETAMINE.phases[0].planned_s
    live = LiveReplay(ESKETAMINE)
    assert live.state(list(sink.events), T0 + check_in + 60).phase_index == 1
    sink.append(EventKind.PHASE_EXTENDED, T0 + check_in - 30, {"phase_index": 0, "seconds": 300})
    events, now = list(sink.events), T0 + check_in + 60
    state = live.state(events, now)
    assert state == replay(ESKETAMINE, events, now) and state.phase_index == 0


def test_ticks_up_to_and_across_each_phase_and_checkpoint_boundary_match_a_fresh_replay() -> None:
    """Between boundaries only the clocks move; at each boundary the rest follows at once."""
    runner, clock, sink = make_runner(ESKETAMINE)
    runner.record_dose("esketamine", 56, "nasal")
    live = LiveReplay(ESKETAMINE)
    events = list(sink.events)
    state = replay(ESKETAMINE, events, runner.now())
    boundaries = sorted({s.due_at for s in state.checkpoints if s.due_at is not None}
                        | {s.overdue_at for s in state.checkpoints if s.overdue_at is not None}
                        | {T0 + sum(p.planned_s for p in ESKETAMINE.phases[:k + 1])
                           for k in range(len(ESKETAMINE.phases) - 1)})
    seen = set()
    for boundary in boundaries[:12]:
        for t in (boundary - 0.5, boundary - 1e-6, boundary, boundary + 1e-6, boundary + 0.5):
            if t >= events[-1].at:
                state = live.state(events, t)
                assert state == replay(ESKETAMINE, events, t)
                seen.add((state.phase_index, tuple(s.status for s in state.checkpoints)))
    assert len(seen) > 5  # the ticks did cross phases and checkpoint changes
