"""Scanning a music folder as a task of the app's one runner, never on the GUI thread.

`folder_scan(folder, store)` is the work: it reads every file's duration and
tags (`audio.library.scan_folder`) and stores what it found in the practice
(`MusicStore.save_scan`, on the worker's own pooled connection), reporting
progress as it goes. It can be cancelled between files; what was found until
then is kept. The runner hands the `ScanOutcome` back on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kapdesk.audio.library import ScanResult, scan_folder
from kapdesk.core.tasks import Progress
from kapdesk.storage.music import MusicStore

log = logging.getLogger(__name__)


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


def folder_scan(folder: Path, store: MusicStore) -> Callable[[Progress], ScanOutcome]:
    """The scan of `folder`, as work for the app's task runner (run it with `TaskRunner.run`).

    Reports "n of m files" read; a cancel stops it before the next file and
    what was found until then is stored and returned. Every failure comes
    back as a `ScanOutcome` with its error in words, never as an exception.
    """
    folder = Path(folder)

    def work(progress: Progress) -> ScanOutcome:  # on a worker thread
        try:
            result = scan_folder(folder, progress.report, progress.cancelled)
            if result.tracks or not result.problems or result.problems[0].path != folder:
                saved = store.save_scan(store.add_folder(folder), result.tracks)
                return ScanOutcome(folder, result, saved.added, saved.updated)
            # The folder itself is not there.
            return ScanOutcome(folder, result, error=result.problems[0].message)
        except Exception as error:  # noqa: BLE001 - reported in words, never a crash
            log.exception("Scanning %s failed", folder)
            return ScanOutcome(folder, None, error=str(error) or type(error).__name__)

    return work


def _sentence(message: str) -> str:
    message = message.strip()
    return message if message.endswith((".", "?", "!")) else message + "."
