"""Practice settings: the name for signing, the pre-dose checklist, quick tags,
vital-sign limits with their labelled defaults, and how the music moves.

Problems are listed in words as they arise and Save refuses while there are
any. The dialog only edits a `PracticeSettings`; `edit_practice_settings`
loads and saves it through the practice's SettingsStore.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QDialog, QFormLayout, QFrame, QGridLayout, QHBoxLayout,
                               QLabel, QSpinBox, QVBoxLayout, QWidget)

from kapdesk.core.practice_settings import (CROSSFADE_S, MAX_QUICK_TAGS, PHASE_FADE_S,
                                            PracticeSettings, fields_out_of_range,
                                            settings_problems)
from kapdesk.core.vitals import THRESHOLD_LABELS, VitalThresholds
from kapdesk.core.practice_settings import LockMinutes
from kapdesk.storage.practice_settings_store import load, load_lock_minutes, save, save_lock_minutes
from kapdesk.storage.settings import SettingsStore
from kapdesk.ui.common.form_controls import (Confirm, ask, editor_style, hint_label, line_edit,
                                             mark_problem, name_by_role, section_heading, set_hint,
                                             spin_box, with_default)
from kapdesk.ui.editors.course_button import add_course_section, course_button
from kapdesk.ui.editors.list_editor import TextListEditor
from kapdesk.ui.editors.lock_settings import LockFields
from kapdesk.ui.common.widgets import action_button, wrapped_label

DialogRunner = Callable[[QDialog], int]

# Shown under the limits so the therapist sees where each default comes from (DOMAIN.md).
THRESHOLD_SOURCES = (
    "The defaults: 140/90 is an IV ketamine clinic's published dosing rule; 180/110 and a "
    "heart rate of 120 come from reported clinic practice; below 90% is the usual clinical "
    "definition of low oxygen. Your practice decides.")
# (row label, VitalThresholds fields, unit); each spin box keeps the full
# THRESHOLD_LABELS text as its accessible name.
THRESHOLD_ROWS = (
    ("Highest blood pressure for dosing without a recorded reason",
     ("pre_dose_max_systolic", "pre_dose_max_diastolic"), "mmHg"),
    ("Alert at or above this blood pressure", ("alert_systolic", "alert_diastolic"), "mmHg"),
    ("Alert above this heart rate", ("alert_heart_rate",), "bpm"),
    ("Alert below this oxygen saturation", ("alert_spo2_below",), "%"),
)
TAGS_HINT = (f"One click or one number key each during a session, in this order; "
             f"at most {MAX_QUICK_TAGS} (keys 1–{MAX_QUICK_TAGS}).")


BACKUPS_KEY = "Ctrl+B"
BACKUPS_HINT = "Every backup of the practice, checked or failed, and Back up now."

DISCARD_QUESTION = "Discard your changes to the settings?"


class SettingsDialog(QDialog):
    """The settings form. Esc or the window's close box with changes made asks
    first ("Discard your changes?", keeping them is the default); Cancel is
    the deliberate way out and does not ask."""

    def __init__(self, settings: PracticeSettings, parent: QWidget | None = None,
                 confirm: Confirm = ask, open_backups: Callable[[QWidget], object] | None = None,
                 open_course: Callable[[QWidget], object] | None = None,
                 open_audit: Callable[[QWidget], object] | None = None,
                 lock_minutes: LockMinutes | None = None,
                 change_passphrase: Callable[[QWidget], object] | None = None) -> None:
        super().__init__(parent)
        self._confirm = confirm
        self._open_backups = open_backups
        self._open_course = open_course
        self._open_audit = open_audit  # the audit trail's read-only page (audit_view.py)
        # Locking (ui/editors/lock_settings.py): the idle lock's minutes and Change passphrase.
        self.lock_fields = LockFields(lock_minutes or LockMinutes(), change_passphrase)
        self._lock_shown = self.lock_fields.minutes()
        self.setWindowTitle("KAPDesk — Settings")
        self.setAccessibleName("Settings")
        self.setStyleSheet(editor_style())
        self.result_settings: PracticeSettings | None = None
        self._build()
        self._lay_out()
        self.set_settings(settings)
        self._shown = self.current_settings()
        self.name_edit.setFocus()  # the first field, not Save (Qt's pick for a dialog)
        for editor in (self.checklist_editor, self.tags_editor):
            editor.changed.connect(self._show_problems)
        self.name_edit.textChanged.connect(self._show_problems)
        for box in (*self.threshold_boxes.values(), self.crossfade_box, self.phase_fade_box):
            box.valueChanged.connect(self._show_problems)

    # -- building -------------------------------------------------------
    def _build(self) -> None:
        self.name_edit = line_edit("Therapist's name", "e.g. Dr. A. Lee, LMFT")
        self.checklist_editor = TextListEditor("Checklist items", "Add an item, e.g. Blanket ready")
        self.tags_editor = TextListEditor("Quick tags", "Add a tag, e.g. shivering")
        self.threshold_boxes: dict[str, QSpinBox] = {}
        for field in fields(VitalThresholds):
            box = spin_box(THRESHOLD_LABELS[field.name])
            box.setMinimumWidth(90)
            self.threshold_boxes[field.name] = box
        self.restore_button = action_button("Restore defaults", None, self.restore_threshold_defaults,
                                            self)
        self.restore_button.setAccessibleName("Restore default vital-sign limits")
        self.chime_box = QCheckBox("Soft chime when a checkpoint comes due")
        self.chime_box.setAccessibleName("Soft chime when a checkpoint comes due")
        self.crossfade_box = spin_box("Crossfade between tracks", " s")
        self.phase_fade_box = spin_box("Fade at a phase change", " s")
        # Backups are listed (and made by hand) in a dialog of their own, over this one:
        # nothing there is a setting to save or discard.
        self.backups_button = action_button("Backups…", BACKUPS_KEY, self._show_backups, self)
        self.backups_button.setAccessibleName("Backups")
        self.backups_button.setVisible(self._open_backups is not None)
        # Course settings (course_settings.py) save on their own, as Backups do.
        self.course_button = course_button(self, self._open_course)
        self.audit_button = action_button("Audit trail…", "Ctrl+T", lambda: self._open_audit(self), self)
        self.audit_button.setAccessibleName("Audit trail")
        self.audit_button.setVisible(self._open_audit is not None)
        self.problems_label = name_by_role(wrapped_label("", "error"), "Problems")
        # Keep its room when there is nothing to say, so the buttons stay put at the right.
        policy = self.problems_label.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.problems_label.setSizePolicy(policy)
        self.cancel_button = action_button("Cancel", None, self._cancel, self)
        self.save_button = action_button("Save settings", "Ctrl+S", self._save, self, primary=True)
        self.save_button.setDefault(True)

    def _lay_out(self) -> None:
        left = QVBoxLayout()
        left.setSpacing(6)
        left.addWidget(section_heading("Your name, for signing"))
        left.addWidget(self.name_edit)
        left.addWidget(hint_label("As it appears beside your signature on a session record."))
        left.addSpacing(12)
        left.addWidget(section_heading("Checklist before the dose"))
        left.addWidget(self.checklist_editor, 4)
        left.addSpacing(12)
        left.addWidget(section_heading("Quick tags"))
        left.addWidget(hint_label(TAGS_HINT))
        left.addWidget(self.tags_editor, 6)
        right = QVBoxLayout()
        right.setSpacing(6)
        right.addWidget(section_heading("Vital-sign limits"))
        right.addLayout(self._threshold_grid())
        right.addWidget(hint_label(THRESHOLD_SOURCES))
        restore_row = QHBoxLayout()
        restore_row.addWidget(self.restore_button)
        restore_row.addStretch(1)
        right.addLayout(restore_row)
        right.addSpacing(16)
        right.addWidget(section_heading("Sound"))
        right.addWidget(self.chime_box)
        sound = QFormLayout()
        sound.addRow("Crossfade between tracks", with_default(self.crossfade_box, "default 6 s"))
        sound.addRow("Fade at a phase change", with_default(self.phase_fade_box, "default 8 s"))
        right.addLayout(sound)
        if self._open_backups is not None:
            right.addSpacing(16)
            right.addWidget(section_heading("Backups"))
            right.addWidget(hint_label(BACKUPS_HINT))
            backups_row = QHBoxLayout()
            backups_row.addWidget(self.backups_button)
            backups_row.addWidget(self.audit_button)
            backups_row.addStretch(1)
            right.addLayout(backups_row)
        add_course_section(right, self.course_button)
        right.addSpacing(16)
        right.addWidget(self.lock_fields)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.setSpacing(28)
        columns.addLayout(left, 1)
        columns.addWidget(_divider())
        columns.addLayout(right, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.problems_label, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addLayout(columns, 1)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        self.resize(1000, 690)

    def _threshold_grid(self) -> QGridLayout:
        """Each limit: its words on one line, the value(s) below; blood pressure as
        "systolic / diastolic" on one row, as it is written in a chart."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        for number, (text, names, unit) in enumerate(THRESHOLD_ROWS):
            row = 2 * number
            label = QLabel(text)
            label.setBuddy(self.threshold_boxes[names[0]])
            if number:
                grid.setRowMinimumHeight(row, 30)  # air between limits
                grid.setAlignment(label, Qt.AlignmentFlag.AlignBottom)
            grid.addWidget(label, row, 0, 1, 6)
            grid.addWidget(self.threshold_boxes[names[0]], row + 1, 0)
            if len(names) == 2:
                grid.addWidget(QLabel("/"), row + 1, 1)
                grid.addWidget(self.threshold_boxes[names[1]], row + 1, 2)
            grid.addWidget(QLabel(unit), row + 1, 3)
            default = "/".join(str(getattr(VitalThresholds(), name)) for name in names)
            hint = hint_label(f"default {default}", f"{text}: default {default}")
            hint.setWordWrap(False)
            grid.addWidget(hint, row + 1, 4)
        grid.setColumnMinimumWidth(3, 40)
        grid.setColumnStretch(5, 1)
        return grid

    # -- values ---------------------------------------------------------
    def set_settings(self, settings: PracticeSettings) -> None:
        self.name_edit.setText(settings.therapist_name)
        self.checklist_editor.set_items(settings.checklist_items)
        self.tags_editor.set_items(settings.quick_tags)
        self._set_thresholds(settings.vital_thresholds)
        self.chime_box.setChecked(settings.checkpoint_chime)
        self.crossfade_box.setValue(settings.crossfade_s)
        self.phase_fade_box.setValue(settings.phase_fade_s)
        self._show_problems()

    def _set_thresholds(self, thresholds: VitalThresholds) -> None:
        for name, box in self.threshold_boxes.items():
            box.setValue(getattr(thresholds, name))

    def restore_threshold_defaults(self) -> None:
        self._set_thresholds(VitalThresholds())

    def current_settings(self) -> PracticeSettings:
        # Trimmed but not filtered: an emptied row is reported, not silently dropped.
        return PracticeSettings(
            therapist_name=self.name_edit.text().strip(),
            checklist_items=tuple(item.strip() for item in self.checklist_editor.items()),
            quick_tags=tuple(item.strip() for item in self.tags_editor.items()),
            vital_thresholds=VitalThresholds(
                **{name: box.value() for name, box in self.threshold_boxes.items()}),
            checkpoint_chime=self.chime_box.isChecked(),
            crossfade_s=self.crossfade_box.value(),
            phase_fade_s=self.phase_fade_box.value(),
        )

    def _show_problems(self, *_args: object) -> list[str]:
        settings = self.current_settings()
        problems = settings_problems(settings)
        wrong = fields_out_of_range(settings)
        boxes = {**self.threshold_boxes, CROSSFADE_S: self.crossfade_box,
                 PHASE_FADE_S: self.phase_fade_box}
        for name, box in boxes.items():
            mark_problem(box, name in wrong)
        set_hint(self.problems_label, "\n".join(problems))
        self.problems_label.setVisible(bool(problems))
        return problems

    def _show_backups(self) -> None:
        if self._open_backups is not None:
            self._open_backups(self)

    def _cancel(self) -> None:
        super().reject()

    def reject(self) -> None:
        # Esc and the close box end up here; a slip of a key must not lose edits.
        unchanged = self.current_settings() == self._shown and self.lock_fields.minutes() == self._lock_shown
        if unchanged or self._confirm(self, DISCARD_QUESTION):
            super().reject()

    def _save(self) -> None:
        if self._show_problems():
            return
        self.result_settings = self.current_settings()
        self.accept()



def _divider() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.VLine)
    line.setStyleSheet("color: #d8d0c3;")
    return line


def edit_practice_settings(store: SettingsStore, parent: QWidget | None = None,
                           run_dialog: DialogRunner = QDialog.exec,
                           open_backups: Callable[[QWidget], object] | None = None,
                           open_course: Callable[[QWidget], object] | None = None,
                           open_audit: Callable[[QWidget], object] | None = None,
                           change_passphrase: Callable[[QWidget], object] | None = None,
                           ) -> PracticeSettings | None:
    """Show the settings; save and return them if the therapist saved, else None.
    `open_backups(parent)` shows Settings -> Backups (no Backups button without it);
    `change_passphrase(parent)` the change of passphrase (no button without it)."""
    dialog = SettingsDialog(load(store), parent, open_backups=open_backups, open_course=open_course,
                            open_audit=open_audit, lock_minutes=load_lock_minutes(store),
                            change_passphrase=change_passphrase)
    if run_dialog(dialog) and dialog.result_settings is not None:
        save(store, dialog.result_settings)
        save_lock_minutes(store, dialog.lock_fields.minutes())
        return dialog.result_settings
    return None
