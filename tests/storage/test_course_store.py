"""The course of care in the encrypted practice: screenings, clearances, consents,
measures and risk assessments stored, read back as core's records, corrected by new
records only (the storage itself refuses UPDATE and DELETE), and the readiness
verdict gathered for the before-the-dose page."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from kapdesk.core.clients import ClientDraft
from kapdesk.core.consent import ClientConsent, ConsentHow, TouchConsent
from kapdesk.core.measure_course import FilledBy, course_figures, current_records, history
from kapdesk.core.measures import MeasureKind, score
from kapdesk.core.readiness import PieceKey, PieceStatus, ReadinessSettings
from kapdesk.core.screening import (DEFAULT_CONTRAINDICATIONS, Answer, Clearance,
                                    ContraindicationItem, ItemAnswer, ItemKind, Medication,
                                    Screening)
from kapdesk.core.suicide_risk import RiskAssessment, RiskLevel
from kapdesk.core.vitals import VitalsReading
from kapdesk.services import Services, open_services
from kapdesk.storage.course_errors import CourseRecordRefused
from kapdesk.storage.practice import open_practice
from kapdesk.storage.practice_settings_store import PracticeSettingsError, load_readiness, save_readiness
from kapdesk.storage.tables import APPEND_ONLY_COURSE_TABLES
from tests.helpers.constants import PASSPHRASE
from tests.helpers.filesnap import plaintext_hits

TODAY = dt.date(2026, 1, 1)  # the FakeClock's day
UTC = dt.timezone.utc
NOW = 1_767_225_600.0


@pytest.fixture
def services(practice, clock) -> Services:  # noqa: ANN001
    return open_services(practice, clock)


@pytest.fixture
def client_id(services: Services) -> int:
    return services.clients.add(ClientDraft("Maya R.")).id


def clear_screening(client_id: int, version: int = 1, **answers: Answer) -> Screening:
    items = DEFAULT_CONTRAINDICATIONS.items
    return Screening(client_id, TODAY, version,
                     tuple(ItemAnswer(i.key, answers.get(i.key, Answer.NO)) for i in items),
                     (Medication("sertraline", "50 mg daily", "2023"),), screened_by="Dr A")


def consent(client_id: int, **changes: object) -> ClientConsent:
    values: dict = {"client_id": client_id, "document_version": 1, "given_on": TODAY,
                    "how": ConsentHow.PAPER, "touch": TouchConsent(True, "hand on shoulder")}
    values.update(changes)
    return ClientConsent(**values)


def phq9(*answers: int) -> object:
    return score(MeasureKind.PHQ9, list(answers), 1 if any(answers) else None)


def test_a_screening_is_stored_with_its_version_medications_and_a_later_clearance(
        services: Services, client_id: int) -> None:
    stored = services.screenings.add(clear_screening(client_id, copd=Answer.YES), TODAY)
    assert stored.id is not None and stored.list_version == 1
    assert stored.medications == (Medication("sertraline", "50 mg daily", "2023"),)
    assert stored.answer_to("copd").answer is Answer.YES
    cleared = services.screenings.add_clearance(
        stored.id, Clearance("copd", "Dr Lung", TODAY, "stable on inhaler"), TODAY)
    assert cleared.clearance_for("copd").cleared_by == "Dr Lung"
    assert services.screenings.for_client(client_id) == [cleared]


def test_a_screening_that_misses_an_item_is_refused_in_words(services: Services,
                                                              client_id: int) -> None:
    draft = clear_screening(client_id)
    short = Screening(client_id, TODAY, 1, draft.answers[1:])
    with pytest.raises(CourseRecordRefused) as caught:
        services.screenings.add(short, TODAY)
    assert "History of ketamine abuse or dependence" in str(caught.value)
    assert "has no answer" in str(caught.value)
    assert services.screenings.history(client_id) == []


def test_a_corrected_screening_keeps_both_and_its_clearances(services: Services,
                                                              client_id: int) -> None:
    first = services.screenings.add(clear_screening(client_id, copd=Answer.YES), TODAY)
    services.screenings.add_clearance(first.id, Clearance("copd", "Dr Lung", TODAY), TODAY)
    fixed = Screening(client_id, TODAY, 1, first.answers, (Medication("sertraline", "100 mg"),),
                      screened_by="Dr A", supersedes=first.id, reason="dose misread")
    second = services.screenings.add(fixed, TODAY)
    assert [s.id for s in services.screenings.history(client_id)] == [first.id, second.id]
    assert services.screenings.for_client(client_id) == [second]
    assert second.clearance_for("copd") is not None  # the clearance still answers the item
    with pytest.raises(CourseRecordRefused, match="already corrected"):
        services.screenings.add(fixed, TODAY)
    with pytest.raises(CourseRecordRefused, match="latest version"):
        services.screenings.add_clearance(first.id, Clearance("copd", "Dr B", TODAY), TODAY)


def test_an_edited_list_is_a_new_version_and_the_one_answered_keeps_its_words(
        services: Services, client_id: int) -> None:
    stored = services.screenings.add(clear_screening(client_id), TODAY)
    edited = services.documents.save_contraindications(
        [*DEFAULT_CONTRAINDICATIONS.items,
         ContraindicationItem("epilepsy", "Uncontrolled epilepsy", ItemKind.EXCLUSION)])
    assert edited.version == 2 and services.documents.contraindications() == edited
    assert services.documents.contraindication_list(1) == DEFAULT_CONTRAINDICATIONS
    assert services.documents.save_contraindications(edited.items) == edited  # unchanged
    state = services.course.readiness_for(client_id, TODAY)
    # The new exclusion was never asked: unknown, so not eligible, in words.
    assert state.piece(PieceKey.SCREENING).status is PieceStatus.FAILED
    assert "Uncontrolled epilepsy (not asked in this screening)" in state.piece(PieceKey.SCREENING).words
    assert stored.list_version == 1


def test_consent_documents_are_versioned_and_a_consent_names_its_version(
        services: Services, client_id: int) -> None:
    assert services.documents.consent_document().version == 1
    second = services.documents.save_consent_document(
        "I, {client_name}, consent. {date}", "Our consent", TODAY)
    assert second.version == 2
    assert [d.version for d in services.documents.consent_documents()] == [1, 2]
    given = services.consents.add(consent(client_id, document_version=2), TODAY)
    assert given.touch == TouchConsent(True, "hand on shoulder")
    assert services.consents.for_client(client_id) == [given]
    with pytest.raises(CourseRecordRefused, match="no consent document version 7"):
        services.consents.add(consent(client_id, document_version=7), TODAY)
    with pytest.raises(CourseRecordRefused, match="not the client's name"):
        services.consents.add(consent(client_id, how=ConsentHow.TYPED_NAME, typed_name="Someone"),
                              TODAY)


def test_a_consent_without_touch_asked_reads_back_as_not_asked(services: Services,
                                                                client_id: int) -> None:
    assert services.course.touch_for(client_id) == ""
    given = services.consents.add(consent(client_id, touch=None), TODAY)
    assert given.touch is None and services.course.touch_for(client_id) == ""
    no_touch = services.consents.add(consent(client_id, touch=TouchConsent(False), supersedes=given.id,
                                             reason="asked about touch"), TODAY)
    assert no_touch.touch == TouchConsent(False) and no_touch.supersedes == given.id
    assert services.consents.for_client(client_id) == [no_touch]
    assert services.course.touch_for(client_id) == "Touch: none"  # the room's line


def test_measures_keep_every_item_and_how_they_were_filled(services: Services,
                                                           client_id: int) -> None:
    result = phq9(1, 2, 0, 3, 1, 0, 2, 1, 1)
    stored = services.measures.add(client_id, result, NOW - 3600, FilledBy.CLIENT)
    gad = services.measures.add(client_id, score(MeasureKind.GAD7, [1] * 7), NOW, FilledBy.PAPER)
    again = services.measures.for_client(client_id)
    assert again == [stored, gad]
    assert again[0].result.answers == (1, 2, 0, 3, 1, 0, 2, 1, 1)
    assert again[0].result.difficulty == 1 and again[0].filled_by is FilledBy.CLIENT
    assert again[0].result.total == 11 and again[0].result.severity == "moderate"
    assert services.measures.for_client(client_id, MeasureKind.GAD7) == [gad]


def test_a_corrected_measure_supersedes_and_the_history_shows_both(services: Services,
                                                                   client_id: int, clock) -> None:  # noqa: ANN001
    original = services.measures.add(client_id, phq9(*[2] * 9), NOW, FilledBy.PAPER)
    clock.advance(60)
    fixed = services.measures.correct(original, phq9(*[1] * 9), "typed 2 for 1 throughout")
    records = services.measures.for_client(client_id)
    assert current_records(records) == [fixed]
    assert [entry.words for entry in history(records)] == [
        f"PHQ-9 18, moderately severe (corrected by record {fixed.id})",
        f"PHQ-9 9, mild; corrects record {original.id}: typed 2 for 1 throughout"]
    with pytest.raises(CourseRecordRefused, match="already corrected"):
        services.measures.correct(original, phq9(*[0] * 9), "again")
    with pytest.raises(CourseRecordRefused, match="Say why"):
        services.measures.correct(fixed, phq9(*[0] * 9), "  ")
    assert course_figures(MeasureKind.PHQ9, records).latest == fixed


def test_the_pcl5_is_read_against_the_practices_cutoff(services: Services, client_id: int) -> None:
    services.measures.add(client_id, score(MeasureKind.PCL5, [2] * 16 + [0] * 4), NOW,
                          FilledBy.PAPER)
    save_readiness(services.settings, ReadinessSettings.from_data({"measures": {"pcl5_cutoff": 31}}))
    [record] = services.course.course(client_id).measures
    assert record.result.total == 32 and record.result.cutoff == 31
    assert record.result.at_or_above_cutoff


@pytest.mark.parametrize("table", APPEND_ONLY_COURSE_TABLES)
def test_storage_refuses_to_change_or_delete_a_clinical_row(services: Services, client_id: int,
                                                            table: str) -> None:
    first = services.screenings.add(clear_screening(client_id, copd=Answer.YES), TODAY)
    services.screenings.add_clearance(first.id, Clearance("copd", "Dr Lung", TODAY), TODAY)
    services.documents.save_consent_document("Text {date}", "Ours", TODAY)
    services.consents.add(consent(client_id), TODAY)
    measure = services.measures.add(client_id, phq9(*[1] * 9), NOW, FilledBy.PAPER)
    services.risk_assessments.add(RiskAssessment(client_id, RiskLevel.LOW, "Dr A", TODAY,
                                                 measure_id=measure.id), TODAY)
    with services.practice.engine.connect() as connection:
        column = connection.exec_driver_sql(f"SELECT * FROM {table}").keys()
        assert connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() >= 1
    first_column = list(column)[0]
    for statement in (f"UPDATE {table} SET {first_column} = {first_column}",
                      f"DELETE FROM {table}"):
        with pytest.raises(sa.exc.DatabaseError, match="append-only"):
            with services.practice.engine.begin() as connection:
                connection.exec_driver_sql(statement)


def test_records_of_a_client_not_in_the_practice_are_refused_in_words(services: Services) -> None:
    with pytest.raises(CourseRecordRefused, match="no such client"):
        services.screenings.add(clear_screening(99), TODAY)
    with pytest.raises(CourseRecordRefused, match="no such client"):
        services.consents.add(consent(99), TODAY)
    with pytest.raises(CourseRecordRefused, match="no such client"):
        services.measures.add(99, phq9(*[0] * 9), NOW, FilledBy.PAPER)
    with pytest.raises(CourseRecordRefused, match="no such client"):
        services.risk_assessments.add(RiskAssessment(99, RiskLevel.LOW, "Dr A", TODAY), TODAY)


def test_an_assessment_answers_this_clients_phq9_only(services: Services, client_id: int) -> None:
    other = services.clients.add(ClientDraft("Jonah B.")).id
    theirs = services.measures.add(other, phq9(*[1] * 9), NOW, FilledBy.PAPER)
    with pytest.raises(CourseRecordRefused, match="not among the client's records"):
        services.risk_assessments.add(RiskAssessment(client_id, RiskLevel.LOW, "Dr A", TODAY,
                                                     measure_id=theirs.id), TODAY)
    with pytest.raises(CourseRecordRefused, match="who did the assessment"):
        services.risk_assessments.add(RiskAssessment(client_id, RiskLevel.LOW, " ", TODAY), TODAY)


def everything_ready(services: Services, client_id: int, item9: int = 0) -> None:
    services.screenings.add(clear_screening(client_id), TODAY)
    services.consents.add(consent(client_id), TODAY)
    services.measures.add(client_id, phq9(1, 1, 1, 0, 0, 0, 0, 0, item9), NOW - 600,
                          FilledBy.CLIENT)


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


def test_the_course_survives_closing_and_reopening(services: Services, client_id: int,
                                                   clock) -> None:  # noqa: ANN001
    everything_ready(services, client_id)
    before = services.course.course(client_id)
    services.practice.close()
    reopened = open_practice(services.practice.data_dir, PASSPHRASE)
    try:
        assert open_services(reopened, clock).course.course(client_id) == before
    finally:
        reopened.close()


def test_no_word_of_the_course_is_on_disk_in_plain_text(services: Services, client_id: int) -> None:
    marker = "ZQ-COURSE-PROBE"
    answers = tuple(ItemAnswer(i.key, Answer.NO, marker) for i in DEFAULT_CONTRAINDICATIONS.items)
    services.screenings.add(Screening(client_id, TODAY, 1, answers, (Medication(marker),)), TODAY)
    services.consents.add(consent(client_id, note=marker,
                                  touch=TouchConsent(True, f"{marker} hand only")), TODAY)
    form = services.measures.add(client_id, phq9(*[1] * 9), NOW, FilledBy.PAPER)
    services.measures.correct(form, phq9(*[0] * 9), marker)
    services.risk_assessments.add(RiskAssessment(client_id, RiskLevel.LOW, marker, TODAY, marker),
                                  TODAY)
    # Screening, consent, the correction and the assessment: indexed, inside the file.
    assert len(services.course_search.search(marker.split("-")[-1])) == 4
    services.practice.close()
    assert plaintext_hits(services.practice.data_dir, [marker]) == []


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
