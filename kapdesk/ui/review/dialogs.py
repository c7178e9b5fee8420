"""The questions the review screens ask: where to save, with which password, who signs, are you sure.

One small object, passed down from the review area to the panels that ask,
so that tests (and a future non-modal design) replace the three callables
instead of driving modal dialogs.

Files are offered in the user's Documents folder (home when there is none:
a save dialog given a folder that does not exist opens wherever the app was
started, which may be its own source folder).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from kapdesk.core.adverse_events import AdverseEvent
from kapdesk.ui.common.adverse_form import ask_adverse_event
from kapdesk.ui.review.export_password_dialog import ask_export_password
from kapdesk.ui.review.sign_dialog import ask_signer

# (parent, title, suggested file name, file-type filter) -> chosen path, or None
ChoosePath = Callable[[QWidget, str, str, str], "str | None"]
# (parent, title, action, explanation, name to offer, passphrase check) -> signer, or None
AskSigner = Callable[[QWidget, str, str, str, str, Callable[[str], bool]], "str | None"]
Confirm = Callable[[QWidget, str, str], bool]  # (parent, title, question)
# (parent, the clock's now) -> the adverse event typed, or None
AskAdverse = Callable[[QWidget, Callable[[], float]], "AdverseEvent | None"]
# (parent, what is exported, e.g. "PDF report") -> the password agreed, or None (cancelled)
AskPassword = Callable[[QWidget, str], "str | None"]


def save_folder() -> Path:
    """The Documents folder when it exists, else the home folder."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def choose_save_path(parent: QWidget, title: str, suggested: str, file_filter: str) -> str | None:
    start = str(save_folder() / suggested)
    path, _chosen_filter = QFileDialog.getSaveFileName(parent, title, start, file_filter)
    return path or None


def confirm(parent: QWidget, title: str, question: str) -> bool:
    answer = QMessageBox.question(parent, title, question,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                                  QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Yes


@dataclass
class ReviewDialogs:
    choose_path: ChoosePath = field(default=choose_save_path)
    ask_signer: AskSigner = field(default=ask_signer)
    confirm: Confirm = field(default=confirm)
    ask_adverse: AskAdverse = field(default=ask_adverse_event)
    ask_export_password: AskPassword = field(default=ask_export_password)
