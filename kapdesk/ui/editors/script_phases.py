"""The phases tab of the script editor: the phase list and the form for one phase.

The panel does not own the script. Every edit is handed to `apply` as a step
(Script -> Script) and the editor calls `sync` back with the result, so the
phase and checkpoint tabs always show the same draft (moving a phase moves the
checkpoints anchored to it).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kapdesk.core import script_editing as editing
from kapdesk.core.script import (PHASE_KINDS, Phase, Script, kind_words, music_words,
                                 phase_length_fits)
from kapdesk.ui.common.form_controls import (combo_box, line_edit, live_hint, mark_problem, select_data,
                                             set_hint, spin_box, text_area, wrapping_list)
from kapdesk.ui.common.widgets import action_button

Step = Callable[[Script], Script]
MusicMinutes = Callable[[str], "float | None"]

KIND_CHOICES = [(kind, kind_words(kind)) for kind in PHASE_KINDS] + [("", kind_words(""))]
SLOT_CHOICES = [(slot, music_words(editing.slot_from_choice(slot))) for slot in editing.MUSIC_SLOTS]


class PhasesPanel(QWidget):
    """List + form for the phases of the draft script."""

    # Emitted with the step; the editor applies it and calls `sync`.
    step_requested = Signal(object)

    def __init__(self, music_minutes_for_slot: MusicMinutes | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._music_minutes = music_minutes_for_slot
        self._script: Script | None = None
        self._read_only = True
        self._loading = False
        self._build()
        self._lay_out()

    # -- building -------------------------------------------------------
    def _build(self) -> None:
        # Room for a whole typical script (5-6 phases) without scrolling; a long
        # line wraps rather than hiding its music behind a scroll bar.
        self.phase_list = wrapping_list("Phases", 150)
        self.phase_list.currentRowChanged.connect(self._show_phase)
        self.add_button = action_button("Add phase", None, self._add, self)
        self.remove_button = action_button("Remove phase", None, self._remove, self)
        self.up_button = action_button("Move up", "Alt+Up", lambda: self._move(-1), self)
        self.up_button.setAccessibleName("Move the chosen phase up")
        self.down_button = action_button("Move down", "Alt+Down", lambda: self._move(1), self)
        self.down_button.setAccessibleName("Move the chosen phase down")
        self.name_edit = line_edit("Phase name", "e.g. Lying-down journey")
        self.minutes_box = spin_box("Planned minutes", " min")
        self.kind_box = combo_box("Kind of phase", KIND_CHOICES)
        self.kind_box.setToolTip("The kind tells KAPDesk which phase holds the dose, the "
                                 "journey, the debrief … Choose Other for anything else.")
        self.slot_box = combo_box("Music in this phase", SLOT_CHOICES)
        self.music_label = live_hint("Music length")
        self.guidance_edit = text_area("Guidance for the therapist", 0)
        # Guidance takes whatever height the dialog has to spare.
        self.guidance_edit.setMinimumHeight(76)
        self.guidance_edit.setMaximumHeight(16777215)
        self.guidance_edit.setPlaceholderText("What to do and watch for in this phase")
        self.name_edit.textEdited.connect(self._form_edited)
        self.minutes_box.valueChanged.connect(self._form_edited)
        self.kind_box.currentIndexChanged.connect(self._form_edited)
        self.slot_box.currentIndexChanged.connect(self._form_edited)
        self.guidance_edit.textChanged.connect(self._form_edited)

    def _lay_out(self) -> None:
        # Buttons beside the list, not under it: the dialog must fit a 768-pixel-high
        # laptop screen with the whole phase form visible.
        buttons = QVBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.phase_list, 1)
        top.addLayout(buttons)
        form = QFormLayout()
        form.setVerticalSpacing(8)
        form.addRow("Name", self.name_edit)
        length_row = QHBoxLayout()
        length_row.addWidget(self.minutes_box)
        length_row.addSpacing(24)
        kind_label = QLabel("Kind of phase")
        kind_label.setBuddy(self.kind_box)
        length_row.addWidget(kind_label)
        length_row.addSpacing(8)
        length_row.addWidget(self.kind_box, 1)
        form.addRow("Planned length", length_row)
        music_row = QVBoxLayout()
        music_row.setSpacing(4)
        music_row.addWidget(self.slot_box)
        music_row.addWidget(self.music_label)
        form.addRow("Music", music_row)
        form.addRow("Guidance", self.guidance_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(top)
        layout.addSpacing(6)
        layout.addLayout(form, 1)

    # -- showing the draft ----------------------------------------------
    def load(self, script: Script, read_only: bool, row: int = 0) -> None:
        """Show a (different) script from scratch, selecting phase `row`."""
        self._script = script
        self._read_only = read_only
        self._fill_list(row)
        self._set_editable()

    def sync(self, script: Script) -> None:
        """The draft changed: refresh the list lines, leave the form being typed in alone."""
        self._script = script
        if self.phase_list.count() != len(script.phases):
            self._fill_list(self.phase_list.currentRow())
            return
        for row, phase in enumerate(script.phases):
            self.phase_list.item(row).setText(self._line(row, phase))
        self._show_music(self.current_phase())
        self._mark_length()

    def _mark_length(self) -> None:
        phase = self.current_phase()
        mark_problem(self.minutes_box, phase is not None and not phase_length_fits(phase))

    def current_phase(self) -> Phase | None:
        row = self.phase_list.currentRow()
        if self._script is None or not 0 <= row < len(self._script.phases):
            return None
        return self._script.phases[row]

    def _fill_list(self, row: int) -> None:
        assert self._script is not None
        self.phase_list.blockSignals(True)
        self.phase_list.clear()
        for index, phase in enumerate(self._script.phases):
            self.phase_list.addItem(self._line(index, phase))
        self.phase_list.blockSignals(False)
        count = len(self._script.phases)
        self.phase_list.setCurrentRow(max(0, min(row, count - 1)) if count else -1)
        self._show_phase(self.phase_list.currentRow())

    def _line(self, index: int, phase: Phase) -> str:
        return editing.phase_line(index + 1, phase, self._minutes_of_music(phase))

    def _show_phase(self, row: int) -> None:
        phase = self.current_phase()
        self._loading = True
        try:
            self.name_edit.setText(phase.name if phase else "")
            self.minutes_box.setValue(editing.seconds_to_minutes(phase.planned_s) if phase else 0)
            kind = phase.kind if phase else ""
            select_data(self.kind_box, kind, kind_words(kind))
            slot = phase.music_slot if phase else None
            select_data(self.slot_box, editing.choice_from_slot(slot), music_words(slot))
            self.guidance_edit.setPlainText(phase.guidance if phase else "")
        finally:
            self._loading = False
        self._show_music(phase)
        self._mark_length()
        self._set_editable()

    def _minutes_of_music(self, phase: Phase) -> float | None:
        if self._music_minutes is None or phase.music_slot is None:
            return None
        return self._music_minutes(phase.music_slot)

    def _show_music(self, phase: Phase | None) -> None:
        if phase is None:
            text = ""
        elif phase.music_slot is None:
            text = "Silence in this phase."
        else:
            text = editing.music_length_text(self._minutes_of_music(phase), phase.planned_s,
                                             phase.music_slot)
        set_hint(self.music_label, text)
        self.music_label.setVisible(bool(text))

    def _set_editable(self) -> None:
        editable = not self._read_only
        has_phase = self.current_phase() is not None
        self.name_edit.setReadOnly(not editable)
        self.guidance_edit.setReadOnly(not editable)
        for control in (self.minutes_box, self.kind_box, self.slot_box):
            control.setEnabled(editable and has_phase)
        row, count = self.phase_list.currentRow(), self.phase_list.count()
        self.add_button.setEnabled(editable)
        self.remove_button.setEnabled(editable and has_phase and count > 1)
        self.up_button.setEnabled(editable and row > 0)
        self.down_button.setEnabled(editable and 0 <= row < count - 1)

    # -- edits ----------------------------------------------------------
    def _form_edited(self, *_args: object) -> None:
        row = self.phase_list.currentRow()
        if self._loading or self._read_only or self.current_phase() is None:
            return
        phase = editing.phase_from_form(
            self.name_edit.text(), self.minutes_box.value(), str(self.kind_box.currentData()),
            self.guidance_edit.toPlainText(), str(self.slot_box.currentData()))
        # The draft holds trimmed text while the form keeps what is typed: `sync`
        # never refills the form, so a space typed at the end is not swallowed.
        self.step_requested.emit(lambda script: editing.replace_phase(script, row, phase))

    def _add(self) -> None:
        if self._script is None or self._read_only:
            return
        row = self.phase_list.currentRow() + 1
        phase = editing.new_phase(len(self._script.phases) + 1)
        self.step_requested.emit(lambda script: editing.insert_phase(script, row, phase))
        self._select_and_edit(row)

    def _remove(self) -> None:
        row = self.phase_list.currentRow()
        if self._read_only or self.current_phase() is None or self.phase_list.count() <= 1:
            return
        self.step_requested.emit(lambda script: editing.remove_phase(script, row))
        self._select_and_edit(min(row, self.phase_list.count() - 1))

    def _move(self, delta: int) -> None:
        row = self.phase_list.currentRow()
        target = row + delta
        if self._read_only or not 0 <= target < self.phase_list.count():
            return
        self.step_requested.emit(lambda script: editing.move_phase(script, row, target))
        self._select_and_edit(target)

    def _select_and_edit(self, row: int) -> None:
        assert self._script is not None
        self._fill_list(row)
        self._set_editable()
