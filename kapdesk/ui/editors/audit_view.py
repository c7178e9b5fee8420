"""Settings -> Audit trail: who opened, searched, exported, signed or changed what, read-only.

The newest entries first, one line each (when, what, client, session, the
short detail), for every client or one (the filter). Above the list, one line
says whether the whole trail checks (core/audit.py: every entry's seal and
link), or names the first broken entry in words; under it, any action whose
entry could not be written since the app started. Reading and checking run
on the app's task runner: a trail of years is checked off the GUI thread.

Nothing here changes anything; there is nothing to save.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QComboBox, QDialog, QHBoxLayout, QLabel, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from kapdesk.core.audit import AuditEntry, ChainVerdict, short, verdict_line
from kapdesk.core.formatting import local_datetime
from kapdesk.ui.common.form_controls import (table_list, editor_style, hint_label, name_by_role,
                                             section_heading, set_hint)
from kapdesk.ui.common.widgets import key_button, wrapped_label

if TYPE_CHECKING:
    from kapdesk.core.tasks import Progress
    from kapdesk.storage.audit_log import AuditLog
    from kapdesk.ui.common.tasks import TaskRunner

AUDIT_KEY = "Ctrl+T"  # in Settings: T for trail (S saves, B is Backups)
SHOWN = 500  # the newest entries listed; `python -m kapdesk audit list` gives them all
COLUMNS = ("When", "What", "Client", "Session", "Detail")
CHECKING = "Checking the audit trail…"
READING = "Reading the audit trail…"
INTRO = ("Every unlock, record opened, search, export, signature, addendum, change of client "
         "details or settings, backup and restore, newest first. Entries are sealed one to the "
         "next, so a change made outside KAPDesk shows here. Searches are listed without "
         "their words.")
ALL_CLIENTS = "All clients"
NONE_YET = "No entries yet."
BROKEN_COLOUR = "#9a3b2f"  # the editors' colour for a problem (form_controls.py)
WHOLE_COLOUR = "#2f6b5c"


def entry_cells(entry: AuditEntry, names: dict[int, str], tz: dt.tzinfo | None = None) -> list[str]:
    """One entry as the list's columns."""
    moment = local_datetime(entry.at, tz)
    client = "" if entry.client_id is None else names.get(entry.client_id,
                                                          f"client {entry.client_id}")
    session = "" if entry.session_id is None else f"#{entry.session_id}"
    return [f"{moment:%a} {moment.day} {moment:%b %Y, %H:%M:%S}", entry.what, client, session,
            entry.detail]


