"""A session's report as PDF, through Qt's own PDF writer.

The content is one QTextDocument (HTML built by `report_html.py`, with the
vitals chart as an inline vector object), laid out on the page's body and
drawn page by page with QPainter on a QPdfWriter; each page gets a running
header (client, date) and a footer ("Page i of N", "Confidential", when it
was printed). Tables repeat their header row on every page they run onto.
The PDF is made in memory (and encrypted there when protected) and written
through `atomic_writer`.

Needs a QGuiApplication; QtGui only (no widgets), so it may run in a worker:
a QThread or a QThreadPool runnable. Not a bare Python thread: Qt's text
layout starts timers, which need the Qt event dispatcher a QThread has.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kapdesk.atomic_file import atomic_writer
from kapdesk.core.chart_palette import PAPER
from kapdesk.core.formatting import local_datetime
from kapdesk.export import ExportError, Progress, no_progress
from kapdesk.export.protection import Protection, pdf_to_write
from kapdesk.export.record import ExportedRecord
from kapdesk.storage.review import SessionRecord

MARGINS_MM = (16.0, 12.0, 16.0, 12.0)  # left, top, right, bottom
RESOLUTION = 300  # dots per inch of the layout; text and the chart stay vectors
BASE_POINT_SIZE = 9.5
CHART_ASPECT = 0.46  # height / width
WRITE_CHUNK = 1 << 20
KEEP_WITH_HEADING_MM = 20  # a heading needs this much of its section below it on its page
MAX_LAYOUT_ROUNDS = 12


def write_session_pdf(record: ExportedRecord, target: Path, printed_at: float,
                      tz: dt.tzinfo | None = None, page_size: str | None = None,
                      progress: Progress = no_progress, protect: Protection | None = None) -> int:
    """Write the report of the record's one session to `target` (with `protect`,
    encrypted before it is written); returns its page count."""
    if len(record.session_ids) != 1:
        raise ExportError("A PDF report is made for one session at a time.")
    session = next(record.sessions())
    with atomic_writer(Path(target)) as handle:
        pdf, pages = render_session_pdf(record, session, printed_at, tz, page_size, progress)
        pdf = pdf_to_write(pdf, protect)  # encrypted here, in memory, when protected
        for start in range(0, len(pdf), WRITE_CHUNK):
            handle.write(pdf[start:start + WRITE_CHUNK])
            # The last chunk reports 100 of 100 inside the writer: a cancel at a
            # progress report can then never come after the file is in place.
            progress(95 + 5 * min(len(pdf), start + WRITE_CHUNK) // len(pdf), 100)
    return pages


def render_session_pdf(record: ExportedRecord, session: SessionRecord, printed_at: float,
                       tz: dt.tzinfo | None = None, page_size: str | None = None,
                       progress: Progress = no_progress) -> tuple[bytes, int]:
    """The PDF's bytes and page count (progress runs 0..95 of 100)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSizeF, QUrl
    from PySide6.QtGui import (
                               QFont, QGuiApplication, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument,
                               )

    from kapdesk.export.report_html import CHART_IMAGE, report_html

    if QGuiApplication.instance() is None:
        raise ExportError("The PDF report needs Qt's GUI application to be running.")
    progress(0, 100)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageSize(QPageSize(page_size_id(page_size)))
    writer.setPageMargins(QMarginsF(*MARGINS_MM), QPageLayout.Unit.Millimeter)
    writer.setTitle(f"Session report — {record.client.display_name} — "
                    f"{_date(session.state.started_at, tz)}")
    writer.setCreator("KAPDesk")
    body = writer.pageLayout().paintRectPixels(RESOLUTION)
    px_per_pt = RESOLUTION / 72.0
    header_h, footer_h = 22 * px_per_pt, 20 * px_per_pt

    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    font = QFont(QGuiApplication.font())
    font.setPointSizeF(BASE_POINT_SIZE)
    # No ligatures: "ﬀ" in "offered" would break copying and searching the PDF's text.
    for tag in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(tag), 0)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    page_body = QSizeF(body.width(), body.height() - header_h - footer_h)
    document.setPageSize(page_body)
    # The chart's space is a blank image (Qt's text-object handlers cannot be
    # written in Python: PySide does not register them); the chart is painted
    # over it as vectors. Image sizes are CSS pixels, 96 to the inch.
    css_px = RESOLUTION / 96.0
    chart_css = (round(body.width() / css_px), round(body.width() * CHART_ASPECT / css_px))
    blank = QImage(1, 1, QImage.Format.Format_ARGB32)
    blank.fill(0)
    breaks: frozenset[str] = frozenset()
    room = KEEP_WITH_HEADING_MM * RESOLUTION / 25.4
    # The whole document is laid out from HTML each time: editing it after
    # layout starts Qt's incremental relayout, which needs an event loop and
    # left blocks unlaid. A heading that would end a page alone moves its
    # section to the next page; each round settles one more heading.
    for _round in range(MAX_LAYOUT_ROUNDS):
        html, chart = report_html(record, session, tz, chart_css, breaks)
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(CHART_IMAGE), blank)
        document.setHtml(html)
        lonely = _lonely_heading(document, page_body.height(), room)
        if lonely is None or lonely in breaks:
            break
        breaks |= {lonely}
    progress(20, 100)
    pages = document.pageCount()
    chart_rect = _chart_rect(document) if chart is not None else None
    progress(30, 100)

    painter = QPainter(writer)
    try:
        for page in range(pages):
            if page:
                writer.newPage()
            _draw_page(painter, document, page, pages, page_body, header_h, body.width(),
                       _running_header(record, session, tz),
                       _printed(printed_at, tz) + _audit_mark(record))
            if chart_rect is not None and int(chart_rect.center().y() // page_body.height()) == page:
                _draw_chart_on_page(painter, chart, chart_rect, page, page_body, header_h)
            progress(30 + int(65 * (page + 1) / pages), 100)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data()), pages


