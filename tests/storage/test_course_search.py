"""Full-text search over the course of care: a screening's notes and medications, a
clearance, a consent's limits of touch, a measure's correction, a risk assessment's
note, each found by its words with the client, the kind of record and its day."""

from __future__ import annotations

import datetime as dt

import pytest

from kapdesk.core.clients import ClientDraft
from kapdesk.core.consent import ClientConsent, ConsentHow, TouchConsent
from kapdesk.core.measure_course import FilledBy
from kapdesk.core.measures import MeasureKind, score
from kapdesk.core.screening import (DEFAULT_CONTRAINDICATIONS, Answer, Clearance, ItemAnswer,
                                    Medication, Screening)
from kapdesk.core.suicide_risk import RiskAssessment, RiskLevel
from kapdesk.services import Services, open_services

TODAY = dt.date(2026, 1, 1)
UTC = dt.timezone.utc


@pytest.fixture
def services(practice, clock) -> Services:  # noqa: ANN001
    found = open_services(practice, clock)
    maya = found.clients.add(ClientDraft("Maya R.")).id
    jonah = found.clients.add(ClientDraft("Jonah B.")).id
    answers = tuple(ItemAnswer(i.key, Answer.YES if i.key == "hypertension" else Answer.NO,
                               "controlled with amlodipine" if i.key == "hypertension" else "")
                    for i in DEFAULT_CONTRAINDICATIONS.items)
    screening = found.screenings.add(Screening(maya, TODAY, 1, answers,
                                               (Medication("lamotrigine", "100 mg"),)), TODAY)
    found.screenings.add_clearance(screening.id, Clearance("hypertension", "Dr Okafor", TODAY,
                                                           "cardiology letter on file"), TODAY)
    found.consents.add(ClientConsent(jonah, 1, TODAY, ConsentHow.PAPER,
                                     TouchConsent(True, "hand on the forearm only")), TODAY)
    form = found.measures.add(maya, score(MeasureKind.PHQ9, [1] * 9, 1), clock.now(),
                              FilledBy.PAPER)
    found.measures.correct(form, score(MeasureKind.PHQ9, [1] * 8 + [0], 1),
                           "question nine transcribed from the wrong column")
    found.risk_assessments.add(RiskAssessment(maya, RiskLevel.LOW, "Dr A", TODAY,
                                              "protective factors: daughter, dog"), TODAY)
    return found


def found(services: Services, text: str, client_id: int | None = None) -> list[tuple[str, str]]:
    return [(hit.client_name, hit.what)
            for hit in services.course_search.search(text, client_id, tz=UTC)]


def test_each_kind_of_record_is_found_by_its_words(services: Services) -> None:
    assert found(services, "amlodipine") == [("Maya R.", "Screening")]
    assert found(services, "lamotrigine") == [("Maya R.", "Screening")]
    assert found(services, "cardiology") == [("Maya R.", "Clearance")]
    assert found(services, "forearm") == [("Jonah B.", "Consent")]
    assert found(services, "wrong column") == [("Maya R.", "Measure")]
    assert found(services, "daughter") == [("Maya R.", "Suicide-risk assessment")]


def test_hits_carry_the_record_its_day_and_the_marked_words(services: Services) -> None:
    [hit] = services.course_search.search("transcri", tz=UTC)  # a word still being typed
    [_original, correction] = services.measures.for_client(hit.client_id)
    assert (hit.record_table, hit.record_id, hit.day) == ("measures", correction.id, TODAY)
    assert "<b>transcribed</b>" in hit.snippet_html()
    assert len(services.course_search.search("PHQ", tz=UTC)) == 2  # the original and its correction


def test_a_clients_search_finds_only_theirs_and_nothing_typed_finds_nothing(
        services: Services) -> None:
    jonah = services.clients.list()[0]
    assert jonah.display_name == "Jonah B."
    assert found(services, "forearm", jonah.id) == [("Jonah B.", "Consent")]
    assert found(services, "amlodipine", jonah.id) == []
    assert services.course_search.search("  \"  ") == ()
