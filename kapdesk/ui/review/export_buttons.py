"""Export buttons: a session's PDF report, CSV and JSON, written in the background.

The therapist picks the file (`ReviewDialogs.choose_path`), then the export
module writes it in a worker (`TaskRunner`) from the session's record as the
screen already read it (a client's whole record is read there), atomically:
a temporary file renamed into place, so a half-written file never exists.
Progress shows in a bar; Cancel stops the export and leaves no file. One
export at a time.

"Protect with a password" (Alt+P; unticked when Records opens, and kept as
ticked until the app closes: a choice made per file, not a practice setting)
adds a question after the file is chosen: the password, twice
(export_password_dialog.py). A protected PDF is encrypted in memory before it
is written; a CSV or JSON becomes a protected zip of itself (`….csv.zip`). The
plain file never touches the disk (export/protection.py). The sentence after
each export says whether the file is protected, and for a zip which tools
open it; unprotected files are said to be not encrypted. The audit entry says
whether the export was protected, never the password.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QApplication, QCheckBox, QGridLayout, QHBoxLayout, QProgressBar, QPushButton,
                               QScrollArea, QVBoxLayout, QWidget)

from kapdesk.core.clock import Clock
from kapdesk.export.protection import Protection, protected_words, zipped_name
from kapdesk.export.record import RecordReader
from kapdesk.storage.review import SessionRecord
from kapdesk.ui.review.dialogs import ReviewDialogs
from kapdesk.ui.review.wording import local
from kapdesk.ui.common.tasks import Task, TaskRunner
from kapdesk.ui.common.widgets import action_button, announce_key, key_hint, wrapped_label
from kapdesk.ui.common.widgets import show_text

PLAINTEXT = "Exported files are not encrypted: keep them somewhere private."
PROTECT_KEY = "Alt+P"
PROTECT = "Protect with a password"
PROTECT_HINT = "a PDF is locked; a CSV or JSON goes into a locked .zip"
NO_PASSWORD = "Not exported: no password was chosen, so nothing was written."


@dataclass(frozen=True)
class Format:
    key: str  # "pdf", "csv", "json", "course_pdf"
    label: str  # the button's words
    shortcut: str
    file_filter: str
    suffix: str = ""  # the file's, when it is not the key

    @property
    def extension(self) -> str:
        return self.suffix or self.key


FORMATS = (Format("pdf", "PDF report", "Ctrl+Shift+P", "PDF report (*.pdf)"),
           Format("csv", "CSV", "Ctrl+Shift+C", "CSV spreadsheet (*.csv)"),
           Format("json", "JSON", "Ctrl+Shift+J", "JSON (*.json)"),
           # A client's course summary for a referring physician (export/course_summary.py).
           Format("course_pdf", "Course summary PDF", "Ctrl+Shift+Y", "PDF (*.pdf)", "pdf"))


class ExportBar(QWidget):
    finished = Signal(str)  # the path written
    failed = Signal(str)

    def __init__(self, records: RecordReader, tasks: TaskRunner, clock: Clock,
                 dialogs: ReviewDialogs, formats: tuple[str, ...] = ("pdf", "csv", "json"),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Export")
        self._records, self._tasks, self._clock, self._dialogs = records, tasks, clock, dialogs
        # ("session" | "client", id, file stem, the session's record as the screen read it)
        self._target: tuple[str, int, str, SessionRecord | None] | None = None
        self._task: Task | None = None
        self._pressed: QPushButton | None = None  # the running export's button
        self.buttons = {}
        row = QGridLayout()  # two to a row: the keys on the buttons make them wide
        row.setSpacing(6)
        for fmt in FORMATS:
            if fmt.key in formats:
                button = action_button(fmt.label, fmt.shortcut, _bind(self.export, fmt.key), self)
                button.setAccessibleName(f"Export {fmt.label}")
                # The keys belong to the host (`install_shortcuts`): a button on a tab
                # that is not showing would not hear them.
                button.setShortcut(QKeySequence())
                row.addWidget(button, len(self.buttons) // 2, len(self.buttons) % 2)
                self.buttons[fmt.key] = button
        self.cancel_button = action_button("Cancel", None, self.cancel, self)
        self.cancel_button.setAccessibleName("Cancel the export")
        self.cancel_button.setVisible(False)
        row.addWidget(self.cancel_button, len(self.buttons) // 2, len(self.buttons) % 2)
        row.setColumnStretch(2, 1)
        self.protect_box = QCheckBox(f"{PROTECT}   {key_hint(PROTECT_KEY)}")
        self.protect_box.setAccessibleName(PROTECT)
        announce_key(self.protect_box, PROTECT_KEY)  # the host's shortcut toggles it
        self.protect_hint = wrapped_label(PROTECT_HINT, "subtitle", "About protected exports")
        self.protect_hint.setVisible(False)
        self.protect_box.toggled.connect(self.protect_hint.setVisible)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Export progress")
        self.progress.setRange(0, 100)
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(8)
        self.progress.setVisible(False)
        self.message_label = wrapped_label("", "subtitle", "Export message")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        protect_row = QHBoxLayout()
        protect_row.setSpacing(12)
        protect_row.addWidget(self.protect_box)
        protect_row.addWidget(self.protect_hint, 1)
        layout.addLayout(protect_row)
        layout.addLayout(row)
        layout.addWidget(self.progress)
        layout.addWidget(self.message_label)

    def install_shortcuts(self, host: QWidget, reveal: Callable[[], None]) -> None:
        """The export keys, anywhere in `host`; `reveal` brings this bar into view first."""
        for key in self.buttons:
            fmt = next(f for f in FORMATS if f.key == key)
            shortcut = QShortcut(QKeySequence(fmt.shortcut), host)
            shortcut.activated.connect(_bind(lambda k: (reveal(), self.export(k)), key))
        toggle = QShortcut(QKeySequence(PROTECT_KEY), host)
        toggle.activated.connect(lambda: self._toggle_protect(reveal))

    def _toggle_protect(self, reveal: Callable[[], None]) -> None:
        reveal()
        # Not while an export runs, nor on a history with no single record to export.
        if self.protect_box.isEnabled() and self.protect_box.isVisible():
            self.protect_box.toggle()

    @property
    def busy(self) -> bool:
        return self._task is not None

    def set_session(self, record: SessionRecord) -> None:
        """The session on screen; its export is made from this record, not read again."""
        # No client name in a file name: it is read in folder listings, backups and mail.
        self._target = ("session", record.session_id,
                        session_file_stem(record.session_id, record.state.started_at), record)
        if not self.busy:
            show_text(self.message_label, "", "Export message")

    def set_client(self, client_id: int, client_name: str) -> None:
        self._target = ("client", client_id, f"KAPDesk client record #{client_id}", None)
        if not self.busy:
            show_text(self.message_label, "", "Export message")

    def export(self, key: str) -> None:
        if self._target is None or self.busy:
            return
        fmt = next(f for f in FORMATS if f.key == key)
        _what, target_id, stem, loaded = self._target
        protected = self.protect_box.isChecked()
        path = self._ask_path(fmt, f"{stem} course summary" if key == "course_pdf" else stem,
                              protected)
        if path is None:
            return
        protect = self._ask_protection(fmt) if protected else None
        if protected and protect is None:
            return
        work = _work(self._records, target_id, loaded, key, Path(path), self._clock.now(), protect)
        self._pressed = self.buttons.get(key)
        self._started(fmt.label)
        ids = (loaded.client_id, target_id) if loaded is not None else (target_id, None)
        self._task = self._tasks.run(work, on_done=lambda _r: (  # the export is audited once written
            self._records.exported(fmt.label, path, *ids, protected=protected),
            self._done(path, protected, fmt.extension == "pdf")),
                                     on_failed=self._failed, on_progress=self._progressed,
                                     owner=self, name="export")

    def _ask_path(self, fmt: Format, name: str, protected: bool) -> str | None:
        """Where to write: the therapist's choice, with the format's ending, and `.zip`
        after it for a protected CSV or JSON."""
        zipped = protected and fmt.extension != "pdf"
        suggested = f"{name}.{fmt.extension}" + (".zip" if zipped else "")
        file_filter = f"{fmt.label} in a protected zip (*.zip)" if zipped else fmt.file_filter
        path = self._dialogs.choose_path(self, f"Export {fmt.label}", suggested, file_filter)
        if not path:
            return None
        path = str(Path(path).with_suffix(f".{fmt.extension}")) if not Path(path).suffix else path
        return str(zipped_name(Path(path), fmt.extension)) if zipped else path

    def _ask_protection(self, fmt: Format) -> Protection | None:
        password = self._dialogs.ask_export_password(self, fmt.label)
        if password is None:  # Escape: nothing is written, nothing audited
            self._say(NO_PASSWORD)
            return None
        return Protection(password, self._clock.now())

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def _started(self, label: str) -> None:
        # Cancel takes the focus from the button pressed before that button is disabled:
        # a disabled button passes its focus on down the chain, to the timeline's zoom,
        # where the next Space would zoom out.
        had_focus = self._holds_focus()
        self.cancel_button.setVisible(True)
        if had_focus:
            self.cancel_button.setFocus()
        for button in (*self.buttons.values(), self.protect_box):
            button.setEnabled(False)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self._say(f"Writing the {label}…")

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setValue(100 if total <= 0 else round(100 * done / total))

    def _done(self, path: str, protected: bool = False, is_pdf: bool = True) -> None:
        self._stop()
        self._say(protected_words(path, is_pdf) if protected else f"Saved {path}. {PLAINTEXT}")
        self.finished.emit(path)

    def _failed(self, message: str) -> None:
        self._stop()
        self._say("Export cancelled; no file was written." if message == "Cancelled."
                  else f"The export failed: {message} No file was written.")
        self.failed.emit(message)

    def _stop(self) -> None:
        self._task = None
        had_focus = self._holds_focus()
        for button in (*self.buttons.values(), self.protect_box):
            button.setEnabled(True)
        if had_focus and self._pressed is not None:
            self._pressed.setFocus()  # back where the export was asked for
        self._pressed = None
        self.cancel_button.setVisible(False)
        self.progress.setVisible(False)

    def _holds_focus(self) -> bool:
        focused = QApplication.focusWidget()
        return focused is not None and (focused is self or self.isAncestorOf(focused))

    def _say(self, words: str) -> None:
        """The export's outcome under its buttons, scrolled into view: the bar sits at the
        foot of a tab that scrolls, and a message nobody sees did not happen."""
        show_text(self.message_label, words, "Export message")
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None:
            content = parent.widget()
            if content is not None and content.layout() is not None:
                content.layout().activate()  # the new words' height, before scrolling to them
            parent.ensureWidgetVisible(self.message_label, 0, 8)


def _work(records: RecordReader, target_id: int, loaded: SessionRecord | None, key: str,  # noqa: PLR0913
          path: Path, now: float, protect: Protection | None = None) -> Callable[[Any], Any]:
    """The export itself, for the worker: the session as already read (or the client's
    record, read there session by session), then the file (protected with `protect`)."""
    def run(progress: Callable[[int, int], None]) -> Any:
        from kapdesk.export.csv_export import write_events_csv
        from kapdesk.export.json_export import write_json
        from kapdesk.export.pdf_report import write_session_pdf

        record = (records.of_session(loaded) if loaded is not None
                  else records.client_record(target_id))
        if key == "course_pdf":
            from kapdesk.export.course_summary import write_course_summary

            windows = records.course.windows() if records.course is not None else None
            return write_course_summary(record, path, now, *(() if windows is None else (windows,)),
                                        progress=progress, protect=protect)
        if key == "pdf":
            return write_session_pdf(record, path, now, progress=progress, protect=protect)
        if key == "csv":
            return write_events_csv(record, path, progress=progress, protect=protect)
        return write_json(record, path, now, progress=progress, protect=protect)

    return run


def _bind(method: Callable[[str], None], key: str) -> Callable[[], None]:
    return lambda: method(key)


def session_file_stem(session_id: int, started_at: float | None) -> str:
    """"KAPDesk session 2026-12-07 #12": the date and number, never the client's name."""
    when = f" {local(started_at):%Y-%m-%d}" if started_at is not None else ""
    return f"KAPDesk session{when} #{session_id}"
