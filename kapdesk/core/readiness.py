"""Ready for the dose: the readiness verdict the before-the-dose page shows.

Four pieces, each ready, missing or failed, named in words (issue 12):
screening (clear or cleared, not due), consent (current, with consent to
touch), the latest PHQ-9 (with question 9 and, when it is above 0, the
suicide-risk assessment that answers it) and the baseline blood pressure (may
not be taken yet when the page first opens). The client is "ready" only when
every piece is; a missing piece is never skipped silently. The therapist may
go on anyway only with a written reason, which the session log stores as its
own event: `override_event_data` builds that event's data, and
`Readiness.snapshot` the readiness as it stood at the dose (for the record
and the session PDF), both plain JSON-able dicts.

Every threshold here is a practice setting with a labelled default
(`ReadinessSettings`). Pure: the caller passes the records and today's date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

from kapdesk.core.consent import ClientConsent, ConsentDocument, consent_verdict
from kapdesk.core.events import EventKind
from kapdesk.core.measure_course import MeasureRecord, day_of
from kapdesk.core.measures import DEFAULT_SETTINGS, MeasureKind, MeasureSettings
from kapdesk.core.screening import (ContraindicationList, Medication, Screening,
                                    ScreeningSettings, screening_verdict)
from kapdesk.core.suicide_risk import RiskAssessment, RiskLevel, assessment_for
from kapdesk.core.vitals import VitalsReading, VitalThresholds, classify

# The kind of the session log's override event (its data: override_event_data).
OVERRIDE_EVENT_KIND = EventKind.READINESS_OVERRIDDEN
MAX_REASON = 1000


class PieceStatus(str, Enum):
    READY = "ready"
    MISSING = "missing"
    FAILED = "failed"


class PieceKey(str, Enum):
    SCREENING = "screening"
    CONSENT = "consent"
    PHQ9 = "phq9"
    BLOOD_PRESSURE = "blood_pressure"
    PACE = "pace"  # only when a dose today would go beyond the practice's pace

    @property
    def label(self) -> str:
        return {"screening": "Screening", "consent": "Consent", "phq9": "PHQ-9",
                "blood_pressure": "Baseline blood pressure",
                "pace": "Pace of the dosing sessions"}[self.value]


@dataclass(frozen=True)
class Piece:
    key: PieceKey
    status: PieceStatus
    words: str

    @property
    def label(self) -> str:
        return self.key.label

    @property
    def line(self) -> str:
        """ "Screening: missing. Not screened yet." for lists and the log."""
        return f"{self.label}: {self.status.value}. {self.words}"

    def to_data(self) -> dict[str, str]:
        return {"key": self.key.value, "label": self.label, "status": self.status.value,
                "words": self.words}


@dataclass(frozen=True)
class ReadinessSettings:
    """The practice's settings the verdict reads, each with its labelled default."""

    screening: ScreeningSettings = field(default_factory=ScreeningSettings)
    measures: MeasureSettings = DEFAULT_SETTINGS
    vitals: VitalThresholds = field(default_factory=VitalThresholds)
    # The highest suicide-risk level at which a dose goes ahead without an
    # override. Low by default: the seed's list excludes active suicidal
    # ideation, which a moderate or high result on the C-SSRS means.
    highest_risk_to_dose: RiskLevel = RiskLevel.LOW
    # How old the latest PHQ-9 may be, in days; None (the default): any age,
    # its date is shown and the therapist judges.
    phq9_max_age_days: int | None = None

    def to_data(self) -> dict[str, Any]:
        """The settings this module owns, plain (the vital-sign limits are the
        practice settings' own and are not repeated here)."""
        return {"screening": self.screening.to_data(), "measures": self.measures.to_data(),
                "highest_risk_to_dose": self.highest_risk_to_dose.value,
                "phq9_max_age_days": self.phq9_max_age_days}

    @classmethod
    def from_data(cls, data: Mapping[str, Any],
                  vitals: VitalThresholds | None = None) -> ReadinessSettings:
        """Forgiving, like the practice settings: what is missing or impossible
        falls back to its default."""
        try:
            risk = RiskLevel(data.get("highest_risk_to_dose"))
        except ValueError:
            risk = RiskLevel.LOW
        age = data.get("phq9_max_age_days")
        low, high = PHQ9_AGE_RANGE
        return cls(screening=ScreeningSettings.from_data(data.get("screening") or {}),
                   measures=MeasureSettings.from_data(data.get("measures") or {}),
                   vitals=vitals or VitalThresholds(), highest_risk_to_dose=risk,
                   phq9_max_age_days=age if type(age) is int and low <= age <= high else None)


