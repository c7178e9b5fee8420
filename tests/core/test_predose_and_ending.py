"""The rules around the dose and the end: reasons before dosing, what is left undone,
and one open session per client."""

from __future__ import annotations

import pytest

from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
from kapdesk.core.clock import FakeClock
from kapdesk.core.ending import checks_not_done, end_warning
from kapdesk.core.events import MemorySink
from kapdesk.core.open_sessions import bar_text, open_session_of, refusal_text
from kapdesk.core.predose import gate_text, high_reading_blocker, reading_needs_reason, unticked
from kapdesk.core.runner import SessionCommandError, SessionRunner
from kapdesk.core.vitals import VitalsReading, VitalThresholds
from tests.helpers.stubs import OpenSessionRow

ITEMS = ("Eye mask ready", "Music ready", "Phones silenced", "Ride home arranged")
MIN = 60


def _runner() -> tuple[SessionRunner, FakeClock]:
    clock = FakeClock()
    runner = SessionRunner(KAP_SUBLINGUAL, clock, MemorySink())
    runner.start(1)
    return runner, clock


def test_unticked_items_are_named_in_the_checklists_order() -> None:
    runner, _ = _runner()
    runner.tick_checklist("Music ready", True)
    runner.tick_checklist("Eye mask ready", True)
    assert unticked(ITEMS, runner.state().checklist) == ("Phones silenced", "Ride home arranged")
    runner.tick_checklist("Music ready", False)
    assert unticked(ITEMS, runner.state().checklist)[0] == "Music ready"


def test_the_gate_says_what_is_left_before_dosing() -> None:
    runner, _ = _runner()
    thresholds = VitalThresholds()
    assert gate_text(runner.state(), ITEMS[:1], thresholds) == (
        "No baseline blood pressure yet. Not ticked: Eye mask ready.")
    runner.tick_checklist("Eye mask ready", True)
    runner.record_vitals(VitalsReading(126, 80, 70))
    assert gate_text(runner.state(), ITEMS[:1], thresholds) == ""


def test_a_high_reading_needs_a_reason_and_blocks_only_without_one() -> None:
    runner, _ = _runner()
    thresholds = VitalThresholds()
    assert reading_needs_reason(VitalsReading(141, 80, 70), thresholds)
    assert not reading_needs_reason(VitalsReading(140, 90, 70), thresholds)
    runner.record_vitals(VitalsReading(150, 95, 70))
    assert "150/95" in (high_reading_blocker(runner.state(), thresholds) or "")
    runner.record_vitals(VitalsReading(150, 95, 70), reason="usual for this client")
    assert high_reading_blocker(runner.state(), thresholds) is None


def test_the_dose_with_unticked_items_needs_and_stores_a_reason() -> None:
    runner, _ = _runner()
    with pytest.raises(SessionCommandError, match="Not ticked: Ride home arranged"):
        runner.record_dose("ketamine", 150, "sublingual", unticked=["Ride home arranged"])
    dose = runner.record_dose("ketamine", 150, "sublingual", unticked=["Ride home arranged"],
                              reason="Partner on the way")
    assert dose.data["unticked"] == ["Ride home arranged"]
    assert dose.data["reason"] == "Partner on the way"


def test_a_dose_with_everything_ticked_stores_no_reason_keys() -> None:
    runner, _ = _runner()
    dose = runner.record_dose("ketamine", 150, "sublingual", reason="ignored")
    assert "unticked" not in dose.data and "reason" not in dose.data


def test_the_end_names_checks_never_done_then_nothing_once_all_is_done() -> None:
    runner, clock = _runner()
    runner.record_vitals(VitalsReading(126, 80, 70))
    runner.record_dose("ketamine", 150, "sublingual")
    clock.advance(50 * MIN)
    state = runner.state()
    assert checks_not_done(state) == ("40-minute BP", "Discharge BP")
    assert end_warning(state, ("Escort present",)) == (
        "Not done: 40-minute BP, Discharge BP. Not ticked: Escort present. "
        "The debrief is not saved yet (F10).")
    runner.dismiss_checkpoint("bp-40", "asleep")
    runner.dismiss_checkpoint("discharge-bp", "left early")
    runner.check_discharge("Escort present", True)
    runner.save_debrief({"what_came_up": "calm"}, "")
    assert end_warning(runner.state(), ("Escort present",)) == ""


def test_one_open_session_per_client() -> None:
    sessions = [OpenSessionRow(7, 1), OpenSessionRow(9, 2)]
    assert open_session_of(2, sessions) == OpenSessionRow(9, 2)
    assert open_session_of(3, sessions) is None
    assert refusal_text("Alex") == "A session with Alex is still open. Resume it or end it first."


def test_the_bar_names_the_phase_and_the_time_elapsed() -> None:
    runner, clock = _runner()
    clock.advance(7 * MIN)
    assert bar_text("Alex", runner.state()) == "Session with Alex still open — Check-in, 7:00 elapsed"
