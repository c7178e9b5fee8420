"""`python -m kapdesk export`: a session's PDF report, a client's record as JSON or CSV.

    python -m kapdesk export --session 12 --pdf report.pdf
    python -m kapdesk export --client 3 --json record.json --csv record.csv
    python -m kapdesk export --client 3 --course-csv course.csv
    python -m kapdesk export --session 12 --pdf report.pdf --csv events.csv --protect

One of --session or --client, and at least one file. --json and --csv take
either; --pdf takes a session. The passphrase comes from KAPDESK_PASSPHRASE
or a prompt, as for `check`. Exit 0 when every file was written, 1 otherwise,
with the reason on stderr. Each file is written whole or not at all. Exports
only read the practice, so the app may be open meanwhile.

--protect protects every file written with one password (cli/protect_prompt.py:
typed twice at a terminal, else the first line of stdin): a PDF is encrypted
(AES-256, any PDF reader asks for it), a CSV or JSON goes into an AES-256 zip
named after it (events.csv -> events.csv.zip; export/protection.py).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kapdesk.cli.opening import open_practice_from_terminal

PLAINTEXT_WARNING = ("Exported files are not encrypted: keep them somewhere private "
                     "and delete them when they are no longer needed.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = ("Export one session (--session ID) or a client's whole record "
                          "(--client ID). Existing files are replaced.")
    which = parser.add_argument_group("what to export (one of)")
    which.add_argument("--session", metavar="ID", help="a session, by its number")
    which.add_argument("--client", metavar="ID", help="a client's whole record, by their number")
    files = parser.add_argument_group("files to write (at least one)")
    files.add_argument("--pdf", metavar="FILE", help="the session's report as PDF (--session only)")
    files.add_argument("--json", metavar="FILE", help="the record as JSON: every event, and summaries")
    files.add_argument("--csv", metavar="FILE", help="the record as CSV: one row per event")
    files.add_argument("--sessions-csv", metavar="FILE", help="CSV with one row per session")
    files.add_argument("--course-csv", metavar="FILE",
                       help="CSV of the client's screenings, consents, measures (every answer) "
                            "and risk assessments, one row per record (--client only)")
    files.add_argument("--course-pdf", metavar="FILE",
                       help="a course summary for a referring physician: doses, scales, adverse "
                            "events, screening; no notes (--client only)")
    parser.add_argument("--page-size", choices=("a4", "letter", "legal"),
                        help="paper size of the PDF (default: from the system's locale)")
    parser.add_argument("--protect", action="store_true",
                        help="protect every file with a password (asked twice at a terminal, or "
                             "the first line of stdin): the PDF encrypted with AES-256, a CSV or "
                             "JSON inside an AES-256 zip, FILE.zip (open it with 7-Zip, Keka or 7z)")
    parser.add_argument("--quiet", action="store_true", help="no progress and no warning")


def run(args: argparse.Namespace) -> int:
    if args.protect:
        _zip_names(args)
    problem = _usage_problem(args)
    if problem:
        print(f"kapdesk export: {problem}", file=sys.stderr)
        return 1
    practice = open_practice_from_terminal(args.data_dir)
    if practice is None:
        return 1
    try:
        args.password = None
        if args.protect:
            from kapdesk.cli.protect_prompt import export_password

            args.password = export_password()
            if args.password is None:
                return 1
        return _export(practice, args)
    finally:
        practice.close()


def _usage_problem(args: argparse.Namespace) -> str:
    if (args.session is None) == (args.client is None):
        return "name one session (--session ID) or one client (--client ID)."
    for name in ("session", "client"):
        value = getattr(args, name)
        if value is not None and not (value.isdigit() and int(value) > 0):
            return f"--{name} takes a number, such as 12, not “{value}”."
    outputs = [args.pdf, args.json, args.csv, args.sessions_csv, args.course_csv, args.course_pdf]
    if not any(outputs):
        return ("say which file to write: --pdf, --json, --csv, --sessions-csv, --course-csv "
                "or --course-pdf.")
    if (args.course_csv or args.course_pdf) and args.client is None:
        which = "--course-csv" if args.course_csv else "--course-pdf"
        return f"the course of care is a client's: use --client ID with {which}."
    if args.pdf and args.client is not None:
        return "a PDF report is made per session: use --session ID with --pdf."
    named = [Path(path).resolve() for path in outputs if path]
    if len(set(named)) != len(named):
        return "each export needs a file of its own."
    for path in named:
        if path.is_dir():
            return f"{path} is a folder; name a file."
        if not path.parent.is_dir():
            return f"the folder {path.parent} does not exist."
    return ""


def _export(practice, args: argparse.Namespace) -> int:  # noqa: ANN001
    from kapdesk.core.clock import SystemClock
    from kapdesk.export import ExportError
    from kapdesk.export.record import RecordReader
    from kapdesk.services import open_services
    from kapdesk.storage import practice_settings_store

    # The command line is its own composition root: it opens the practice and
    # builds its services once, as the app does.
    clock = SystemClock()
    services = open_services(practice, clock)
    # Flags are judged by the practice's own limits, as the review screens judge them.
    services.review.thresholds = practice_settings_store.load(services.settings).vital_thresholds
    reader = RecordReader(services.review, services.clients, services.course, services.audit)
    try:
        # A session is read once, here; a client's record session by session as it is written.
        record = (reader.session_record(int(args.session)) if args.session is not None
                  else reader.client_record(int(args.client)))
        args.windows = practice_settings_store.load_course_windows(services.settings)
        written = _write_all(record, args, clock.now())
    except ExportError as error:
        print(f"kapdesk export: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"kapdesk export: could not write {error.filename or 'the file'}: "
              f"{error.strerror or error}", file=sys.stderr)
        return 1
    for line in written:
        print(line)
    for what, where in _files(args):  # each file written is audited
        reader.exported(what, Path(where).resolve(), record.client.id,
                        record.session_ids[0] if args.session is not None else None,
                        protected=args.protect)
    if not args.quiet:
        print(_protected_note() if args.protect else PLAINTEXT_WARNING, file=sys.stderr)
    return 0


def _zip_names(args: argparse.Namespace) -> None:
    """A protected CSV or JSON is a zip: its file is named so (record.csv -> record.csv.zip)."""
    from kapdesk.export.protection import zipped_name

    for option in ("json", "csv", "sessions_csv", "course_csv"):
        if getattr(args, option):
            extension = "json" if option == "json" else "csv"
            setattr(args, option, str(zipped_name(Path(getattr(args, option)), extension)))


def _protected_note() -> str:
    from kapdesk.core.export_password import NOT_KEPT
    from kapdesk.export.protection import OPENS_WITH, PDF_OPENS

    return (f"The files are protected with your password. {PDF_OPENS} A .zip: {OPENS_WITH} "
            f"{NOT_KEPT}")


def _write_all(record, args: argparse.Namespace, now: float) -> list[str]:  # noqa: ANN001
    from kapdesk.export.csv_export import write_events_csv, write_sessions_csv
    from kapdesk.export.json_export import write_json

    from kapdesk.export.protection import Protection

    what = (f"session {record.session_ids[0]}" if args.session is not None
            else f"{record.client.display_name}'s record ({len(record.session_ids)} sessions)")
    protect = Protection(args.password, now) if args.password is not None else None
    args.protection = protect
    zipped = ", in a zip protected with your password" if protect is not None else ""
    locked = ", protected with your password" if protect is not None else ""
    written = []
    if args.pdf:
        pages = _write_pdf(record, Path(args.pdf), now, args)
        written.append(f"Wrote {args.pdf}: the report of {what}, {pages} page{'s' * (pages != 1)}"
                       f"{locked}.")
    if args.json:
        write_json(record, Path(args.json), now, progress=_progress("JSON", args), protect=protect)
        written.append(f"Wrote {args.json}: {what} as JSON{zipped}.")
    if args.csv:
        rows = write_events_csv(record, Path(args.csv), progress=_progress("CSV", args),
                                protect=protect)
        written.append(f"Wrote {args.csv}: {what} as CSV, {rows} events{zipped}.")
    if args.sessions_csv:
        write_sessions_csv(record, Path(args.sessions_csv), progress=_progress("CSV", args),
                           protect=protect)
        written.append(f"Wrote {args.sessions_csv}: {what}, one row per session{zipped}.")
    if args.course_csv:
        from kapdesk.export.course_csv import write_course_csv

        rows = write_course_csv(record, Path(args.course_csv), protect=protect)
        written.append(f"Wrote {args.course_csv}: {record.client.display_name}'s course of "
                       f"care, {rows} records{zipped}.")
    if args.course_pdf:
        pages = _write_pdf(record, Path(args.course_pdf), now, args, course_summary=True)
        written.append(f"Wrote {args.course_pdf}: {record.client.display_name}'s course summary, "
                       f"{pages} page{'s' * (pages != 1)}{locked}.")
    return written


def _files(args: argparse.Namespace) -> list[tuple[str, str]]:
    named = (("pdf", "PDF"), ("json", "JSON"), ("csv", "CSV"), ("sessions_csv", "sessions CSV"),
             ("course_csv", "course of care CSV"), ("course_pdf", "course summary PDF"))
    return [(label, getattr(args, option)) for option, label in named if getattr(args, option)]


def _write_pdf(record, target: Path, now: float, args: argparse.Namespace,  # noqa: ANN001
               course_summary: bool = False) -> int:
    # A terminal tool shows no window: Qt draws offscreen unless told otherwise.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from kapdesk.export.course_summary import write_course_summary
    from kapdesk.export.pdf_report import write_session_pdf

    app = QGuiApplication.instance() or QGuiApplication(["kapdesk-export"])
    try:
        if course_summary:
            return write_course_summary(record, target, now, args.windows,
                                        page_size=args.page_size,
                                        progress=_progress("PDF", args), protect=args.protection)
        return write_session_pdf(record, target, now, page_size=args.page_size,
                                 progress=_progress("PDF", args), protect=args.protection)
    finally:
        del app


def _progress(label: str, args: argparse.Namespace):  # noqa: ANN202
    """Progress on stderr, when a person watches a terminal."""
    if args.quiet or not sys.stderr.isatty():
        return lambda _done, _total: None

    def show(done: int, total: int) -> None:
        percent = 100 if total == 0 else round(100 * done / total)
        end = "\n" if done >= total else ""
        print(f"\r{label}: {percent:3d}%", end=end, file=sys.stderr, flush=True)

    return show
