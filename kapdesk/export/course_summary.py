"""A client's course summary as PDF, for the referring physician.

What a physician needs and nothing more: the course's dates and shape (how
many preparation, dosing and integration sessions and check-ins, against the
planned number of doses), every dose (date, drug, mg, route, the highest
blood pressure measured, adverse events), the rating scales' baseline,
latest and change with response and remission in words, every adverse event
with what was done, and the latest screening's verdict with the medications.
No session notes, no debrief, no private psychotherapy notes, no music.
Laid out as one QTextDocument printed page by page (Qt numbers the pages)
and written through `atomic_writer` (encrypted first when protected); QtGui
only, so it may run in a worker.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

from kapdesk.atomic_file import atomic_writer
from kapdesk.core.adverse_events import recorded_adverse
from kapdesk.core.course_due import CourseWindows
from kapdesk.core.dose_history import past_doses
from kapdesk.core.measure_course import course_figures
from kapdesk.core.measures import MeasureKind
from kapdesk.core.screening import medications_words, screening_verdict
from kapdesk.core.superseding import current
from kapdesk.core.talk_sessions import TalkKind
from kapdesk.export import ExportError, Progress, no_progress
from kapdesk.export.pdf_report import page_size_id
from kapdesk.export.protection import Protection, pdf_to_write
from kapdesk.export.record import ExportedRecord

POINT_SIZE = 10.0
MARGINS_MM = (18.0, 16.0, 18.0, 16.0)
NO_NOTES = ("This summary carries no session notes, debriefs or psychotherapy notes; "
            "the practice keeps them.")


def _e(text: object) -> str:
    return html.escape(str(text))


def _day(epoch_s: float, tz: dt.tzinfo | None) -> str:
    return dt.datetime.fromtimestamp(epoch_s, tz).strftime("%Y-%m-%d")


def course_summary_html(record: ExportedRecord, printed_at: float,
                        windows: CourseWindows = CourseWindows(), tz: dt.tzinfo | None = None,
                        progress: Progress = no_progress) -> str:
    if record.course is None:
        raise ExportError("A course summary is made from a client's whole record.")
    course = record.course
    sessions = []
    total = max(1, len(record.session_ids))
    for number, session in enumerate(record.sessions(), 1):
        sessions.append(session)
        progress(int(80 * number / total), 100)
    doses = past_doses(((s.session_id, s.facts) for s in sessions), limit=len(sessions))[::-1]
    talks = current(course.talks)
    counts = {kind: sum(1 for t in talks if t.kind is kind) for kind in TalkKind}
    dates = [t.started_at for t in talks] + [d.started_at for d in doses]
    span = (f"{_day(min(dates), tz)} to {_day(max(dates), tz)}" if dates
            else "no sessions recorded yet")
    parts = [f"<h1 style='font-size:17pt; color:#1f4e79'>Course summary — "
             f"{_e(record.client.display_name)}</h1>",
             f"<p>Ketamine-assisted psychotherapy. Course {span}. Prepared "
             f"{_day(printed_at, tz)} for the referring physician.</p>",
             f"<p style='color:#595959'>{_e(NO_NOTES)}</p>",
             "<h2 style='font-size:13pt; color:#1f4e79'>The course</h2><ul>",
             f"<li>Preparation sessions: {counts[TalkKind.PREPARATION]}</li>",
             f"<li>Dosing sessions: {len(doses)} of {windows.planned_doses} planned</li>",
             f"<li>Integration sessions: {counts[TalkKind.INTEGRATION]}</li>",
             f"<li>Follow-up check-ins: {counts[TalkKind.CHECK_IN]}</li></ul>"]
    parts.append("<h2 style='font-size:13pt; color:#1f4e79'>Doses</h2>")
    if doses:
        rows = "".join(f"<tr><td>{_day(d.started_at, tz)}</td><td>{_e(d.dose)}</td>"
                       f"<td>{_e(d.peak_bp)}</td><td>{_e(', '.join(d.adverse) or 'none')}</td></tr>"
                       for d in doses)
        parts.append("<table cellspacing='0' cellpadding='4' border='1' style='border-color:#a6a6a6'"
                     " width='100%'><tr style='background:#e7edf3'><th align='left'>Date</th>"
                     "<th align='left'>Dose</th><th align='left'>Highest BP</th>"
                     f"<th align='left'>Adverse events</th></tr>{rows}</table>")
    else:
        parts.append("<p>No dose given yet.</p>")
    parts.append("<h2 style='font-size:13pt; color:#1f4e79'>Rating scales</h2>")
    shown = False
    for kind in MeasureKind:
        figures = course_figures(kind, course.measures, course.settings.measures)
        if figures.latest is None:
            continue
        shown = True
        name = figures.latest.result.scale.name
        lines = "<br>".join(_e(line) for line in figures.words(tz))
        parts.append(f"<p><b>{_e(name)}</b><br>{lines}</p>")
    if not shown:
        parts.append("<p>No rating scale filled yet.</p>")
    parts.append("<h2 style='font-size:13pt; color:#1f4e79'>Adverse events</h2>")
    events = [(session, event) for session in sessions
              for _seq, event in recorded_adverse(session.state.adverse,
                                                  session.state.adverse_resolved)]
    if events:
        parts.append("<ul>" + "".join(
            f"<li>{_day(event.at, tz)}: {_e(event.words(tz))}</li>" for _s, event in events)
            + "</ul>")
    else:
        parts.append("<p>None recorded.</p>")
    parts.append("<h2 style='font-size:13pt; color:#1f4e79'>Screening</h2>")
    screening = course.screening
    if screening is None:
        parts.append("<p>No screening recorded.</p>")
    else:
        answered = course.answered_list(screening) or course.contraindications
        verdict = screening_verdict(screening, answered, dt.date.fromtimestamp(printed_at),
                                    course.settings.screening)
        parts.append(f"<p>{_e(verdict.words)}</p>"
                     f"<p>{_e(medications_words(screening.medications))}</p>")
    progress(90, 100)
    return "".join(parts)


def write_course_summary(record: ExportedRecord, target: Path, printed_at: float,
                         windows: CourseWindows = CourseWindows(), tz: dt.tzinfo | None = None,
                         page_size: str | None = None, progress: Progress = no_progress,
                         protect: Protection | None = None) -> int:
    """Write the summary to `target` (with `protect`, encrypted before it is written);
    returns its page count."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
    from PySide6.QtGui import QFont, QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

    if QGuiApplication.instance() is None:
        raise ExportError("The course summary needs Qt's GUI application to be running.")
    text = course_summary_html(record, printed_at, windows, tz, progress)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(page_size_id(page_size)))
    writer.setPageMargins(QMarginsF(*MARGINS_MM), QPageLayout.Unit.Millimeter)
    writer.setTitle(f"Course summary — {record.client.display_name}")
    writer.setCreator("KAPDesk")
    document = QTextDocument()
    font = QFont()
    font.setPointSizeF(POINT_SIZE)
    document.setDefaultFont(font)
    document.setHtml(text)
    document.print_(writer)
    buffer.close()
    pdf = bytes(data.data())
    with atomic_writer(Path(target)) as handle:
        handle.write(pdf_to_write(pdf, protect))  # encrypted in memory when protected
    progress(100, 100)
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
