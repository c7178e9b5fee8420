"""Ready for the dose in Records (issue 12): a session's readiness as it stood at the
dose, and a dose given although the client was not ready with its reason, on the
session's page and among the history's flags; a dose stored before readiness was
checked says so; the client's record shows their course of care, briefly."""

from __future__ import annotations

from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
from kapdesk.core.measure_course import FilledBy
from kapdesk.core.review_model import READINESS_OVERRIDE
from kapdesk.core.screening import Answer
from kapdesk.core.vitals import VitalsReading
from kapdesk.ui.review.session_text import READINESS_HEADING
from tests.helpers.course_records import TODAY, clear_screening, consent, phq9
from tests.helpers.practice_builder import T0, add_client, live_session
from tests.helpers.review_rig import demo_session, settle

pytest_plugins = ("tests.helpers.review_fixtures",)
REASON = "Consent signed on paper this morning; entered tomorrow"
OVERRIDE = f"Dosed although not ready (Consent). Reason: {REASON}"


def dosed_anyway(practice, services, clock) -> tuple[int, int]:  # noqa: ANN001
    """A session whose client had no consent: gone on with a reason, the readiness stored."""
    client = add_client(practice.engine, "Sam Lee")
    services.screenings.add(clear_screening(client), TODAY)
    services.measures.add(client, phq9(1, 1, 0, 0, 0, 0, 0, 0, 0), clock.now() - 600,
                          FilledBy.CLIENT)
    session_id, runner = live_session(practice, clock, client, KAP_SUBLINGUAL)
    runner.record_vitals(VitalsReading(124, 80, 70))
    readiness = services.course.readiness_for(client, TODAY, VitalsReading(124, 80, 70))
    clock.advance(600)
    runner.override_readiness(readiness, REASON)
    runner.record_dose("ketamine", 150, "sublingual", readiness=readiness.snapshot())
    clock.advance(30 * 60)
    runner.end()
    return client, session_id


def test_the_session_page_shows_the_readiness_at_the_dose_and_the_override(
        qtbot, area, practice, services, clock) -> None:  # noqa: ANN001
    client, session_id = dosed_anyway(practice, services, clock)
    area.show_history(client)
    settle(qtbot, area)
    [row] = [area.history.model.row_at(0)]
    assert (READINESS_OVERRIDE, OVERRIDE) in [tuple(flag) for flag in row.flags]
    area.show_session(session_id)
    page = area.session
    assert OVERRIDE in page.flags_label.text()
    text = page.debrief_view.toPlainText()
    start = text.index(READINESS_HEADING)
    assert text[start:].splitlines()[1:8] == [
        "Not ready: Consent (missing).",
        "✓ Screening — ready: Clear: screened 2026-01-01, no contraindication found.",
        "○ Consent — missing: No consent recorded.",
        "✓ PHQ-9 — ready: 2025-12-31: 2, minimal. Question 9 (thoughts of death or "
        "self-harm): 0, not at all.",
        "✓ Baseline blood pressure — ready: 124/80, heart rate 70.",
        "Medications: sertraline, 50 mg daily, since 2023",
        "Touch: no consent recorded",
    ]
    assert OVERRIDE in text[start:]


def test_a_dose_stored_before_readiness_was_checked_says_so(area, practice) -> None:  # noqa: ANN001
    client = add_client(practice.engine, "Maya A.")
    made = demo_session(practice, client, T0 - 7 * 86_400)
    area.show_history(client)
    area.show_session(made.session_id)
    text = area.session.debrief_view.toPlainText()
    assert (f"{READINESS_HEADING}\nNo readiness was recorded with this dose (recorded before "
            "readiness was checked).") in text


def test_the_clients_record_shows_their_course_briefly(qtbot, area, practice, services,  # noqa: ANN001
                                                      clock) -> None:
    client = add_client(practice.engine, "Robin K.")
    services.screenings.add(clear_screening(client, glaucoma=Answer.YES), TODAY)
    services.consents.add(consent(client), TODAY)
    services.measures.add(client, phq9(2, 2, 2, 1, 1, 1, 1, 0, 0), clock.now() - 600,
                          FilledBy.CLIENT)
    area.show_history(client)
    settle(qtbot, area)
    course = area.history.course
    assert course.isVisible()
    assert [line.text() for line in course.lines] == [
        "Screening: Not eligible: Glaucoma (yes).",
        "Consent version 1, 2026-01-01, signed on paper. Touch: hand on shoulder.",
        "Latest measures: PHQ-9 10, moderate (2025-12-31).",
    ]
    assert course.lines[0].accessibleName() == "Screening: Screening: Not eligible: Glaucoma (yes)."
    area.history.clear_filters()  # the whole practice: no one client's course
    settle(qtbot, area)
    assert not course.isVisible()


def test_a_client_with_no_course_recorded_reads_so(qtbot, area, practice) -> None:  # noqa: ANN001
    client = add_client(practice.engine, "Ari P.")
    area.show_history(client)
    settle(qtbot, area)
    texts = [line.text() for line in area.history.course.lines]
    assert texts[1:] == ["No consent recorded.", "Latest measures: none yet."]
    assert texts[0].startswith("Screening: ")
