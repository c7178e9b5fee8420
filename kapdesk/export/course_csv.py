"""A client's course of care as CSV: one row per record, for a spreadsheet.

Screenings, clearances, consents, measures, suicide-risk assessments and talk
sessions (private notes left out), in that order, each in the order stored, corrected ones too (with what corrects
them). A measure's row carries its total, severity and every item's answer in
columns q1-q20 (the PCL-5 has 20 items), PHQ-9's difficulty question, and the
day it was filled in local time; the other records say what they hold in
words, with their data as JSON. UTF-8 with a byte-order mark, and cells that
a spreadsheet would run as a formula prefixed with an apostrophe, as in the
other CSV exports (csv_export.py).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kapdesk.core.formatting import iso_local
from kapdesk.core.talk_sessions import talk_words
from kapdesk.export.course_data import (assessment_dict, consent_dict, course_dict,
                                        screening_dict, talk_dict)
from kapdesk.export.csv_export import csv_text, safe_cell
from kapdesk.export.protection import Protection, export_file
from kapdesk.export.record import ExportedRecord
from kapdesk.storage.course import ClientCourse

MAX_ITEMS = 20
COURSE_COLUMNS = ("client_id", "client", "record", "id", "date", "what", "total", "severity",
                  *(f"q{n}" for n in range(1, MAX_ITEMS + 1)), "difficulty", "filled_by",
                  "supersedes", "superseded_by", "reason", "data")


def write_course_csv(record: ExportedRecord, target: Path, tz: dt.tzinfo | None = None,
                     protect: Protection | None = None) -> int:
    """One row per course record; returns the number of rows (the header not counted).
    A record without its course (one session's) writes the header alone. With
    `protect`, `target` is a protected zip holding the CSV (export/protection.py)."""
    rows = 0
    with export_file(Path(target), protect) as handle:
        text = csv_text(handle)
        writer = csv.writer(text)
        writer.writerow(COURSE_COLUMNS)
        if record.course is not None:
            for row in course_rows(record, record.course, tz):
                writer.writerow(row)
                rows += 1
        text.flush()
        text.detach()  # the export's writer closes the file itself
    return rows


def course_rows(record: ExportedRecord, course: ClientCourse,
                tz: dt.tzinfo | None) -> Iterator[tuple[Any, ...]]:
    who = (record.client.id, safe_cell(record.client.display_name))
    for screening in course.screenings:
        data = screening_dict(course, screening)
        yield _plain(who, "screening", data, data["screened_on"],
                     data.get("verdict", ""), data["supersedes"], data["superseded_by"],
                     data["reason"])
        for clearance in screening.clearances:
            yield _plain(who, "clearance", {"screening_id": screening.id,
                                            "item_key": clearance.item_key},
                         clearance.cleared_on.isoformat(),
                         f"{clearance.item_key}: {clearance.words}", None, None, "")
    for consent in course.consents:
        data = consent_dict(consent, _after(course.consents, consent.id))
        yield _plain(who, "consent", data, data["given_on"],
                     f"Consent version {consent.document_version}, {consent.how.words}; "
                     f"{data['touch_words']}", data["supersedes"], data["superseded_by"],
                     data["reason"])
    for measure in course_dict(course)["measures"]:
        items = [item["answer"] for item in measure["items"]]
        day = iso_local(measure["taken_at_epoch"], tz)[:10]
        yield (*who, "measure", measure["id"], day, safe_cell(measure["scale"]), measure["total"],
               safe_cell(measure["severity"]), *items, *([""] * (MAX_ITEMS - len(items))),
               "" if measure.get("difficulty") is None else measure["difficulty"],
               measure["filled_by"], _blank(measure["supersedes"]),
               _blank(measure["superseded_by"]), safe_cell(measure["reason"]), "")
    for assessment in course.risk_assessments:
        data = assessment_dict(assessment, _after(course.risk_assessments, assessment.id))
        yield _plain(who, "risk_assessment", data, data["assessed_on"], data["words"],
                     data["supersedes"], data["superseded_by"], data["reason"])
    for talk in course.talks:
        data = talk_dict(talk, _after(course.talks, talk.id))
        yield _plain(who, talk.kind.value, data, iso_local(talk.started_at, tz)[:10],
                     talk_words(talk, tz), data["supersedes"], data["superseded_by"],
                     data["reason"])


def _plain(who: tuple[Any, ...], kind: str, data: dict[str, Any], day: str, words: str,
           supersedes: int | None, superseded_by: int | None, reason: str) -> tuple[Any, ...]:
    return (*who, kind, data.get("id", ""), day, safe_cell(words), "", "", *([""] * MAX_ITEMS), "",
            "", _blank(supersedes), _blank(superseded_by), safe_cell(reason),
            safe_cell(json.dumps(data, ensure_ascii=False, sort_keys=True)))


def _after(records: Any, record_id: int | None) -> int | None:
    return next((r.id for r in records if r.supersedes == record_id), None)


def _blank(value: int | None) -> Any:
    return "" if value is None else value
