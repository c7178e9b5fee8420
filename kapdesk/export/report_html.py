"""The session report's content as Qt rich-text HTML, and the data of its chart.

Sections, in the order a clinician reads a record: the header (client, date,
script, dose, intention, signature state, flags), the Spravato REMS summary
for esketamine sessions, phases, vital signs (chart and table; a reading whose
alert the therapist acknowledged says when), checkpoints,
observations (notes and tags in time order, with elapsed time and the music
playing then), music played, debrief, checklists and discharge checks, and
the signature with the record's history and its dated addenda. Everything the
therapist typed is escaped. Times follow the record's one convention
(core.formatting): local clock times, with the zone named in the header, and,
after the dose, "+h:mm" since the dose; the header says so once. Its colours
are the paper's (core/chart_palette.py's PAPER), as are the chart's.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence

from kapdesk.core import debrief
from kapdesk.core.checkpoints import final_status
from kapdesk.core.events import DEPARTURE_ITEM
from kapdesk.core.adverse_events import recorded_adverse
from kapdesk.core.chart_palette import PAPER
from kapdesk.core.formatting import (
                                     SINCE_DOSE_LEGEND, after_dose, format_minutes, format_time_of_day, local_datetime, since_dose,
                                     zone_label,
                                     )
from kapdesk.core.readiness_record import at_dose_lines
from kapdesk.core.rems import RemsSummary, rems_summary
from kapdesk.core.review_model import departure_words, playing_at, reading_of
from kapdesk.core.session_summary import describe_reading, departure
from kapdesk.core.vitals import VitalsReading, classify
from kapdesk.export.pdf_chart import ChartData
from kapdesk.export.record import ExportedRecord, is_esketamine
from kapdesk.storage.review import SessionRecord

CHART_IMAGE = "kapdesk-vitals-chart"
_TABLE = ('<table width="100%" border="0" cellspacing="0" cellpadding="3" '
          'style="margin-top: 3px; margin-bottom: 8px;">')
_STRIPE = PAPER.stripe  # every other row: easier to follow across the page than rules
_KEYS = '<table width="100%" border="0" cellspacing="0" cellpadding="2">'
_HEAD = f'style="background-color: {PAPER.table_head};"'


def report_html(record: ExportedRecord, session: SessionRecord, tz: dt.tzinfo | None,
                chart_size: tuple[int, int] = (640, 300),
                break_before: frozenset[str] = frozenset()) -> tuple[str, ChartData | None]:
    """The report's HTML and its chart's data (None when no vitals were taken).

    The chart is a blank image of `chart_size` (CSS pixels) named CHART_IMAGE,
    which the PDF writer paints over; headings named in `break_before` start a page.
    """
    clock = _Clock(session, tz)
    chart = _chart(record, session, tz)
    parts = [
        _header(record, session, clock),
        _readiness(session),
        _rems(record, session, clock) if is_esketamine(session) else "",
        _phases(session, clock),
        _vitals(record, session, clock, chart_size if chart is not None else None),
        _checkpoints(session, clock),
        _observations(session, clock),
        _adverse(session, clock),
        _music(session, clock),
        _debrief(session),
        _checklists(session, clock),
        _signature(session, clock),
    ]
    body = _breaking("".join(parts), break_before)
    return (f'<html><body style="color: {PAPER.text};">{body}</body></html>', chart)


class _Clock:
    """Times as the report prints them: local clock time, and +h:mm after the dose."""

    def __init__(self, session: SessionRecord, tz: dt.tzinfo | None) -> None:
        self.start = session.state.started_at
        self.doses = tuple(d.given_at for d in session.facts.doses)
        self.tz = tz

    def time(self, at: float | None) -> str:
        return "" if at is None else format_time_of_day(at, self.tz)

    def since(self, at: float | None) -> str:
        """"+0:42" after the dose; nothing before it (or with no dose)."""
        return "" if at is None else after_dose(self.doses, at)

    def date(self, at: float | None) -> str:
        if at is None:
            return ""
        moment = local_datetime(at, self.tz)
        return f"{moment:%A} {moment.day} {moment:%B %Y}"

    def stamp(self, at: float | None) -> str:
        return "" if at is None else f"{self.date(at)}, {self.time(at)}"


def _e(text: object) -> str:
    return html.escape(str(text)).replace("\n", "<br/>")


_H2_STYLE = f"font-size: 12pt; margin-top: 14px; margin-bottom: 2px; color: {PAPER.heading};"


def _h2(title: str) -> str:
    return f'<h2 style="{_H2_STYLE}">{_e(title)}</h2>'


def _breaking(html_text: str, titles: frozenset[str]) -> str:
    for title in titles:
        html_text = html_text.replace(
            f'<h2 style="{_H2_STYLE}">{_e(title)}</h2>',
            f'<h2 style="{_H2_STYLE} page-break-before: always;">{_e(title)}</h2>')
    return html_text


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], widths: Sequence[int] = ()) -> str:
    head = "".join(f'<th align="left" {_HEAD}' + (f' width="{w}%"' if w else "") + f">{_e(h)}</th>"
                   for h, w in zip(headers, list(widths) + [0] * len(headers)))
    # An empty last cell would swallow the heading after the table (Qt's HTML reader).
    body = "".join(
        "<tr>" + "".join(f'<td valign="top"{_stripe(number)}>{cell or "&nbsp;"}</td>' for cell in row)
        + "</tr>" for number, row in enumerate(rows))
    return f"{_TABLE}<thead><tr>{head}</tr></thead>{body}</table>"


def _stripe(number: int) -> str:
    return f' bgcolor="{_STRIPE}"' if number % 2 else ""


def _keys(pairs: Iterable[tuple[str, str]]) -> str:
    rows = "".join(f'<tr><td width="18%" valign="top" style="color: {PAPER.muted};">{_e(k)}</td>'
                   f'<td valign="top">{v or "&nbsp;"}</td></tr>' for k, v in pairs)
    return f"{_KEYS}{rows}</table>"


def _none(text: str) -> str:
    return f'<p style="color: {PAPER.muted};"><i>{_e(text)}</i></p>'


# --- sections ---------------------------------------------------------------------

def _header(record: ExportedRecord, session: SessionRecord, clock: _Clock) -> str:
    state, facts, client = session.state, session.facts, record.client.draft
    who = " · ".join(part for part in (
        client.display_name, f"born {client.date_of_birth}" if client.date_of_birth else "",
        client.pronouns) if part)
    if state.started_at is None:
        when = "not started"
    elif state.ended_at is None:
        when = f"started {clock.time(state.started_at)}; the session was never ended"
    else:
        when = (f"{clock.time(state.started_at)} – {clock.time(state.ended_at)} "
                f"({format_minutes(state.ended_at - state.started_at)})")
    doses = "<br/>".join(
        f"{_e(d.label)}, given {clock.time(d.given_at)}"
        for d in facts.doses) or "<i>No dose recorded</i>"
    if session.signed_by:
        signed = (f"Signed by <b>{_e(session.signed_by)}</b> on {_e(clock.stamp(session.signed_at))}"
                  + (f"; {len(session.addenda)} dated addend{'um' if len(session.addenda) == 1 else 'a'}"
                     if session.addenda else ""))
    else:
        signed = f'<b style="color: {PAPER.alert};">Not signed</b>: a draft record'
    if session.altered:  # changed outside KAPDesk after signing: said first, in words
        signed = f'<b style="color: {PAPER.alert};">{_e(session.seal.words)}</b><br/>' + signed
    flag_text = "<br/>".join(_e(flag.label) for flag in session.flags) or "Nothing flagged"
    pairs = [("Client", _e(who)), ("Date", _e(clock.date(state.started_at))), ("Session", _e(when)),
             ("Script", _e(session.script.name)), ("Dose", doses)]
    if state.intention:
        pairs.append(("Intention", f"<i>{_e(state.intention)}</i>"))
    pairs += [("Record", signed), ("Flags", flag_text),
              ("Times", _e(f"local clock times, {zone_label(state.started_at or 0, clock.tz)}; "
                           f"{SINCE_DOSE_LEGEND}"))]
    return ('<p style="font-size: 17pt; font-weight: bold; margin-bottom: 0px;">Session report</p>'
            f'<p style="font-size: 10pt; color: {PAPER.muted}; margin-top: 0px;">'
            f'{_e(record.client.display_name)} · {_e(session.script.name)}</p>' + _keys(pairs))


def _readiness(session: SessionRecord) -> str:
    """The readiness as it stood at the dose (core/readiness_record.py); nothing without a dose."""
    lines = at_dose_lines(session.events)
    if not lines:
        return ""
    verdict, *rest = lines
    return (_h2("Readiness at the dose") + f"<p><b>{_e(verdict)}</b><br/>"
            + "<br/>".join(_e(line) for line in rest) + "</p>")


def _rems(record: ExportedRecord, session: SessionRecord, clock: _Clock) -> str:
    rems = rems_summary(session.state, session.events, record.thresholds)
    t = record.thresholds
    rows = [
        ("Treatment date", _e(clock.date(session.state.started_at)), ""),
        ("Dose administered", _e(_rems_dose(rems)),
         _e(f"first spray {clock.time(rems.first_spray_at)}") if rems.first_spray_at else ""),
        ("Total time, first device to completion of monitoring", _minutes(rems.total_minutes),
         _e(f"{clock.time(rems.first_spray_at)} to the session's end {clock.time(rems.completed_at)}")
         if rems.total_minutes is not None else "needs a dose time and an ended session"),
        ("Monitored at least 2 hours", _yes_no(rems.monitored_two_hours), ""),
        ("Ready to leave (minutes from the start of administration)",
         _minutes(rems.ready_to_leave_minutes)
         + (f" ({clock.time(rems.ready_to_leave_at)})" if rems.ready_to_leave_at else ""),
         _e(rems.ready_to_leave_basis)),
    ]
    for answer in rems.blood_pressure:
        if answer.reading is None:
            rows.append((f"BP {answer.label.lower()}", "<i>not recorded</i>", ""))
            continue
        r = answer.reading
        rows.append((f"BP {answer.label.lower()}",
                     _e(f"{r.systolic}/{r.diastolic} mmHg at {clock.time(r.at)}, "
                        + _from_spray(r.at, rems.first_spray_at)),
                     "within the practice's limits" if answer.acceptable else
                     f'<b style="color: {PAPER.alert};">outside the practice\'s limits</b>'))
    pre, _forty, last = rems.blood_pressure
    rows += [("Vital signs acceptable prior to administration", _yes_no(pre.acceptable),
              _e(f"pre-dose limit {t.pre_dose_max_systolic}/{t.pre_dose_max_diastolic}")),
             ("Vital signs acceptable prior to completion", _yes_no(last.acceptable),
              _e(f"alert at {t.alert_systolic}/{t.alert_diastolic}, heart rate over "
                 f"{t.alert_heart_rate}, SpO2 under {t.alert_spo2_below}%"))]
    for observation in rems.observations:
        if observation.observed:
            answer, basis = "<b>Observed</b>", observation.evidence
        elif observation.denied:
            answer, basis = "Not observed", observation.denied
        else:
            answer, basis = "<i>None recorded</i>", ("no tag or debrief entry names it",)
        rows.append((observation.label, answer, "<br/>".join(_e(x) for x in basis)))
    note = (f'<p style="font-size: 8pt; color: {PAPER.muted};">The session\'s recorded facts for the '
            "Spravato REMS Patient Monitoring Form; the form itself is the prescriber's to complete "
            "and submit. “None recorded” means nothing was tagged or entered in the debrief, "
            "not that it was ruled out.</p>")
    return (_h2("Spravato REMS monitoring summary")
            + _table(("Form field", "Recorded", "Read from"), rows, (38, 30, 32)) + note)


def _from_spray(at: float, spray: float | None) -> str:
    """"+0:42 after the first spray" (REMS counts from the first), or "before the first spray"."""
    if spray is None or at < spray:
        return "before the first spray"
    return f"{since_dose(at - spray)} after the first spray"


def _rems_dose(rems: RemsSummary) -> str:
    if not rems.doses_mg:
        return "not recorded"
    total = sum(rems.doses_mg)
    parts = " + ".join(f"{mg:g}" for mg in rems.doses_mg)
    return f"{total:g} mg esketamine" + (f" ({parts} mg)" if len(rems.doses_mg) > 1 else "")


def _minutes(value: int | None) -> str:
    return "<i>not recorded</i>" if value is None else f"{value} min"


def _yes_no(value: bool | None) -> str:
    return {True: "Yes", False: f'<b style="color: {PAPER.alert};">No</b>', None: "<i>not recorded</i>"}[value]


def _phases(session: SessionRecord, clock: _Clock) -> str:
    state, script = session.state, session.script
    if not state.phase_spans:
        return _h2("Phases") + _none("The session was never started.")
    skipped = {int(e.data["phase_index"]) for e in session.events if e.kind.value == "phase_skipped"}
    extended: dict[int, int] = {}
    for event in session.events:
        if event.kind.value == "phase_extended":
            index = int(event.data["phase_index"])
            extended[index] = extended.get(index, 0) + int(event.data["seconds"])
    rows = []
    for span in state.phase_spans:
        phase = script.phases[span.phase_index]
        length = "" if span.end_at is None else format_minutes(span.end_at - span.start_at)
        remarks = []
        if span.phase_index in extended:
            remarks.append(f"extended by {format_minutes(extended[span.phase_index])}")
        if span.phase_index in skipped:
            remarks.append("ended early")
        rows.append((_e(phase.name), _e(format_minutes(phase.planned_s)),
                     f"{clock.time(span.start_at)} {clock.since(span.start_at)}".strip(),
                     clock.time(span.end_at), _e(length), _e("; ".join(remarks))))
    out = _h2("Phases") + _table(("Phase", "Planned", "Started", "Ended", "Length", "Remarks"),
                                 rows, (27, 11, 19, 10, 11, 22))
    lines = [f"Paused {clock.time(p.start)}–{clock.time(p.end)} "
             f"({format_minutes((p.end or p.start) - p.start)})" for p in state.pauses]
    lines += [f"The app was not running {clock.time(g.down_since)}–{clock.time(g.recovered_at)} "
              f"({format_minutes(g.recovered_at - g.down_since)}): nothing was recorded then"
              for g in state.gaps]
    if lines:
        out += "<p>" + "<br/>".join(_e(line) for line in lines) + "</p>"
    return out


def _chart(record: ExportedRecord, session: SessionRecord, tz: dt.tzinfo | None) -> ChartData | None:
    state = session.state
    if not state.vitals or state.started_at is None:
        return None
    readings = tuple(reading_of(e) for e in state.vitals)
    end = max([state.ended_at or state.as_of, *(r.at for r in readings)])
    phases = tuple((session.script.phases[s.phase_index].name, s.start_at, s.end_at or end)
                   for s in state.phase_spans)
    t = record.thresholds
    doses = tuple(float(e.data["given_at"]) for e in state.doses)
    return ChartData(state.started_at, end, readings, doses, phases,
                     t.alert_systolic, t.alert_diastolic, t.alert_heart_rate, tz)


def _vitals(record: ExportedRecord, session: SessionRecord, clock: _Clock,
            chart: tuple[int, int] | None) -> str:
    state = session.state
    if not state.vitals:
        return _h2("Vital signs") + _none("No vital signs were recorded.")
    rows = []
    for event in state.vitals:
        r = reading_of(event)
        before = state.dose_at is None or event.at <= state.dose_at
        verdict = classify(VitalsReading(r.systolic, r.diastolic, r.heart_rate, r.spo2),
                           record.thresholds, before_dose=before)
        level = {"ok": "within limits", "caution": '<b>caution</b>',
                 "alert": f'<b style="color: {PAPER.alert};">ALERT</b>'}[verdict.level]
        reason = event.data.get("reason")
        seen_at = state.alerts_seen.get(event.seq)
        seen = "" if seen_at is None else f"<br/>{_e(_seen_words(event, seen_at, clock))}"
        rows.append((clock.time(event.at), clock.since(event.at), f"{r.systolic}/{r.diastolic}",
                     str(r.heart_rate), "" if r.spo2 is None else f"{r.spo2}%",
                     level + (f"<br/>reason: {_e(reason)}" if reason else "") + seen))
    figure = (f'<p><img src="{CHART_IMAGE}" width="{chart[0]}" height="{chart[1]}"/></p>'
              if chart else "")
    return (_h2("Vital signs") + figure
            + _table(("Time", "After dose", "BP mmHg", "HR bpm", "SpO2", "Assessment"), rows,
                     (10, 13, 14, 11, 10, 42)))


def _seen_words(event, seen_at: float, clock: _Clock) -> str:  # noqa: ANN001 - an Event
    """"Alert seen at 14:48 +0:43": when the therapist acknowledged the reading's alert (F12)."""
    return f"Alert seen at {clock.time(seen_at)} {clock.since(seen_at)}".rstrip()


