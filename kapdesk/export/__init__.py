"""Exports of the practice's records: a session's PDF report, JSON and CSV.

Its place (DESIGN.md, "The layers"): below the screens, above storage and
core. The review screen and the command line (kapdesk/cli/export.py) call it;
it imports storage's record types, and core's rules, times
(core/formatting.py) and colours (core/chart_palette.py), the same ones the
screens use; nothing of the ui. The exports take an already-loaded record
(`record.ExportedRecord`: plain data, never a practice or a store), so a
session the screen has read goes to the file without being read again; only
`record.RecordReader` reads, through stores it is handed, and builds none.

Every export goes through `kapdesk.atomic_file.atomic_writer`: the bytes
are written to a temporary file beside the target and renamed into place at
the end, so a crash or a kill mid-export leaves the old file or none, never a
half-written one. Long exports take a `progress(done, total)` callback; a
callback that raises (e.g. `ExportCancelled` from a Cancel button) stops the
export, and the temporary file is removed.

`json_export` and `csv_export` are plain Python. `pdf_report` draws with Qt's
own PDF writer (QtGui only: QPdfWriter, QPainter, QTextDocument; never a
widget), so it needs a QGuiApplication (the app's, or the one the command
line makes) and may run in a worker thread. Exported files leave the
practice's encryption: unless the therapist protects them with a password
(`protection.py`: an encrypted PDF, or a CSV or JSON in an AES-256 zip), they
are plain, and the screens and the command line say so when they write one.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]  # (done, total)


class ExportCancelled(Exception):
    """Raise from a progress callback to stop an export; nothing is written."""


class ExportError(Exception):
    """An export that cannot be made; the message says why, in words."""


def no_progress(_done: int, _total: int) -> None:
    """The default progress callback: says nothing."""
