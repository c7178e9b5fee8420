"""The Settings dialog's way into the course settings: one labelled button with
its key, and the short section it sits in.

The course settings (course_settings.py) open over Settings and save on their
own, as Backups do: nothing of theirs is a setting for Settings' Save to keep
or drop. The dialog is imported only when the button is pressed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QPushButton, QWidget

from kapdesk.ui.common.form_controls import hint_label, section_heading
from kapdesk.ui.common.widgets import action_button

COURSE_KEY = "Ctrl+K"
COURSE_HINT = ("The contraindication list, the consent document, when a screening is due "
               "again, the rating scales' cut-offs and the text for PHQ-9 question 9.")


def course_button(dialog: QWidget, open_course: Callable[[QWidget], object] | None,
                  ) -> QPushButton | None:
    """"Course settings…" with its key, opening them over `dialog`; None without `open_course`."""
    if open_course is None:
        return None
    button = action_button("Course settings…", COURSE_KEY, lambda: open_course(dialog), dialog)
    button.setAccessibleName("Course settings")
    return button


def add_course_section(layout: QBoxLayout, button: QPushButton | None) -> None:
    if button is None:
        return
    layout.addSpacing(16)
    layout.addWidget(section_heading("Course of care"))
    layout.addWidget(hint_label(COURSE_HINT))
    row = QHBoxLayout()
    row.addWidget(button)
    row.addStretch(1)
    layout.addLayout(row)