def _checkpoints(session: SessionRecord, clock: _Clock) -> str:
    """Each check and its outcome; an ended session's are final, never "upcoming"."""
    state = session.state
    if not state.checkpoints:
        return ""
    rows = []
    for status in state.checkpoints:
        what = _outcome(session, status, clock)
        rows.append((_e(status.checkpoint.label), clock.time(status.due_at),
                     what if what.startswith("<b>") else _e(what), clock.time(status.resolved_at)))
    return _h2("Checkpoints") + _table(("Checkpoint", "Due", "Outcome", "At"), rows, (34, 11, 44, 11))


def _outcome(session: SessionRecord, status, clock: _Clock) -> str:  # noqa: ANN001 - a CheckpointStatus
    """"done: BP 148/92, HR 80", "set aside: asleep", "missed", "not reached: ..."."""
    state = session.state
    what = final_status(status) if state.ended else status.status
    late = (status.resolved_at is not None and status.overdue_at is not None
            and status.resolved_at > status.overdue_at and status.due_at is not None)
    if what == "done":
        reading = _reading_at(session, status.resolved_at) if status.checkpoint.kind == "vitals" else None
        return ("done" + (f": {reading}" if reading else "")
                + (f", late by {format_minutes(status.resolved_at - status.due_at)}" if late else ""))
    if what == "dismissed":
        return f"set aside: {status.reason}"
    if what in ("missed", "overdue"):
        return "<b>missed: not done</b>" if state.ended else "<b>not done</b>"
    if what == "not reached":
        text = "not reached: " + _not_reached(session, status)
        last = state.vitals[-1] if state.vitals else None
        if (status.checkpoint.kind == "vitals" and status.checkpoint.anchor == "phase"
                and last is not None and state.dose_at is not None and last.at > state.dose_at):
            # Not the check's reading, but the reader should see the last one there was.
            text += f"; the last reading was {describe_reading_event(last)} at {clock.time(last.at)}"
        return text
    return {"waiting": "not due yet", "upcoming": "not due yet", "due": "due"}.get(what, what)


