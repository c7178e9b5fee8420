"""A client's course of care as the storage tests record it: a clear screening of the
default list, a consent with consent to touch, a scored PHQ-9, and everything a
client needs to be ready for a dose."""

from __future__ import annotations

import datetime as dt

from kapdesk.core.consent import ClientConsent, ConsentHow, TouchConsent
from kapdesk.core.measure_course import FilledBy
from kapdesk.core.measures import MeasureKind, MeasureResult, score
from kapdesk.core.screening import DEFAULT_CONTRAINDICATIONS, Answer, ItemAnswer, Medication, Screening
from kapdesk.services import Services

TODAY = dt.date(2026, 1, 1)  # the FakeClock's day
UTC = dt.timezone.utc
NOW = 1_767_225_600.0  # the FakeClock's time


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


def phq9(*answers: int) -> MeasureResult:
    return score(MeasureKind.PHQ9, list(answers), 1 if any(answers) else None)


def everything_ready(services: Services, client_id: int, item9: int = 0) -> None:
    services.screenings.add(clear_screening(client_id), TODAY)
    services.consents.add(consent(client_id), TODAY)
    services.measures.add(client_id, phq9(1, 1, 1, 0, 0, 0, 0, 0, item9), NOW - 600,
                          FilledBy.CLIENT)
