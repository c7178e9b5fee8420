"""At start-up, in the background: removing what a killed write left behind.

An export (or a note beside the practice) is written to a temporary file and
renamed into place (kapdesk/atomic_file.py); a process killed between the two
leaves the temporary file. The next write into the same folder removes it,
and so does the app's next start, for the practice folder and the folder
exports are offered in (Documents): only files named as atomic_file names
them, and only those whose writing process is gone. It lists folders (a
network folder may be slow), so it runs on the app's task runner.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kapdesk.atomic_file import remove_stale_temps
from kapdesk.core.tasks import Progress

if TYPE_CHECKING:
    from kapdesk.ui.common.tasks import TaskRunner


def tidy_leftovers(tasks: TaskRunner, folders: list[Path]) -> None:
    """Remove stale temporary files from `folders`, on the task runner."""
    def work(_progress: Progress) -> int:
        return sum(len(remove_stale_temps(folder)) for folder in folders)

    tasks.run(work, name="tidy leftovers")


def tidy_at_start(tasks: TaskRunner, data_dir: Path) -> None:
    """The practice folder and the folder exports are offered in."""
    from kapdesk.ui.review.dialogs import save_folder

    tidy_leftovers(tasks, [Path(data_dir), save_folder()])
