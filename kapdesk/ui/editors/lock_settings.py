"""Settings → Locking: the idle lock's minutes, and the way to change the passphrase.

Two fields, each in whole minutes with "Off" at 0: how long without input
before the window locks between sessions (default 5) and during a running
session (default off; a longer time if the practice wants one: a therapist
sitting still beside a client is not away). Ctrl+L locks at any time. The
"Change passphrase…" button (its key, Ctrl+Shift+K; Ctrl+K is Course
settings) opens the change's own dialog over Settings; nothing there is a
setting to save or discard.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QSpinBox, QVBoxLayout, QWidget

from kapdesk.core.idle_lock import MINUTES_RANGE, SESSION_MINUTES_RANGE
from kapdesk.core.practice_settings import LockMinutes
from kapdesk.ui.common.form_controls import hint_label, section_heading, with_default
from kapdesk.ui.common.widgets import action_button

CHANGE_PASSPHRASE_KEY = "Ctrl+Shift+K"
BETWEEN_LABEL = "Lock between sessions after"
DURING_LABEL = "Lock during a session after"
LOCK_HINT = "Counted from the last key or mouse move. Ctrl+L locks at once."
PASSPHRASE_HINT = "A checked backup is made first."


def _minutes_box(name: str, allowed: tuple[int, int]) -> QSpinBox:
    box = QSpinBox()
    box.setAccessibleName(name)
    box.setRange(*allowed)
    box.setSuffix(" min")
    box.setSpecialValueText("Off")  # 0: idling never locks
    box.setMinimumWidth(110)
    return box


class LockFields(QWidget):
    """The Locking section of Settings (and Change passphrase when `change_passphrase` is given)."""

    def __init__(self, minutes: LockMinutes, change_passphrase: Callable[[QWidget], object] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._change = change_passphrase
        self.between_box = _minutes_box(BETWEEN_LABEL, MINUTES_RANGE)
        self.during_box = _minutes_box(DURING_LABEL, SESSION_MINUTES_RANGE)
        self.change_button = action_button("Change passphrase…", CHANGE_PASSPHRASE_KEY, self._open_change, self)
        self.change_button.setAccessibleName("Change passphrase")
        self.change_button.setVisible(change_passphrase is not None)
        form = QFormLayout()
        form.addRow(BETWEEN_LABEL, with_default(self.between_box, "default 5 min"))
        form.addRow(DURING_LABEL, with_default(self.during_box, "default off"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(section_heading("Locking"))
        layout.addLayout(form)
        layout.addWidget(hint_label(LOCK_HINT))
        if change_passphrase is not None:
            row = QHBoxLayout()
            row.addWidget(self.change_button)
            hint = hint_label(PASSPHRASE_HINT)
            hint.setWordWrap(False)
            row.addWidget(hint)
            row.addStretch(1)
            layout.addLayout(row)
        self.set_minutes(minutes)

    def set_minutes(self, minutes: LockMinutes) -> None:
        self.between_box.setValue(minutes.between_sessions)
        self.during_box.setValue(minutes.during_session)

    def minutes(self) -> LockMinutes:
        return LockMinutes(self.between_box.value(), self.during_box.value())

    def _open_change(self) -> None:
        if self._change is not None:
            self._change(self.window())

