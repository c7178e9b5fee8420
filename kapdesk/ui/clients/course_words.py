"""The client page's words: one client's course read out as a therapist reads it.

The page (ui/clients/client_page.py) shows four things, and each is worded
here from the core's own verdicts, never worked out again: the screening
(screening_verdict: clear, cleared, NOT ELIGIBLE naming the items, when it is
due again, which clearances are still needed, the medications), the consent
(consent_verdict, the document's version and title, consent to touch, a newer
version), each measure (course_figures: baseline, previous, latest, change,
response and remission; PHQ-9 question 9 and the assessment that answers it,
suicide_risk.assessment_for) and the history of every record, corrected ones
included ("corrected on 2026-02-03 by record 12"). No Qt: plain records in,
plain strings out, so it is tested on its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from kapdesk.core.consent import ClientConsent, consent_verdict
from kapdesk.core.measure_course import (MeasureRecord, corrected_ids, course_figures, day_of,
                                         history)
from kapdesk.core.measures import SCALES, MeasureKind
from kapdesk.core.screening import (Answer, ItemFinding, Screening, ScreeningStatus, ScreeningVerdict,
                                    screening_verdict)
from kapdesk.core.suicide_risk import RiskAssessment, assessment_for
from kapdesk.core.superseding import Correctable, current

if TYPE_CHECKING:
    from kapdesk.storage.course import ClientCourse

R = TypeVar("R", bound=Correctable)
HEADLINES = {
    ScreeningStatus.NOT_SCREENED: "Not screened yet",
    ScreeningStatus.NOT_ELIGIBLE: "NOT ELIGIBLE",
    ScreeningStatus.NEEDS_CLEARANCE: "Clearance still needed",
    ScreeningStatus.DUE: "Screening due again",
    ScreeningStatus.CLEARED: "Cleared",
    ScreeningStatus.CLEAR: "Clear",
}
LEVELS = {ScreeningStatus.NOT_ELIGIBLE: "alert", ScreeningStatus.CLEARED: "ok",
          ScreeningStatus.CLEAR: "ok"}


@dataclass(frozen=True)
class Section:
    """A headline ("Clear", "NOT ELIGIBLE"), its level ("ok", "caution", "alert")
    and the lines under it."""

    headline: str
    level: str
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def screening_section(course: ClientCourse, today: dt.date) -> tuple[Section, ScreeningVerdict]:
    screening = course.screening
    verdict = screening_verdict(screening, course.contraindications, today,
                                course.settings.screening)
    lines: list[str] = []
    if screening is not None:
        by = f" by {screening.screened_by}" if screening.screened_by else ""
        lines.append(f"Screened {screening.screened_on.isoformat()}{by}.")
    if verdict.not_eligible:
        lines.append("Not eligible: " + _joined(verdict.not_eligible) + ".")
    if verdict.needs_clearance:
        lines.append("Clearance still needed for: "
                     + _joined(verdict.needs_clearance) + ".")
    if verdict.cleared:
        lines.append("Cleared: " + _joined(verdict.cleared) + ".")
    if screening is not None and not verdict.not_eligible and not verdict.needs_clearance \
            and not verdict.cleared:
        lines.append("No contraindication found.")
    if verdict.due_on is not None:
        lines.append(f"Due again since {verdict.due_on.isoformat()}: screen the client again."
                     if verdict.is_due else f"Due again on {verdict.due_on.isoformat()}.")
    if screening is not None and screening.list_version != course.contraindications.version:
        lines.append(f"Answered list version {screening.list_version}; the practice's list is "
                     f"now version {course.contraindications.version}.")
    if screening is None:
        lines.append("Record the intake screening before the first dose.")
    level = LEVELS.get(verdict.status, "caution")
    return Section(HEADLINES[verdict.status], level, tuple(lines)), verdict


def _joined(findings: Iterable[ItemFinding]) -> str:
    return "; ".join(finding.words.rstrip(".") for finding in findings)


def medication_lines(verdict: ScreeningVerdict, screened: bool) -> tuple[str, ...]:
    if not screened:
        return ()
    if not verdict.medications:
        return ("No medications recorded.",)
    return tuple(medication.words for medication in verdict.medications)


def consent_section(course: ClientCourse) -> Section:
    consent, document = course.consent, course.consent_document
    verdict = consent_verdict(consent, document)
    if consent is None:
        return Section("No consent recorded", "caution",
                       (f"The practice's consent document is version {document.version}, "
                        f"\u201c{document.title}\u201d.",
                        "Consent to touch: not asked yet."))
    if consent.document_version == document.version:
        which = f"Version {consent.document_version}, \u201c{document.title}\u201d"
    else:
        which = f"Version {consent.document_version}"
    lines = [f"{which}: given {consent.given_on.isoformat()}, {consent.how.words}."]
    if verdict.current:
        lines.append("This is the practice's current consent document.")
    else:
        lines.append(f"A newer version exists: version {document.version}, "
                     f"\u201c{document.title}\u201d. Ask the client to consent again.")
    lines.append(touch_line(consent))
    if not verdict.current:
        headline, level = "Consent to an older version", "caution"
    elif not verdict.touch_recorded:
        headline, level = "Consent to touch not asked yet", "caution"
    else:
        headline, level = "Consent current", "ok"
    return Section(headline, level, tuple(lines))


def touch_line(consent: ClientConsent) -> str:
    if consent.touch is None:
        return "Consent to touch: not asked yet."
    if not consent.touch.allowed:
        return "Consent to touch: none (no touch)."
    return f"Consent to touch: {consent.touch.limits.strip()}."


def measure_section(course: ClientCourse, kind: MeasureKind,
                    tz: dt.tzinfo | None = None) -> Section:
    figures = course_figures(kind, course.measures, course.settings.measures)
    latest = figures.latest
    name = SCALES[kind].name
    if latest is None:
        return Section(f"No {name} yet", "", ("Type a paper form or hand the laptop to the client.",))
    # Baseline, previous and latest each on a line of its own: read at a glance.
    figures_lines = figures.figures_words(tz).split(" \N{MIDDLE DOT} ")
    lines = [line[:1].upper() + line[1:] for line in figures_lines]
    lines += [line for line in (figures.response_words, figures.remission_words) if line]
    if kind is MeasureKind.PCL5:
        result = latest.result
        rule = "met" if result.provisional_ptsd else "not met"
        lines.append(f"{result.symptom_count} symptoms at 2 or more; provisional PTSD rule {rule}.")
    level = ""
    if kind is MeasureKind.PHQ9:
        lines.append(f"{latest.result.item9_words}.")
        risk = risk_words(course, latest, tz)
        if risk:
            lines.append(risk)
        level = "alert" if assessment_missing(course, latest, tz) else ""
    return Section(f"{name} {latest.total}, {latest.result.severity}", level, tuple(lines))


def answering_assessment(course: ClientCourse, phq9: MeasureRecord,
                         tz: dt.tzinfo | None = None) -> RiskAssessment | None:
    """The suicide-risk assessment that answers this PHQ-9 (corrections followed)."""
    return assessment_for(phq9.id, day_of(phq9.taken_at, tz), current(course.risk_assessments),
                          corrected_ids(phq9, course.measures))


def assessment_missing(course: ClientCourse, phq9: MeasureRecord,
                       tz: dt.tzinfo | None = None) -> bool:
    """Question 9 above 0 and no assessment answers it yet."""
    return phq9.result.needs_risk_assessment and answering_assessment(course, phq9, tz) is None


def risk_words(course: ClientCourse, phq9: MeasureRecord, tz: dt.tzinfo | None = None) -> str:
    """The assessment that answers this PHQ-9's question 9, or that one is missing;
    "" when question 9 is 0."""
    if not phq9.result.needs_risk_assessment:
        return ""
    found = answering_assessment(course, phq9, tz)
    if found is None:
        return ("No suicide-risk assessment recorded for it yet: record its result "
                "(Record risk assessment).")
    return f"{found.words}."


@dataclass(frozen=True)
class HistoryLine:
    """One record in the page's history, newest first."""

    day: dt.date
    text: str
    measure_id: int | None = None  # a measure's record id (the page's Correct acts on it)
    kind: MeasureKind | None = None
    is_current: bool = True  # False: a later record corrected it

    @property
    def line(self) -> str:
        return f"{self.day.isoformat()}   {self.text}"


