"""What is due: the check-ins and integration sessions owed after each dose.

On the main window across every client (overdue first, then today, then the
coming week; clients by their initials, since a passer-by may glance at the
screen) and on a client's page for that client alone. Enter on an entry (or
a double click, or "Record") opens the right form already filled with the
client, the kind and the dosing session it follows; recording it clears the
entry. "Set aside…" asks for a reason, which is kept with the course. The
order and the words are core's (core/course_due.py); this only shows them.

While shown, the words are said again each minute from what was read (no
reading of the store): "due by Thu 15:00" becomes "overdue since 15:00 today"
without a click, and a laptop opened after a week shut shows what became
overdue within a minute. Rows that read the same are left alone, so the
selection and a screen reader's place stay where they were.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from kapdesk.core.course_due import (OVERDUE_MOST, DueKind, DueStatus, due_list, due_words,
                                     initials, set_aside_problems)
from kapdesk.storage.course_due import DueEntry
from kapdesk.ui.clients.course_dialog import CourseDialog, problem_label
from kapdesk.ui.clients.talk_form import TalkForm
from kapdesk.ui.common.form_controls import line_edit
from kapdesk.ui.common.widgets import action_button, show_text, wrapped_label

if TYPE_CHECKING:
    from kapdesk.services import Services

DialogRunner = Callable[[QDialog], int]
NOTHING_DUE = "Nothing due: every check-in and integration session after a dose is done."
RECORD_KEY, SET_ASIDE_KEY = "Ctrl+Shift+U", "Ctrl+Shift+D"  # R is the header's Records
_STATUS_MARK = {DueStatus.OVERDUE: "\N{BLACK CIRCLE}", DueStatus.TODAY: "\N{BLACK DIAMOND}",
                DueStatus.COMING: "\N{WHITE CIRCLE}", DueStatus.LATER: "\N{WHITE CIRCLE}"}
MINUTE_MS = 60_000


class DueListPanel(QWidget):
    changed = Signal()  # something was recorded or set aside

    def __init__(self, services: Services, run_dialog: DialogRunner = QDialog.exec,
                 client_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("What is due")
        self._services = services
        self._run_dialog = run_dialog
        self._client_id = client_id
        self.entries: list[DueEntry] = []
        self._found: list[DueEntry] = []  # what the store said at the last refresh
        self._windows = None
        self.minute = QTimer(self)
        self.minute.setObjectName("dueListMinute")
        self.minute.setInterval(MINUTE_MS)
        self.minute.timeout.connect(self.tick)
        self.heading = wrapped_label("What is due", "subtitle", "What is due")
        self.list = QListWidget()
        self.list.setAccessibleName("Due check-ins and integration sessions")
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(lambda _item: self.record_selected())
        self.empty = wrapped_label(NOTHING_DUE, "hint", "Nothing due")
        self.older = wrapped_label("", "hint", "Older overdue entries")
        self.older.hide()
        self.record_button = action_button("Record", RECORD_KEY, self.record_selected, self)
        self.set_aside_button = action_button("Set aside…", SET_ASIDE_KEY, self.set_aside_selected,
                                              self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.set_aside_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.older)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.refresh()

    def set_client(self, client_id: int | None) -> None:
        """Show what one client owes (None: every client)."""
        self._client_id = client_id
        self.refresh()

    def event(self, event: QEvent) -> bool:  # noqa: N802 - Qt API
        # Its window back at the front (the settings closed, the laptop woken): the
        # practice's windows or the clock may have moved on since the list was read.
        # (A window passes WindowActivate on to its shown children; ActivationChange not.)
        if event.type() == QEvent.Type.WindowActivate and self.isVisible():
            self.refresh()
        return super().event(event)

    def refresh(self) -> None:
        """Read what is due again; the chosen entry stays chosen while it is still there."""
        chosen = self._selected()
        try:
            self._windows = self._services.due.windows()
            self._found = self._services.due.open_items(self._client_id)
        except Exception as error:  # noqa: BLE001 - a damaged page or a full disk: said, not raised
            self._found = []
            self._unreadable(error)
            return
        self._show(self._services.clock.now(), chosen, same_words_stay=False)

    def tick(self) -> None:
        """The minute's look again at the time: the same entries, said for now."""
        if self._windows is not None:
            self._show(self._services.clock.now(), self._selected(), same_words_stay=True)

    def _show(self, now: float, chosen: DueEntry | None, same_words_stay: bool) -> None:
        by_item = {entry.item: entry for entry in self._found}
        # Every client's own page lists all it owes; the main window, the most recent.
        listing = due_list(by_item, now, overdue_most=None if self._client_id else OVERDUE_MOST)
        entries = [by_item[item] for item in listing.items]
        texts = [self._line(entry, now) for entry in entries]
        if same_words_stay and texts == [self.list.item(row).text() for row in range(self.list.count())]:
            return
        self.entries = entries
        # Item by item rather than clear(): a screen reader may still hold the old rows.
        while self.list.count():
            del_item = self.list.takeItem(self.list.count() - 1)
            del del_item
        for entry, text in zip(entries, texts):
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text[3:])
            item.setData(Qt.ItemDataRole.UserRole, entry.item.status(now).value)
            self.list.addItem(item)
        if self.entries:
            owed = [_owed(entry) for entry in self.entries]
            self.list.setCurrentRow(owed.index(_owed(chosen)) if chosen and _owed(chosen) in owed else 0)
        has = bool(self.entries)
        # As tall as its entries (up to six; more scroll), never an empty box below them.
        row = max(self.list.sizeHintForRow(0), 24) if has else 24
        self.list.setFixedHeight(row * min(max(len(self.entries), 1), 6) + 2 * self.list.frameWidth() + 8)
        self.list.setVisible(has)
        self.empty.setVisible(not has)
        self.record_button.setEnabled(has)
        self.set_aside_button.setEnabled(has)
        show_text(self.heading, f"What is due ({len(self.entries)})" if has else "What is due",
                  "What is due")
        left_out = listing.older_left_out
        show_text(self.older, f"{left_out:,} older overdue {'entry is' if left_out == 1 else 'entries are'}"
                  " not listed here; each client's page lists its own." if left_out else "",
                  "Older overdue entries")
        self.older.setVisible(bool(left_out))

    def _line(self, entry: DueEntry, now: float) -> str:
        name = entry.client_name if self._client_id is not None else initials(entry.client_name)
        status = entry.item.status(now)
        return f"{_STATUS_MARK[status]}  {due_words(entry.item, name, now, self._windows)}"

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.minute.start()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt API
        self.minute.stop()  # nothing ticks behind a screen nobody sees
        super().hideEvent(event)

    def _unreadable(self, error: BaseException) -> None:
        from kapdesk.storage.errors import DamagedPage, fault_cause

        cause = str(error) if isinstance(error, DamagedPage) else fault_cause(error)
        self.entries = []
        while self.list.count():
            del_item = self.list.takeItem(self.list.count() - 1)
            del del_item
        self.list.hide()
        self.older.hide()
        show_text(self.empty, f"What is due could not be read: {cause}", "What is due")
        self.empty.show()
        self.record_button.setEnabled(False)
        self.set_aside_button.setEnabled(False)

    def lines(self) -> list[str]:
        return [self.list.item(row).text()[3:] for row in range(self.list.count())]

    def _selected(self) -> DueEntry | None:
        row = self.list.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def record_selected(self) -> bool:
        """The selected entry's form, filled with client, kind and dose; True when saved."""
        entry = self._selected()
        if entry is None:
            return False
        form = TalkForm(self._services, entry.item.client_id, entry.item.kind.talk_kind,
                        after_dose_session=entry.item.session_id, parent=self)
        form.focus_first()
        if not self._run_dialog(form) or form.saved is None:
            return False
        self.refresh()
        self.changed.emit()
        return True

    def set_aside_selected(self) -> bool:
        entry = self._selected()
        if entry is None:
            return False
        form = SetAsideForm(self._services, entry, parent=self)
        form.focus_first()
        if not self._run_dialog(form) or not form.saved:
            return False
        self.refresh()
        self.changed.emit()
        return True


