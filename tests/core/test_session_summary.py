"""The plain-language session summary: the dose gate and the discharge summary."""

from __future__ import annotations

from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
from kapdesk.core.clock import FakeClock
from kapdesk.core.events import MemorySink
from kapdesk.core.runner import SessionRunner
from kapdesk.core.session_summary import describe_reading, dose_blocker, summary_lines
from kapdesk.core.vitals import VitalsReading, VitalThresholds


def _runner() -> tuple[SessionRunner, FakeClock]:
    clock = FakeClock()
    runner = SessionRunner(KAP_SUBLINGUAL, clock, MemorySink())
    runner.start(1)
    return runner, clock


def test_a_reading_above_the_pre_dose_limit_blocks_the_dose_until_rechecked_or_explained() -> None:
    runner, clock = _runner()
    assert dose_blocker(runner.state(), VitalThresholds()) is None  # no reading yet: no block
    runner.record_vitals(VitalsReading(152, 96, 80))
    blocker = dose_blocker(runner.state(), VitalThresholds())
    assert blocker is not None and "152/96" in blocker and "140/90" in blocker
    runner.record_vitals(VitalsReading(152, 96, 80), reason="White-coat rise; usual BP 130/85")
    assert dose_blocker(runner.state(), VitalThresholds()) is None
    clock.advance(60)
    runner.record_vitals(VitalsReading(150, 95, 78))
    assert dose_blocker(runner.state(), VitalThresholds()) is not None  # the latest reading decides
    runner.record_vitals(VitalsReading(132, 84, 74))
    assert dose_blocker(runner.state(), VitalThresholds()) is None


def test_the_discharge_summary_names_the_dose_vitals_tags_and_gaps() -> None:
    runner, clock = _runner()
    runner.record_vitals(VitalsReading(128, 82, 72, 98))
    clock.advance(600)
    runner.record_dose("ketamine", 150, "sublingual lozenge")
    clock.advance(1800)
    runner.add_tag("tearful")
    runner.add_tag("tearful")
    runner.record_vitals(VitalsReading(140, 90, 80))
    clock.advance(300)
    runner.mark_recovered(clock.now() - 120)
    text = "\n".join(summary_lines(runner.state()))
    assert "Dose: ketamine 150 mg sublingual lozenge" in text
    assert "Baseline: BP 128/82, HR 72, SpO2 98%" in text
    assert "Latest: BP 140/90, HR 80" in text
    assert "tearful ×2" in text
    assert "App not running" in text
    assert "Debrief not saved yet" in text
    assert describe_reading(VitalsReading(120, 80, 60)) == "BP 120/80, HR 60"


def test_the_baseline_is_the_last_reading_before_the_dose_not_the_first() -> None:
    runner, clock = _runner()
    runner.record_vitals(VitalsReading(152, 96, 80), reason="rushed in")
    clock.advance(300)
    runner.record_vitals(VitalsReading(134, 86, 74))  # the recheck the dose followed
    clock.advance(300)
    runner.record_dose("ketamine", 150, "sublingual lozenge")
    clock.advance(2400)
    runner.record_vitals(VitalsReading(148, 92, 82))
    text = "\n".join(summary_lines(runner.state()))
    assert "Baseline: BP 134/86, HR 74" in text and "152/96" not in text
    assert "Latest: BP 148/92, HR 82" in text


def test_checks_read_as_words_and_the_departure_is_kept() -> None:
    from kapdesk.core.session_summary import departure

    runner, clock = _runner()
    text = "\n".join(summary_lines(runner.state()))
    assert "Discharge BP not due yet" in text and "waiting" not in text
    clock.advance(600)
    runner.record_vitals(VitalsReading(128, 82, 72))
    runner.record_departure(clock.now() - 60, "her partner, Sam")
    assert runner.state().discharge_checks["Left the practice"] is True
    left = departure(runner.events)
    assert left is not None and left.data["left_with"] == "her partner, Sam"
    runner.end()
    ended = "\n".join(summary_lines(runner.state()))
    assert "Baseline BP done" in ended and "40-minute BP not reached" in ended
    assert "upcoming" not in ended and "waiting" not in ended


def test_a_departure_still_ahead_is_refused_in_words() -> None:
    import pytest

    from kapdesk.core.runner import SessionCommandError

    runner, clock = _runner()
    with pytest.raises(SessionCommandError, match="still ahead"):
        runner.record_departure(clock.now() + 3600, "her partner")
    assert runner.state().discharge_checks == {}
