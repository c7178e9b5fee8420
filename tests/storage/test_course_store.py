"""The course of care in the encrypted practice: screenings, clearances, consents,
measures and risk assessments stored, read back as core's records, corrected by new
records only (the storage itself refuses UPDATE and DELETE), kept across reopening
and never on disk in plain text."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from kapdesk.core.clients import ClientDraft
from kapdesk.core.consent import ConsentHow, TouchConsent
from kapdesk.core.measure_course import FilledBy, course_figures, current_records, history
from kapdesk.core.measures import MeasureKind, score
from kapdesk.core.readiness import PieceKey, PieceStatus, ReadinessSettings
from kapdesk.core.screening import (DEFAULT_CONTRAINDICATIONS, Answer, Clearance,
                                    ContraindicationItem, ItemAnswer, ItemKind, Medication,
                                    Screening)
from kapdesk.core.suicide_risk import RiskAssessment, RiskLevel
from kapdesk.services import Services, open_services
from kapdesk.storage.course_errors import CourseRecordRefused
from kapdesk.storage.practice import open_practice
from kapdesk.storage.practice_settings_store import save_readiness
from kapdesk.storage.tables import APPEND_ONLY_COURSE_TABLES
from tests.helpers.constants import PASSPHRASE
from tests.helpers.course_records import (NOW, TODAY, clear_screening, consent, everything_ready,
                                          phq9)
from tests.helpers.filesnap import plaintext_hits


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


def test_each_version_says_when_it_was_stored(services: Services, clock) -> None:  # noqa: ANN001
    shipped_list = services.documents.contraindications()
    shipped_document = services.documents.consent_document()
    assert services.documents.made_at(shipped_list) is None  # not stored until referred to
    assert services.documents.made_at(shipped_document) is None
    clock.advance(3600)
    edited = services.documents.save_contraindications(DEFAULT_CONTRAINDICATIONS.items[:2])
    document = services.documents.save_consent_document("{client_name} {date}", "Ours", TODAY)
    assert services.documents.made_at(edited) == NOW + 3600
    assert services.documents.made_at(document) == NOW + 3600
    assert services.documents.made_at(shipped_list) == NOW + 3600  # version 1 pinned with it


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