def _reading_at(session: SessionRecord, at: float | None) -> str:
    """The reading that answered a vitals check: the last one taken at or before `at`."""
    readings = [e for e in session.state.vitals if at is not None and e.at <= at]
    return describe_reading_event(readings[-1]) if readings else ""


def describe_reading_event(event) -> str:  # noqa: ANN001 - an Event
    r = reading_of(event)
    return describe_reading(VitalsReading(r.systolic, r.diastolic, r.heart_rate, r.spo2))


def _not_reached(session: SessionRecord, status) -> str:  # noqa: ANN001 - a CheckpointStatus
    checkpoint = status.checkpoint
    if status.due_at is not None:
        return "the session ended before it was due"
    if checkpoint.anchor == "dose":
        return "no dose was recorded"
    if checkpoint.anchor == "phase" and checkpoint.phase_index is not None:
        return f"the session ended before the {session.script.phases[checkpoint.phase_index].name} phase"
    return "the session did not start"


def _observations(session: SessionRecord, clock: _Clock) -> str:
    state = session.state
    entries = sorted([*state.notes, *state.tags], key=lambda e: e.seq)
    if not entries:
        return _h2("Observations") + _none("No notes or tags were written.")
    rows, previous = [], None
    for event in entries:
        text = (f"<i>Tag:</i> <b>{_e(event.data['tag'])}</b>" if event.kind.value == "tag"
                else _e(event.data["text"]))
        track = playing_at(session.music, event.at)
        # The track is named where it changes; below that, "same" keeps the column quiet.
        if track is None:
            music = f'<span style="color: {PAPER.quiet};">silence</span>' if previous else ""
        elif track == previous:
            music = f'<span style="color: {PAPER.rule};">same</span>'
        else:
            music = f'<span style="color: {PAPER.ink};">{_e(track.title)}</span>'
        previous = track
        rows.append((clock.time(event.at), clock.since(event.at), text, music))
    return (_h2("Observations") +
            _table(("Time", "After dose", "Note or tag", "Music playing"), rows, (8, 12, 60, 20)))


