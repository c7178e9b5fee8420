"""A client's record, or one session, as CSV: for a spreadsheet, one row per event.

Two shapes:
- `write_events_csv`: one row per event of every session covered, in time
  order, with the session's date and script, the clock time (local, with its
  UTC offset), the time after the dose ("+0:42", hours:minutes, empty before
  the dose: the record's one convention, core.formatting), the phase running then, the kind, a line of
  plain words and the event's data as JSON (the script snapshot of
  `session_started` cut to its id and name). This is what `--csv` writes.
- `write_sessions_csv`: one row per session: date, script, dose, length,
  flags, tags, notes, signature (a course-of-care overview).

UTF-8 with a byte-order mark, so that spreadsheet programs read accents
right. A cell of text that starts with = + - @ is prefixed with an apostrophe
so that a spreadsheet shows it instead of running it as a formula.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

from kapdesk.core.events import Event, EventKind
from kapdesk.core.review_model import describe
from kapdesk.core.timeline import SessionState
from kapdesk.export import Progress, no_progress
from kapdesk.core.formatting import after_dose, iso_local
from kapdesk.export.protection import Protection, export_file
from kapdesk.export.record import ExportedRecord
from kapdesk.storage.review import SessionRecord

EVENT_COLUMNS = ("client_id", "client", "session_id", "session_date", "script", "seq", "time",
                 "after_dose", "phase", "kind", "text", "data")
SESSION_COLUMNS = ("client_id", "client", "session_id", "date", "start", "end", "script", "dose",
                   "length_min", "flags", "tags", "notes", "signed_by", "signed_at")


def write_events_csv(record: ExportedRecord, target: Path, tz: dt.tzinfo | None = None,
                     progress: Progress = no_progress, protect: Protection | None = None) -> int:
    """One row per event; returns the number of rows written (the header not counted).
    With `protect`, `target` is a protected zip holding the CSV (export/protection.py)."""
    total, rows = len(record.session_ids), 0
    progress(0, total)
    with export_file(Path(target), protect) as handle:
        text = csv_text(handle)
        writer = csv.writer(text)
        writer.writerow(EVENT_COLUMNS)
        for number, session in enumerate(record.sessions(), start=1):
            for row in _event_rows(record, session, tz):
                writer.writerow(row)
                rows += 1
            text.flush()
            progress(number, total)
        text.flush()
        text.detach()  # the export's writer closes the file itself
    return rows


def write_sessions_csv(record: ExportedRecord, target: Path, tz: dt.tzinfo | None = None,
                       progress: Progress = no_progress, protect: Protection | None = None) -> int:
    """One row per session; returns the number of sessions (`protect`: as above)."""
    total = len(record.session_ids)
    progress(0, total)
    with export_file(Path(target), protect) as handle:
        text = csv_text(handle)
        writer = csv.writer(text)
        writer.writerow(SESSION_COLUMNS)
        for number, session in enumerate(record.sessions(), start=1):
            writer.writerow(_session_row(record, session, tz))
            progress(number, total)
        text.flush()
        text.detach()
    return total


def csv_text(handle: Any) -> io.TextIOWrapper:
    """The binary file as UTF-8 text with a byte-order mark (the course CSV's too)."""
    return io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")


def _event_rows(record: ExportedRecord, session: SessionRecord, tz: dt.tzinfo | None):  # noqa: ANN202
    state, start = session.state, session.state.started_at
    date = iso_local(start, tz)[:10]
    doses = [d.given_at for d in session.facts.doses]
    for event in session.events:
        yield (record.client.id, safe_cell(record.client.display_name), session.session_id, date,
               safe_cell(session.script.name), event.seq, iso_local(event.at, tz),
               after_dose(doses, event.at),
               safe_cell(_phase_at(session, state, event.at)), event.kind.value,
               safe_cell(describe(event, session.script, doses, tz)), safe_cell(_data(event)))


def _data(event: Event) -> str:
    data = dict(event.data)
    if event.kind is EventKind.SESSION_STARTED:
        # The script snapshot is pages of JSON; the JSON export keeps it whole.
        script = data.get("script") or {}
        data["script"] = {"id": script.get("id"), "name": script.get("name")}
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _session_row(record: ExportedRecord, session: SessionRecord, tz: dt.tzinfo | None) -> tuple:
    facts, state = session.facts, session.state
    return (record.client.id, safe_cell(record.client.display_name), session.session_id,
            iso_local(state.started_at, tz)[:10], iso_local(state.started_at, tz)[11:16],
            iso_local(state.ended_at, tz)[11:16], safe_cell(session.script.name),
            safe_cell(facts.dose_label),
            "" if facts.length_s is None else round(facts.length_s / 60),
            safe_cell("; ".join(flag.label for flag in session.flags)), safe_cell("; ".join(facts.tags)),
            facts.note_count, safe_cell(session.signed_by or ""), iso_local(session.signed_at, tz))


def _phase_at(session: SessionRecord, state: SessionState, at: float) -> str:
    if state.ended_at is not None and at > state.ended_at:
        return "(after the session)"
    for span in reversed(state.phase_spans):
        if span.start_at <= at:
            return session.script.phases[span.phase_index].name
    return ""


#: What a spreadsheet may take as the start of a formula: = + - @, and a tab or
#: carriage return before one (some read past them to the formula behind).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """Text a spreadsheet shows as it is, never runs as a formula: a leading quote,
    which the spreadsheet shows as text and does not keep as part of the value."""
    return "'" + text if text[:1] in FORMULA_STARTS else text
