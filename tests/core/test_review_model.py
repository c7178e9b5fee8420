"""Review's pure logic: session facts and flags, what played when, plain words per event,
and the Spravato REMS fields."""

from __future__ import annotations

from kapdesk.core.builtin_scripts import ESKETAMINE, KAP_SUBLINGUAL
from kapdesk.core.events import Event, EventKind
from kapdesk.core.rems import rems_summary
from kapdesk.core.review_model import (
                                       BP_ALERT, HEART_RATE_ALERT, SPO2_ALERT, Reading, SessionFacts, describe, flags, music_spans,
                                       playing_at, session_facts,
                                       )
from kapdesk.core.timeline import replay
from kapdesk.core.vitals import VitalsReading, VitalThresholds
from tests.helpers.runner import MIN, T0, make_runner


def _kap_session():  # noqa: ANN202
    runner, clock, sink = make_runner(KAP_SUBLINGUAL)
    clock.advance(4 * MIN)
    runner.record_vitals(VitalsReading(128, 82, 70, 98))
    clock.advance(10 * MIN)
    runner.record_dose("ketamine", 150, "sublingual")
    runner.record_music("track_started", {"path": "/m/1.ogg", "title": "One", "playlist": "P"})
    clock.advance(6 * MIN)
    runner.record_music("track_started", {"path": "/m/2.ogg", "title": "Two", "playlist": "P"})
    clock.advance(0.1 * MIN)
    runner.record_music("track_stopped", {"path": "/m/1.ogg", "reason": "crossfade"})
    clock.advance(10 * MIN)
    runner.add_note("Floating")
    runner.add_tag("Floating")
    runner.add_tag("floating")
    runner.record_music("music_silenced", {})
    clock.advance(23.9 * MIN)  # 40 min after the dose: the 40-minute BP on time
    runner.record_vitals(VitalsReading(150, 92, 124, 88))
    runner.end()
    return runner, clock, sink


def test_facts_hold_dose_length_readings_tags_and_round_trip_as_json() -> None:
    runner, clock, sink = _kap_session()
    facts = session_facts(KAP_SUBLINGUAL, sink.events, clock.now() + 3600)
    assert facts.ended and facts.length_s == clock.now() - T0
    assert facts.dose_label == "ketamine 150 mg sublingual"
    assert facts.readings == (Reading(T0 + 4 * MIN, 128, 82, 70, 98),
                              Reading(clock.now(), 150, 92, 124, 88))
    assert facts.tags == ("Floating",) and facts.note_count == 1
    assert SessionFacts.from_dict(facts.to_dict()) == facts


def test_flags_judge_readings_by_the_thresholds_given() -> None:
    _runner, clock, sink = _kap_session()
    facts = session_facts(KAP_SUBLINGUAL, sink.events, clock.now())
    codes = [flag.code for flag in flags(facts)]
    assert codes == [HEART_RATE_ALERT, SPO2_ALERT]
    relaxed = VitalThresholds(alert_heart_rate=130, alert_spo2_below=85, alert_systolic=150)
    assert [(f.code, f.label) for f in flags(facts, relaxed)] == [(BP_ALERT, "BP alert: 150/92")]


def test_music_spans_close_on_stop_crossfade_and_silence() -> None:
    _runner, clock, sink = _kap_session()
    state = replay(KAP_SUBLINGUAL, sink.events, clock.now())
    one, two = music_spans(state)
    assert (one.title, one.end - one.start, one.how_it_ended) == ("One", 6.1 * MIN, "stopped: crossfade")
    assert (two.title, two.how_it_ended) == ("Two", "silenced")
    assert playing_at((one, two), T0 + 20.05 * MIN).title == "Two"  # crossfade: the newer one
    assert playing_at((one, two), T0 + 15 * MIN).title == "One"
    assert playing_at((one, two), clock.now()) is None  # silenced


