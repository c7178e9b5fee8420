"""The room's state in the log (issue 16): the dim level and acknowledged alerts
survive a crash, and one line per event serves the room's log and Records alike."""

from __future__ import annotations

import pytest

from kapdesk.core.alerts import alert_message, seen_data, standing_alert
from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
from kapdesk.core.events import EventKind
from kapdesk.core.log_lines import LOG_LEGEND, entry_words, log_line, phase_line
from kapdesk.core.review_model import describe
from kapdesk.core.runner import SessionCommandError, SessionRunner
from kapdesk.core.timeline import replay
from kapdesk.core.vitals import VitalsReading, VitalThresholds, alert_words
from tests.helpers.runner import MIN, T0, make_runner

LIMITS = VitalThresholds()


def test_the_dim_level_is_folded_and_a_resumed_runner_has_it() -> None:
    runner, clock, sink = make_runner()
    assert runner.state().dim_level == "off"
    runner.set_dim("dim")
    clock.advance(MIN)
    runner.set_dim("dimmer")
    assert runner.state().dim_level == "dimmer"
    resumed = SessionRunner(KAP_SUBLINGUAL, clock, sink, sink.events)
    assert resumed.state().dim_level == "dimmer"
    # As it stood a minute earlier: replay reads the log at any instant.
    assert replay(KAP_SUBLINGUAL, sink.events, T0 + 30).dim_level == "dim"
    with pytest.raises(SessionCommandError, match="not a dimming level"):
        runner.set_dim("dark")


def high_reading(runner: SessionRunner, clock) -> object:  # noqa: ANN001
    clock.advance(40 * MIN)
    return runner.record_vitals(VitalsReading(185, 112, 80, 97))


def test_an_alert_stands_until_seen_and_stays_seen_after_a_resume() -> None:
    runner, clock, sink = make_runner()
    runner.record_dose("ketamine", 150, "sublingual")
    reading = high_reading(runner, clock)
    assert standing_alert(runner.state(), LIMITS) is reading
    assert "185/112" in alert_message(reading, LIMITS)
    clock.advance(MIN)
    seen = runner.acknowledge_alert(seen_data(reading, LIMITS))
    assert seen.data == {"vitals_seq": reading.seq, "what": "BP 185/112", "reading_at": reading.at}
    assert runner.state().alerts_seen == {reading.seq: seen.at}
    assert standing_alert(runner.state(), LIMITS) is None
    resumed = SessionRunner(KAP_SUBLINGUAL, clock, sink, sink.events)
    assert standing_alert(resumed.state(), LIMITS) is None
    with pytest.raises(SessionCommandError, match="already been acknowledged"):
        runner.acknowledge_alert(seen_data(reading, LIMITS))


def test_an_alert_not_seen_comes_back_and_a_calmer_reading_ends_it() -> None:
    runner, clock, sink = make_runner()
    reading = high_reading(runner, clock)
    resumed = SessionRunner(KAP_SUBLINGUAL, clock, sink, sink.events)
    assert standing_alert(resumed.state(), LIMITS) is reading
    clock.advance(5 * MIN)
    runner.record_vitals(VitalsReading(150, 92, 80, 97))
    assert standing_alert(runner.state(), LIMITS) is None
    with pytest.raises(SessionCommandError, match="no such reading"):
        runner.acknowledge_alert({"vitals_seq": 99, "what": "BP 1/1", "reading_at": T0})


def test_alert_words_name_what_passed_the_limit_only() -> None:
    assert alert_words(VitalsReading(185, 112, 80, 97), LIMITS) == "BP 185/112"
    assert alert_words(VitalsReading(130, 80, 130, 86), LIMITS) == "HR 130, SpO2 86%"
    assert alert_words(VitalsReading(130, 80, 70, 97), LIMITS) == ""


def test_the_new_events_read_in_words_with_the_readings_own_time() -> None:
    runner, clock, sink = make_runner()
    clock.advance(2 * MIN)
    runner.record_dose("ketamine", 150, "sublingual")
    reading = high_reading(runner, clock)
    clock.advance(MIN)
    seen = runner.acknowledge_alert(seen_data(reading, LIMITS))
    dim = runner.set_dim("dimmer")
    lifted = runner.set_dim("off", why="alert")
    doses = [T0 + 2 * MIN]
    assert describe(seen, KAP_SUBLINGUAL, doses) == "Alert seen: BP 185/112 at 00:42 +0:40"
    assert describe(dim) == "Screen dimmed further"
    assert describe(lifted) == "Dimming lifted by the safety alert"


def test_a_log_line_is_the_records_time_and_words() -> None:
    runner, clock, sink = make_runner()
    clock.advance(2 * MIN)
    runner.record_dose("ketamine", 150, "sublingual")
    clock.advance(42 * MIN)
    note = runner.add_note("Says it feels like warm water")
    tag = runner.add_tag("talking")
    skip = runner.skip_phase()
    doses = [T0 + 2 * MIN]
    assert log_line(note.at, note.kind, describe(note), doses) == \
        "00:44 +0:42   Note — Says it feels like warm water"
    assert entry_words(tag.kind, describe(tag)) == "Tag — talking"
    assert log_line(skip.at, skip.kind, describe(skip, KAP_SUBLINGUAL), []) == \
        "00:44   Phase ended early: Lying-down journey"
    assert phase_line(T0, "Check-in", doses) == "00:00   — Check-in began —"
    assert LOG_LEGEND == "Times: clock time; +0:42 = 42 minutes after the dose"


def test_a_gap_reads_from_when_to_when() -> None:
    runner, clock, sink = make_runner()
    clock.advance(42 * MIN)
    runner.add_note("before")
    clock.advance(5 * MIN)
    gap = runner.mark_recovered(T0 + 42 * MIN)
    assert gap.kind is EventKind.APP_RECOVERED
    assert describe(gap) == ("The app was not running from 00:42 to 00:47 (5 min); "
                             "nothing was recorded then")
