"""Settings → Course settings: the contraindication list, the consent document,
and the screening and rating-scale settings, on three pages of one dialog.

Opened from the Settings dialog (its "Course settings" button). One Save
stores what changed: an edited list or document as its next version (the
documents store; earlier screenings and consents keep the version they
answered), the values in the settings store. Nothing is saved while a problem
stands; the problems are said beside their fields and, all together, beside
Save. Escape with changes typed asks before dropping them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget

from kapdesk.core.consent import ConsentDocument
from kapdesk.core.formatting import local_datetime
from kapdesk.core.readiness import ReadinessSettings
from kapdesk.core.screening import ContraindicationItem, ContraindicationList
from kapdesk.ui.common.form_controls import Confirm, ask, editor_style, hint_label, name_by_role, set_hint
from kapdesk.ui.common.widgets import action_button, wrapped_label
from kapdesk.ui.editors.consent_document_editor import ConsentDocumentEditor
from kapdesk.ui.editors.contraindications_editor import ContraindicationsEditor
from kapdesk.core.course_due import CourseWindows
from kapdesk.core.take_home import TakeHomeSettings
from kapdesk.ui.editors.course_after_dose_editor import AfterDoseEditor
from kapdesk.ui.editors.course_values_editor import CourseValuesEditor

if TYPE_CHECKING:
    from kapdesk.services import Services

DISCARD_QUESTION = "Discard your changes to the course settings?"
PAGE_KEYS = ("Alt+1", "Alt+2", "Alt+3", "Alt+4")
# A field a problem is about is outlined (the editor style does spin boxes only).
_STYLE = 'QLineEdit[problem="true"] { border: 2px solid #9a3b2f; }'


@dataclass(frozen=True)
class CourseStart:
    """What the dialog opens with: the practice's current versions and values."""

    contraindications: ContraindicationList
    list_made: str | None  # when that version was stored; None: the shipped default
    document: ConsentDocument
    document_made: str | None
    settings: ReadinessSettings
    therapist_name: str  # for the consent preview
    today: dt.date
    windows: CourseWindows = CourseWindows()
    take_home: TakeHomeSettings = TakeHomeSettings()


@dataclass(frozen=True)
class CourseChanges:
    """What to save; None where nothing changed."""

    items: tuple[ContraindicationItem, ...] | None = None
    document: tuple[str, str] | None = None  # (title, template)
    settings: ReadinessSettings | None = None
    windows: CourseWindows | None = None
    take_home: TakeHomeSettings | None = None


Saver = Callable[[CourseChanges], list[str]]  # the problems that stopped it; [] when saved


class DraftPage(Protocol):
    """What each page offers the dialog (its `changed` signal aside)."""

    def problems(self) -> list[str]: ...

    def is_changed(self) -> bool: ...


