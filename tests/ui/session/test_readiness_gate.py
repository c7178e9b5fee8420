"""Ready for the dose (issue 12): the before-the-dose page's readiness panel and the
gate it puts on the dose. A missing or failed piece is named on the panel and on
the dose button, and the dose is held; "Go on anyway" (Ctrl+G) takes a written
reason, stored as the log's own event before the dose; every dose stores the
readiness as it stood. Real encrypted practice, the app's own window, FakeClock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
from kapdesk.core.clients import ClientDraft
from kapdesk.core.events import EventKind
from kapdesk.core.measure_course import FilledBy
from kapdesk.core.review_model import READINESS_OVERRIDE
from kapdesk.core.readiness import PieceKey
from kapdesk.core.screening import Answer
from tests.helpers.course_records import NOW, TODAY, clear_screening, consent, phq9
from tests.helpers.session_window import stored, take_baseline, tick_checklist

pytest_plugins = ("tests.helpers.session_fixtures",)
CTRL = Qt.KeyboardModifier.ControlModifier
REASON = "Consent signed on paper this morning; it goes into the practice tomorrow"


def new_client(services, *, screening=True, consent_given=True, phq9_filled=True,  # noqa: ANN001, ANN201
               item9=0, **answers: Answer):
    client = services.clients.add(ClientDraft("Sam R."))
    if screening:
        services.screenings.add(clear_screening(client.id, **answers), TODAY)
    if consent_given:
        services.consents.add(consent(client.id), TODAY)
    if phq9_filled:
        services.measures.add(client.id, phq9(1, 1, 1, 0, 0, 0, 0, 0, item9), NOW - 600,
                              FilledBy.CLIENT)
    return client


def before_dose(wired, client):  # noqa: ANN001, ANN201
    view = wired.session_flow.start(client.id, KAP_SUBLINGUAL)
    tick_checklist(view.pre_dose)
    return view.pre_dose


def line(panel, key: PieceKey) -> str:  # noqa: ANN001
    return panel.readiness.lines[key].text()


def dose_words(panel) -> str:  # noqa: ANN001
    """What the dose button says, without its key."""
    return panel.dose_button.text().split("   ")[0]


def press_dose(panel) -> None:  # noqa: ANN001
    QTest.keyClick(QApplication.focusWidget() or panel, Qt.Key.Key_Return, CTRL)


MISSING = {
    "screening": ({"screening": False}, PieceKey.SCREENING, "○ Screening — missing: ", "screening"),
    "consent": ({"consent_given": False}, PieceKey.CONSENT, "○ Consent — missing: ", "consent"),
    "phq9": ({"phq9_filled": False}, PieceKey.PHQ9, "○ PHQ-9 — missing: No PHQ-9 yet.", "PHQ-9"),
}


@pytest.mark.parametrize("which", list(MISSING))
def test_each_missing_piece_is_named_and_holds_the_dose(wired, services, clock, which) -> None:  # noqa: ANN001
    changes, key, words, short = MISSING[which]
    panel = before_dose(wired, new_client(services, **changes))
    take_baseline(panel)
    assert line(panel, key).startswith(words)
    others = [k for k in PieceKey if k not in (key, PieceKey.PACE)]  # pace: only when broken
    assert all(line(panel, k).startswith("✓") for k in others)
    assert dose_words(panel) == f"Dose held — not ready: {short}"
    # Its name stays what it does; a screen reader hears why it holds.
    assert panel.dose_button.accessibleName() == "Record dose and go to the room"
    assert panel.dose_button.accessibleDescription() == f"Dose held — not ready: {short}"
    assert panel.go_on_button.isVisible()
    press_dose(panel)
    assert stored(services, wired.session_flow.view, EventKind.DOSE_GIVEN) == []
    assert panel.message.text().startswith(f"Not ready: {key.label} (missing).")
    assert "Ctrl+G" in panel.message.text()


def test_no_baseline_blood_pressure_holds_the_dose_until_one_is_saved(wired, services) -> None:  # noqa: ANN001
    panel = before_dose(wired, new_client(services))
    assert line(panel, PieceKey.BLOOD_PRESSURE) == (
        "○ Baseline blood pressure — missing: Not taken yet: take the baseline blood pressure.")
    assert dose_words(panel) == "Dose held — not ready: baseline BP"
    take_baseline(panel, "124", "80")  # saving it re-reads the verdict
    assert line(panel, PieceKey.BLOOD_PRESSURE).startswith("✓ Baseline blood pressure — ready: 124/80")
    assert panel.readiness.verdict.text() == "Ready for the dose."
    assert dose_words(panel) == "Record dose and go to the room"
    assert panel.dose_button.accessibleDescription() == ""
    assert not panel.go_on_button.isVisible()


def test_an_exclusion_answered_yes_is_not_eligible_in_words(wired, services) -> None:  # noqa: ANN001
    panel = before_dose(wired, new_client(services, glaucoma=Answer.YES))
    take_baseline(panel)
    text = line(panel, PieceKey.SCREENING)
    assert text == "✗ Screening — Not eligible: Glaucoma (yes)."
    assert panel.readiness.lines[PieceKey.SCREENING].property("level") == "alert"
    assert dose_words(panel) == "Dose held — not ready: screening"


def test_question_9_without_an_assessment_shows_the_safety_text(wired, services) -> None:  # noqa: ANN001
    panel = before_dose(wired, new_client(services, item9=1))
    assert "No suicide-risk assessment recorded" in line(panel, PieceKey.PHQ9)
    assert panel.readiness.safety.isVisible() and panel.readiness.safety.text()


def test_the_medications_of_the_latest_screening_are_listed(wired, services) -> None:  # noqa: ANN001
    panel = before_dose(wired, new_client(services))
    assert panel.readiness.medications.text() == (
        "Medications: sertraline, 50 mg daily, since 2023")
    bare = before_dose_again(wired, services)
    assert bare.readiness.medications.text() == "Medications: none listed"


def before_dose_again(wired, services):  # noqa: ANN001, ANN201
    wired.session_flow.view.controller.end()
    return before_dose(wired, new_client(services, screening=False))


def test_going_on_anyway_needs_a_written_reason_stored_before_the_dose(
        wired, services, clock) -> None:  # noqa: ANN001
    panel = before_dose(wired, new_client(services, consent_given=False))
    view = wired.session_flow.view
    take_baseline(panel)
    QTest.keyClick(panel, Qt.Key.Key_G, CTRL)
    assert panel.override_edit.isVisible() and QApplication.focusWidget() is panel.override_edit
    QTest.keyClick(panel.override_edit, Qt.Key.Key_Return)  # no reason yet
    assert panel.message.text() == "Write why the dose goes ahead although the client is not ready."
    assert stored(services, view, EventKind.READINESS_OVERRIDDEN) == []
    assert stored(services, view, EventKind.DOSE_GIVEN) == []
    clock.advance(60)
    QTest.keyClicks(panel.override_edit, REASON)
    QTest.keyClick(panel.override_edit, Qt.Key.Key_Return)
    [override] = stored(services, view, EventKind.READINESS_OVERRIDDEN)
    [dose] = stored(services, view, EventKind.DOSE_GIVEN)
    assert override.seq < dose.seq
    assert override.data["reason"] == REASON and override.data["not_ready"] == ["Consent"]
    snapshot = dose.data["readiness"]
    assert snapshot["ready"] is False
    assert [p["status"] for p in snapshot["pieces"]] == ["ready", "missing", "ready", "ready"]
    assert view.current_page() is view.room
    words = f"Dosed although not ready (Consent). Reason: {REASON}"
    assert any(words in text for text in view.room.log.texts())
    view.controller.end()
    [row] = services.review.history()
    assert (READINESS_OVERRIDE, words) in [tuple(flag) for flag in row.flags]


def test_a_ready_client_doses_without_being_asked_and_the_snapshot_says_ready(
        session, services) -> None:  # noqa: ANN001
    panel = session.pre_dose
    take_baseline(panel)
    tick_checklist(panel)
    assert panel.readiness.verdict.text() == "Ready for the dose."
    panel.record_dose()
    [dose] = stored(services, session, EventKind.DOSE_GIVEN)
    assert dose.data["readiness"]["ready"] is True
    assert dose.data["readiness"]["touch"] == "Touch: hand on shoulder"
    assert stored(services, session, EventKind.READINESS_OVERRIDDEN) == []


def test_a_practice_file_that_cannot_be_read_holds_the_dose_in_words(wired, services,
                                                                     monkeypatch) -> None:  # noqa: ANN001
    client = new_client(services)

    def broken(*_args, **_kwargs):  # noqa: ANN002, ANN003, ANN202
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(services.course, "readiness_for", broken)
    panel = before_dose(wired, client)
    take_baseline(panel)
    assert all(line(panel, key).startswith("○") and "Could not be read" in line(panel, key)
               for key in PieceKey if key is not PieceKey.PACE)
    assert dose_words(panel).startswith("Dose held — not ready: screening")


def test_a_consent_to_an_older_version_is_not_current(wired, services) -> None:  # noqa: ANN001
    client = new_client(services)  # consented to version 1
    current = services.documents.consent_document()
    services.documents.save_consent_document(current.template + "\nA new paragraph.",
                                             current.title, TODAY)
    panel = before_dose(wired, client)
    take_baseline(panel)
    text = line(panel, PieceKey.CONSENT)
    assert text.startswith("✗ Consent — not current: Consent version 1") and "version 2" in text
    assert dose_words(panel) == "Dose held — not ready: consent"


def test_a_suicide_risk_above_the_practices_limit_holds_the_dose(wired, services) -> None:  # noqa: ANN001
    from kapdesk.core.suicide_risk import RiskAssessment, RiskLevel

    client = new_client(services, item9=2)
    [measure] = services.measures.for_client(client.id)
    services.risk_assessments.add(RiskAssessment(client.id, RiskLevel.MODERATE, "Dr A", TODAY,
                                                 measure_id=measure.id), TODAY)
    panel = before_dose(wired, client)
    take_baseline(panel)
    text = line(panel, PieceKey.PHQ9)
    assert text.startswith("✗ PHQ-9 — suicide risk above the practice's limit: ")
    assert "The practice doses at low risk only." in text
    assert panel.readiness.safety.isVisible()  # at that risk the practice's safety text stays
    assert dose_words(panel) == "Dose held — not ready: PHQ-9"
