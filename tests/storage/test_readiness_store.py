"""The readiness verdict gathered from the store for the before-the-dose page: each
missing or failed piece named, question 9 and its risk assessment, the practice's
settings, in a few queries however long the course."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from kapdesk.core.measure_course import FilledBy
from kapdesk.core.readiness import PieceKey, PieceStatus, ReadinessSettings
from kapdesk.core.suicide_risk import RiskAssessment, RiskLevel
from kapdesk.core.vitals import VitalsReading
from kapdesk.services import Services
from kapdesk.storage.practice_settings_store import PracticeSettingsError, load_readiness, save_readiness
from tests.helpers.course_records import NOW, TODAY, UTC, everything_ready, phq9


def test_readiness_for_a_client_with_nothing_names_every_piece(services: Services,
                                                               client_id: int) -> None:
    state = services.course.readiness_for(client_id, TODAY)
    assert not state.ready
    assert [piece.line for piece in state.not_ready] == [
        "Screening: missing. Not screened yet.",
        "Consent: missing. No consent recorded.",
        "PHQ-9: missing. No PHQ-9 yet.",
        "Baseline blood pressure: missing. Not taken yet: take the baseline blood pressure."]


def test_readiness_for_a_client_with_everything_in_place(services: Services,
                                                         client_id: int) -> None:
    everything_ready(services, client_id)
    state = services.course.readiness_for(client_id, TODAY, VitalsReading(128, 82, 70), tz=UTC)
    assert state.ready, state.words
    assert state.touch_words == "Touch: hand on shoulder"
    assert [m.name for m in state.medications] == ["sertraline"]


def test_question_9_needs_an_assessment_and_a_corrected_form_keeps_it(services: Services,
                                                                      client_id: int) -> None:
    everything_ready(services, client_id, item9=1)
    bp = VitalsReading(128, 82, 70)
    state = services.course.readiness_for(client_id, TODAY, bp, tz=UTC)
    assert state.piece(PieceKey.PHQ9).status is PieceStatus.MISSING
    assert "No suicide-risk assessment recorded" in state.piece(PieceKey.PHQ9).words
    assert state.safety_text  # the practice's question-9 text is shown
    [form] = services.measures.for_client(client_id)
    services.risk_assessments.add(RiskAssessment(client_id, RiskLevel.LOW, "Dr A", TODAY,
                                                 "no plan, no intent", form.id), TODAY, UTC)
    assert services.course.readiness_for(client_id, TODAY, bp, tz=UTC).ready
    services.measures.correct(form, phq9(1, 1, 1, 0, 0, 0, 0, 1, 1), "question 8 was 1")
    assert services.course.readiness_for(client_id, TODAY, bp, tz=UTC).ready


def test_the_risk_level_to_dose_at_is_the_practices_setting(services: Services,
                                                            client_id: int) -> None:
    everything_ready(services, client_id, item9=2)
    [form] = services.measures.for_client(client_id)
    services.risk_assessments.add(RiskAssessment(client_id, RiskLevel.MODERATE, "Dr A", TODAY,
                                                 measure_id=form.id), TODAY, UTC)
    bp = VitalsReading(128, 82, 70)
    piece = services.course.readiness_for(client_id, TODAY, bp, tz=UTC).piece(PieceKey.PHQ9)
    assert piece.status is PieceStatus.FAILED and "doses at low risk only" in piece.words
    save_readiness(services.settings, ReadinessSettings(highest_risk_to_dose=RiskLevel.MODERATE))
    assert services.course.readiness_for(client_id, TODAY, bp, tz=UTC).ready


def test_the_course_settings_are_read_forgivingly_and_saved_only_when_valid(
        services: Services) -> None:
    assert load_readiness(services.settings) == ReadinessSettings()
    services.settings.set("readiness", "damaged")
    assert load_readiness(services.settings) == ReadinessSettings()
    with pytest.raises(PracticeSettingsError, match="not a whole number from 1 to 365"):
        save_readiness(services.settings, ReadinessSettings(phq9_max_age_days=0))
    chosen = ReadinessSettings.from_data({"screening": {"rescreen_months": 12},
                                          "phq9_max_age_days": 30})
    save_readiness(services.settings, chosen)
    assert load_readiness(services.settings) == chosen == services.course.settings()


def test_readiness_is_read_in_a_few_queries_however_long_the_course(services: Services,
                                                                    client_id: int) -> None:
    everything_ready(services, client_id, item9=1)
    for day in range(30):
        form = services.measures.add(client_id, phq9(*[1] * 9), NOW - day * 86_400,
                                     FilledBy.PAPER)
        services.risk_assessments.add(RiskAssessment(client_id, RiskLevel.LOW, "Dr A", TODAY,
                                                     measure_id=form.id), TODAY, UTC)
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    engine = services.practice.engine
    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        state = services.course.readiness_for(client_id, TODAY, VitalsReading(128, 82, 70), tz=UTC)
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    assert state.ready, state.words
    # Settings, PHQ-9s, screenings, clearances, the list answered, consents, assessments,
    # the current list and document: one query each, not one per record.
    assert len(statements) <= 9, statements
