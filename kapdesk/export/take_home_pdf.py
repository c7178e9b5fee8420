"""The client's take-home sheet as a one-page PDF (core/take_home.py says what is on it).

Large, calm type on white, no logo, no clinical words: a page a client can
read on the bus home or stick on the fridge. Laid out as one QTextDocument
printed onto a QPdfWriter; written through `atomic_writer`, so a killed
write leaves no half-file. Needs a QGuiApplication (QtGui only, no widgets).
"""

from __future__ import annotations

import html
from pathlib import Path

from kapdesk.atomic_file import atomic_writer
from kapdesk.core.take_home import TakeHomeSheet
from kapdesk.export import ExportError
from kapdesk.export.pdf_report import page_size_id

POINT_SIZE = 12.5
MARGINS_MM = (22.0, 20.0, 22.0, 20.0)


def take_home_html(sheet: TakeHomeSheet) -> str:
    e = html.escape
    parts = ["<div style='color:#2b2320'>"]
    greeting = f"For {e(sheet.first_name)}" if sheet.first_name else "After today's session"
    parts.append(f"<h1 style='font-size:22pt; font-weight:600; color:#5a4632'>{greeting}</h1>")
    parts.append(f"<p style='color:#6b5a4a'>{e(sheet.day)}</p>")
    parts.append("<h2 style='font-size:15pt; color:#5a4632'>Looking after yourself</h2><ul>")
    parts += [f"<li style='margin-bottom:4px'>{e(line)}</li>" for line in sheet.after_care]
    parts.append("</ul><h2 style='font-size:15pt; color:#5a4632'>What comes next</h2>")
    parts.append(f"<p>{e(sheet.check_in)}</p><p>{e(sheet.integration)}</p>")
    parts.append(f"<p><b>{e(sheet.contact)}</b></p>")
    if sheet.music:
        parts.append("<h2 style='font-size:15pt; color:#5a4632'>The music today</h2>"
                     "<p style='color:#6b5a4a'>If you would like to listen again:</p><ul>")
        parts += [f"<li>{e(t.title)}{' — ' + e(t.artist) if t.artist else ''}</li>"
                  for t in sheet.music]
        parts.append("</ul>")
    parts.append("</div>")
    return "".join(parts)


def render_take_home(sheet: TakeHomeSheet, page_size: str | None = None) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
    from PySide6.QtGui import QFont, QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

    if QGuiApplication.instance() is None:
        raise ExportError("The take-home sheet needs Qt's GUI application to be running.")
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(page_size_id(page_size)))
    writer.setPageMargins(QMarginsF(*MARGINS_MM), QPageLayout.Unit.Millimeter)
    writer.setTitle("After your session")
    writer.setCreator("KAPDesk")
    document = QTextDocument()
    font = QFont()
    font.setPointSizeF(POINT_SIZE)
    document.setDefaultFont(font)
    document.setHtml(take_home_html(sheet))
    document.print_(writer)
    buffer.close()
    return bytes(data.data())


def write_take_home(sheet: TakeHomeSheet, target: Path, page_size: str | None = None) -> Path:
    pdf = render_take_home(sheet, page_size)
    with atomic_writer(Path(target)) as handle:
        handle.write(pdf)
    return Path(target)
