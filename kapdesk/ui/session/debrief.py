"""The debrief: what came up, emotions, body, insights, the plan for integration.

Structured fields plus free text, saved together as one `debrief_saved`
event (Ctrl+S). Saving again stores a new event; the latest one is the
debrief, and the earlier ones stay in the log, as every record does.
The page opens with the cursor in its first box, "What came up". The fields
and their headings are core.debrief's, the words every record reads them by.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPlainTextEdit, QVBoxLayout, QWidget

from kapdesk.core.debrief import FIELDS, FREE_TEXT_HEADING, latest, text_of
from kapdesk.core.formatting import format_time_of_day
from kapdesk.ui.session.controller import SessionController
from kapdesk.ui.common.widgets import key_button, label, set_level, show_text

FREE_TEXT = (FREE_TEXT_HEADING, "Whatever else belongs in the record")


class DebriefPage(QWidget):
    room_requested = Signal()
    discharge_requested = Signal()

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("debriefPage")
        self.setAccessibleName("Debrief")
        self.controller = controller
        self.edits: dict[str, QPlainTextEdit] = {}
        grid = QGridLayout()
        grid.setSpacing(14)
        for position, (key, heading, prompt) in enumerate((*FIELDS, ("free_text", *FREE_TEXT))):
            self.edits[key] = _edit(heading, prompt)
            row, column = divmod(position, 2)
            grid.addLayout(_titled(heading, self.edits[key]), row, column)
        self.status = label("", "hint", "Debrief status")
        self.save_button = key_button("Save debrief", "Ctrl+S", self.save, self, primary=True)
        room = key_button("Room view", "Ctrl+R", self.room_requested.emit, self)
        discharge = key_button("Discharge", "F11", self.discharge_requested.emit, self)
        buttons = QHBoxLayout()
        for widget in (room, discharge):
            buttons.addWidget(widget)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 20)
        layout.setSpacing(12)
        layout.addWidget(label("Debrief", "pageTitle"))
        layout.addLayout(grid, 1)
        layout.addLayout(buttons)
        controller.command_failed.connect(self._failed)
        self.load()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if not event.spontaneous():  # opened, not a window restored from the taskbar
            self.focus_first()

    def focus_first(self) -> None:
        """The cursor in "What came up": typing is the next thing to do here."""
        self.edits[FIELDS[0][0]].setFocus(Qt.FocusReason.OtherFocusReason)

    def _failed(self, text: str) -> None:
        if self.isVisible():
            show_text(self.status, text, "Debrief status")
            set_level(self.status, "alert")

    def load(self) -> None:
        """Fill the fields from the last saved debrief, if there is one."""
        saved = latest(self.controller.runner.events)  # as stored: missing stays empty
        if saved is None:
            return
        fields = saved.get("fields") or {}
        for key, edit in self.edits.items():
            text = saved.get("free_text") if key == "free_text" else fields.get(key)
            edit.setPlainText(text_of(text))

    def save(self) -> None:
        fields = {key: self.edits[key].toPlainText().strip() for key, _, _ in FIELDS}
        event = self.controller.save_debrief(fields, self.edits["free_text"].toPlainText())
        if event is None:
            return  # command_failed has put the reason in the status line
        show_text(self.status, f"Saved at {format_time_of_day(event.at)}.", "Debrief status")
        set_level(self.status, "ok")


def _edit(heading: str, prompt: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setAccessibleName(heading)
    edit.setPlaceholderText(prompt)
    edit.setTabChangesFocus(True)
    edit.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # text wraps
    return edit


def _titled(heading: str, edit: QPlainTextEdit) -> QVBoxLayout:
    column = QVBoxLayout()
    column.setSpacing(4)
    column.addWidget(label(heading, "sectionTitle"))
    column.addWidget(edit, 1)
    return column