def test_describe_says_each_event_in_words() -> None:
    event = Event(1, EventKind.VITALS, T0, {"systolic": 150, "diastolic": 95, "heart_rate": 80,
                                             "spo2": None, "reason": "anxious about parking"})
    assert describe(event) == "BP 150/95, HR 80 (reason: anxious about parking)"
    skipped = Event(2, EventKind.PHASE_SKIPPED, T0, {"phase_index": 3})
    assert describe(skipped, KAP_SUBLINGUAL) == "Phase ended early: Debrief"
    dismissed = Event(3, EventKind.CHECKPOINT_DISMISSED, T0,
                      {"checkpoint_id": "bp-40", "reason": "asleep"})
    assert describe(dismissed, KAP_SUBLINGUAL) == "Checkpoint set aside: 40-minute BP (asleep)"
    for kind in EventKind:  # every kind has words, none raises, none is a raw name
        words = describe(Event(1, kind, T0, _sample_data(kind)), KAP_SUBLINGUAL)
        assert words and "_" not in words and "None" not in words


def test_a_debrief_reads_as_its_headings_with_nothing_empty_and_no_none() -> None:
    saved = Event(1, EventKind.DEBRIEF_SAVED, T0, {
        "fields": {"what_came_up": "The lake house", "emotions": "", "integration_plan": "Walks",
                   "body": None}, "free_text": ""})
    assert describe(saved) == "Debrief: What came up: The lake house — Plan for integration: Walks"
    empty = Event(2, EventKind.DEBRIEF_SAVED, T0, {"fields": {}, "free_text": ""})
    assert describe(empty) == "Debrief: saved with nothing written"


def test_pauses_silence_and_every_tick_are_marks_of_the_record() -> None:
    from kapdesk.core.review_model import MARK_KINDS

    for kind in (EventKind.PAUSED, EventKind.RESUMED, EventKind.MUSIC_SILENCED,
                 EventKind.MUSIC_RESUMED, EventKind.CHECKLIST_TICKED, EventKind.DISCHARGE_CHECKED,
                 EventKind.SESSION_STARTED, EventKind.SESSION_ENDED, EventKind.TRACK_STARTED):
        assert kind in MARK_KINDS


def _sample_data(kind: EventKind) -> dict:
    from kapdesk.core.events import DATA_KEYS

    samples = {"script": {"name": "S"}, "client_id": 1, "drug": "k", "mg": 1, "route": "r",
               "given_at": T0, "item": "i", "checked": True, "phase_index": 0, "seconds": 60,
               "text": "t", "tag": "t", "systolic": 1, "diastolic": 1, "heart_rate": 1, "spo2": None,
               "reason": "r", "checkpoint_id": "c", "fields": {"a": "b"}, "free_text": "f",
               "down_since": T0, "left_at": T0, "left_with": "w", "path": "p", "title": "t", "playlist": None, "message": "m",
               "volume": 0.5, "by": "b", "author": "a", "unticked": ["Ride home arranged"],
               "level": "dim", "why": "key", "vitals_seq": 3, "what": "BP 185/112",
               "reading_at": T0, "not_ready": ["Consent"], "readiness": {"ready": False},
               "kind": "fall", "severity": "mild", "at": T0, "action": "sat down",
               "resolved_at": T0, "other": "", "note": "", "adverse_seq": 2, "steps_seen": 5}
    return {key: samples[key] for key in DATA_KEYS[kind]}


# --- REMS -------------------------------------------------------------------------

def _esketamine_session(tag_ready: bool = True):  # noqa: ANN202
    runner, clock, sink = make_runner(ESKETAMINE)
    clock.advance(5 * MIN)
    runner.record_vitals(VitalsReading(132, 84, 72, 98))  # pre-dose
    clock.advance(11 * MIN)
    runner.record_dose("esketamine", 56, "intranasal")  # first spray at +16
    clock.advance(5 * MIN)
    runner.record_dose("esketamine", 28, "intranasal")
    clock.advance(12 * MIN)
    runner.add_tag("Sedation - mild")
    runner.add_note("No respiratory depression; breathing even")  # notes are not parsed
    clock.advance(26 * MIN)
    runner.record_vitals(VitalsReading(158, 96, 80, 96))  # +43 after the first spray
    clock.advance(55 * MIN)
    runner.save_debrief({"dissociation": "marked", "sedation": "none"}, "Felt far away")
    clock.advance(5 * MIN)
    runner.record_vitals(VitalsReading(134, 86, 74, 98))  # +103
    runner.check_discharge("Alert and oriented", True)
    clock.advance(2 * MIN)
    runner.check_discharge("Ride home arranged", True)  # +105
    if tag_ready:
        clock.advance(3 * MIN)
        runner.add_tag("ready to leave")  # +108
    clock.advance(17 * MIN)
    runner.end()
    return runner, clock, sink


