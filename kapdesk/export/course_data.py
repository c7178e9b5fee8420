"""A client's course of care as plain data, for the JSON and CSV exports.

Every record is exported, corrected ones too, each with what it corrects or
what corrected it, so the file shows the history as the practice holds it.
A measure carries every item's answer (value and label), the total and
severity read against the practice's cut-offs, PHQ-9's difficulty question
and PCL-5's symptom count and cluster rule; a screening its answers with the
words of the list version it answered, its medications and clearances; a
consent its version, how it was given and consent to touch; a suicide-risk
assessment its level, who, when and the PHQ-9 it answers; a talk session its
kind, time, length, fields and notes, never its private psychotherapy note.
"""

from __future__ import annotations

from typing import Any

from kapdesk.core.consent import ClientConsent
from kapdesk.core.formatting import iso_utc
from kapdesk.core.measure_course import MeasureRecord
from kapdesk.core.screening import Screening, screening_verdict
from kapdesk.core.suicide_risk import RiskAssessment
from kapdesk.core.talk_sessions import TalkSession
from kapdesk.storage.course import ClientCourse


def course_dict(course: ClientCourse) -> dict[str, Any]:
    return {
        "screenings": [screening_dict(course, s) for s in course.screenings],
        "consents": [consent_dict(c, _replaced_by(course.consents, c.id))
                     for c in course.consents],
        "measures": [measure_dict(m, _replaced_by(course.measures, m.id))
                     for m in course.measures],
        "risk_assessments": [assessment_dict(a, _replaced_by(course.risk_assessments, a.id))
                             for a in course.risk_assessments],
        "talk_sessions": [talk_dict(t, _replaced_by(course.talks, t.id)) for t in course.talks],
    }


def talk_dict(talk: TalkSession, superseded_by: int | None) -> dict[str, Any]:
    """A talk session as shared: its private psychotherapy note never leaves the practice
    in an export (DOMAIN.md "Records"); `private_note_withheld` says one was kept back."""
    return {**talk.shared_data(), "started_at": iso_utc(talk.started_at),
            "started_at_epoch": talk.started_at, "kind_words": talk.kind.words,
            "superseded_by": superseded_by}


def _replaced_by(records: Any, record_id: int | None) -> int | None:
    return next((r.id for r in records if r.supersedes == record_id), None)


def screening_dict(course: ClientCourse, screening: Screening) -> dict[str, Any]:
    answered = course.answered_list(screening)
    texts = {item.key: (item.text, item.kind.value) for item in answered.items} if answered else {}
    data = screening.to_data()
    data["answers"] = [{**answer, "text": texts.get(answer["key"], ("", ""))[0],
                        "item_kind": texts.get(answer["key"], ("", ""))[1]}
                       for answer in data["answers"]]
    data["superseded_by"] = _replaced_by(course.screenings, screening.id)
    if answered is not None:
        # Read against the list it answered, on its own day: what it said then.
        data["verdict"] = screening_verdict(screening, answered, screening.screened_on,
                                            course.settings.screening).words
    return data


def consent_dict(consent: ClientConsent, superseded_by: int | None) -> dict[str, Any]:
    touch = "not asked" if consent.touch is None else consent.touch.words
    return {**consent.to_data(), "how_words": consent.how.words, "touch_words": touch,
            "superseded_by": superseded_by}


def measure_dict(record: MeasureRecord, superseded_by: int | None) -> dict[str, Any]:
    result = record.result
    data: dict[str, Any] = {
        "id": record.id, "kind": record.kind.value, "scale": result.scale.name,
        "taken_at": iso_utc(record.taken_at), "taken_at_epoch": record.taken_at,
        "filled_by": record.filled_by.value, "filled_by_words": record.filled_by.words,
        "recorded_at": iso_utc(record.recorded_at),
        "items": [{"number": number, "answer": value, "label": label}
                  for number, (value, label) in enumerate(zip(result.answers,
                                                              result.answer_labels()), 1)],
        "total": result.total, "severity": result.severity,
        "supersedes": record.supersedes, "reason": record.reason,
        "superseded_by": superseded_by,
    }
    if result.item9 is not None:
        data["difficulty"] = result.difficulty
        data["difficulty_label"] = result.difficulty_label
        data["item9"] = result.item9
    if result.symptom_count is not None:
        data["symptom_count"] = result.symptom_count
        data["provisional_ptsd"] = result.provisional_ptsd
        data["cutoff"] = result.cutoff
    return data


def assessment_dict(assessment: RiskAssessment, superseded_by: int | None) -> dict[str, Any]:
    return {**assessment.to_data(), "words": assessment.words, "superseded_by": superseded_by}
