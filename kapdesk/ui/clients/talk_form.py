"""Recording a preparation session, an integration session or a follow-up check-in.

One form for the three kinds (core/talk_sessions.py): the day, the time it
began and its length; the kind's own questions (integration: what stayed with
them, changes since the dose, practices, the plan; check-in: how it was
given, how they are, any after-effects); free notes; and, set apart with its
own mark, a private psychotherapy note, kept with the record and left out of
exports and summaries. Opened from the due list already filled with the
client, the kind and the dosing session it follows. Saved through the
talk-session store, which refuses in words what core refuses; a correction is
a new record naming the one it replaces, with a reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTimeEdit, QWidget

from kapdesk.core.talk_sessions import (KIND_FIELDS, PRIVATE_MARK, CheckInHow, TalkKind,
                                        TalkSession, correction_problems, talk_problems)
from kapdesk.ui.clients.choice_row import Choice, ChoiceRow
from kapdesk.ui.clients.course_dialog import (CourseDialog, date_edit, date_of, group_title,
                                              problem_label)
from kapdesk.ui.common.form_controls import hint_label, line_edit, spin_box, text_area

if TYPE_CHECKING:
    from kapdesk.services import Services

HOW = (Choice(CheckInHow.PHONE, "P", "By phone", "Phone  [P]"),
       Choice(CheckInHow.MESSAGE, "M", "By message", "Message  [M]"),
       Choice(CheckInHow.VIDEO, "V", "By video", "Video  [V]"),
       Choice(CheckInHow.IN_PERSON, "I", "In person", "In person  [I]"))
DEFAULT_MINUTES = {TalkKind.PREPARATION: 50, TalkKind.INTEGRATION: 50, TalkKind.CHECK_IN: 15}
PRIVATE_HINT = ("Kept with this record and shown with its mark; left out of exports and "
                "summaries unless you choose to include it.")


class TalkForm(CourseDialog):
    def __init__(self, services: Services, client_id: int, kind: TalkKind,
                 after_dose_session: int | None = None, correcting: TalkSession | None = None,
                 parent: QWidget | None = None) -> None:
        name = services.clients.get(client_id).display_name
        what = kind.words if correcting is None else f"Correct the {kind.words.lower()}"
        super().__init__(kind.words, f"{what} with {name}", parent)
        self._services = services
        self._client_id = client_id
        self._kind = kind
        self._after = after_dose_session if correcting is None else correcting.after_dose_session
        self._correcting = correcting
        self.saved: TalkSession | None = None
        self._build()
        if correcting is not None:
            self._fill(correcting)
        self._as_opened = self._fields()

    # --- building ----------------------------------------------------------------

    def _build(self) -> None:
        add = self.body_layout.addWidget
        if self._correcting is not None:
            add(group_title("Why it is corrected"))
            self.reason_edit = line_edit("Why it is corrected", "e.g. wrong day typed")
            self.reason_edit.textChanged.connect(lambda _t: self.edited())
            self.reason_problem = problem_label("Why it is corrected")
            add(self.reason_edit)
            add(self.reason_problem)
        now = dt.datetime.fromtimestamp(self._services.clock.now())
        self.date_edit = date_edit("Day of the session", now.date())
        self.time_edit = QTimeEdit(QTime(now.hour, now.minute))
        self.time_edit.setAccessibleName("Time it began")
        self.time_edit.setDisplayFormat("HH:mm")
        self.minutes_box = spin_box("Length in minutes", " min")
        self.minutes_box.setValue(DEFAULT_MINUTES[self._kind])
        when = QHBoxLayout()
        for text, field in (("Day", self.date_edit), ("Began", self.time_edit),
                            ("Length", self.minutes_box)):
            caption = QLabel(text, accessibleName=text)
            caption.setBuddy(field)
            when.addWidget(caption)
            when.addWidget(field)
        when.addStretch(1)
        self.when_problem = problem_label("When")
        self.body_layout.addLayout(when)
        add(self.when_problem)
        for field in (self.date_edit, self.time_edit):
            field.editingFinished.connect(self.edited)
        self.minutes_box.valueChanged.connect(lambda _v: self.edited())
        self.how_row: ChoiceRow | None = None
        if self._kind is TalkKind.CHECK_IN:
            self.how_row = ChoiceRow("How it was given", "How was the check-in given?", HOW)
            self.how_row.answered.connect(self.edited)
            add(self.how_row)
        self.field_edits = {}
        for name, label in KIND_FIELDS[self._kind]:
            add(QLabel(label, accessibleName=label))
            edit = text_area(label, 80)
            edit.textChanged.connect(self.edited)
            self.field_edits[name] = edit
            add(edit)
        add(QLabel("Notes", accessibleName="Notes"))
        self.notes_edit = text_area("Notes", 90)
        self.notes_edit.textChanged.connect(self.edited)
        add(self.notes_edit)
        self.content_problem = problem_label("What was written")
        add(self.content_problem)
        add(group_title(f"{PRIVATE_MARK} (optional, kept apart)"))
        add(hint_label(PRIVATE_HINT))
        self.private_edit = text_area(PRIVATE_MARK, 90)
        self.private_edit.textChanged.connect(self.edited)
        add(self.private_edit)
        self.body_layout.addStretch(1)

    def _fill(self, talk: TalkSession) -> None:
        started = dt.datetime.fromtimestamp(talk.started_at)
        self.date_edit.setDate(started.date())
        self.time_edit.setTime(QTime(started.hour, started.minute))
        self.minutes_box.setValue(talk.minutes)
        if self.how_row is not None:
            self.how_row.set_value(talk.how)
        for name, edit in self.field_edits.items():
            edit.setPlainText(talk.field_text(name))
        self.notes_edit.setPlainText(talk.notes)
        self.private_edit.setPlainText(talk.private_note)

    def focus_first(self) -> None:
        if self._correcting is not None:
            self.reason_edit.setFocus()
        elif self.how_row is not None:
            self.how_row.setFocus()
        else:
            next(iter(self.field_edits.values())).setFocus()

    # --- the draft -----------------------------------------------------------------

    def _started_at(self) -> float:
        day, time = date_of(self.date_edit), self.time_edit.time()
        return dt.datetime(day.year, day.month, day.day, time.hour(), time.minute()).timestamp()

    def _fields(self) -> tuple:
        return (self._started_at(), self.minutes_box.value(),
                None if self.how_row is None else self.how_row.value,
                tuple(edit.toPlainText().strip() for edit in self.field_edits.values()),
                self.notes_edit.toPlainText().strip(), self.private_edit.toPlainText().strip(),
                self.reason_edit.text().strip() if self._correcting is not None else "")

    def has_changes(self) -> bool:
        return self._fields() != self._as_opened

    def draft(self) -> TalkSession:
        return TalkSession(
            client_id=self._client_id, kind=self._kind, started_at=self._started_at(),
            minutes=self.minutes_box.value(),
            fields={name: edit.toPlainText().strip() for name, edit in self.field_edits.items()},
            notes=self.notes_edit.toPlainText().strip(),
            private_note=self.private_edit.toPlainText().strip(),
            how=None if self.how_row is None else self.how_row.value,
            after_dose_session=self._after,
            supersedes=None if self._correcting is None else self._correcting.id,
            reason=self.reason_edit.text().strip() if self._correcting is not None else "")

    def problems(self) -> list[str]:
        problems = talk_problems(self.draft(), self._services.clock.now())
        if self._correcting is not None:
            problems = correction_problems(self.reason_edit.text()) + problems
        if self._correcting is not None and self._fields()[:-1] == self._as_opened[:-1]:
            problems.append("Nothing was changed: change what was wrong, or Cancel.")
        return problems

    def routes(self) -> Sequence[tuple[QLabel, Sequence[str]]]:
        found = [(self.when_problem, ("future", "length in minutes")),
                 (self.content_problem, ("write something",))]
        if self.how_row is not None:
            found.append((self.how_row.problem, ("how the check-in",)))
        if self._correcting is not None:
            found.append((self.reason_problem, ("why the record",)))
        return found

    def show_problems(self, problems: Sequence[str]) -> None:
        super().show_problems(problems)
        if self.how_row is not None:
            self.how_row.mark()

    def store(self) -> None:
        self.saved = self._services.talks.add(self.draft())