def test_rems_fields_from_an_esketamine_session() -> None:
    _runner, clock, sink = _esketamine_session()
    spray = T0 + 16 * MIN
    rems = rems_summary(replay(ESKETAMINE, sink.events, clock.now()), sink.events)
    assert rems.first_spray_at == spray and rems.doses_mg == (56.0, 28.0)
    assert rems.total_minutes == 125 and rems.monitored_two_hours is True
    pre, forty, last = rems.blood_pressure
    assert (pre.reading.systolic, pre.minutes_from_dose, pre.acceptable) == (132, -11, True)
    assert (forty.reading.systolic, forty.minutes_from_dose) == (158, 43)
    assert (last.reading.systolic, last.minutes_from_dose, last.acceptable) == (134, 103, True)
    assert (rems.ready_to_leave_minutes, rems.ready_to_leave_basis) == (108, 'tag "ready to leave"')
    sedation, dissociation, respiratory = rems.observations
    assert sedation.observed and sedation.evidence == ('tag "Sedation - mild" at +0:17 after the first spray',)
    assert dissociation.evidence == ("debrief: dissociation = marked",)
    assert not respiratory.observed  # "no respiratory depression" in a note is not a yes


def test_rems_ready_to_leave_falls_back_to_the_discharge_checks_and_says_what_is_missing() -> None:
    _runner, clock, sink = _esketamine_session(tag_ready=False)
    rems = rems_summary(replay(ESKETAMINE, sink.events, clock.now()), sink.events)
    assert (rems.ready_to_leave_minutes, rems.ready_to_leave_basis) == (105, "all discharge checks ticked")

    runner, clock, sink = make_runner(ESKETAMINE)
    clock.advance(30 * MIN)
    runner.end()
    empty = rems_summary(replay(ESKETAMINE, sink.events, clock.now()), sink.events)
    assert empty.first_spray_at is None and empty.total_minutes is None
    assert empty.ready_to_leave_basis == "not recorded"
    assert all(answer.reading is None and answer.acceptable is None for answer in empty.blood_pressure)


def test_a_low_spo2_is_evidence_of_respiratory_depression() -> None:
    runner, clock, sink = make_runner(ESKETAMINE)
    runner.record_dose("esketamine", 56, "intranasal")
    clock.advance(30 * MIN)
    runner.record_vitals(VitalsReading(130, 80, 70, 87))
    runner.end()
    rems = rems_summary(replay(ESKETAMINE, sink.events, clock.now()), sink.events)
    assert rems.observations[2].evidence == ("SpO2 87% at +0:30 after the first spray (below 90%)",)


def test_a_debrief_stored_with_missing_values_never_reads_none() -> None:
    from kapdesk.core import debrief

    events = [Event(1, EventKind.DEBRIEF_SAVED, T0, {"fields": {"what came up": "Sea"}, "free_text": ""}),
              Event(2, EventKind.DEBRIEF_SAVED, T0, {"fields": {"Integration_plan": None,
                                                                 "what_came_up": "The lake"},
                                                      "free_text": None})]
    saved = debrief.latest(events)
    assert debrief.entries(saved) == [("What came up", "The lake")]
    assert debrief.heading("Integration_plan") == "Plan for integration"
    assert debrief.heading("mood_after") == "Mood after"


def test_the_departure_is_not_a_discharge_check_for_the_rems_form() -> None:
    from kapdesk.core.rems import discharge_completed_at

    left = Event(1, EventKind.DISCHARGE_CHECKED, T0, {"item": "Left the practice", "checked": True,
                                                      "left_at": T0, "left_with": "Sam"})
    assert discharge_completed_at([left]) is None
    ticked = Event(2, EventKind.DISCHARGE_CHECKED, T0 + 60, {"item": "Alert and oriented",
                                                             "checked": True})
    assert discharge_completed_at([left, ticked]) == T0 + 60


def test_a_dose_given_with_unticked_items_says_which_and_why() -> None:
    dose = Event(1, EventKind.DOSE_GIVEN, T0, {"drug": "ketamine", "mg": 150, "route": "sublingual",
                                               "given_at": T0, "unticked": ["Ride home arranged"],
                                               "reason": "Partner confirmed by phone"})
    assert describe(dose) == ("Dose: ketamine 150 mg sublingual (not ticked: Ride home arranged; "
                              "reason: Partner confirmed by phone)")