PHQ9_AGE_RANGE = (1, 365)
SETTING_LABELS: Mapping[str, str] = {
    "highest_risk_to_dose": "Highest suicide-risk level at which to dose (default low)",
    "phq9_max_age_days": "Latest PHQ-9 no older than (days; default: any age)",
}


@dataclass(frozen=True)
class Readiness:
    pieces: tuple[Piece, ...]
    medications: tuple[Medication, ...] = ()
    touch_words: str = ""  # the room view's line, "" until consent to touch is recorded
    safety_text: str = ""  # the practice's question-9 text, when an assessment is due
    # What the dose is chosen from (core/dose_history.py, core/course_due.py): the
    # last dosing sessions in words, and where today's falls in the course.
    past_doses: tuple[str, ...] = ()
    position: str = ""

    @property
    def ready(self) -> bool:
        return all(piece.status is PieceStatus.READY for piece in self.pieces)

    @property
    def not_ready(self) -> tuple[Piece, ...]:
        """The missing and failed pieces, in the panel's order."""
        return tuple(piece for piece in self.pieces if piece.status is not PieceStatus.READY)

    def piece(self, key: PieceKey) -> Piece:
        return next(piece for piece in self.pieces if piece.key is key)

    @property
    def words(self) -> str:
        """One line: "Ready for the dose." or what stands in the way."""
        if self.ready:
            return "Ready for the dose."
        names = ", ".join(f"{piece.label} ({piece.status.value})" for piece in self.not_ready)
        return f"Not ready: {names}."

    def snapshot(self) -> dict[str, Any]:
        """The readiness as it stood, for the session's record and its PDF."""
        return {"ready": self.ready, "pieces": [piece.to_data() for piece in self.pieces],
                "medications": [m.words for m in self.medications],
                "touch": self.touch_words}


def _screening_piece(screening: Screening | None, items: ContraindicationList,
                     today: dt.date, settings: ScreeningSettings) -> Piece:
    verdict = screening_verdict(screening, items, today, settings)
    if screening is None:
        status = PieceStatus.MISSING
    elif verdict.not_eligible:
        status = PieceStatus.FAILED
    elif verdict.passes:
        status = PieceStatus.READY
    else:  # needs a clearance, or due again: something still to record
        status = PieceStatus.MISSING
    return Piece(PieceKey.SCREENING, status, verdict.words)


def _consent_piece(consent: ClientConsent | None, document: ConsentDocument) -> Piece:
    verdict = consent_verdict(consent, document)
    if verdict.passes:
        status = PieceStatus.READY
    elif not verdict.given or not verdict.touch_recorded:
        status = PieceStatus.MISSING
    else:
        status = PieceStatus.FAILED  # given, but to an older version
    return Piece(PieceKey.CONSENT, status, verdict.words)


def _phq9_piece(phq9: MeasureRecord | None, corrected_ids: Iterable[int],
                assessments: Iterable[RiskAssessment], today: dt.date, tz: dt.tzinfo | None,
                settings: ReadinessSettings) -> tuple[Piece, bool]:
    """The PHQ-9 piece, and whether the question-9 safety text applies."""
    if phq9 is None:
        return Piece(PieceKey.PHQ9, PieceStatus.MISSING, "No PHQ-9 yet."), False
    if phq9.kind is not MeasureKind.PHQ9:
        raise ValueError(f"the PHQ-9 piece was given a {phq9.kind.value} record")
    taken_on = day_of(phq9.taken_at, tz)
    result = phq9.result
    text = f"{taken_on.isoformat()}: {result.total}, {result.severity}. {result.item9_words}."
    limit = settings.phq9_max_age_days
    if limit is not None and (today - taken_on).days > limit:
        return Piece(PieceKey.PHQ9, PieceStatus.MISSING,
                     f"{text} Older than {limit} days: ask the client to fill a new one."), False
    if not result.needs_risk_assessment:
        return Piece(PieceKey.PHQ9, PieceStatus.READY, text), False
    found = assessment_for(phq9.id, taken_on, assessments, corrected_ids)
    if found is None:
        return Piece(PieceKey.PHQ9, PieceStatus.MISSING,
                     f"{text} No suicide-risk assessment recorded for it: record its result "
                     "(risk level, who, when, note)."), True
    text = f"{text} {found.words}."
    if found.level.rank > settings.highest_risk_to_dose.rank:
        return Piece(PieceKey.PHQ9, PieceStatus.FAILED,
                     f"{text} The practice doses at {settings.highest_risk_to_dose.value} "
                     "risk only."), True
    return Piece(PieceKey.PHQ9, PieceStatus.READY, text), False


