"""Choosing the script for a new session: built-in ones first, then the practice's.

The selected script's phases and checkpoints are listed so the therapist
sees what will run before pressing Start (Ctrl+Enter). The page opens with
the cursor in the list, on the first script: arrows move, Enter starts. Esc
goes back to the client list. Shown in the day theme: no session is running yet.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from kapdesk.core.formatting import format_minutes
from kapdesk.core.script import Script
from kapdesk.ui.common.widgets import key_button, label, show_text


def describe_script(script: Script) -> str:
    phases = "\n".join(f"{i}. {p.name} — {format_minutes(p.planned_s)}"
                       for i, p in enumerate(script.phases, start=1))
    checks = ", ".join(c.label for c in script.checkpoints) or "none"
    total = format_minutes(script.total_planned_s)
    return f"{phases}\n\nAbout {total} in all.\nChecks: {checks}"


class ScriptChooser(QWidget):
    start_requested = Signal(object)  # Script
    cancelled = Signal()

    def __init__(self, client_name: str, scripts: list[Script],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scriptChooser")
        self.setAccessibleName("Choose a session script")
        self.scripts = scripts
        self.list = QListWidget()
        self.list.setAccessibleName("Session scripts")
        for script in scripts:
            suffix = "  (built in)" if script.builtin else ""
            self.list.addItem(QListWidgetItem(script.name + suffix))
        self.details = label("", "subtitle", "Script details")
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.start_button = key_button("Start session", "Ctrl+Return", self._start, self,
                                       primary=True)
        self.cancel_button = key_button("Back", "Esc", self.cancelled.emit, self)
        self.message = label("", "error", "Problem starting the session")
        self.list.setAccessibleDescription("Arrows choose a script; Enter starts the session")
        self.list.currentRowChanged.connect(self._show_details)
        self.list.itemActivated.connect(lambda _item: self._start())
        self._lay_out(client_name)
        self.list.setCurrentRow(0)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        # The list takes the cursor each time the page shows: arrows move, Enter chooses.
        super().showEvent(event)
        self.list.setFocus()

    def _lay_out(self, client_name: str) -> None:
        body = QHBoxLayout()
        body.setSpacing(20)
        body.addWidget(self.list, 2)
        body.addWidget(self.details, 3)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 20)
        layout.addWidget(label(f"New session with {client_name}: choose the script", "title"))
        layout.addLayout(body, 1)
        layout.addLayout(buttons)

    def selected(self) -> Script | None:
        row = self.list.currentRow()
        return self.scripts[row] if 0 <= row < len(self.scripts) else None

    def select(self, script_id: str) -> None:
        for row, script in enumerate(self.scripts):
            if script.id == script_id:
                self.list.setCurrentRow(row)

    def _show_details(self, row: int) -> None:
        script = self.selected()
        show_text(self.details, describe_script(script) if script else "", "Script details")
        self.start_button.setEnabled(script is not None)

    def show_problem(self, text: str) -> None:
        show_text(self.message, text, "Problem starting the session")

    def _start(self) -> None:
        script = self.selected()
        if script is not None:
            self.start_requested.emit(script)