def _draw_page(painter, document, page: int, pages: int, page_body, header_h: float,  # noqa: ANN001, PLR0913
               width: float, header: str, printed: str) -> None:
    from PySide6.QtCore import QLineF, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QPen

    painter.save()
    painter.translate(0, header_h - page * page_body.height())
    document.drawContents(painter, QRectF(0, page * page_body.height(),
                                          page_body.width(), page_body.height()))
    painter.restore()

    small = QFont(document.defaultFont())
    small.setPointSizeF(7.5)
    painter.save()
    painter.setFont(small)
    painter.setPen(QColor(PAPER.muted))
    pt = header_h / 22
    top = QRectF(0, 0, width, header_h - 8 * pt)
    painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, header)
    painter.drawText(top, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                     "KAPDesk session report")
    painter.setPen(QPen(QColor(PAPER.rule), 0.5 * pt))
    painter.drawLine(QLineF(0, header_h - 5 * pt, width, header_h - 5 * pt))
    foot_top = header_h + page_body.height()
    painter.drawLine(QLineF(0, foot_top + 5 * pt, width, foot_top + 5 * pt))
    painter.setPen(QColor(PAPER.muted))
    foot = QRectF(0, foot_top + 7 * pt, width, 12 * pt)
    painter.drawText(foot, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                     "Confidential: protected health information")
    painter.drawText(foot, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                     f"Page {page + 1} of {pages}")
    painter.drawText(foot, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, printed)
    painter.restore()


def _chart_rect(document):  # noqa: ANN001, ANN202
    """Where the layout put the chart's blank image, in paged document coordinates."""
    from PySide6.QtCore import QRectF

    cursor = document.find("\ufffc")
    if cursor.isNull():
        return None
    position = cursor.selectionStart()
    block = document.findBlock(position)
    image = cursor.charFormat().toImageFormat()
    scale = RESOLUTION / 96.0
    width, height = image.width() * scale, image.height() * scale
    box = document.documentLayout().blockBoundingRect(block)
    line = block.layout().lineForTextPosition(position - block.position())
    top = box.top() + line.y() + line.ascent() - height
    return QRectF(box.left() + line.x(), top, width, height)


def _draw_chart_on_page(painter, chart, rect, page: int, page_body, header_h: float) -> None:  # noqa: ANN001
    from kapdesk.export.pdf_chart import draw_chart

    painter.save()
    painter.translate(0, header_h - page * page_body.height())
    draw_chart(painter, rect, chart)
    painter.restore()


def _lonely_heading(document, page_height: float, room: float) -> str | None:  # noqa: ANN001
    """The first heading left at the foot of a page without its section, if any."""
    layout = document.documentLayout()
    block = document.begin()
    while block.isValid():
        following = block.next()
        if block.blockFormat().headingLevel() and following.isValid():
            heading, after = layout.blockBoundingRect(block), layout.blockBoundingRect(following)
            page = int(heading.top() // page_height)
            page_end = (page + 1) * page_height
            if int(after.bottom() // page_height) != page or page_end - heading.bottom() < room:
                return block.text()
        block = following
    return None


def page_size_id(name: str | None):  # noqa: ANN202
    from PySide6.QtCore import QLocale
    from PySide6.QtGui import QPageSize

    if name is None:
        imperial = QLocale.system().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
        name = "letter" if imperial else "a4"
    sizes = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter,
             "legal": QPageSize.PageSizeId.Legal}
    if name.casefold() not in sizes:
        raise ExportError(f"Unknown page size “{name}”; use A4, Letter or Legal.")
    return sizes[name.casefold()]


def _date(epoch_s: float | None, tz: dt.tzinfo | None) -> str:
    return "" if epoch_s is None else local_datetime(epoch_s, tz).strftime("%Y-%m-%d")


def _running_header(record: ExportedRecord, session: SessionRecord, tz: dt.tzinfo | None) -> str:
    return (f"{record.client.display_name} · session of {_date(session.state.started_at, tz)} · "
            f"{session.script.name}")


def _printed(printed_at: float, tz: dt.tzinfo | None) -> str:
    return "Printed " + local_datetime(printed_at, tz).strftime("%Y-%m-%d %H:%M")


def _audit_mark(record: ExportedRecord) -> str:
    """The audit trail's newest seal, short: a later trail that lacks it has lost entries."""
    from kapdesk.core.audit import short

    return f" · audit {short(record.audit_head)}" if record.audit_head else ""
