"""A client's course of care in three short lines, for the client's record in review:
the screening verdict, the consent (with consent to touch) and the latest score of
each measure. Read-only words from the verdicts core already gives
(core/screening.py, core/consent.py, core/measures.py); pure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from kapdesk.core.consent import ClientConsent, ConsentDocument, consent_verdict
from kapdesk.core.measure_course import MeasureRecord, day_of
from kapdesk.core.screening import (ContraindicationList, Screening, ScreeningSettings,
                                    screening_verdict)


def measure_words(record: MeasureRecord, tz: dt.tzinfo | None = None) -> str:
    """"PHQ-9 3, minimal (2026-01-01)"."""
    result = record.result
    return (f"{result.scale.name} {result.total}, {result.severity} "
            f"({day_of(record.taken_at, tz).isoformat()})")


def course_lines(*, screening: Screening | None, contraindications: ContraindicationList,
                 consent: ClientConsent | None, consent_document: ConsentDocument,
                 latest: Iterable[MeasureRecord], today: dt.date,
                 settings: ScreeningSettings = ScreeningSettings(),
                 tz: dt.tzinfo | None = None) -> tuple[str, str, str]:
    """(screening, consent, latest measures), each one line of words."""
    verdict = screening_verdict(screening, contraindications, today, settings)
    measures = "; ".join(measure_words(record, tz) for record in latest)
    return (f"Screening: {verdict.words}",
            consent_verdict(consent, consent_document).words,
            f"Latest measures: {measures or 'none yet'}.")
