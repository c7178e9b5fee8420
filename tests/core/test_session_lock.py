"""What the lock screen keeps of a running session: phase, count-down, what is due, an alert;
never the client's intention or notes."""

from __future__ import annotations

from dataclasses import astuple

from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
from kapdesk.core.clock import FakeClock
from kapdesk.core.events import MemorySink
from kapdesk.core.runner import SessionRunner
from kapdesk.core.session_lock import ENDED, NOTHING_DUE, locked_session
from kapdesk.core.vitals import VitalsReading, VitalThresholds

MARKER = "Zephyrine"
LIMITS = VitalThresholds()


def _dosed() -> tuple[SessionRunner, FakeClock]:
    clock = FakeClock()
    runner = SessionRunner(KAP_SUBLINGUAL, clock, MemorySink())
    runner.start(7)
    runner.update_intention(f"{MARKER}'s intention")
    runner.record_vitals(VitalsReading(128, 82, 70))
    for _ in runner.skips_to_dose_phase():
        pass
    runner.record_dose("ketamine", 100, "sublingual")
    runner.add_note(f"{MARKER} spoke of the sea")
    runner.add_tag("tearful")
    return runner, clock


def _said(view) -> str:  # noqa: ANN001
    return " ".join(str(value) for value in astuple(view))


def test_the_phase_and_count_down_show_and_nothing_of_the_client_does() -> None:
    runner, clock = _dosed()
    view = locked_session(runner.state(), LIMITS)
    state = runner.state()
    assert view.phase == f"{state.phase.name} · phase {state.phase_index + 1} of {len(state.phases_planned_s)}"
    assert view.countdown and ":" in view.countdown
    assert view.alert is None and not view.due and view.next_due.startswith("Next: ")
    assert MARKER not in _said(view) and "tearful" not in _said(view)
    clock.advance(61)
    assert locked_session(runner.state(), LIMITS).countdown != view.countdown


def test_a_checkpoint_due_and_then_overdue_is_shown_as_such() -> None:
    runner, clock = _dosed()
    clock.advance(40 * 60)
    view = locked_session(runner.state(), LIMITS)
    assert view.due == ("40-minute BP due now",) and not view.overdue and view.next_due == ""
    clock.advance(40 * 60)
    view = locked_session(runner.state(), LIMITS)
    assert any("overdue" in line for line in view.due) and view.overdue


def test_a_standing_alert_shows_until_seen() -> None:
    runner, _clock = _dosed()
    event = runner.record_vitals(VitalsReading(190, 115, 80))
    view = locked_session(runner.state(), LIMITS)
    assert view.alert is not None and "190/115" in view.alert and MARKER not in view.alert
    from kapdesk.core.alerts import seen_data

    runner.acknowledge_alert(seen_data(event, LIMITS))
    assert locked_session(runner.state(), LIMITS).alert is None


def test_paused_and_ended_are_said() -> None:
    runner, _clock = _dosed()
    runner.pause()
    assert locked_session(runner.state(), LIMITS).paused
    runner.end()
    view = locked_session(runner.state(), LIMITS)
    assert view.phase == ENDED and view.countdown == "" and not view.paused
    assert view.next_due in (NOTHING_DUE, "") or view.next_due.startswith("Next: ")