def _corrected(day: dt.date, by: int | None) -> str:
    return f" \N{EM DASH} corrected on {day.isoformat()} by record {by}"


def _corrects(supersedes: int | None, reason: str) -> str:
    if supersedes is None:
        return ""
    return f"; corrects record {supersedes}" + (f": {reason}" if reason else "")


def _record_lines(records: Sequence[R], day: Callable[[R], dt.date],
                  words: Callable[[R], str]) -> list[HistoryLine]:
    """A line per record (a screening, a consent, an assessment), each corrected one
    marked with the record that corrected it and that record's date."""
    replaced_by = {record.supersedes: record for record in records if record.supersedes is not None}
    lines = []
    for record in records:
        by = replaced_by.get(record.id)
        text = words(record) + _corrects(record.supersedes, record.reason)
        if by is not None:
            text += _corrected(day(by), by.id)
        lines.append(HistoryLine(day(record), text, is_current=by is None))
    return lines


def measure_history(records: Sequence[MeasureRecord], tz: dt.tzinfo | None) -> list[HistoryLine]:
    by_id = {record.id: record for record in records}
    lines = []
    for entry in history(records):
        record = entry.record
        text = f"{record.result.words}, {record.filled_by.words}"
        if record.kind is MeasureKind.PHQ9 and record.result.item9:
            text += f"; question 9: {record.result.item9}"
        text += _corrects(record.supersedes, record.reason)
        replacer = by_id.get(entry.superseded_by)
        if replacer is not None:
            text += _corrected(day_of(replacer.recorded_at, tz), replacer.id)
        lines.append(HistoryLine(day_of(record.taken_at, tz), text, record.id, record.kind,
                                 entry.is_current))
    return lines


