"""Settings → Course → after the dose: when the check-in and the integration session are
due, the course's shape, and what the client's take-home sheet says.

The numbers are core/course_due.py's `CourseWindows` (check-in within 72 hours,
integration within 7 days, 3 preparation sessions, 6 planned doses, at most 2
doses in any 7 days by default); the words are core/take_home.py's (the
after-care text, with a sensible default, and whom the client may call). Each
value shows its default with "Restore default"; problems are said in words
(core: windows_problems, take_home_problems) and nothing is saved while one stands.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from kapdesk.core.course_due import WINDOW_LABELS, CourseWindows, windows_problems
from kapdesk.core.take_home import DEFAULT_AFTER_CARE, TakeHomeSettings, take_home_problems
from kapdesk.ui.common.form_controls import (hint_label, line_edit, live_hint, section_heading,
                                             set_hint, spin_box, text_area)
from kapdesk.ui.common.widgets import action_button

class AfterDoseEditor(QWidget):
    """The course's windows and the take-home sheet's words, as a draft over the stored ones."""

    changed = Signal()

    def __init__(self, windows: CourseWindows, take_home: TakeHomeSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("After the dose")
        self._windows, self._take_home = windows, take_home
        defaults = CourseWindows()
        self.boxes: dict[str, QSpinBox] = {}
        grid = QGridLayout()
        for row, (name, words) in enumerate(WINDOW_LABELS.items()):
            box = spin_box(words)
            box.setValue(getattr(windows, name))
            box.valueChanged.connect(lambda _v: self.changed.emit())
            self.boxes[name] = box
            caption = QLabel(words, accessibleName=words)
            caption.setBuddy(box)
            grid.addWidget(caption, row, 0)
            grid.addWidget(box, row, 1)
            grid.addWidget(hint_label(f"default {getattr(defaults, name)}"), row, 2)
            grid.addWidget(action_button("Restore default", None,
                                         lambda _c=False, n=name: self._restore(n), self), row, 3)
        self.after_care = text_area("After-care words on the take-home sheet", 150)
        self.after_care.setPlainText(take_home.after_care)
        self.after_care.textChanged.connect(self.changed.emit)
        self.contact = line_edit("Whom the client may call", "e.g. Dr Ana Rivera, 555 0101")
        self.contact.setText(take_home.contact)
        self.contact.textChanged.connect(lambda _t: self.changed.emit())
        self.problems_label = live_hint("Problems on this page")
        layout = QVBoxLayout(self)
        layout.addWidget(section_heading("What is due after each dose, and the course's shape"))
        layout.addLayout(grid)
        layout.addWidget(section_heading("The client's take-home sheet"))
        layout.addWidget(hint_label("Printed at discharge (Ctrl+T): no notes, no scores; the "
                                    "music that played and when the check-in and integration "
                                    "are due are added by KAPDesk."))
        layout.addWidget(self.after_care)
        layout.addWidget(action_button("Restore the default words", None, self._restore_words, self))
        layout.addWidget(QLabel("Whom the client may call", accessibleName="Whom the client may call"))
        layout.addWidget(self.contact)
        layout.addWidget(self.problems_label)
        layout.addStretch(1)
        self.changed.connect(self._show_problems)
        self._show_problems()

    def _restore(self, name: str) -> None:
        self.boxes[name].setValue(getattr(CourseWindows(), name))

    def _restore_words(self) -> None:
        self.after_care.setPlainText(DEFAULT_AFTER_CARE)

    def windows(self) -> CourseWindows:
        return replace(CourseWindows(), **{name: box.value() for name, box in self.boxes.items()})

    def take_home(self) -> TakeHomeSettings:
        return TakeHomeSettings(self.after_care.toPlainText(), self.contact.text().strip())

    def problems(self) -> list[str]:
        return windows_problems(self.windows()) + take_home_problems(self.take_home())

    def is_changed(self) -> bool:
        return self.windows() != self._windows or self.take_home() != self._take_home

    def windows_changed(self) -> bool:
        return self.windows() != self._windows

    def take_home_changed(self) -> bool:
        return self.take_home() != self._take_home

    def _show_problems(self) -> None:
        set_hint(self.problems_label, "\n".join(self.problems()))