class CourseSettingsDialog(QDialog):
    def __init__(self, start: CourseStart, save: Saver, parent: QWidget | None = None,
                 confirm: Confirm = ask) -> None:
        super().__init__(parent)
        self._save_changes = save
        self._confirm = confirm
        self.setWindowTitle("KAPDesk — Course settings")
        self.setAccessibleName("Course settings")
        self.setStyleSheet(editor_style() + _STYLE)
        self.list_editor = ContraindicationsEditor(start.contraindications, start.list_made)
        self.consent_editor = ConsentDocumentEditor(start.document, start.document_made,
                                                    start.therapist_name, start.today)
        self.values_editor = CourseValuesEditor(start.settings)
        self.after_dose_editor = AfterDoseEditor(start.windows, start.take_home)
        self.pages = QTabWidget()
        self.pages.setAccessibleName("Course settings pages")
        for number, (page, title) in enumerate(self._named_pages()):
            self.pages.addTab(page, title)
            self.pages.setTabToolTip(number, f"{title} ({PAGE_KEYS[number]})")
            QShortcut(QKeySequence(PAGE_KEYS[number]), self,
                      lambda n=number: self.pages.setCurrentIndex(n))
        self.problems_label = name_by_role(wrapped_label("", "error"), "Problems")
        policy = self.problems_label.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.problems_label.setSizePolicy(policy)
        self.cancel_button = action_button("Cancel", None, self._cancel, self)
        self.save_button = action_button("Save course settings", "Ctrl+S", self.save, self,
                                         primary=True)
        self._lay_out()
        # No button answers Enter: in a dialog Qt would press the first "auto-default"
        # button (Cancel, or an item's Remove) from any field. Enter adds a typed item;
        # Ctrl+S saves. (The list's rows do the same for the buttons they add.)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        for editor in self._editors():
            editor.changed.connect(self._show_problems)  # type: ignore[attr-defined]
        self._show_problems()

    def _named_pages(self) -> tuple[tuple[QWidget, str], ...]:
        return ((self.list_editor, "Contraindications"), (self.consent_editor, "Consent document"),
                (self.values_editor, "Screening and measures"),
                (self.after_dose_editor, "After the dose"))

    def _editors(self) -> tuple[DraftPage, ...]:
        return (self.list_editor, self.consent_editor, self.values_editor, self.after_dose_editor)

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.problems_label, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 20)
        layout.addWidget(hint_label("Alt+1 to Alt+4 open the pages; Ctrl+S saves all four."))
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self.resize(1100, 720)

    # -- problems and saving ---------------------------------------------
    def problems(self) -> list[str]:
        return [f"{title}: {problem}" for (page, title) in self._named_pages()
                for problem in page.problems()]

    def is_changed(self) -> bool:
        return any(editor.is_changed() for editor in self._editors())

    def _show_problems(self) -> list[str]:
        problems = self.problems()
        set_hint(self.problems_label, "\n".join(problems))
        self.problems_label.setVisible(bool(problems))
        return problems

    def changes(self) -> CourseChanges:
        return CourseChanges(
            items=self.list_editor.items() if self.list_editor.is_changed() else None,
            document=((self.consent_editor.title(), self.consent_editor.template())
                      if self.consent_editor.is_changed() else None),
            settings=self.values_editor.settings() if self.values_editor.is_changed() else None,
            windows=(self.after_dose_editor.windows() if self.after_dose_editor.windows_changed()
                     else None),
            take_home=(self.after_dose_editor.take_home()
                       if self.after_dose_editor.take_home_changed() else None))

    def save(self) -> None:
        if self._show_problems():
            first = next(n for n, (page, _t) in enumerate(self._named_pages()) if page.problems())
            self.pages.setCurrentIndex(first)
            return
        refused = self._save_changes(self.changes())
        if refused:
            set_hint(self.problems_label, "\n".join(refused))
            self.problems_label.setVisible(True)
            return
        self.accept()

    def _cancel(self) -> None:
        super().reject()  # the deliberate way out: no question

    def reject(self) -> None:
        # Escape and the close box end here; a slip of a key must not lose typing.
        if not self.is_changed() or self._confirm(self, DISCARD_QUESTION):
            super().reject()


def _made(at: float | None, tz: dt.tzinfo | None) -> str | None:
    return None if at is None else local_datetime(at, tz).strftime("%Y-%m-%d %H:%M")


def course_start(services: Services, tz: dt.tzinfo | None = None) -> CourseStart:
    from kapdesk.storage.practice_settings_store import (load, load_course_windows, load_readiness,
                                                         load_take_home)

    items = services.documents.contraindications()
    document = services.documents.consent_document()
    return CourseStart(items, _made(services.documents.made_at(items), tz), document,
                       _made(services.documents.made_at(document), tz),
                       load_readiness(services.settings), load(services.settings).therapist_name,
                       services.today(), load_course_windows(services.settings),
                       load_take_home(services.settings))


def save_course_changes(services: Services, changes: CourseChanges) -> list[str]:
    """Store what changed through the stores; their refusal, in words, if any.
    (The dialog checked everything first, so a refusal here is a rule the draft
    did not know, and what was stored before it stays stored: each is whole.)"""
    from kapdesk.storage.course_errors import CourseRecordRefused
    from kapdesk.storage.practice_settings_store import (PracticeSettingsError, save_course_windows,
                                                         save_readiness, save_take_home)

    try:
        if changes.items is not None:
            services.documents.save_contraindications(changes.items)
        if changes.document is not None:
            title, template = changes.document
            services.documents.save_consent_document(template, title, services.today())
        if changes.settings is not None:
            save_readiness(services.settings, changes.settings)
        if changes.windows is not None:
            save_course_windows(services.settings, changes.windows)
        if changes.take_home is not None:
            save_take_home(services.settings, changes.take_home)
    except (CourseRecordRefused, PracticeSettingsError) as error:
        return [str(error)]
    return []


def edit_course_settings(services: Services, parent: QWidget | None = None,
                         run_dialog: Callable[[QDialog], int] = QDialog.exec,
                         confirm: Confirm = ask, tz: dt.tzinfo | None = None) -> bool:
    """Show the course settings; True when the therapist saved."""
    dialog = CourseSettingsDialog(course_start(services, tz),
                                  lambda changes: save_course_changes(services, changes),
                                  parent, confirm)
    return bool(run_dialog(dialog))
