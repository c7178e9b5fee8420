"""An export protected with a password: what it becomes, where its bytes go, how it is said.

Every export of clinical data may be protected (the session's PDF, CSV and
JSON, a client's whole record, the course summary; the command line's
`--protect`). A PDF stays a PDF, encrypted inside (protected_pdf.py): any PDF
reader asks for the password. A CSV or JSON file has no encryption of its
own, so it goes into a protected zip of one file (protected_zip.py):
`KAPDesk session 2026-12-07 #12.csv.zip` holding `… #12.csv`. The client's
take-home sheet is never protected: it carries no clinical data, and the
client must open it without help.

In both cases the plain file never touches the disk: the PDF is encrypted in
memory before it is written, and a CSV or JSON is encrypted as it is written,
inside the export's atomic writer, whose temporary file holds ciphertext only.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from kapdesk.atomic_file import atomic_writer
from kapdesk.core.formatting import local_datetime
from kapdesk.export.protected_zip import protected_zip

ZIP_SUFFIX = ".zip"
OPENS_WITH = ("Open it with 7-Zip (Windows), Keka or The Unarchiver (macOS), or 7z (Linux); "
              "the zip tools built into macOS and into Windows 10 cannot open it.")
PDF_OPENS = "Any PDF reader asks for the password when it is opened."


@dataclass(frozen=True)
class Protection:
    """The password a file is protected with, and when it was made (the zip entry's time)."""

    password: str = field(repr=False)  # never in a log line or a traceback's locals
    at: float
    tz: dt.tzinfo | None = None


def zipped_name(path: Path, extension: str) -> Path:
    """Where a protected CSV or JSON goes: `record.csv`, `record` or `record.zip` all
    become `record.csv.zip`, so that the file inside keeps a name its program knows."""
    name = path.name
    if name.lower().endswith(ZIP_SUFFIX):
        name = name[:-len(ZIP_SUFFIX)]
    if not Path(name).suffix:
        name += f".{extension}"
    return path.with_name(name + ZIP_SUFFIX)


def member_name(target: Path) -> str:
    """The file inside the zip: the zip's own name without `.zip`."""
    name = target.name
    return name[:-len(ZIP_SUFFIX)] if name.lower().endswith(ZIP_SUFFIX) else name


@contextlib.contextmanager
def export_file(target: Path, protect: Protection | None = None) -> Iterator[BinaryIO]:
    """The binary file an export writes to: atomic, and with `protect`, a protected zip's
    one member (the target should then be named by `zipped_name`)."""
    with atomic_writer(Path(target)) as handle:
        if protect is None:
            yield handle
            return
        with protected_zip(handle, member_name(Path(target)), protect.password,
                           local_datetime(protect.at, protect.tz)) as member:
            yield member


def pdf_to_write(pdf: bytes, protect: Protection | None) -> bytes:
    """The PDF's bytes as they go to the file: encrypted first when protected."""
    if protect is None:
        return pdf
    from kapdesk.export.protected_pdf import protect_pdf

    return protect_pdf(pdf, protect.password)


def protected_words(path: str, is_pdf: bool) -> str:
    """What to tell the therapist after a protected export was written."""
    how = PDF_OPENS if is_pdf else OPENS_WITH
    return (f"Saved {path}, protected with your password. {how} "
            "Give the password to the recipient some other way than the file.")
