"""The readiness as it stood at the dose, stored in the dose's own event (issue 12):
written to the encrypted practice and read back whole, kept through a resume
(replay), read by review, and a dose stored before readiness was checked still
reads, saying it has none."""

from __future__ import annotations

import pytest

from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
from kapdesk.core.events import EventKind, event_data_problems
from kapdesk.core.readiness_record import NO_SNAPSHOT, snapshot_at_dose, snapshot_lines
from kapdesk.core.runner import SessionCommandError, SessionRunner
from kapdesk.core.vitals import VitalsReading
from kapdesk.services import open_services
from kapdesk.storage.sessions import SessionStore
from tests.helpers.course_records import TODAY, everything_ready
from tests.helpers.practice_builder import add_client, live_session


def test_the_snapshot_is_stored_with_the_dose_and_kept_through_a_resume(practice, clock) -> None:  # noqa: ANN001
    services = open_services(practice, clock)
    client = add_client(practice.engine, "Sam Lee")
    everything_ready(services, client)
    session_id, runner = live_session(practice, clock, client, KAP_SUBLINGUAL)
    runner.record_vitals(VitalsReading(124, 80, 70))
    snapshot = services.course.readiness_for(client, TODAY, VitalsReading(124, 80, 70)).snapshot()
    clock.advance(300)
    runner.record_dose("ketamine", 150, "sublingual", readiness=snapshot)
    clock.advance(300)

    stored = SessionStore(practice, clock).events(session_id)  # read back from the file
    [dose] = [event for event in stored if event.kind is EventKind.DOSE_GIVEN]
    assert dose.data["readiness"] == snapshot and snapshot["ready"] is True
    assert snapshot_at_dose(stored) == snapshot
    assert snapshot_lines(snapshot)[0] == "Ready for the dose."

    # A resumed session (after a crash) replays the same log: the dose stands, once.
    sink = SessionStore(practice, clock).sink(session_id)
    resumed = SessionRunner(KAP_SUBLINGUAL, clock, sink, events=stored)
    state = resumed.state()
    assert len(state.doses) == 1 and state.doses[0].data["readiness"] == snapshot
    resumed.add_note("Resting")
    resumed.end()
    record = services.review.session_record(session_id)
    assert snapshot_at_dose(record.events) == snapshot
    assert record.facts.dose_label == "ketamine 150 mg sublingual"


def test_a_dose_stored_before_readiness_was_checked_still_reads(practice, clock) -> None:  # noqa: ANN001
    services = open_services(practice, clock)
    client = add_client(practice.engine, "Maya A.")
    session_id, runner = live_session(practice, clock, client, KAP_SUBLINGUAL)
    runner.record_dose("ketamine", 150, "sublingual")  # no "readiness" key, as in old practices
    runner.end()
    record = services.review.session_record(session_id)
    assert snapshot_at_dose(record.events) is None
    assert snapshot_lines(None) == (NO_SNAPSHOT,)
    assert record.facts.doses and not record.facts.overrides


def test_a_snapshot_that_is_not_an_object_is_refused_before_it_is_stored(practice, clock) -> None:  # noqa: ANN001
    client = add_client(practice.engine, "Ari P.")
    session_id, runner = live_session(practice, clock, client, KAP_SUBLINGUAL)
    assert event_data_problems(EventKind.DOSE_GIVEN, {
        "drug": "ketamine", "mg": 150, "route": "sublingual", "given_at": clock.now(),
        "readiness": "ready"})
    with pytest.raises(SessionCommandError, match="readiness"):
        runner.record_dose("ketamine", 150, "sublingual", readiness="ready")  # type: ignore[arg-type]
    kinds = [e.kind for e in SessionStore(practice, clock).events(session_id)]
    assert EventKind.DOSE_GIVEN not in kinds
