"""The session PDF's readiness as it stood at the dose (issue 12), read back with pypdf:
each piece in words, the medications, consent to touch, and a dose given although
the client was not ready with its reason; a session recorded before readiness was
checked says so instead of showing nothing."""

from __future__ import annotations

import pypdf

from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
from kapdesk.core.vitals import VitalsReading
from kapdesk.export.pdf_report import write_session_pdf
from kapdesk.services import open_services
from tests.helpers.course_records import TODAY, clear_screening, phq9
from tests.helpers.export_records import UTC_PLUS_1, reader
from tests.helpers.practice_builder import add_client, live_session

REASON = "Consent signed on paper this morning; entered tomorrow"


def pdf_text(path) -> str:  # noqa: ANN001
    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages)


def session_pdf(practice, clock, tmp_path, *, with_snapshot: bool) -> str:  # noqa: ANN001
    from kapdesk.core.measure_course import FilledBy

    services = open_services(practice, clock)
    client = add_client(practice.engine, "Sam Lee")
    services.screenings.add(clear_screening(client), TODAY)
    services.measures.add(client, phq9(1, 1, 0, 0, 0, 0, 0, 0, 0), clock.now() - 600,
                          FilledBy.CLIENT)
    session_id, runner = live_session(practice, clock, client, KAP_SUBLINGUAL)
    runner.record_vitals(VitalsReading(128, 82, 70))
    baseline = VitalsReading(128, 82, 70)
    readiness = services.course.readiness_for(client, TODAY, baseline)
    clock.advance(600)
    if with_snapshot:
        runner.override_readiness(readiness, REASON)
        runner.record_dose("ketamine", 150, "sublingual", readiness=readiness.snapshot())
    else:  # as a dose was stored before readiness was checked
        runner.record_dose("ketamine", 150, "sublingual")
    clock.advance(20 * 60)
    runner.end()
    target = tmp_path / "session.pdf"
    write_session_pdf(reader(practice, clock).session_record(session_id), target, clock.now(),
                      tz=UTC_PLUS_1)
    return pdf_text(target)


def test_the_readiness_at_the_dose_is_in_the_report_in_words(qapp, practice, clock,  # noqa: ANN001
                                                             tmp_path) -> None:
    text = session_pdf(practice, clock, tmp_path, with_snapshot=True)
    start = text.index("Readiness at the dose")
    section = text[start:text.index("Phases", start)]
    for expected in (
            "Not ready: Consent (missing).",
            "Screening — ready: Clear: screened 2026-01-01, no contraindication found.",
            "Consent — missing: No consent recorded.",
            "PHQ-9 — ready:", "Question 9 (thoughts of death or self-harm): 0",
            "Baseline blood pressure — ready: 128/82, heart rate 70.",
            "Medications: sertraline, 50 mg daily, since 2023",
            "Touch: no consent recorded",
            f"Dosed although not ready (Consent). Reason: {REASON}"):
        assert expected in section, expected
    # And among the report's flags, at the top.
    assert text.index(f"Reason: {REASON}") < start


def test_a_dose_stored_before_readiness_was_checked_says_so(qapp, practice, clock,  # noqa: ANN001
                                                            tmp_path) -> None:
    text = session_pdf(practice, clock, tmp_path, with_snapshot=False)
    assert ("Readiness at the dose No readiness was recorded with this dose (recorded before "
            "readiness was checked).") in text
