"""Saying, calmly, that an action could not be noted in the audit trail.

The action itself stands (storage/audit_log.py never undoes it); the
therapist should still know that the trail has a gap and why (a full disk,
say). The note comes at the foot of the window for a minute, never as a
dialog. An audit entry may be written from a worker (a backup, an unlock
check), so the note crosses to the GUI thread by a queued signal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from kapdesk.storage.audit_log import AuditLog

SHOWN_MS = 60_000


class AuditNotes(QObject):
    """Shows each unwritten audit entry's sentence in the window's status bar."""

    unwritten = Signal(str)

    def __init__(self, window: QMainWindow, audit: AuditLog) -> None:
        super().__init__(window)
        self.setObjectName("auditNotes")
        self._window = window
        self._bar_made = False  # the window's status bar is made on the first note, not before
        self.unwritten.connect(self._show, Qt.ConnectionType.QueuedConnection)
        audit.on_unwritten = self.unwritten.emit

    def _show(self, message: str) -> None:
        bar = self._window.statusBar()
        if not self._bar_made:
            self._bar_made = True
            bar.setAccessibleName("Audit trail note")
            bar.setStyleSheet("color: #80531a;")
            bar.messageChanged.connect(lambda text: bar.setVisible(bool(text)))
        bar.showMessage(message, SHOWN_MS)
        bar.show()


def keep_audit_notes(window: QMainWindow, audit: AuditLog) -> AuditNotes:
    """The notes of the open practice's window; they go with the window."""
    return AuditNotes(window, audit)
