"""Properties of the live runner against the stored log, for any course of a session.

Whatever the therapist does and however the clock moves (small ticks, a
sleeping laptop, a system clock set back), the state shown is exactly the
state replayed from what was stored; time shown never runs backwards; and
replaying the log as it stood at each event gives what the screen showed then.
"""

from __future__ import annotations

import random
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kapdesk.core.builtin_scripts import ESKETAMINE, KAP_SUBLINGUAL
from kapdesk.core.events import EventKind
from kapdesk.core.runner import SessionCommandError, SessionRunner
from kapdesk.core.script import Checkpoint, Phase, Script
from kapdesk.core.timeline import SessionState, replay
from kapdesk.core.vitals import VitalsReading
from tests.helpers.runner import T0, make_runner
from tests.helpers.stubs import MemorySink

# Short phases, so that random clock moves cross many phase boundaries.
BRISK = Script("brisk", "Brisk", (Phase("a", 60), Phase("b", 150), Phase("c", 45)), (
    Checkpoint("v0", "V0", "vitals", "session", 0, grace_s=30),
    Checkpoint("v1", "V1", "vitals", "phase", 20, phase_index=1, grace_s=0),
    Checkpoint("vd", "VD", "vitals", "dose", 90),
    Checkpoint("k", "K", "check", "dose", 10, grace_s=5),
))

readings = st.builds(VitalsReading, systolic=st.integers(90, 200), diastolic=st.integers(50, 89),
                     heart_rate=st.integers(40, 150), spo2=st.none() | st.integers(88, 100))
clock_moves = st.one_of(
    st.tuples(st.just("advance"), st.floats(0, 120, allow_nan=False)),
    st.tuples(st.just("advance"), st.integers(0, 900)),
    st.tuples(st.just("sleep"), st.sampled_from([1800, 3600, 4 * 3600])),
    st.tuples(st.just("jump_wall"), st.floats(-3600, 600, allow_nan=False)),
)
commands = st.one_of(
    st.tuples(st.sampled_from(["pause", "resume", "toggle", "skip", "dose", "end"])),
    st.tuples(st.just("extend"), st.integers(-5, 1800)),
    st.tuples(st.just("note"), st.text(max_size=8)),
    st.tuples(st.just("tag"), st.sampled_from(["calm", "nausea", " "])),
    st.tuples(st.just("vitals"), readings),
    st.tuples(st.sampled_from(["done", "dismiss"]),
              st.sampled_from(["v0", "v1", "vd", "k", "bp-40", "baseline-bp", "nope"])),
    st.tuples(st.just("recovered"), st.floats(0, 1)),
)
courses = st.lists(st.one_of(clock_moves, clock_moves, commands), max_size=40)


def act(runner: SessionRunner, clock: Any, op: tuple[Any, ...]) -> None:
    name, *args = op
    if name == "advance":
        clock.advance(args[0])
    elif name == "sleep":
        clock.sleep_machine(args[0])
    elif name == "jump_wall":
        clock.jump_wall(args[0])
    elif name == "recovered":
        state = runner.state()
        runner.mark_recovered(state.started_at + args[0] * state.session_elapsed_s)
    else:
        COMMANDS[name](runner, *args)


COMMANDS = {
    "pause": lambda r: r.pause(), "resume": lambda r: r.resume(),
    "toggle": lambda r: r.toggle_pause(), "skip": lambda r: r.skip_phase(),
    "end": lambda r: r.end(), "extend": lambda r, s: r.extend(s),
    "dose": lambda r: r.record_dose("ketamine", 150, "sublingual"),
    "note": lambda r, text: r.add_note(text), "tag": lambda r, tag: r.add_tag(tag),
    "vitals": lambda r, reading: r.record_vitals(reading),
    "done": lambda r, cid: r.checkpoint_done(cid),
    "dismiss": lambda r, cid: r.dismiss_checkpoint(cid, "not needed"),
}


def assert_not_backwards(before: SessionState, after: SessionState, extended: bool) -> None:
    assert after.session_elapsed_s >= before.session_elapsed_s
    assert (after.phase_index, after.phase_elapsed_s) >= (before.phase_index,
                                                          before.phase_elapsed_s)
    assert after.position_s >= before.position_s
    if not extended:  # an extension enlarges the whole, so the fraction may drop
        assert after.progress >= before.progress
    assert len(after.phase_spans) >= len(before.phase_spans)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(script=st.sampled_from([BRISK, KAP_SUBLINGUAL, ESKETAMINE]), course=courses)
def test_live_state_is_the_replayed_log_and_never_runs_backwards(
        script: Script, course: list[tuple[Any, ...]]) -> None:
    runner, clock, sink = make_runner(script)
    shown_at_commit = [runner.state()]
    previous = runner.state()
    for op in course:
        stored_before = len(sink.events)
        try:
            act(runner, clock, op)
        except SessionCommandError:
            assert len(sink.events) == stored_before  # refused: nothing stored
        committed = len(sink.events) > stored_before
        state = runner.state()
        if committed:
            shown_at_commit.append(state)
        assert state == replay(script, sink.events, state.now) and state.now == runner.now()
        assert state == SessionRunner(script, clock, MemorySink(), sink.events).state(state.now)
        extended = committed and sink.events[-1].kind is EventKind.PHASE_EXTENDED
        assert_not_backwards(previous, state, extended)
        assert 0.0 <= state.progress <= 1.0
        previous = state
    for k, shown in enumerate(shown_at_commit, start=1):
        assert replay(script, sink.events[:k], sink.events[k - 1].at) == shown


def test_two_hours_of_irregular_ticks_and_sleep_accumulate_no_drift() -> None:
    runner, clock, _sink = make_runner(BRISK_LONG)
    rng = random.Random(20260101)
    pause_total, checks = 0.0, 0
    while clock.now() < T0 + 2 * 3600:
        step = rng.choice([0.1, 0.37, 1.0, 4.9, 13.0])
        clock.advance(step) if rng.random() < 0.995 else clock.sleep_machine(600)
        if rng.random() < 0.01:  # a short pause now and then
            runner.pause()
            clock.advance(30.3)
            runner.resume()
            pause_total += 30.3
        state, wall = runner.state(), clock.now() - T0
        assert state.session_elapsed_s == wall
        active = wall - pause_total
        expected_index = min(int(active // 600), 11)
        assert state.phase_index == expected_index
        assert abs(state.phase_elapsed_s - (active - expected_index * 600)) < 1e-6
        checks += 1
    assert checks > 800


# Twelve ten-minute phases: after `active` seconds the phase is simply active // 600.
BRISK_LONG = Script("long", "Twelve tens", tuple(Phase(f"p{i}", 600) for i in range(12)))
