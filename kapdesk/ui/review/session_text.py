"""The words of the session view: header facts, log lines, debrief and checks.

Pure functions from a `SessionRecord` to text or escaped HTML, so the view
only places them. A log line's time is the record's one convention
(core.formatting): "14:47 +0:42", the clock time and, after the dose, hours
and minutes since it; the log's heading states it once (TIME_LEGEND).
"""

from __future__ import annotations

import html

from kapdesk.core import debrief
from kapdesk.core.events import DEPARTURE_ITEM, EventKind
from kapdesk.core import log_lines
from kapdesk.core.readiness_record import at_dose_lines
from kapdesk.core.review_model import MusicSpan, TimelineMark, departure_words, playing_at
from kapdesk.core.session_summary import checkpoint_words, departure
from kapdesk.storage.review import SessionRecord
from kapdesk.ui.review.wording import day, day_and_time, length, plural, time_of_day

AFTER = frozenset({EventKind.SIGNED, EventKind.ADDENDUM})
TIME_LEGEND = log_lines.LOG_LEGEND
READINESS_HEADING = "Readiness at the dose"


def when(at: float, record: SessionRecord) -> str:
    """"14:47 +0:42" (the clock, and the time since the dose once one was given)."""
    return log_lines.line_time(at, _doses(record))


def _doses(record: SessionRecord) -> list[float]:
    return [d.given_at for d in record.facts.doses]


def title(record: SessionRecord) -> str:
    start = record.state.started_at
    return f"{record.client_name} — {day_and_time(start) if start else 'not started'}"


def facts_line(record: SessionRecord) -> str:
    facts = record.facts
    parts = [record.script.name, facts.dose_label or "no dose recorded",
             length(facts.length_s), plural(facts.note_count, "note")]
    return " · ".join(parts)


def flags_line(record: SessionRecord) -> str:
    if record.altered:  # the seal's own words first: what happened and what to do
        others = " · ".join(flag.label for flag in record.flags[1:])
        return record.seal.words + (f"  Also: {others}" if others else "")
    return " · ".join(flag.label for flag in record.flags) or "Nothing flagged."


def log_line(mark: TimelineMark, record: SessionRecord) -> str:
    """"14:35 +0:20   Note — Tearful when…" (as the room's log had it); after the end, the date."""
    if mark.kind in AFTER:
        return f"{day_and_time(mark.at)}   {mark.text}"
    return log_lines.log_line(mark.at, mark.kind, mark.text, _doses(record))


def log_entries(record: SessionRecord) -> list[tuple[TimelineMark | None, str]]:
    """The log's lines in order, as the room's log had them: (its mark, or None for a
    phase's beginning; the line). A phase begun after the last event is listed too,
    before the signature and addenda."""
    phases = phase_lines(record)
    entries: list[tuple[TimelineMark | None, str]] = []
    for mark in record.marks:
        while phases and (mark.kind in AFTER or phases[0][0] < mark.at):
            entries.append((None, phases.pop(0)[1]))
        entries.append((mark, log_line(mark, record)))
    entries.extend((None, text) for _at, text in phases)
    return entries


def phase_lines(record: SessionRecord) -> list[tuple[float, str]]:
    """"14:20 +0:10   — Lying-down journey began —": each phase's start, as the room's log had it."""
    doses = _doses(record)
    return [(span.start_at, log_lines.phase_line(
                span.start_at, record.script.phases[span.phase_index].name, doses))
            for span in record.state.phase_spans[1:]]


def moment_line(mark: TimelineMark | None, record: SessionRecord) -> str:
    """What the selected mark says and what was playing then."""
    if mark is None:
        return "Select a note, a tag or a reading to see what was playing then."
    if mark.kind in AFTER:
        return f"{day_and_time(mark.at)} — {mark.text}"
    where = f"At {when(mark.at, record)}"
    phase = phase_at(record, mark.at)
    where += f", {phase}" if phase else ""
    return f"{where} — {music_words(playing_at(record.music, mark.at), record)}"


def phase_at(record: SessionRecord, at: float) -> str:
    """The name of the phase running at `at`; "" before the start."""
    for span in reversed(record.state.phase_spans):
        if span.start_at <= at:
            return record.script.phases[span.phase_index].name
    return ""


def music_words(span: MusicSpan | None, record: SessionRecord) -> str:
    if span is None:
        return "no music was playing." if record.music else "no music was recorded in this session."
    playlist = f" (playlist {span.playlist})" if span.playlist not in (None, "") else ""
    return f"♪ playing “{span.title}”{playlist}"


def debrief_html(record: SessionRecord) -> str:
    saved = debrief.latest(record.events)  # as stored: a missing box is not the word "None"
    if not saved:
        return "<p style='color:#6b635a'>No debrief was saved for this session.</p>"
    parts = [f"<p><b>{html.escape(heading)}</b><br>{_lines(text)}</p>"
             for heading, text in debrief.entries(saved)]
    return "".join(parts) or "<p style='color:#6b635a'>The debrief was saved empty.</p>"


def _lines(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def checks_html(record: SessionRecord) -> str:
    state = record.state
    sections = []
    dose = record.facts.doses
    if dose:
        given = ", ".join(f"{d.label} at {time_of_day(d.given_at)}" for d in dose)
        sections.append(f"<p><b>Dose</b><br>{html.escape(given)}</p>")
    readiness = at_dose_lines(record.events)
    if readiness:
        sections.append(f"<p><b>{READINESS_HEADING}</b><br>"
                        f"{'<br>'.join(html.escape(line) for line in readiness)}</p>")
    if state.intention:
        sections.append(f"<p><b>Intention</b><br>{html.escape(state.intention)}</p>")
    discharge = {item: done for item, done in state.discharge_checks.items()
                 if item != DEPARTURE_ITEM}
    for heading, items, missing in (
            ("Discharge checks", discharge, "No discharge checks recorded."),
            ("Before the dose", state.checklist, "No checklist recorded.")):
        lines = [f"{'✓' if done else '✗ not done:'} {html.escape(item)}" for item, done in items.items()]
        if heading == "Discharge checks" and (left := departure(record.events)) is not None:
            lines.append(html.escape(departure_words(left.data)))
        body = "<br>".join(lines) if lines else f"<span style='color:#6b635a'>{missing}</span>"
        sections.append(f"<p><b>{heading}</b><br>{body}</p>")
    if state.checkpoints:
        lines = [f"{html.escape(s.checkpoint.label)}: "
                 f"{html.escape(checkpoint_words(s, state.ended))}" for s in state.checkpoints]
        sections.append(f"<p><b>Checks</b><br>{'<br>'.join(lines)}</p>")
    if state.started_at is not None:
        sections.append(f"<p style='color:#6b635a'>Session {record.session_id}, "
                        f"{html.escape(day(state.started_at))}</p>")
    return "".join(sections)