def _adverse(session: SessionRecord, clock: _Clock) -> str:
    """Every adverse event, with what was done and when it resolved; nothing when none."""
    found = recorded_adverse(session.state.adverse, session.state.adverse_resolved)
    if not found:
        return ""
    rows = []
    for _seq, event in found:
        resolved = ("not resolved when recorded" if event.resolved_at is None
                    else clock.time(event.resolved_at))
        rows.append((clock.time(event.at), clock.since(event.at), _e(event.title()),
                     _e(event.action), resolved))
    return (_h2("Adverse events") +
            _table(("Time", "After dose", "What", "Action taken", "Resolved"), rows,
                   (8, 10, 26, 36, 20)))


def _music(session: SessionRecord, clock: _Clock) -> str:
    if not session.music:
        return _h2("Music played") + _none("No music was played.")
    rows = [(clock.time(s.start), clock.since(s.start), _e(s.title),
             _e("" if s.playlist is None else s.playlist), clock.time(s.end),
             _e(s.how_it_ended)) for s in session.music]
    return _h2("Music played") + _table(("Started", "After dose", "Track", "Playlist", "Until", "Ended"),
                                        rows, (9, 12, 33, 18, 8, 20))


def _debrief(session: SessionRecord) -> str:
    saved = debrief.latest(session.events)  # as stored: a missing box is not the word "None"
    if not saved:
        return _h2("Debrief") + _none("No debrief was saved.")
    entries = [(heading, _e(text)) for heading, text in debrief.entries(saved)]
    return _h2("Debrief") + (_keys(entries) if entries else _none("The debrief was saved empty."))


