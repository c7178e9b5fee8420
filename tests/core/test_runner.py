"""SessionRunner: commands are checked, stored first, and refused plainly."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kapdesk.core.builtin_scripts import ESKETAMINE, KAP_SUBLINGUAL
from kapdesk.core.events import EventKind, MemorySink
from kapdesk.core.runner import SessionCommandError, SessionRunner
from kapdesk.core.script import Phase
from kapdesk.core.timeline import replay
from kapdesk.core.vitals import VitalsReading
from tests.helpers.runner import MIN, T0, make_runner
from tests.helpers.stubs import FailingSink, ForgetfulSink, StoreError

NORMAL = VitalsReading(124, 80, 70, 98)


def test_start_stores_the_script_snapshot_and_client() -> None:
    runner, _clock, sink = make_runner(start=False)
    assert not runner.state().started
    event = runner.start("  client-9 ")
    assert event.kind is EventKind.SESSION_STARTED and event.seq == 1 and event.at == T0
    assert event.data == {"script": KAP_SUBLINGUAL.to_dict(), "client_id": "client-9"}
    assert sink.events == [event] and runner.events == (event,)
    assert runner.state().started_at == T0


def test_start_is_refused_twice_or_with_a_broken_script() -> None:
    runner, _clock, _sink = make_runner()
    with pytest.raises(SessionCommandError, match="already started"):
        runner.start(1)
    broken = replace(KAP_SUBLINGUAL, phases=(Phase("Zero", 0),), checkpoints=())
    runner, _clock, sink = make_runner(broken, start=False)
    with pytest.raises(SessionCommandError, match="cannot run.*longer than zero"):
        runner.start(1)
    assert sink.events == []


@pytest.mark.parametrize("command", [
    lambda r: r.pause(), lambda r: r.add_note("x"), lambda r: r.end(), lambda r: r.extend(),
    lambda r: r.record_music("music_silenced", {}), lambda r: r.sign("Dr A"),
])
def test_nothing_before_the_start(command) -> None:  # noqa: ANN001
    runner, _clock, sink = make_runner(start=False)
    with pytest.raises(SessionCommandError):
        command(runner)
    assert sink.events == []


def test_each_command_stores_one_event_with_its_data() -> None:
    runner, clock, sink = make_runner()
    clock.advance(60)
    runner.update_intention("  to meet the grief gently ")
    runner.tick_checklist("Eye mask ready", True)
    runner.record_vitals(NORMAL)
    runner.record_dose("ketamine", 150, "sublingual", given_at=T0 + 30)
    runner.add_note("  settling in ")
    runner.add_tag("calm")
    runner.checkpoint_done("discharge-bp")
    runner.dismiss_checkpoint("bp-40", " client asleep ")
    runner.save_debrief({"sedation": "mild"}, " felt held ")
    runner.check_discharge("Ride home", True)
    runner.record_music(EventKind.TRACK_STARTED, {"path": "/a.ogg", "title": "A",
                                                  "playlist": "Journey"})
    data = [(e.kind.value, e.data) for e in sink.events[1:]]
    assert data == [
        ("intention_updated", {"text": "to meet the grief gently"}),
        ("checklist_ticked", {"item": "Eye mask ready", "checked": True}),
        ("vitals", {"systolic": 124, "diastolic": 80, "heart_rate": 70, "spo2": 98,
                    "reason": None}),
        ("dose_given", {"drug": "ketamine", "mg": 150, "route": "sublingual",
                        "given_at": T0 + 30}),
        ("note", {"text": "settling in"}),
        ("tag", {"tag": "calm"}),
        ("checkpoint_done", {"checkpoint_id": "discharge-bp"}),
        ("checkpoint_dismissed", {"checkpoint_id": "bp-40", "reason": "client asleep"}),
        ("debrief_saved", {"fields": {"sedation": "mild"}, "free_text": "felt held"}),
        ("discharge_checked", {"item": "Ride home", "checked": True}),
        ("track_started", {"path": "/a.ogg", "title": "A", "playlist": "Journey"}),
    ]
    assert [e.seq for e in sink.events] == list(range(1, 13))
    assert all(e.at == T0 + 60 for e in sink.events[1:])
    assert runner.state() == replay(KAP_SUBLINGUAL, sink.events, clock.now())


def test_pause_resume_and_toggle() -> None:
    runner, clock, _sink = make_runner()
    with pytest.raises(SessionCommandError, match="not paused"):
        runner.resume()
    runner.pause()
    with pytest.raises(SessionCommandError, match="already paused"):
        runner.pause()
    assert runner.toggle_pause().kind is EventKind.RESUMED
    assert runner.toggle_pause().kind is EventKind.PAUSED and runner.state().paused


@pytest.mark.parametrize("seconds", [0, -60, 2.5, True, 5 * 3600])
def test_extend_refuses_odd_amounts(seconds) -> None:  # noqa: ANN001
    runner, _clock, _sink = make_runner()
    with pytest.raises(SessionCommandError):
        runner.extend(seconds)


def test_extend_and_skip_name_the_current_phase() -> None:
    runner, clock, _sink = make_runner()
    clock.advance(12 * MIN)
    assert runner.extend().data == {"phase_index": 1, "seconds": 300}
    assert runner.skip_phase().data == {"phase_index": 1}
    clock.advance(3 * 3600)
    with pytest.raises(SessionCommandError, match="last phase; end the session"):
        runner.skip_phase()


@pytest.mark.parametrize("command, message", [
    (lambda r: r.add_note("   "), "note is empty"),
    (lambda r: r.add_tag(""), "tag is empty"),
    (lambda r: r.tick_checklist(" ", True), "name is empty"),
    (lambda r: r.checkpoint_done("nope"), "no checkpoint “nope”"),
    (lambda r: r.dismiss_checkpoint("bp-40", "  "), "Say why"),
    (lambda r: r.record_vitals(VitalsReading(400, 80, 70)), "not a possible systolic"),
    (lambda r: r.record_dose("", 150, "sublingual"), "Name the drug"),
    (lambda r: r.record_dose("ketamine", 0, "sublingual"), "above zero"),
    (lambda r: r.record_dose("ketamine", float("inf"), "sublingual"), "above zero"),
    (lambda r: r.record_dose("ketamine", 150, "im", given_at=T0 + 9999), "future"),
    (lambda r: r.record_dose("ketamine", 150, "im", given_at=T0 - 7200), "before the session"),
    (lambda r: r.save_debrief({"x": object()}, ""), "JSON"),
    (lambda r: r.record_music("note", {"text": "x"}), "not a music event"),
    (lambda r: r.record_music("track_started", {"title": "no path"}), "needs “path”"),
    (lambda r: r.mark_recovered(T0 - 60), "cannot have stopped"),
    (lambda r: r.sign("Dr A"), "after the session has ended"),
    (lambda r: r.add_addendum("x", "Dr A"), "after the session has ended"),
])
def test_invalid_commands_are_refused_plainly(command, message: str) -> None:  # noqa: ANN001
    runner, clock, sink = make_runner()
    clock.advance(60)
    before = (runner.state(), list(sink.events))
    with pytest.raises(SessionCommandError, match=message):
        command(runner)
    assert (runner.state(), sink.events) == before


def test_a_checkpoint_is_resolved_once() -> None:
    runner, _clock, _sink = make_runner()
    runner.record_vitals(NORMAL)  # answers the baseline
    with pytest.raises(SessionCommandError, match="“Baseline BP” is already done"):
        runner.checkpoint_done("baseline-bp")
    runner.dismiss_checkpoint("bp-40", "no dose today")
    with pytest.raises(SessionCommandError, match="already dismissed"):
        runner.checkpoint_done("bp-40")


def test_a_dose_may_be_recorded_as_given_shortly_before_start() -> None:
    runner, _clock, _sink = make_runner()
    runner.record_dose("ketamine", 150.5, "sublingual", given_at=T0 - 10 * MIN)
    assert runner.state().dose_at == T0 - 10 * MIN


def test_a_dose_in_the_check_in_moves_the_session_on_to_the_dose_phase() -> None:
    runner, clock, sink = make_runner()
    clock.advance(3 * MIN)
    dose = runner.record_dose("ketamine", 150, "sublingual lozenge")
    skipped = list(runner.skips_to_dose_phase())
    assert [e.kind for e in sink.events] == [EventKind.SESSION_STARTED, EventKind.DOSE_GIVEN,
                                             EventKind.PHASE_SKIPPED]
    assert sink.events[1] == dose and sink.events[2:] == skipped
    assert skipped[0].data == {"phase_index": 0} and skipped[0].at == T0 + 3 * MIN
    state = runner.state()
    assert state.phase.kind == "dose" and state.dose_at == T0 + 3 * MIN


def test_every_phase_before_the_dose_phase_is_skipped_one_by_one() -> None:
    settle = Phase("Settle", 10 * MIN, kind="check-in")
    script = replace(KAP_SUBLINGUAL, phases=(KAP_SUBLINGUAL.phases[0], settle,
                                             *KAP_SUBLINGUAL.phases[1:]))
    runner, clock, sink = make_runner(script)
    clock.advance(MIN)
    runner.record_dose("ketamine", 150, "sublingual")
    phases_seen = []
    for skip in runner.skips_to_dose_phase():
        # Each skip is kept before the next is taken: the state shows each phase passed.
        assert runner.events[-1] == skip
        phases_seen.append(runner.state().phase_index)
    assert [e.data for e in sink.events if e.kind is EventKind.PHASE_SKIPPED] == [
        {"phase_index": 0}, {"phase_index": 1}]
    assert phases_seen == [1, 2] and runner.state().phase.kind == "dose"


def test_no_skip_once_the_dose_phase_has_begun_or_without_one() -> None:
    runner, clock, sink = make_runner()
    clock.advance(12 * MIN)  # the check-in ran out by the clock: the dose phase is on
    runner.record_dose("ketamine", 150, "sublingual")
    assert list(runner.skips_to_dose_phase()) == []
    clock.advance(30 * MIN)  # and past it, in the journey
    assert list(runner.skips_to_dose_phase()) == []
    without = replace(KAP_SUBLINGUAL, phases=tuple(
        replace(p, kind="journey") if p.kind == "dose" else p for p in KAP_SUBLINGUAL.phases))
    runner, _clock, sink = make_runner(without)
    assert list(runner.skips_to_dose_phase()) == []
    assert [e.kind for e in sink.events] == [EventKind.SESSION_STARTED]


def test_the_skips_are_stored_only_when_taken_and_a_failed_one_changes_nothing() -> None:
    sink = FailingSink()
    runner, _clock, _sink = make_runner(sink=sink)
    skips = runner.skips_to_dose_phase()
    assert [e.kind for e in sink.events] == [EventKind.SESSION_STARTED]
    sink.failing = True
    with pytest.raises(StoreError):
        next(skips)
    assert runner.state().phase_index == 0 and len(runner.events) == 1


def test_after_the_end_only_music_and_review() -> None:
    runner, clock, sink = make_runner()
    clock.advance(100 * MIN)
    runner.end()
    for command in (runner.pause, runner.end, lambda: runner.add_note("x"),
                    lambda: runner.record_vitals(NORMAL), lambda: runner.extend(60)):
        with pytest.raises(SessionCommandError, match="has ended; add an addendum"):
            command()
    clock.advance(5)
    runner.record_music("track_stopped", {"path": "/a.ogg", "reason": "session ended"})
    clock.advance(3600)
    runner.add_addendum("Client called: home safely.", "Dr A")
    runner.sign("Dr A")
    with pytest.raises(SessionCommandError, match="already signed by Dr A"):
        runner.sign("Dr B")
    runner.add_addendum("Correction: 150 mg, not 100.", "Dr A")
    state = runner.state()
    assert state.signed_by == "Dr A" and len(state.addenda) == 2 and len(state.music) == 1
    assert state.session_elapsed_s == 100 * MIN
    assert [e.kind.value for e in sink.events][-4:] == [
        "track_stopped", "addendum", "signed", "addendum"]


def test_a_failing_sink_leaves_the_state_unchanged() -> None:
    sink = FailingSink()
    runner, clock, _ = make_runner(sink=sink)
    clock.advance(5 * MIN)
    runner.add_note("before")
    before_events, before_state = runner.events, runner.state()
    sink.failing = True
    for command in (runner.pause, lambda: runner.add_note("lost"), runner.end, runner.extend,
                    lambda: runner.record_vitals(NORMAL), runner.skip_phase):
        with pytest.raises(StoreError):
            command()
        assert runner.events == before_events and runner.state() == before_state
    sink.failing = False
    assert runner.add_note("after").seq == 3
    assert [e.data.get("text") for e in runner.state().notes] == ["before", "after"]


def test_a_sink_that_breaks_its_contract_is_caught() -> None:
    runner, _clock, _sink = make_runner(sink=ForgetfulSink())
    with pytest.raises(RuntimeError, match="event store returned"):
        runner.add_note("x")


def test_resuming_from_stored_events_gives_the_same_session() -> None:
    runner, clock, sink = make_runner()
    clock.advance(15 * MIN)
    runner.record_dose("ketamine", 150, "sublingual")
    runner.pause()
    clock.advance(20 * MIN)  # the app is killed here
    resumed = SessionRunner(ESKETAMINE, clock, MemorySink(sink.events), sink.events)
    assert resumed.script == KAP_SUBLINGUAL  # the snapshot wins over the script passed
    assert resumed.state() == runner.state()
    resumed.mark_recovered(T0 + 16 * MIN)
    resumed.resume()
    state = resumed.state()
    assert state.gaps[0].down_since == T0 + 16 * MIN and not state.paused
    assert resumed.resume_summary() == "Dose & dissolve, 35:00 elapsed"


def test_resuming_refuses_a_log_without_a_start() -> None:
    runner, _clock, sink = make_runner()
    runner.add_note("x")
    with pytest.raises(ValueError):
        SessionRunner(KAP_SUBLINGUAL, runner._clock, sink, sink.events[1:])  # noqa: SLF001
    with pytest.raises(ValueError):
        SessionRunner(KAP_SUBLINGUAL, runner._clock, sink, [sink.events[0]] * 2)  # noqa: SLF001


def test_a_clock_set_back_cannot_run_the_session_backwards() -> None:
    runner, clock, sink = make_runner()
    clock.advance(30 * MIN)
    runner.add_note("a")
    seen = runner.state().session_elapsed_s
    clock.jump_wall(-3600)  # someone fixes the time zone by hand
    assert runner.now() == T0 + 30 * MIN and runner.state().session_elapsed_s == seen
    runner.add_note("b")
    assert sink.events[-1].at == T0 + 30 * MIN
    clock.advance(600)  # the session goes on by the monotonic clock meanwhile
    assert runner.state().session_elapsed_s == 40 * MIN
    runner.add_note("c")
    assert sink.events[-1].at == T0 + 40 * MIN


def test_resume_summary_wording() -> None:
    runner, clock, _sink = make_runner(start=False)
    assert runner.resume_summary() == "Not started"
    runner.start(1)
    clock.advance(42 * MIN + 10)
    assert runner.resume_summary() == "Lying-down journey, 42:10 elapsed"
    runner.pause()
    assert runner.resume_summary() == "Lying-down journey, 42:10 elapsed, paused"
    runner.end()
    assert runner.resume_summary() == "Ended after 42:10"


def test_state_accepts_an_explicit_instant() -> None:
    runner, clock, sink = make_runner()
    clock.advance(30 * MIN)
    runner.add_note("x")
    assert runner.state(T0 + 60) == replay(KAP_SUBLINGUAL, sink.events, T0 + 60)
    assert runner.state(T0 + 60).notes == ()