def _blood_pressure_piece(baseline: VitalsReading | None, reason: str,
                          thresholds: VitalThresholds) -> Piece:
    if baseline is None:
        return Piece(PieceKey.BLOOD_PRESSURE, PieceStatus.MISSING,
                     "Not taken yet: take the baseline blood pressure.")
    text = f"{baseline.blood_pressure}, heart rate {baseline.heart_rate}."
    judged = classify(baseline, thresholds, before_dose=True)
    if judged.level == "ok":
        return Piece(PieceKey.BLOOD_PRESSURE, PieceStatus.READY, text)
    if reason.strip():
        return Piece(PieceKey.BLOOD_PRESSURE, PieceStatus.READY,
                     f"{text} {judged.message.rstrip('.')}; reason given: {reason.strip()}")
    limit = f"{thresholds.pre_dose_max_systolic}/{thresholds.pre_dose_max_diastolic}"
    return Piece(PieceKey.BLOOD_PRESSURE, PieceStatus.FAILED,
                 f"{text} Above {limit} and no reason: take it again, or give a reason.")


def readiness(*, screening: Screening | None, contraindications: ContraindicationList,
              consent: ClientConsent | None, consent_document: ConsentDocument,
              phq9: MeasureRecord | None, today: dt.date,
              phq9_corrected_ids: Iterable[int] = (),
              risk_assessments: Iterable[RiskAssessment] = (),
              baseline: VitalsReading | None = None, baseline_reason: str = "",
              tz: dt.tzinfo | None = None,
              settings: ReadinessSettings = ReadinessSettings()) -> Readiness:
    """The before-the-dose verdict from the client's records.

    `contraindications` and `consent_document` are the practice's current
    versions; `phq9` is the client's latest current PHQ-9 (measure_course.latest_of)
    and `phq9_corrected_ids` the records it corrected (measure_course.corrected_ids),
    so an assessment recorded against the original still answers the correction.
    """
    phq9_piece, safety_due = _phq9_piece(phq9, phq9_corrected_ids, risk_assessments, today,
                                         tz, settings)
    pieces = (
        _screening_piece(screening, contraindications, today, settings.screening),
        _consent_piece(consent, consent_document),
        phq9_piece,
        _blood_pressure_piece(baseline, baseline_reason, settings.vitals),
    )
    touch = consent.touch.words if consent is not None and consent.touch is not None else ""
    return Readiness(pieces, screening.medications if screening is not None else (), touch,
                     settings.measures.item9_safety_text if safety_due else "")


class OverrideReasonMissing(ValueError):
    """Going on without readiness needs a written reason; the message says so."""


def override_problems(reason: str) -> list[str]:
    text = reason.strip()
    if not text:
        return ["Write why the dose goes ahead although the client is not ready."]
    if len(text) > MAX_REASON:
        return [f"The reason is longer than {MAX_REASON} characters."]
    return []


def override_event_data(state: Readiness, reason: str) -> dict[str, Any]:
    """The data of the session log's "readiness_overridden" event.

    Keys: "reason" (the therapist's words), "not_ready" (the labels of the
    missing and failed pieces) and "readiness" (the snapshot it overrode).
    Raises OverrideReasonMissing for an empty reason, and ValueError when the
    client is ready (there is nothing to override).
    """
    problems = override_problems(reason)
    if problems:
        raise OverrideReasonMissing(" ".join(problems))
    if state.ready:
        raise ValueError("The client is ready for the dose; there is nothing to override.")
    return {"reason": reason.strip(),
            "not_ready": [piece.label for piece in state.not_ready],
            "readiness": state.snapshot()}


def override_words(data: Mapping[str, Any]) -> str:
    """The override as the review, the PDF and the history's flags show it."""
    missing = ", ".join(data.get("not_ready") or ())
    return f"Dosed although not ready ({missing}). Reason: {data.get('reason', '')}"


def with_course(state: Readiness, pace_problem: str, past_doses: Iterable[str] = (),
                position: str = "") -> Readiness:
    """The verdict with the course around the dose: a failed "pace" piece when a dose
    today would go beyond the practice's pace (core/course_due.pace_problem, which
    asks for a reason like any other piece), the last doses and the course position."""
    pieces = state.pieces
    if pace_problem:
        pieces = (*pieces, Piece(PieceKey.PACE, PieceStatus.FAILED, pace_problem))
    return replace(state, pieces=pieces, past_doses=tuple(past_doses), position=position)
