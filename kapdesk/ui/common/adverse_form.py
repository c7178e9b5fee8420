"""Recording an adverse event: one key opens it, Ctrl+S saves it.

In the room (Ctrl+Shift+A), a small window over it (opened with `open()`,
so the session's timers, the music and its F1 go on underneath); in the
review, for one learnt of after the session (`ask_adverse_event`). It asks
what happened (the closed list of core/adverse_events.py, or "Other" in
words), how severe, how many minutes ago it began (up to a week), what was done, and whether it has already resolved (and how many
minutes ago). Each choice is a large radio button with an Alt key; the
problems core finds are said in words beside Save and nothing is stored until
they are answered. Saving goes through the `record` callable (the session's
controller), which says whether the log took it; a refusal keeps the form open
with what was typed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QDialog, QGridLayout, QHBoxLayout,
                               QLabel, QRadioButton, QVBoxLayout, QWidget)

from kapdesk.core.adverse_events import AdverseEvent, AdverseKind, Severity, adverse_problems
from kapdesk.ui.common.form_controls import line_edit, section_heading, spin_box
from kapdesk.ui.common.widgets import action_button, key_button, label, set_level

ADVERSE_KEY = "Ctrl+Shift+A"
TITLE = "Adverse event"
WEEK_MIN = 7 * 24 * 60


class AdverseEventForm(QDialog):
    def __init__(self, now: Callable[[], float], record: Callable[[AdverseEvent], bool],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setAccessibleName("Record an adverse event")
        self.setObjectName("adverseEventForm")
        self._now = now
        self._record = record
        self.kinds = QButtonGroup(self)
        self.severities = QButtonGroup(self)
        kind_grid = QGridLayout()
        for index, kind in enumerate(AdverseKind):
            button = QRadioButton(f"&{index + 1}  {kind.words}")
            button.setAccessibleName(kind.words)
            self.kinds.addButton(button, index)
            kind_grid.addWidget(button, index // 2, index % 2)
        severity_row = QHBoxLayout()
        for letter, severity in zip("mos", Severity):
            text = severity.value.capitalize()
            at = text.lower().index(letter)
            button = QRadioButton(text[:at] + "&" + text[at:])
            button.setAccessibleName(f"Severity {severity.value}")
            self.severities.addButton(button, list(Severity).index(severity))
            severity_row.addWidget(button)
        self.other_edit = line_edit("What happened", "What happened, in a few words")
        self.kinds.idToggled.connect(lambda *_: self._show_other())
        self.began_box = spin_box("Began minutes ago", " min ago")
        self.began_box.setRange(0, WEEK_MIN)
        self.action_edit = line_edit("Action taken", "What was done, e.g. bowl and water, rested")
        self.resolved_box = QCheckBox("Already resolved")
        self.resolved_box.setAccessibleName("Already resolved")
        self.resolved_ago = spin_box("Resolved minutes ago", " min ago")
        self.resolved_ago.setRange(0, WEEK_MIN)
        self.resolved_ago.setEnabled(False)
        self.resolved_box.toggled.connect(self.resolved_ago.setEnabled)
        self.problems = label("", "", "Problems")
        self.problems.hide()
        self.save_button = key_button("Save", "Ctrl+S", self.save, self, primary=True)
        cancel = action_button("Cancel", None, self.reject, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(section_heading("What happened"))
        layout.addLayout(kind_grid)
        layout.addWidget(self.other_edit)
        layout.addWidget(section_heading("How severe"))
        layout.addLayout(severity_row)
        when = QHBoxLayout()
        began = QLabel("Began")
        began.setBuddy(self.began_box)
        when.addWidget(began)
        when.addWidget(self.began_box)
        when.addStretch(1)
        layout.addLayout(when)
        layout.addWidget(section_heading("What was done"))
        layout.addWidget(self.action_edit)
        resolved = QHBoxLayout()
        resolved.addWidget(self.resolved_box)
        resolved.addWidget(self.resolved_ago)
        resolved.addStretch(1)
        layout.addLayout(resolved)
        layout.addWidget(self.problems)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.save)
        self._show_other()
        self.resize(560, self.sizeHint().height())

    def _show_other(self) -> None:
        self.other_edit.setVisible(self.kinds.checkedId() == list(AdverseKind).index(AdverseKind.OTHER))

    def draft(self) -> AdverseEvent | None:
        """The event as typed, or None while kind or severity is not chosen."""
        if self.kinds.checkedId() < 0 or self.severities.checkedId() < 0:
            return None
        now = self._now()
        resolved_at = now - 60 * self.resolved_ago.value() if self.resolved_box.isChecked() else None
        return AdverseEvent(kind=list(AdverseKind)[self.kinds.checkedId()],
                            severity=list(Severity)[self.severities.checkedId()],
                            at=now - 60 * self.began_box.value(),
                            action=self.action_edit.text().strip(), resolved_at=resolved_at,
                            other=self.other_edit.text().strip())

    def save(self) -> None:
        draft = self.draft()
        if draft is None:
            missing = [what for what, group in (("what happened", self.kinds),
                                                ("how severe", self.severities))
                       if group.checkedId() < 0]
            self._say(f"Choose {' and '.join(missing)}.")
            return
        problems = adverse_problems(draft, self._now())
        if problems:
            self._say(" ".join(problems))
            return
        if self._record(draft):
            self.accept()
        else:
            self._say("The event could not be stored just now; what you typed is still here. "
                      "Try Save again.")

    def _say(self, text: str) -> None:
        self.problems.setText(text)
        set_level(self.problems, "alert")
        self.problems.show()


def ask_adverse_event(parent: QWidget, now: Callable[[], float]) -> AdverseEvent | None:
    """The form as a modal question (the review's): the event typed, or None if cancelled."""
    found: list[AdverseEvent] = []
    form = AdverseEventForm(now, lambda event: found.append(event) or True, parent)
    form.exec()
    return found[0] if found else None
