"""The questions the review screens ask: where to save, who signs, are you sure.

One small object, passed down from the review area to the panels that ask,
so that tests (and a future non-modal design) replace the three callables
instead of driving modal dialogs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

# (parent, title, suggested file name, file-type filter) -> chosen path, or None
ChoosePath = Callable[[QWidget, str, str, str], "str | None"]
AskName = Callable[[QWidget], "str | None"]
Confirm = Callable[[QWidget, str, str], bool]  # (parent, title, question)


def choose_save_path(parent: QWidget, title: str, suggested: str, file_filter: str) -> str | None:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    start = str(Path(folder or Path.home()) / suggested)
    path, _chosen_filter = QFileDialog.getSaveFileName(parent, title, start, file_filter)
    return path or None


def ask_name(parent: QWidget) -> str | None:
    name, ok = QInputDialog.getText(
        parent, "Your name for signing",
        "Records are signed with your name and the time.\n"
        "It is kept in Settings and used from now on:", QLineEdit.EchoMode.Normal, "")
    return name.strip() if ok and name.strip() else None


def confirm(parent: QWidget, title: str, question: str) -> bool:
    answer = QMessageBox.question(parent, title, question,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                                  QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Yes


@dataclass
class ReviewDialogs:
    choose_path: ChoosePath = field(default=choose_save_path)
    ask_name: AskName = field(default=ask_name)
    confirm: Confirm = field(default=confirm)