class AuditView(QDialog):
    """The audit trail, read-only; Esc or Close closes it."""

    def __init__(self, audit: AuditLog, clients: list[tuple[int, str]], tasks: TaskRunner,
                 parent: QWidget | None = None, tz: dt.tzinfo | None = None) -> None:
        super().__init__(parent)
        self._audit, self._tasks, self._tz = audit, tasks, tz
        self._names = dict(clients)
        self.setWindowTitle("KAPDesk — Audit trail")
        self.setAccessibleName("Audit trail")
        self.setStyleSheet(editor_style())
        self.verdict_label = name_by_role(wrapped_label(CHECKING), "Audit trail check")
        self.verdict_label.setStyleSheet("font-weight: 600;")
        self.unwritten_label = name_by_role(wrapped_label(""), "Actions not noted")
        self.unwritten_label.setStyleSheet(f"color: {BROKEN_COLOUR};")
        self.client_filter = QComboBox()
        self.client_filter.setAccessibleName("Show the entries of")
        self.client_filter.addItem(ALL_CLIENTS, None)
        for client_id, name in sorted(clients, key=lambda pair: pair[1].casefold()):
            self.client_filter.addItem(name, client_id)
        self.client_filter.currentIndexChanged.connect(self.refresh)
        self.list = table_list("Audit entries, newest first", COLUMNS)
        self.status_label = name_by_role(wrapped_label(READING), "Audit list status")
        self.close_button = key_button("Close", None, self.accept, self, name="closeAudit")
        self._lay_out()
        self._show_unwritten()
        self._tasks.run(lambda _p: audit.verify(), on_done=self._verified,
                        on_failed=self._not_verified, owner=self, name="audit check")
        self.refresh()

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(8)
        layout.addWidget(section_heading("Audit trail"))
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.unwritten_label)
        layout.addWidget(hint_label(INTRO))
        row = QHBoxLayout()
        shown = QLabel("Show the entries of")
        shown.setAccessibleName("Show the entries of")
        shown.setBuddy(self.client_filter)
        row.addWidget(shown)
        row.addWidget(self.client_filter)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.status_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.resize(980, 600)

    # -- the check ------------------------------------------------------
    def _verified(self, verdict: ChainVerdict) -> None:
        text = verdict_line(verdict, self._tz)
        if verdict.whole and verdict.count:
            text += f" Latest seal: {short(verdict.head)}."
        set_hint(self.verdict_label, text)
        colour = WHOLE_COLOUR if verdict.whole else BROKEN_COLOUR
        self.verdict_label.setStyleSheet(f"font-weight: 600; color: {colour};")

    def _not_verified(self, _error: str) -> None:
        set_hint(self.verdict_label, "The audit trail could not be checked just now. Close this "
                 "page and open it again, or run “python -m kapdesk audit verify”.")

    def _show_unwritten(self) -> None:
        missed = self._audit.unwritten
        self.unwritten_label.setVisible(bool(missed))
        if missed:
            set_hint(self.unwritten_label, " ".join(missed[-3:]))

    # -- the list -------------------------------------------------------
    def refresh(self) -> None:
        """Read the entries (for the chosen client) on the task runner."""
        client_id = self.client_filter.currentData()
        set_hint(self.status_label, READING)
        self._tasks.run(lambda _p: self._read(client_id), on_done=self._show,
                        on_failed=self._not_read, owner=self, name="audit list")

    def _read(self, client_id: int | None) -> tuple[int | None, list[AuditEntry]]:  # a worker
        return client_id, self._audit.entries(client_id=client_id, limit=SHOWN + 1)

    def _show(self, read: tuple[int | None, list[AuditEntry]]) -> None:
        client_id, entries = read
        if client_id != self.client_filter.currentData():
            return  # the filter changed meanwhile; its own reading follows
        self.list.clear()
        for entry in entries[:SHOWN]:
            cells = entry_cells(entry, self._names, self._tz)
            item = QTreeWidgetItem(cells)
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, " · ".join(filter(None, cells)))
            if entry.what.startswith(("failed", "unknown")):
                for column in range(len(COLUMNS)):
                    item.setForeground(column, QBrush(QColor(BROKEN_COLOUR)))
            self.list.addTopLevelItem(item)
        if not entries:
            self.list.addTopLevelItem(QTreeWidgetItem([NONE_YET]))
            self.list.setFirstColumnSpanned(0, self.list.rootIndex(), True)
        more = len(entries) > SHOWN
        set_hint(self.status_label, f"The newest {SHOWN} are listed; “python -m kapdesk audit "
                 "list” lists them all." if more else "")

    def _not_read(self, _error: str) -> None:
        set_hint(self.status_label, "The audit trail could not be read just now. Close this page "
                 "and open it again; nothing in it was changed.")

    def rows(self) -> list[str]:
        """The rows as shown (tests, and what a screen reader reads)."""
        items = (self.list.topLevelItem(index) for index in range(self.list.topLevelItemCount()))
        return [" · ".join(filter(None, (item.text(column) for column in range(len(COLUMNS)))))
                for item in items]


def open_audit_view(audit: AuditLog, clients: list[tuple[int, str]], tasks: TaskRunner,
                    parent: QWidget | None = None) -> None:
    """Show the audit trail, modal over the settings."""
    AuditView(audit, clients, tasks, parent).exec()


__all__ = ["AuditView", "entry_cells", "open_audit_view"]
