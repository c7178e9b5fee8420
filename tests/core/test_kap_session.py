"""A whole two-hour sublingual KAP session, minute by minute, on a fake clock.

The story: baseline vitals, a restroom pause during check-in, the dose, a
40-minute BP taken late, an extended journey, a pause for nausea, a debrief
cut short, discharge vitals, a little overtime, the end. Every few minutes the
test checks what the therapist's screen would show.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
from kapdesk.core.formatting import format_clock, format_countdown, format_due
from kapdesk.core.script import Checkpoint
from kapdesk.core.timeline import Interval, PhaseSpan, SessionState, replay
from kapdesk.core.vitals import VitalThresholds, classify, parse_vitals
from tests.helpers.runner import MIN, T0, make_runner

# A practice's own copy of the built-in script, with one extra observation check.
SCRIPT = replace(
    KAP_SUBLINGUAL.duplicate("practice-kap", "KAP with sedation check"),
    checkpoints=(*KAP_SUBLINGUAL.checkpoints,
                 Checkpoint("sedation-20", "Sedation check", "check", "dose", 20 * MIN)),
)


class Session:
    def __init__(self) -> None:
        self.runner, self.clock, self.sink = make_runner(SCRIPT)

    def go(self, minute: float) -> SessionState:
        self.clock.advance(T0 + minute * MIN - self.clock.now())
        return self.runner.state()

    def screen(self, minute: float) -> tuple[str, str, str, str]:
        """Phase, phase elapsed, phase countdown, session elapsed: as displayed."""
        s = self.go(minute)
        return (s.phase.name, format_clock(s.phase_elapsed_s),
                format_countdown(s.phase_remaining_s), format_clock(s.session_elapsed_s))

    def due_line(self) -> str:
        state = self.runner.state()
        return format_due(state.next_due, state.now)

    def status(self, checkpoint_id: str) -> str:
        return next(c.status for c in self.runner.state().checkpoints
                    if c.checkpoint.id == checkpoint_id)


@pytest.fixture(scope="module")
def session() -> Session:
    """The session, played through once; the tests below read its log."""
    return play_through(Session())


def play_through(s: Session) -> Session:  # noqa: PLR0915 - a story is long
    r = s.runner
    assert s.screen(0.5) == ("Check-in", "0:30", "9:30", "0:30")
    assert s.due_line() == "Baseline BP due now"
    s.go(2)
    r.update_intention("To meet the grief with kindness")
    r.tick_checklist("Eye mask and blanket ready", True)
    s.go(4)
    baseline = parse_vitals("138", "88", "72", "98")
    assert classify(baseline, VitalThresholds(), before_dose=True).level == "ok"
    r.record_vitals(baseline)
    assert s.status("baseline-bp") == "done" and s.due_line() == ""

    s.go(5)
    r.pause()  # restroom before the dose
    assert s.screen(6) == ("Check-in", "5:00", "5:00", "6:00")
    assert s.runner.state().paused
    s.go(8)
    r.resume()
    assert s.screen(12) == ("Check-in", "9:00", "1:00", "12:00")
    assert s.screen(12 + 59 / 60) == ("Check-in", "9:59", "0:01", "12:59")
    assert s.screen(13) == ("Dose & dissolve", "0:00", "10:00", "13:00")

    s.go(14)
    r.record_dose("ketamine", 150, "sublingual")
    r.record_music("track_started", {"path": "/music/dissolve-1.ogg", "title": "Dissolve",
                                     "playlist": "Dissolve"})
    assert s.due_line() == "Sedation check in 20 min"
    assert s.screen(23) == ("Lying-down journey", "0:00", "1:00:00", "23:00")
    assert s.runner.state().since_dose_s == 9 * MIN

    s.go(30)
    r.add_note("Eyes closed, breathing slow and even")
    r.add_tag("tingling")
    assert s.status("sedation-20") == "upcoming"
    s.go(34)
    assert s.status("sedation-20") == "due" and s.due_line() == "Sedation check due now"
    s.go(36)
    r.dismiss_checkpoint("sedation-20", "Resting peacefully; did not want to disturb")
    assert s.due_line() == "40-minute BP in 18 min"

    s.go(49)
    assert s.due_line() == "40-minute BP in 5 min" and s.status("bp-40") == "upcoming"
    s.go(55)
    assert s.due_line() == "40-minute BP due now" and s.status("bp-40") == "due"
    s.go(60)
    assert s.due_line() == "40-minute BP overdue by 6 min" and s.status("bp-40") == "overdue"
    s.go(61)
    peak = parse_vitals("152", "96", "88")
    assert classify(peak, VitalThresholds(), before_dose=False).level == "ok"
    r.record_vitals(peak)
    assert s.status("bp-40") == "done"

    s.go(70)
    r.extend(10 * MIN)  # the client is deep in it; give the journey ten more minutes
    assert s.screen(70) == ("Lying-down journey", "47:00", "23:00", "1:10:00")
    s.go(75)
    r.add_tag("nausea")
    r.add_note("Nausea, sat up; water given")
    s.go(80)
    r.pause()
    assert s.screen(81) == ("Lying-down journey", "57:00", "13:00", "1:21:00")
    s.go(82)
    r.resume()
    assert s.screen(94 + 59 / 60) == ("Lying-down journey", "1:09:59", "0:01", "1:34:59")
    assert s.screen(95) == ("Debrief", "0:00", "30:00", "1:35:00")

    s.go(110)
    r.save_debrief({"sedation": "mild", "dissociation": "marked"}, "Spoke of their father.")
    r.skip_phase()  # they are ready to go; the debrief continues at integration
    assert s.screen(110) == ("Discharge", "0:00", "5:00", "1:50:00")
    assert s.status("discharge-bp") == "due"
    s.go(113)
    r.record_vitals(parse_vitals("130", "84", "70"))
    r.check_discharge("Alert and oriented", True)
    r.check_discharge("Ride home arranged", True)
    assert s.status("discharge-bp") == "done"
    assert s.screen(115) == ("Discharge", "5:00", "0:00", "1:55:00")
    assert s.screen(118) == ("Discharge", "8:00", "+3:00 over", "1:58:00")
    s.go(120)
    r.end()
    return s


def test_the_session_went_as_told(session: Session) -> None:
    state = session.go(200)  # read long after: nothing moved after the end
    assert state.ended and state.session_elapsed_s == 120 * MIN
    assert state.phase.name == "Discharge" and state.phase_remaining_s == -5 * MIN
    minutes = [(i, (a - T0) / MIN, None if b is None else (b - T0) / MIN)
               for i, a, b in state.phase_spans]
    assert minutes == [(0, 0, 13), (1, 13, 23), (2, 23, 95), (3, 95, 110), (4, 110, 120)]
    assert state.pauses == (Interval(T0 + 5 * MIN, T0 + 8 * MIN),
                            Interval(T0 + 80 * MIN, T0 + 82 * MIN))
    assert {c.checkpoint.id: c.status for c in state.checkpoints} == {
        "baseline-bp": "done", "bp-40": "done", "discharge-bp": "done",
        "sedation-20": "dismissed"}
    assert state.intention == "To meet the grief with kindness"
    assert [e.data["tag"] for e in state.tags] == ["tingling", "nausea"]
    assert len(state.notes) == 2 and len(state.vitals) == 3 and len(state.doses) == 1
    assert state.debrief is not None and state.discharge_checks == {
        "Alert and oriented": True, "Ride home arranged": True}
    assert state.dose_at == T0 + 14 * MIN and state.since_dose_s == 106 * MIN
    assert state.phases_planned_s == (600, 600, 4200, 1800, 300) and state.progress == 1.0


def test_every_ten_seconds_the_replayed_log_agrees_with_the_whole_story(
        session: Session) -> None:
    events = session.sink.events
    spans = replay(SCRIPT, events, T0 + 200 * MIN).phase_spans
    last_phase, last_position = 0, 0.0
    for tick in range(0, 121 * 6):
        t = T0 + tick * 10
        state = replay(SCRIPT, events, t)
        expected = [span.phase_index for span in spans if span.start_at <= t][-1]
        assert state.phase_index == expected >= last_phase
        assert state.position_s >= last_position
        assert state.session_elapsed_s == min(tick * 10, 120 * MIN)
        assert state.phase_spans[:-1] == spans[: len(state.phase_spans) - 1]
        last_phase, last_position = state.phase_index, state.position_s
    assert spans[-1] == PhaseSpan(4, T0 + 110 * MIN, T0 + 120 * MIN)


def test_a_crash_mid_journey_resumes_at_the_right_moment(session: Session) -> None:
    from kapdesk.core.events import MemorySink
    from kapdesk.core.runner import SessionRunner

    before_crash = [e for e in session.sink.events if e.at <= T0 + 40 * MIN]
    clock = type(session.clock)(T0 + 52 * MIN)  # the laptop restarts twelve minutes later
    resumed = SessionRunner(KAP_SUBLINGUAL, clock, MemorySink(before_crash), before_crash)
    resumed.mark_recovered(down_since=before_crash[-1].at)
    state = resumed.state()
    assert resumed.resume_summary() == "Lying-down journey, 52:00 elapsed"
    assert state.phase_elapsed_s == 29 * MIN and state.gaps[0].down_since == T0 + 36 * MIN
    assert format_due(state.next_due, state.now) == "40-minute BP in 2 min"
