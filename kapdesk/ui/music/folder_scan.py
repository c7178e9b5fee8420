"""Scanning a music folder in a worker thread, never on the GUI thread.

`FolderScan` reads every file's duration and tags (`audio.library.scan_folder`)
and stores what it found in the practice (`MusicStore.save_scan`, on the
worker's own pooled connection), reporting progress as it goes. It can be
cancelled between files; what was found until then is kept. The result comes
back by the `done` signal, in the GUI thread, as a `ScanOutcome`.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from kapdesk.audio.library import ScanResult, scan_folder
from kapdesk.storage.music import MusicStore

log = logging.getLogger(__name__)

#: Progress reaches the GUI at most this often (a folder of 5,000 small
#: files would otherwise queue 5,000 repaints).
PROGRESS_EVERY_S = 0.05


@dataclass(frozen=True)
class ScanOutcome:
    folder: Path
    result: ScanResult | None
    added: int = 0
    updated: int = 0
    error: str | None = None

    @property
    def cancelled(self) -> bool:
        return self.result is not None and self.result.cancelled

    def summary(self) -> str:
        """A few calm sentences: what was found, and each file left out and why."""
        if self.error is not None:
            return f"The folder could not be added: {self.error}"
        assert self.result is not None
        found = len(self.result.tracks)
        where = self.folder.name or self.folder
        text = (f"{found} track{'s' if found != 1 else ''} found in {where}" if found else
                f"No music found in {where}")
        if self.updated:
            text += f" ({self.added} new, {self.updated} already known)"
        if self.cancelled:
            text = f"Scan stopped; {text} so far, and kept"
        text += "."
        problems = self.result.problems
        if problems:
            # Each with its own reason: "damaged" and "not a music file" need
            # different things from the therapist.
            shown = " ".join(f"“{p.path.name}”: {_sentence(p.message)}" for p in problems[:3])
            more = f" And {len(problems) - 3} more." if len(problems) > 3 else ""
            count = "1 file was" if len(problems) == 1 else f"{len(problems)} files were"
            text += f" {count} not added. {shown}{more}"
        return text


class FolderScan(QThread):
    progressed = Signal(int, int)  # done, total
    done = Signal(object)  # ScanOutcome

    def __init__(self, folder: Path, store: MusicStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("musicFolderScan")
        self.folder = Path(folder)
        self._store = store
        self._cancel = threading.Event()
        self._last_report = 0.0

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:  # the worker thread
        try:
            result = scan_folder(self.folder, self._progress, self._cancel.is_set)
            if result.tracks or not result.problems or result.problems[0].path != self.folder:
                saved = self._store.save_scan(self._store.add_folder(self.folder), result.tracks)
                outcome = ScanOutcome(self.folder, result, saved.added, saved.updated)
            else:  # the folder itself is not there
                outcome = ScanOutcome(self.folder, result, error=result.problems[0].message)
        except Exception as error:  # noqa: BLE001 - reported in words, never a crash
            log.exception("Scanning %s failed", self.folder)
            outcome = ScanOutcome(self.folder, None, error=str(error) or type(error).__name__)
        self.done.emit(outcome)

    def _progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done in (0, total) or now - self._last_report >= PROGRESS_EVERY_S:
            self._last_report = now
            self.progressed.emit(done, total)


def _sentence(message: str) -> str:
    message = message.strip()
    return message if message.endswith((".", "?", "!")) else message + "."
