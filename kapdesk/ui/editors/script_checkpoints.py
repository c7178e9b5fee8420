"""The checkpoints tab of the script editor: when to take vitals or check on the client.

Like the phases tab it edits through steps (`step_requested`) and is told the
result through `sync`, so its phase chooser always lists the current phases.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QVBoxLayout, QWidget

from kapdesk.core import script_editing as editing
from kapdesk.core.script import Checkpoint, Script, checkpoint_times_fit
from kapdesk.ui.common.form_controls import (combo_box, line_edit, live_hint, mark_problem, select_data,
                                             set_hint, spin_box, wrapping_list)
from kapdesk.ui.common.widgets import action_button

KIND_CHOICES = [("vitals", "Vitals (blood pressure, heart rate)"), ("check", "Check on the client")]
ANCHOR_CHOICES = [("session", "the session start"), ("dose", "the dose"),
                  ("phase", "the start of a phase")]
EMPTY_TEXT = "No checkpoints. Add one for each vitals reading or check the session needs."


class CheckpointsPanel(QWidget):
    """List + form for the checkpoints of the draft script."""

    step_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._script: Script | None = None
        self._read_only = True
        self._loading = False
        self._build()
        self._lay_out()

    # -- building -------------------------------------------------------
    def _build(self) -> None:
        self.checkpoint_list = wrapping_list("Checkpoints", 170)
        self.checkpoint_list.currentRowChanged.connect(self._show_checkpoint)
        self.empty_label = live_hint("No checkpoints", EMPTY_TEXT)
        self.add_button = action_button("Add checkpoint", None, self._add, self)
        self.remove_button = action_button("Remove checkpoint", None, self._remove, self)
        self.label_edit = line_edit("Checkpoint label", "e.g. 40-minute BP")
        self.kind_box = combo_box("Checkpoint kind", KIND_CHOICES)
        self.anchor_box = combo_box("Counted from", ANCHOR_CHOICES)
        self.phase_box = combo_box("Phase counted from", [])
        self.offset_box = spin_box("Due after minutes", " min")
        self.grace_box = spin_box("Grace minutes", " min")
        self.grace_box.setToolTip("How long after it is due before it shows as overdue.")
        self.when_label = live_hint("When it is due")
        self.label_edit.textEdited.connect(self._form_edited)
        for box in (self.kind_box, self.anchor_box, self.phase_box):
            box.currentIndexChanged.connect(self._form_edited)
        self.offset_box.valueChanged.connect(self._form_edited)
        self.grace_box.valueChanged.connect(self._form_edited)

    def _lay_out(self) -> None:
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        top = QHBoxLayout()
        lists = QVBoxLayout()
        lists.addWidget(self.checkpoint_list, 1)
        lists.addWidget(self.empty_label)
        top.addLayout(lists, 1)
        top.addLayout(buttons)
        form = self._form = QFormLayout()
        form.setVerticalSpacing(8)
        form.addRow("Label", self.label_edit)
        form.addRow("Kind", self.kind_box)
        form.addRow("Counted from", self.anchor_box)
        form.addRow("Phase", self.phase_box)
        form.addRow("Due after", _left(self.offset_box))
        form.addRow("Overdue after a further", _left(self.grace_box))
        form.addRow("", self.when_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(top, 1)
        layout.addSpacing(6)
        layout.addLayout(form)

    # -- showing the draft ----------------------------------------------
    def load(self, script: Script, read_only: bool, row: int = 0) -> None:
        self._script = script
        self._read_only = read_only
        self._fill_phase_choices()
        self._fill_list(row)

    def sync(self, script: Script) -> None:
        """The draft changed: refresh lines and the phase chooser, not the form being typed in."""
        self._script = script
        self._fill_phase_choices()
        if self.checkpoint_list.count() != len(script.checkpoints):
            self._fill_list(self.checkpoint_list.currentRow())
            return
        for row, checkpoint in enumerate(script.checkpoints):
            self.checkpoint_list.item(row).setText(editing.checkpoint_line(checkpoint, script))
        self._show_when()

    def current_checkpoint(self) -> Checkpoint | None:
        row = self.checkpoint_list.currentRow()
        if self._script is None or not 0 <= row < len(self._script.checkpoints):
            return None
        return self._script.checkpoints[row]

    def _fill_phase_choices(self) -> None:
        assert self._script is not None
        checkpoint = self.current_checkpoint()
        self._loading = True
        try:
            self.phase_box.clear()
            for index, phase in enumerate(self._script.phases):
                self.phase_box.addItem(f"{index + 1}. {phase.name}", index)
            self._select_phase(checkpoint)
        finally:
            self._loading = False

    def _select_phase(self, checkpoint: Checkpoint | None) -> None:
        index = checkpoint.phase_index if checkpoint is not None else None
        position = self.phase_box.findData(index) if index is not None else -1
        # -1 (nothing chosen) for a phase that was removed: the problem list says so.
        self.phase_box.setCurrentIndex(position)

    def _fill_list(self, row: int) -> None:
        assert self._script is not None
        self.checkpoint_list.blockSignals(True)
        self.checkpoint_list.clear()
        for checkpoint in self._script.checkpoints:
            self.checkpoint_list.addItem(editing.checkpoint_line(checkpoint, self._script))
        self.checkpoint_list.blockSignals(False)
        count = len(self._script.checkpoints)
        self.checkpoint_list.setVisible(count > 0)
        self.empty_label.setVisible(count == 0)
        self.checkpoint_list.setCurrentRow(max(0, min(row, count - 1)) if count else -1)
        self._show_checkpoint(self.checkpoint_list.currentRow())

    def _show_checkpoint(self, _row: int) -> None:
        checkpoint = self.current_checkpoint()
        self._loading = True
        try:
            self.label_edit.setText(checkpoint.label if checkpoint else "")
            select_data(self.kind_box, checkpoint.kind if checkpoint else "vitals")
            select_data(self.anchor_box, checkpoint.anchor if checkpoint else "session")
            self._select_phase(checkpoint)
            offset = checkpoint.offset_s if checkpoint else 0
            grace = checkpoint.grace_s if checkpoint else 0
            self.offset_box.setValue(editing.seconds_to_minutes(offset))
            self.grace_box.setValue(editing.seconds_to_minutes(grace))
        finally:
            self._loading = False
        self._show_when()
        self._set_editable()

    def _show_when(self) -> None:
        checkpoint = self.current_checkpoint()
        text = ""
        if checkpoint is not None and self._script is not None:
            text = "Due " + editing.checkpoint_when(checkpoint, self._script) + "."
        set_hint(self.when_label, text)
        offset_fits, grace_fits = checkpoint_times_fit(checkpoint) if checkpoint else (True, True)
        mark_problem(self.offset_box, not offset_fits)
        mark_problem(self.grace_box, not grace_fits)

    def _set_editable(self) -> None:
        editable = not self._read_only
        has_one = self.current_checkpoint() is not None
        self.label_edit.setReadOnly(not editable)
        self.label_edit.setEnabled(has_one)
        for control in (self.kind_box, self.anchor_box, self.offset_box, self.grace_box):
            control.setEnabled(editable and has_one)
        # The phase chooser only means something for "the start of a phase".
        self._form.setRowVisible(self.phase_box, self.anchor_box.currentData() == "phase")
        self.phase_box.setEnabled(editable and has_one)
        self.add_button.setEnabled(editable)
        self.remove_button.setEnabled(editable and has_one)

    # -- edits ----------------------------------------------------------
    def _form_edited(self, *_args: object) -> None:
        checkpoint = self.current_checkpoint()
        if self._loading or self._read_only or checkpoint is None:
            return
        row = self.checkpoint_list.currentRow()
        if (self.anchor_box.currentData() == "phase" and self.phase_box.currentIndex() < 0
                and self.phase_box.count()):
            # Switching to "a phase" should not first show "points at a missing phase".
            self._loading = True
            self.phase_box.setCurrentIndex(0)
            self._loading = False
        phase_index = self.phase_box.currentData()
        edited = editing.checkpoint_from_form(
            checkpoint.id, self.label_edit.text(), str(self.kind_box.currentData()),
            str(self.anchor_box.currentData()),
            phase_index if isinstance(phase_index, int) else None,
            self.offset_box.value(), self.grace_box.value())
        self.step_requested.emit(lambda script: editing.replace_checkpoint(script, row, edited))
        self._set_editable()

    def _add(self) -> None:
        if self._script is None or self._read_only:
            return
        checkpoint = editing.new_checkpoint(self._script)
        self.step_requested.emit(lambda script: editing.add_checkpoint(script, checkpoint))
        self._fill_list(len(self._script.checkpoints) - 1)
        self.label_edit.setFocus()
        self.label_edit.selectAll()

    def _remove(self) -> None:
        row = self.checkpoint_list.currentRow()
        if self._read_only or self.current_checkpoint() is None:
            return
        self.step_requested.emit(lambda script: editing.remove_checkpoint(script, row))
        self._fill_list(row)


def _left(widget: QWidget) -> QHBoxLayout:
    """A short control kept at its own width instead of stretched across the form."""
    row = QHBoxLayout()
    row.addWidget(widget)
    row.addStretch(1)
    return row