def _screening_text(screening: Screening, course: ClientCourse) -> str:
    items = course.answered_list(screening) or course.contraindications
    found = [f"{item.text} ({answer.answer.value})" for item in items.items
             if (answer := screening.answer_to(item.key)) is not None
             and answer.answer is not Answer.NO]
    by = f" by {screening.screened_by}" if screening.screened_by else ""
    text = f"Screening{by} (list version {screening.list_version}): "
    text += "; ".join(found) if found else "no contraindication found"
    for clearance in screening.clearances:
        item = items.item(clearance.item_key)
        text += f"; {item.text if item else clearance.item_key} {clearance.words}"
    return text


def _consent_words(consent: ClientConsent) -> str:
    touch = touch_line(consent).rstrip(".")
    return (f"Consent to version {consent.document_version}, {consent.how.words}; "
            f"{touch[0].lower()}{touch[1:]}")


def course_history(course: ClientCourse, tz: dt.tzinfo | None = None) -> list[HistoryLine]:
    """Every screening, consent, measure and assessment, corrected ones included, newest first."""
    lines = measure_history(course.measures, tz)
    lines += _record_lines(course.screenings, lambda s: s.screened_on,
                           lambda s: _screening_text(s, course))
    lines += _record_lines(course.consents, lambda c: c.given_on, _consent_words)
    lines += _record_lines(course.risk_assessments, lambda a: a.assessed_on, lambda a: a.words)
    # Newest first; on one day, the record listed later here first.
    order = {id(line): index for index, line in enumerate(lines)}
    return sorted(lines, key=lambda line: (line.day, order[id(line)]), reverse=True)