def _checklists(session: SessionRecord, clock: _Clock) -> str:
    state = session.state

    def ticks(items: dict[str, bool]) -> str:
        return "<br/>".join(f"{'☑' if ok else '☐'} {_e(item)}" + ("" if ok else " <b>(not ticked)</b>")
                            for item, ok in items.items())

    discharge = {item: ok for item, ok in state.discharge_checks.items() if item != DEPARTURE_ITEM}
    pairs = [("Before the dose", ticks(dict(state.checklist)) or "<i>nothing ticked</i>"),
             ("Discharge", ticks(discharge) or "<i>no discharge checks recorded</i>")]
    left = departure(session.events)
    pairs.append(("Left", _e(departure_words(left.data, clock.tz)) if left else
                  "<i>not recorded</i>"))
    return _h2("Checklists and discharge") + _keys(pairs)


def _signature(session: SessionRecord, clock: _Clock) -> str:
    if session.signed_by:
        statement = (f"<p>Signed electronically by <b>{_e(session.signed_by)}</b> on "
                     f"{_e(clock.stamp(session.signed_at))}. A signed record is not changed; "
                     "corrections and additions are the dated addenda below.</p>")
    else:
        statement = (f'<p><b style="color: {PAPER.alert};">This record is not signed.</b> '
                     "It is a draft until the therapist signs it.</p>")
    if session.altered:
        statement += f'<p><b style="color: {PAPER.alert};">{_e(session.seal.words)}</b></p>'
    history = [("Started", clock.stamp(session.state.started_at), "")]
    if session.state.ended_at is not None:
        history.append(("Ended", clock.stamp(session.state.ended_at), ""))
    if session.signed_by:
        history.append(("Signed", clock.stamp(session.signed_at), session.signed_by))
    history += [("Addendum", clock.stamp(e.at), str(e.data["author"])) for e in session.addenda]
    out = _h2("Signature and history of this record") + statement
    out += _table(("Event", "When", "By"), [(_e(a), _e(b), _e(c)) for a, b, c in history], (20, 50, 30))
    for event in session.addenda:
        out += (f'<p style="margin-top: 8px;"><b>Addendum</b>, {_e(clock.stamp(event.at))}, '
                f'by {_e(event.data["author"])}:<br/>{_e(event.data["text"])}</p>')
    return out

