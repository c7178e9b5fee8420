"""A client's record, or one session, as JSON: the log itself plus what was read from it.

The file is the whole record a practice may need to hand over or archive:
the client's details, their course of care (format version 2: screenings,
consents, measures with every item's answer, suicide-risk assessments, each
with its corrections; export/course_data.py), and per session the script,
dose, phases, flags, the
REMS fields (esketamine), and every event of the append-only log with its
data as stored (`data`), its time in UTC ISO 8601 and in epoch seconds, its
elapsed time, and a line of plain words (`text`). Sessions are written one at
a time, oldest first, to a temporary file renamed into place at the end.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO

from kapdesk import __version__
from kapdesk.core.formatting import iso_utc
from kapdesk.core.rems import RemsSummary, rems_summary
from kapdesk.core.review_model import describe
from kapdesk.export import Progress, no_progress
from kapdesk.export.course_data import course_dict
from kapdesk.export.protection import Protection, export_file
from kapdesk.export.record import ExportedRecord, is_esketamine
from kapdesk.storage.review import SessionRecord

FORMAT = "kapdesk-record"
FORMAT_VERSION = 2  # 2: the client's course of care ("course")


def write_json(record: ExportedRecord, target: Path, exported_at: float,
               progress: Progress = no_progress, protect: Protection | None = None) -> int:
    """Write the record to `target` atomically; returns the number of sessions. With
    `protect`, `target` is a protected zip holding the JSON (export/protection.py)."""
    total = len(record.session_ids)
    progress(0, total)
    with export_file(Path(target), protect) as handle:
        head = {
            "format": FORMAT, "format_version": FORMAT_VERSION,
            "software": f"KAPDesk {__version__}", "exported_at": iso_utc(exported_at),
            "times": "ISO 8601 in UTC; at_epoch: seconds since 1970-01-01 UTC",
            "client": client_dict(record),
        }
        if record.course is not None:
            head["course"] = course_dict(record.course)
        text = json.dumps(head, ensure_ascii=False, indent=1)
        _write(handle, text[:-2] + ',\n "sessions": [')
        for number, session in enumerate(record.sessions(), start=1):
            prefix = "\n  " if number == 1 else ",\n  "
            _write(handle, prefix + json.dumps(session_dict(session, record.thresholds),
                                               ensure_ascii=False))
            progress(number, total)
        _write(handle, "\n ]\n}\n")
    return total


def _write(handle: BinaryIO, text: str) -> None:
    handle.write(text.encode("utf-8"))


def client_dict(record: ExportedRecord) -> dict[str, Any]:
    draft = record.client.draft
    return {"id": record.client.id, "display_name": draft.display_name,
            "date_of_birth": draft.date_of_birth, "pronouns": draft.pronouns,
            "intention": draft.intention, "notes": draft.notes,
            "music_likes": draft.music_likes, "music_dislikes": draft.music_dislikes,
            "archived": record.client.archived}


def session_dict(session: SessionRecord, thresholds) -> dict[str, Any]:  # noqa: ANN001
    state, facts = session.state, session.facts
    start = state.started_at
    result: dict[str, Any] = {
        "id": session.session_id,
        "script": {"id": session.script.id, "name": session.script.name},
        "started_at": iso_utc(start), "ended_at": iso_utc(state.ended_at),
        "length_min": None if facts.length_s is None else round(facts.length_s / 60, 1),
        "signed_by": session.signed_by, "signed_at": iso_utc(session.signed_at),
        "doses": [{"drug": d.drug, "mg": d.mg, "route": d.route, "given_at": iso_utc(d.given_at)}
                  for d in facts.doses],
        "flags": [{"code": f.code, "label": f.label} for f in session.flags],
        "phases": [{"name": session.script.phases[span.phase_index].name,
                    "planned_min": round(state.phases_planned_s[span.phase_index] / 60, 1),
                    "started_at": iso_utc(span.start_at), "ended_at": iso_utc(span.end_at)}
                   for span in state.phase_spans],
        "tags": list(facts.tags),
    }
    if is_esketamine(session):
        result["rems"] = rems_dict(rems_summary(state, session.events, thresholds))
    result["events"] = list(_events(session, start))
    return result


def _events(session: SessionRecord, start: float | None) -> Iterable[dict[str, Any]]:
    doses = [d.given_at for d in session.facts.doses]
    for event in session.events:
        yield {"seq": event.seq, "kind": event.kind.value, "at": iso_utc(event.at),
               "at_epoch": event.at,
               "elapsed_s": None if start is None else round(event.at - start, 3),
               "text": describe(event, session.script, doses), "data": dict(event.data)}


def rems_dict(rems: RemsSummary) -> dict[str, Any]:
    return {
        "first_spray_at": iso_utc(rems.first_spray_at),
        "completed_at": iso_utc(rems.completed_at),
        "total_minutes": rems.total_minutes,
        "monitored_two_hours": rems.monitored_two_hours,
        "ready_to_leave_at": iso_utc(rems.ready_to_leave_at),
        "ready_to_leave_minutes": rems.ready_to_leave_minutes,
        "ready_to_leave_basis": rems.ready_to_leave_basis,
        "blood_pressure": [{
            "label": answer.label,
            "systolic": answer.reading.systolic if answer.reading else None,
            "diastolic": answer.reading.diastolic if answer.reading else None,
            "at": iso_utc(answer.reading.at) if answer.reading else None,
            "minutes_from_dose": answer.minutes_from_dose, "acceptable": answer.acceptable,
        } for answer in rems.blood_pressure],
        "observed": {obs.label: {"observed": obs.observed, "evidence": list(obs.evidence),
                                 "recorded_absent": list(obs.denied)}
                     for obs in rems.observations},
        "doses_mg": list(rems.doses_mg),
    }
