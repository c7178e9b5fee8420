"""A client's course of care read whole, and the readiness verdict before a dose.

`CourseReader.course(client_id)` gathers on one connection, in a handful of
queries, everything the client page, the before-the-dose page and the export
show: screenings with their clearances, consents, measures with their item
answers, suicide-risk assessments, talk sessions (corrected records
included: core decides what counts), the practice's current contraindication list and consent
document, and the course's settings. `readiness_for` hands that to core's
`readiness()`; the screens only call it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa

from kapdesk.core.clock import Clock
from kapdesk.core.course_due import CourseWindows
from kapdesk.core.consent import ClientConsent, ConsentDocument, latest_consent
from kapdesk.core.measure_course import MeasureRecord, corrected_ids, latest_of
from kapdesk.core.measures import MeasureKind
from kapdesk.core.practice_settings import COURSE_KEYS, readiness_settings
from kapdesk.core.readiness import Readiness, ReadinessSettings, readiness
from kapdesk.core.screening import ContraindicationList, Screening, latest_screening
from kapdesk.core.suicide_risk import RiskAssessment
from kapdesk.core.talk_sessions import TalkSession
from kapdesk.core.superseding import current
from kapdesk.core.vitals import VitalsReading
from kapdesk.storage.consents import client_consents
from kapdesk.storage.measures import client_measures
from kapdesk.storage.practice import Practice
from kapdesk.storage.practice_documents import current_document, current_list, list_version
from kapdesk.storage.risk_assessments import client_assessments
from kapdesk.storage.screenings import client_screenings
from kapdesk.storage.tables import practice_settings
from kapdesk.storage.talk_sessions import client_talks


@dataclass(frozen=True)
class ClientCourse:
    """One client's course records, corrected ones included, each in the order stored."""

    client_id: int
    screenings: tuple[Screening, ...]
    consents: tuple[ClientConsent, ...]
    measures: tuple[MeasureRecord, ...]
    risk_assessments: tuple[RiskAssessment, ...]
    contraindications: ContraindicationList  # the practice's current list
    answered_lists: tuple[ContraindicationList, ...]  # each version the screenings answered
    consent_document: ConsentDocument  # the practice's current document
    settings: ReadinessSettings
    # Preparation and integration sessions and check-ins, corrected ones too, in the
    # order stored (private notes included: an export decides whether to carry them).
    talks: tuple[TalkSession, ...] = ()

    @property
    def screening(self) -> Screening | None:
        """The latest screening that counts (corrections applied)."""
        return latest_screening(current(self.screenings))

    @property
    def consent(self) -> ClientConsent | None:
        return latest_consent(current(self.consents))

    def latest(self, kind: MeasureKind) -> MeasureRecord | None:
        return latest_of(kind, self.measures)

    def answered_list(self, screening: Screening) -> ContraindicationList | None:
        """The version of the list `screening` answered, with its items' words."""
        return next((found for found in self.answered_lists
                     if found.version == screening.list_version), None)


class CourseReader:
    def __init__(self, practice: Practice, clock: Clock) -> None:
        self._engine = practice.engine
        self._clock = clock

    def windows(self) -> CourseWindows:
        """The course's windows and shape (check-in, integration, planned doses, pace)."""
        from kapdesk.core.practice_settings import COURSE_WINDOWS

        with self._engine.connect() as connection:
            stored = connection.execute(sa.select(practice_settings.c.value).where(
                practice_settings.c.key == COURSE_WINDOWS)).scalar()
        return CourseWindows.from_data(stored if isinstance(stored, dict) else {})

    def settings(self) -> ReadinessSettings:
        """The course's settings (core/practice_settings.py reads them; defaults where unset)."""
        with self._engine.connect() as connection:
            return _settings(connection)

    def course(self, client_id: int, kinds: tuple[MeasureKind, ...] | None = None) -> ClientCourse:
        """Everything of the client's course (measures of `kinds` only, when given)."""
        with self._engine.connect() as connection:
            settings = _settings(connection)
            if kinds is None:
                records = client_measures(connection, client_id, None, settings.measures)
            else:
                records = [record for kind in kinds
                           for record in client_measures(connection, client_id, kind,
                                                         settings.measures)]
            found = client_screenings(connection, client_id)
            versions = sorted({screening.list_version for screening in found})
            answered = (list_version(connection, version) for version in versions)
            return ClientCourse(
                client_id=client_id,
                screenings=tuple(found),
                consents=tuple(client_consents(connection, client_id)),
                measures=tuple(records),
                risk_assessments=tuple(client_assessments(connection, client_id)),
                contraindications=current_list(connection),
                answered_lists=tuple(items for items in answered if items is not None),
                consent_document=current_document(connection),
                settings=settings,
                # The whole course only: readiness (some measures' kinds) needs no talks.
                talks=tuple(client_talks(connection, client_id)) if kinds is None else ())

    def touch_for(self, client_id: int) -> str:
        """The room's line for consent to touch ("Touch: none", "Touch: a hand on the
        shoulder only"), or "" while none is recorded: read from the latest consent."""
        with self._engine.connect() as connection:
            found = latest_consent(current(client_consents(connection, client_id)))
        return "" if found is None or found.touch is None else found.touch.words

    def readiness_for(self, client_id: int, today: dt.date,
                      baseline: VitalsReading | None = None, baseline_reason: str = "",
                      tz: dt.tzinfo | None = None) -> Readiness:
        """The before-the-dose verdict for the client today, with `baseline` the
        blood pressure taken before the dose (None until it is)."""
        found = self.course(client_id, kinds=(MeasureKind.PHQ9,))
        phq9 = found.latest(MeasureKind.PHQ9)
        return readiness(
            screening=found.screening, contraindications=found.contraindications,
            consent=found.consent, consent_document=found.consent_document, phq9=phq9,
            today=today,
            phq9_corrected_ids=() if phq9 is None else corrected_ids(phq9, found.measures),
            risk_assessments=current(found.risk_assessments), baseline=baseline,
            baseline_reason=baseline_reason, tz=tz, settings=found.settings)


def _settings(connection: sa.Connection) -> ReadinessSettings:
    rows = connection.execute(sa.select(practice_settings.c.key, practice_settings.c.value)
                              .where(practice_settings.c.key.in_(COURSE_KEYS))).all()
    return readiness_settings({row.key: row.value for row in rows})
