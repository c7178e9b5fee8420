"""The client's course of care on their record in review: a small read-only block
under the heading (screening verdict, consent, latest measures), shown while the
history is on one client. The words are core's (core/course_summary.py); the
course is read through the record reader's `CourseReader` (a handful of rows,
fast enough to read when the client is chosen). Editing is the client page's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kapdesk.core.course_summary import course_lines
from kapdesk.core.measures import MeasureKind
from kapdesk.storage.course import CourseReader
from kapdesk.ui.common.widgets import show_text, wrapped_label

ROLES = ("Screening", "Consent", "Latest measures")


class CourseSummary(QWidget):
    def __init__(self, reader: CourseReader, today: Callable[[], dt.date],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("courseSummary")
        self.setAccessibleName("Course of care")
        self._reader, self._today = reader, today
        self.lines: tuple[QLabel, ...] = tuple(
            wrapped_label("", "subtitle", role) for role in ROLES)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for line in self.lines:
            layout.addWidget(line)
        self.hide()

    def show_client(self, client_id: int | None) -> None:
        """The client's course in words; hidden for the whole practice's history."""
        self.setVisible(client_id is not None)
        if client_id is None:
            return
        try:
            words = self._words(client_id)
        except Exception as error:  # noqa: BLE001 - the history still opens; this says why
            from kapdesk.storage.errors import fault_cause

            words = (f"The course of care could not be read ({fault_cause(error)}).", "", "")
        for line, role, text in zip(self.lines, ROLES, words):
            show_text(line, text, role)
            line.setVisible(bool(text))

    def _words(self, client_id: int) -> tuple[str, str, str]:
        found = self._reader.course(client_id)
        latest = [record for kind in MeasureKind if (record := found.latest(kind)) is not None]
        return course_lines(screening=found.screening,
                            contraindications=found.contraindications,
                            consent=found.consent, consent_document=found.consent_document,
                            latest=latest, today=self._today(),
                            settings=found.settings.screening)