def _owed(entry: DueEntry) -> tuple:
    """Which entry it is, whatever its due time (the window may have changed)."""
    return entry.item.client_id, entry.item.session_id, entry.item.kind


class SetAsideForm(CourseDialog):
    """Why an owed check-in or integration session will not happen."""

    def __init__(self, services: Services, entry: DueEntry, parent: QWidget | None = None) -> None:
        what = "check-in" if entry.item.kind is DueKind.CHECK_IN else "integration session"
        super().__init__("Set aside", f"Set aside the {what} with {entry.client_name}", parent)
        self._services = services
        self._entry = entry
        self.saved = False
        self.body_layout.addWidget(QLabel("Why", accessibleName="Why"))
        self.reason_edit = line_edit("Why it is set aside", "e.g. the client declined; moved away")
        self.reason_edit.textChanged.connect(lambda _t: self.edited())
        self.reason_problem = problem_label("Why it is set aside")
        self.body_layout.addWidget(self.reason_edit)
        self.body_layout.addWidget(self.reason_problem)
        self.body_layout.addStretch(1)
        self.resize(640, 320)

    def focus_first(self) -> None:
        self.reason_edit.setFocus()

    def has_changes(self) -> bool:
        return bool(self.reason_edit.text().strip())

    def problems(self) -> list[str]:
        return set_aside_problems(self.reason_edit.text())

    def routes(self) -> Sequence[tuple[QLabel, Sequence[str]]]:
        return ((self.reason_problem, ("say why",)),)

    def store(self) -> None:
        item = self._entry.item
        self._services.due.set_aside(item.client_id, item.session_id, item.kind,
                                     self.reason_edit.text())
        self.saved = True
