"""The client's page's course of care: the course at a glance, what is due, the talk sessions.

A card on the client's page (client_page.py): where the client is in the
course ("Preparation sessions: 2 of 3 before the first dose", "Dosing
session 4 of 6 planned"), the course view on one time axis
(course_view.py), this client's due check-ins and integration sessions
(due_list.py), and the keys to record a preparation session, an integration
session or a check-in (talk_form.py). Clicking an entry of the course opens
it: a dosing session in the review (`session_requested`), a talk session's
words below the view with a way to correct it, a form in the page's history.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kapdesk.core.course_due import course_position, preparation_words
from kapdesk.core.course_view import CourseEntry
from kapdesk.core.superseding import current
from kapdesk.core.talk_sessions import KIND_FIELDS, TalkKind, TalkSession, talk_words
from kapdesk.ui.clients.course_view import CourseView, read_course_entries
from kapdesk.ui.clients.due_list import DueListPanel
from kapdesk.ui.clients.talk_form import TalkForm
from kapdesk.ui.clients.talk_record import TalkRecordActions
from kapdesk.ui.common.widgets import action_button, label, show_text

if TYPE_CHECKING:
    from kapdesk.services import Services
    from kapdesk.storage.course import ClientCourse

DialogRunner = Callable[[QDialog], int]
TALK_KEYS = {TalkKind.PREPARATION: "Ctrl+Shift+P", TalkKind.INTEGRATION: "Ctrl+Shift+I",
             TalkKind.CHECK_IN: "Ctrl+Shift+K"}
VIEW_HINT = ("M a month, Y a year, W the whole course; Left and Right move; Up and Down choose "
             "an entry, Enter opens it.")


class CourseCard(QFrame):
    session_requested = Signal(int)  # a dosing session to open in the review
    measure_requested = Signal(int)  # a form to choose in the page's history
    changed = Signal()  # a talk session recorded or corrected, or a due item set aside

    def __init__(self, services: Services, run_dialog: DialogRunner = QDialog.exec,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setAccessibleName("Course of care")
        self._services, self._run_dialog = services, run_dialog
        self.client_id: int | None = None
        self.talk: TalkSession | None = None  # the talk session shown below the view
        self.position_label = label("", "courseHeadline", "Where the client is in the course")
        self.view = CourseView(services.clock.now(), self)
        self.view.entry_opened.connect(self.open_entry)
        self.detail_label = label("", "courseLines", "Chosen entry")
        self.correct_button = action_button("Correct this session record", "Ctrl+Shift+O",
                                            self.correct_talk, self)
        self.correct_button.hide()
        self.record = TalkRecordActions(services, self, run_dialog)
        self.sign_button = action_button("Sign this session record", "Ctrl+Shift+G",
                                         self.sign_talk, self)
        self.addendum_button = action_button("Add an addendum…", "Ctrl+Shift+N",
                                             self.add_addendum, self)
        for button in (self.sign_button, self.addendum_button):
            button.hide()
        self.talk_buttons = {kind: action_button(f"Record {kind.words.lower()}", TALK_KEYS[kind],
                                                 lambda _checked=False, kind=kind: self.record_talk(kind),
                                                 self)
                             for kind in TalkKind}
        self.due: DueListPanel | None = None
        self._lay_out()

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(8)
        layout.addWidget(label("Course of care", "sectionTitle"))
        layout.addWidget(self.position_label)
        layout.addWidget(self.view)
        layout.addWidget(label(VIEW_HINT, "courseSmall"))
        layout.addWidget(self.detail_label)
        talk_buttons = QHBoxLayout()
        for button in (self.correct_button, self.sign_button, self.addendum_button):
            talk_buttons.addWidget(button)
        talk_buttons.addStretch(1)
        layout.addLayout(talk_buttons)
        buttons = QHBoxLayout()
        for button in self.talk_buttons.values():
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._due_slot = QVBoxLayout()
        layout.addLayout(self._due_slot)

    # --- showing --------------------------------------------------------------------

    def show_client(self, client_id: int, course: ClientCourse | None = None,
                    sessions: list | None = None) -> None:
        services = self._services
        self.client_id = client_id
        entries = read_course_entries(services, client_id, course, sessions=sessions)
        doses = sum(1 for e in entries if e.lane == "dosing")
        preparations = sum(1 for e in entries if e.lane == "preparation")
        windows = services.due.windows()
        words = preparation_words(preparations, doses, windows) or \
            f"{course_position(doses, windows).replace('Dosing session', 'Next: dosing session')}; " \
            f"{doses} given so far."
        show_text(self.position_label, words, "Where the client is in the course")
        self.view.set_entries(entries, services.clock.now())
        if self.due is None:
            self.due = DueListPanel(services, self._run_dialog, client_id, self)
            self.due.changed.connect(self._after_change)
            self._due_slot.addWidget(self.due)
        else:
            self.due.set_client(client_id)
        self._show_talk(None)

    def _show_talk(self, talk: TalkSession | None) -> None:
        self.talk = talk
        if talk is None:
            show_text(self.detail_label, "", "Chosen entry")
            for button in (self.correct_button, self.sign_button, self.addendum_button):
                button.hide()
            return
        lines = [talk_words(talk)]
        lines += [f"{label_text}: {talk.field_text(name)}" for name, label_text
                  in KIND_FIELDS[talk.kind] if talk.field_text(name)]
        if talk.notes:
            lines.append(f"Notes: {talk.notes}")
        if talk.has_private_note:
            lines.append(f"Private psychotherapy note (kept apart): {talk.private_note}")
        lines.append(self.record.status(talk))
        show_text(self.detail_label, "\n".join(lines), "Chosen entry")
        signed = self._services.talks.signature(talk.id or 0) is not None
        self.correct_button.setVisible(not signed)  # a signed record is added to, not corrected
        self.sign_button.setVisible(not signed)
        self.addendum_button.setVisible(signed)

    # --- acting ---------------------------------------------------------------------

    def open_entry(self, entry: CourseEntry) -> None:
        if entry.record == "sessions":
            self.session_requested.emit(entry.record_id)
        elif entry.record == "measures":
            self.measure_requested.emit(entry.record_id)
        else:
            found = next((t for t in current(self._services.talks.history(self.client_id or 0))
                          if t.id == entry.record_id), None)
            self._show_talk(found)

    def record_talk(self, kind: TalkKind) -> bool:
        if self.client_id is None:
            return False
        form = TalkForm(self._services, self.client_id, kind, parent=self)
        form.focus_first()
        if not self._run_dialog(form) or form.saved is None:
            return False
        self._after_change()
        return True

    def correct_talk(self) -> bool:
        if self.client_id is None or self.talk is None:
            return False
        form = TalkForm(self._services, self.client_id, self.talk.kind, correcting=self.talk,
                        parent=self)
        form.focus_first()
        if not self._run_dialog(form) or form.saved is None:
            return False
        self._after_change()
        self._show_talk(form.saved)
        return True

    def sign_talk(self) -> None:
        if self.talk is not None:
            said = self.record.sign(self.talk)
            self._show_talk(self.talk)
            if said:
                show_text(self.detail_label, f"{self.detail_label.text()}\n{said}", "Chosen entry")

    def add_addendum(self) -> None:
        if self.talk is not None:
            said = self.record.add_addendum(self.talk)
            self._show_talk(self.talk)
            if said:
                show_text(self.detail_label, f"{self.detail_label.text()}\n{said}", "Chosen entry")

    def _after_change(self) -> None:
        if self.client_id is not None:
            self.show_client(self.client_id)
        self.changed.emit()
