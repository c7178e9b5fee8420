"""Ready for the dose: each piece ready, missing or failed in words, question 9's
risk assessment, and the override that needs a reason."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest

from kapdesk.core.clock import FakeClock
from kapdesk.core.consent import (DEFAULT_DOCUMENT, ClientConsent, ConsentDocument, ConsentHow,
                                  TouchConsent)
from kapdesk.core.measure_course import (FilledBy, MeasureRecord, corrected_ids, correction,
                                         latest_of)
from kapdesk.core.measures import DEFAULT_SAFETY_TEXT, MeasureKind, MeasureSettings, score
from kapdesk.core.readiness import (OVERRIDE_EVENT_KIND, OverrideReasonMissing, PieceKey,
                                    PieceStatus, Readiness, ReadinessSettings,
                                    override_event_data, override_words, readiness)
from kapdesk.core.screening import (DEFAULT_CONTRAINDICATIONS, Answer, Clearance, ItemAnswer,
                                    Medication, Screening)
from kapdesk.core.suicide_risk import (RiskAssessment, RiskLevel, assessment_for,
                                       assessment_problems)
from kapdesk.core.vitals import VitalsReading

UTC = dt.timezone.utc
CLOCK_START = FakeClock().now()  # 2026-01-01T00:00Z
DAY = 86_400.0
TODAY = dt.date(2026, 3, 2)
PHQ9_DAY = dt.date(2026, 3, 1)


def screening(**answers: Answer) -> Screening:
    return Screening(1, dt.date(2026, 1, 5), 1,
                     tuple(ItemAnswer(i.key, answers.get(i.key, Answer.NO))
                           for i in DEFAULT_CONTRAINDICATIONS.items),
                     (Medication("Sertraline", "50 mg daily", "2022"),), id=1)


CONSENT = ClientConsent(1, 1, dt.date(2026, 1, 5), ConsentHow.PAPER,
                        TouchConsent(True, "a hand on the shoulder only"), id=1)


def phq9(item9: int = 0, record_id: int = 4) -> MeasureRecord:
    clock = FakeClock()
    clock.advance(59 * DAY + 9 * 3600)  # 2026-03-01 09:00 UTC
    answers = [1] * 8 + [item9]
    return MeasureRecord(1, score(MeasureKind.PHQ9, answers), clock.now(), FilledBy.CLIENT,
                         clock.now(), id=record_id)


def assessment(level: RiskLevel = RiskLevel.LOW, on: dt.date = PHQ9_DAY,
               measure_id: int | None = 4) -> RiskAssessment:
    return RiskAssessment(1, level, "Dr Kay", on, "denies intent; safety plan reviewed",
                          measure_id, id=1)


def verdict(**changes: object) -> Readiness:
    given: dict[str, object] = dict(
        screening=screening(), contraindications=DEFAULT_CONTRAINDICATIONS, consent=CONSENT,
        consent_document=DEFAULT_DOCUMENT, phq9=phq9(), today=TODAY,
        baseline=VitalsReading(128, 82, 72), tz=UTC)
    given.update(changes)
    return readiness(**given)  # type: ignore[arg-type]


def statuses(state: Readiness) -> dict[str, str]:
    return {piece.key.value: piece.status.value for piece in state.pieces}


def test_all_pieces_in_place_is_ready() -> None:
    state = verdict()
    assert state.ready and state.not_ready == ()
    assert state.words == "Ready for the dose."
    assert [(p.label, p.status) for p in state.pieces] == [
        ("Screening", PieceStatus.READY), ("Consent", PieceStatus.READY),
        ("PHQ-9", PieceStatus.READY), ("Baseline blood pressure", PieceStatus.READY)]
    assert state.piece(PieceKey.PHQ9).words == (
        "2026-03-01: 8, mild. Question 9 (thoughts of death or self-harm): 0, not at all.")
    assert state.piece(PieceKey.BLOOD_PRESSURE).words == "128/82, heart rate 72."
    assert state.touch_words == "Touch: a hand on the shoulder only"
    assert state.medications == (Medication("Sertraline", "50 mg daily", "2022"),)
    assert state.safety_text == ""


def test_nothing_recorded_names_every_missing_piece() -> None:
    state = verdict(screening=None, consent=None, phq9=None, baseline=None)
    assert not state.ready
    assert [piece.line for piece in state.pieces] == [
        "Screening: missing. Not screened yet.",
        "Consent: missing. No consent recorded.",
        "PHQ-9: missing. No PHQ-9 yet.",
        "Baseline blood pressure: missing. Not taken yet: take the baseline blood pressure."]
    assert state.words == ("Not ready: Screening (missing), Consent (missing), PHQ-9 (missing), "
                           "Baseline blood pressure (missing).")


@pytest.mark.parametrize(("changes", "key", "status", "words"), [
    (dict(screening=None), "screening", "missing", "Not screened yet."),
    (dict(screening=screening(glaucoma=Answer.YES)), "screening", "failed",
     "Not eligible: Glaucoma (yes)."),
    (dict(screening=screening(glaucoma=Answer.UNKNOWN)), "screening", "failed",
     "Not eligible: Glaucoma (unknown)."),
    (dict(screening=screening(copd=Answer.YES)), "screening", "missing",
     "Needs a recorded medical clearance: COPD (yes)."),
    (dict(today=dt.date(2026, 7, 6)), "screening", "missing",
     "Screening due again since 2026-07-05 (screened 2026-01-05)."),
    (dict(consent=None), "consent", "missing", "No consent recorded."),
    (dict(consent=replace(CONSENT, touch=None)), "consent", "missing",
     "Consent version 1, 2026-01-05, signed on paper. Consent to touch not recorded."),
    (dict(consent_document=ConsentDocument(2, "I, {client_name}, consent.")), "consent", "failed",
     "Consent version 1, 2026-01-05, signed on paper. The practice's consent is now version 2: "
     "ask the client to consent again. Touch: a hand on the shoulder only."),
    (dict(phq9=None), "phq9", "missing", "No PHQ-9 yet."),
    (dict(baseline=None), "blood_pressure", "missing",
     "Not taken yet: take the baseline blood pressure."),
    (dict(baseline=VitalsReading(150, 95, 72)), "blood_pressure", "failed",
     "150/95, heart rate 72. Above 140/90 and no reason: take it again, or give a reason."),
])
def test_each_missing_or_failed_piece_is_named(changes: dict[str, object], key: str,
                                              status: str, words: str) -> None:
    state = verdict(**changes)
    assert not state.ready
    piece = state.piece(PieceKey(key))
    assert (piece.status.value, piece.words) == (status, words)
    assert [p.key.value for p in state.not_ready] == [key]  # only that piece
    assert f"{piece.label} ({status})" in state.words


def test_a_high_baseline_with_a_reason_is_ready() -> None:
    state = verdict(baseline=VitalsReading(150, 95, 72), baseline_reason="usual for this client")
    assert state.ready
    assert state.piece(PieceKey.BLOOD_PRESSURE).words == (
        "150/95, heart rate 72. Above 140/90: record a reason before dosing; reason given: "
        "usual for this client")


def test_a_cleared_screening_is_ready() -> None:
    found = screening(copd=Answer.YES).with_clearance(
        Clearance("copd", "Dr Reyes", dt.date(2026, 1, 20)))
    state = verdict(screening=found)
    assert state.ready
    assert "Cleared: COPD (yes), cleared by Dr Reyes, 2026-01-20." in \
        state.piece(PieceKey.SCREENING).words


# ---- question 9 ------------------------------------------------------------------

def test_question_9_above_0_needs_a_risk_assessment_before_the_client_is_ready() -> None:
    state = verdict(phq9=phq9(item9=1))
    assert statuses(state)["phq9"] == "missing" and not state.ready
    assert state.piece(PieceKey.PHQ9).words == (
        "2026-03-01: 9, mild. Question 9 (thoughts of death or self-harm): 1, several days. "
        "No suicide-risk assessment recorded for it: record its result (risk level, who, when, "
        "note).")
    assert state.safety_text == DEFAULT_SAFETY_TEXT
    custom = ReadinessSettings(measures=MeasureSettings(item9_safety_text="Call Dr Kay."))
    assert verdict(phq9=phq9(item9=1), settings=custom).safety_text == "Call Dr Kay."


def test_a_low_risk_assessment_makes_the_phq9_ready() -> None:
    state = verdict(phq9=phq9(item9=2), risk_assessments=[assessment()])
    assert state.ready and state.safety_text == ""
    assert state.piece(PieceKey.PHQ9).words.endswith(
        "Suicide-risk assessment: low risk, by Dr Kay, 2026-03-01. denies intent; safety plan "
        "reviewed.")


@pytest.mark.parametrize(("level", "highest", "status"), [
    (RiskLevel.MODERATE, RiskLevel.LOW, "failed"),
    (RiskLevel.HIGH, RiskLevel.LOW, "failed"),
    (RiskLevel.MODERATE, RiskLevel.MODERATE, "ready"),
    (RiskLevel.HIGH, RiskLevel.MODERATE, "failed"),
])
def test_the_risk_level_that_still_doses_is_a_setting(level: RiskLevel, highest: RiskLevel,
                                                     status: str) -> None:
    state = verdict(phq9=phq9(item9=1), risk_assessments=[assessment(level)],
                    settings=ReadinessSettings(highest_risk_to_dose=highest))
    assert statuses(state)["phq9"] == status
    if status == "failed":
        assert state.piece(PieceKey.PHQ9).words.endswith(
            f"The practice doses at {highest.value} risk only.")


def test_an_assessment_dated_before_the_form_does_not_count() -> None:
    old = assessment(on=dt.date(2026, 2, 1), measure_id=None)
    assert statuses(verdict(phq9=phq9(item9=1), risk_assessments=[old]))["phq9"] == "missing"
    assert assessment_for(4, PHQ9_DAY, [old]) is None
    assert assessment_for(4, PHQ9_DAY, [assessment(measure_id=None)]) is not None
    assert assessment_for(4, PHQ9_DAY, [assessment(measure_id=3)]) is None  # another form's


def test_an_assessment_of_the_original_still_answers_its_correction() -> None:
    original = phq9(item9=1, record_id=4)
    fixed = replace(correction(original, score(MeasureKind.PHQ9, [1] * 8 + [2]), "question 9 "
                               "was 2 on paper", original.recorded_at + 60), id=5)
    records = [original, fixed]
    latest = latest_of(MeasureKind.PHQ9, records)
    assert latest is fixed
    state = verdict(phq9=latest, phq9_corrected_ids=corrected_ids(fixed, records),
                    risk_assessments=[assessment(measure_id=4)])
    assert state.ready


def test_what_an_assessment_must_say() -> None:
    draft = RiskAssessment(1, RiskLevel.LOW, " ", dt.date(2026, 2, 1))
    assert assessment_problems(draft, PHQ9_DAY, TODAY) == [
        "Say who did the assessment.",
        "The assessment is dated before the PHQ-9 it answers (2026-03-01); an earlier one "
        "does not count."]
    assert assessment_problems(assessment(on=dt.date(2026, 3, 3)), PHQ9_DAY, TODAY) == [
        "The assessment date is in the future."]
    assert RiskAssessment.from_data(assessment().to_data()) == assessment()


def test_an_old_phq9_is_missing_only_when_the_practice_sets_an_age() -> None:
    later = dt.date(2026, 3, 20)
    assert statuses(verdict(today=later))["phq9"] == "ready"
    state = verdict(today=later, settings=ReadinessSettings(phq9_max_age_days=14))
    assert state.piece(PieceKey.PHQ9).status is PieceStatus.MISSING
    assert state.piece(PieceKey.PHQ9).words.endswith(
        "Older than 14 days: ask the client to fill a new one.")


def test_the_phq9_piece_takes_only_a_phq9() -> None:
    gad = MeasureRecord(1, score(MeasureKind.GAD7, [0] * 7), CLOCK_START, FilledBy.PAPER,
                        CLOCK_START, id=9)
    with pytest.raises(ValueError, match="gad7"):
        verdict(phq9=gad)


# ---- the override -------------------------------------------------------------------

@pytest.mark.parametrize("reason", ["", "   ", "\n"])
def test_going_on_without_readiness_needs_a_reason(reason: str) -> None:
    state = verdict(baseline=None)
    with pytest.raises(OverrideReasonMissing) as refused:
        override_event_data(state, reason)
    assert str(refused.value) == "Write why the dose goes ahead although the client is not ready."


def test_the_override_event_carries_the_reason_and_what_was_missing() -> None:
    state = verdict(phq9=phq9(item9=1), baseline=None)
    data = override_event_data(state, "  BP cuff broken; client known normotensive ")
    assert OVERRIDE_EVENT_KIND == "readiness_overridden"
    assert data["reason"] == "BP cuff broken; client known normotensive"
    assert data["not_ready"] == ["PHQ-9", "Baseline blood pressure"]
    assert data["readiness"] == state.snapshot()
    assert json.loads(json.dumps(data)) == data  # plain data, as a session log stores it
    assert override_words(data) == ("Dosed although not ready (PHQ-9, Baseline blood pressure). "
                                    "Reason: BP cuff broken; client known normotensive")


def test_a_ready_client_has_nothing_to_override() -> None:
    with pytest.raises(ValueError, match="nothing to override"):
        override_event_data(verdict(), "just because")


def test_the_snapshot_is_what_stood_at_the_dose() -> None:
    snapshot = verdict(baseline=None).snapshot()
    assert snapshot["ready"] is False
    assert [p["status"] for p in snapshot["pieces"]] == ["ready", "ready", "ready", "missing"]
    assert snapshot["medications"] == ["Sertraline, 50 mg daily, since 2022"]
    assert snapshot["touch"] == "Touch: a hand on the shoulder only"


def test_the_settings_are_plain_data_read_forgivingly() -> None:
    settings = ReadinessSettings(highest_risk_to_dose=RiskLevel.MODERATE, phq9_max_age_days=30)
    assert ReadinessSettings.from_data(settings.to_data()) == settings
    assert json.loads(json.dumps(settings.to_data())) == settings.to_data()
    assert ReadinessSettings.from_data({"highest_risk_to_dose": "none",
                                        "phq9_max_age_days": 0}) == ReadinessSettings()
