"""The words of the session view: header facts, log lines, debrief and checks.

Pure functions from a `SessionRecord` to text or escaped HTML, so the view
only places them.
"""

from __future__ import annotations

import html

from kapdesk.core.events import EventKind
from kapdesk.core.review_model import MusicSpan, TimelineMark, playing_at
from kapdesk.storage.review import SessionRecord
from kapdesk.ui.review_format import day, day_and_time, elapsed, length, plural, time_of_day

KIND_WORDS = {EventKind.NOTE: "Note", EventKind.TAG: "Tag", EventKind.VITALS: "Vitals",
              EventKind.DOSE_GIVEN: "Dose", EventKind.DEBRIEF_SAVED: "Debrief",
              EventKind.ADDENDUM: "Addendum", EventKind.SIGNED: "Signed",
              EventKind.APP_RECOVERED: "Gap"}
AFTER = frozenset({EventKind.SIGNED, EventKind.ADDENDUM})


def title(record: SessionRecord) -> str:
    start = record.state.started_at
    return f"{record.client_name} — {day_and_time(start) if start else 'not started'}"


def facts_line(record: SessionRecord) -> str:
    facts = record.facts
    parts = [record.script.name, facts.dose_label or "no dose recorded",
             length(facts.length_s), plural(facts.note_count, "note")]
    return " · ".join(parts)


def flags_line(record: SessionRecord) -> str:
    return " · ".join(flag.label for flag in record.flags) or "Nothing flagged."


def log_line(mark: TimelineMark, record: SessionRecord) -> str:
    """"+0:35  14:35  Note — Tearful when…"; after the end, the date instead."""
    kind = KIND_WORDS.get(mark.kind, "")
    text = mark.text
    if kind and text.startswith(f"{kind}: "):
        text = text[len(kind) + 2:]
    if mark.kind in AFTER:
        return f"{day_and_time(mark.at)}   {mark.text}"
    head = f"{elapsed(mark.elapsed_s)}   {time_of_day(mark.at)}"
    return f"{head}   {kind + ' — ' if kind else ''}{text}"


def moment_line(mark: TimelineMark | None, record: SessionRecord) -> str:
    """What the selected mark says and what was playing then."""
    if mark is None:
        return "Select a note, a tag or a reading to see what was playing then."
    if mark.kind in AFTER:
        return f"{day_and_time(mark.at)} — {mark.text}"
    where = f"At {elapsed(mark.elapsed_s)} ({time_of_day(mark.at)})"
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
    debrief = record.state.debrief
    if not debrief:
        return "<p style='color:#6b635a'>No debrief was saved for this session.</p>"
    parts = [f"<p><b>{html.escape(str(k).capitalize())}</b><br>{html.escape(str(v))}</p>"
             for k, v in debrief["fields"].items() if str(v).strip()]
    if str(debrief["free_text"]).strip():
        parts.append(f"<p>{html.escape(str(debrief['free_text']))}</p>")
    return "".join(parts) or "<p style='color:#6b635a'>The debrief was saved empty.</p>"


def checks_html(record: SessionRecord) -> str:
    state = record.state
    sections = []
    dose = record.facts.doses
    if dose:
        given = ", ".join(f"{d.label} at {time_of_day(d.given_at)}" for d in dose)
        sections.append(f"<p><b>Dose</b><br>{html.escape(given)}</p>")
    if state.intention:
        sections.append(f"<p><b>Intention</b><br>{html.escape(state.intention)}</p>")
    for heading, items, missing in (
            ("Discharge checks", state.discharge_checks, "No discharge checks recorded."),
            ("Before the dose", state.checklist, "No checklist recorded.")):
        lines = [f"{'✓' if done else '✗ not done:'} {html.escape(item)}" for item, done in items.items()]
        body = "<br>".join(lines) if lines else f"<span style='color:#6b635a'>{missing}</span>"
        sections.append(f"<p><b>{heading}</b><br>{body}</p>")
    if state.started_at is not None:
        sections.append(f"<p style='color:#6b635a'>Session {record.session_id}, "
                        f"{html.escape(day(state.started_at))}</p>")
    return "".join(sections)
