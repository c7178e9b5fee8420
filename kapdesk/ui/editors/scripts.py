"""The script library: the practice's session scripts, and an editor for its own.

Built-in scripts are shown read-only; "Duplicate" stores an editable copy
("<name> (copy)", a new id) and opens it. The editor keeps one draft `Script`
and replaces it on every edit (through the pure steps in
`kapdesk.core.script_editing`); it lists `script_problems` in words as they
arise and will not save a script that has any.

Music lengths come from an optional `music_minutes_for_slot(slot)` callable so
this module needs nothing from the music library; without it the editor simply
does not mention music length.

Between sessions only: this dialog may ask before discarding unsaved changes,
which the session screen never would.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QFrame, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QTabWidget, QVBoxLayout, QWidget)

from kapdesk.core import script_editing as editing
from kapdesk.core.script import Script, script_problems
from kapdesk.storage.scripts import ScriptStore, ScriptStoreError
from kapdesk.ui.common.form_controls import (Confirm, ask, editor_style, line_edit, live_hint,
                                             name_by_role, set_hint)
from kapdesk.ui.editors.script_checkpoints import CheckpointsPanel
from kapdesk.ui.editors.script_phases import MusicMinutes, PhasesPanel
from kapdesk.ui.common.widgets import action_button, wrapped_label

ScriptRole = Qt.ItemDataRole.UserRole

READ_ONLY_TEXT = ("Built-in scripts are read-only, so every practice keeps a known starting "
                  "point. Duplicate it (Ctrl+D) to make your own version.")
DIRTY_TEXT = "Save or discard your changes to open another script."


class ScriptEditor(QWidget):
    """The right-hand pane: one script's name, phases, checkpoints, problems, Save."""

    def __init__(self, music_minutes_for_slot: MusicMinutes | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Script editor")
        self._original: Script | None = None
        self.draft: Script | None = None
        self.on_save: Callable[[Script], str | None] = lambda _script: None
        self.on_dirty_changed: Callable[[bool], None] = lambda _dirty: None
        self._build(music_minutes_for_slot)
        self._lay_out()

    def _build(self, music_minutes_for_slot: MusicMinutes | None) -> None:
        self.name_edit = line_edit("Script name")
        self.name_edit.textEdited.connect(self._name_edited)
        self.read_only_label = name_by_role(wrapped_label(READ_ONLY_TEXT, "warning"),
                                            "Read-only script")
        self.total_label = live_hint("Total length")
        self.total_label.setWordWrap(False)
        self.phases = PhasesPanel(music_minutes_for_slot)
        self.checkpoints = CheckpointsPanel()
        for panel in (self.phases, self.checkpoints):
            panel.step_requested.connect(self.apply)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Phases and checkpoints")
        self.tabs.addTab(self.phases, "Phases")
        self.tabs.addTab(self.checkpoints, "Checkpoints")
        self.problems_label = name_by_role(wrapped_label("", "error"), "Problems")
        self.status_label = live_hint("Save status")
        self.discard_button = action_button("Discard changes", None, self.discard, self)
        self.save_button = action_button("Save script", "Ctrl+S", self.save, self, primary=True)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel("Name"))
        top.addWidget(self.name_edit, 1)
        top.addSpacing(16)
        top.addWidget(self.total_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.save_button)
        self.button_row = buttons  # the dialog adds its Close button here
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.read_only_label)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.problems_label)
        layout.addLayout(buttons)

    # -- the draft ------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self.draft is not None and self.draft != self._original

    @property
    def read_only(self) -> bool:
        return self.draft is None or self.draft.builtin

    def load(self, script: Script) -> None:
        """Show a saved script; its draft starts equal to it."""
        self._original = self.draft = script
        self.name_edit.setText(script.name)
        self.name_edit.setReadOnly(script.builtin)
        self.read_only_label.setVisible(script.builtin)
        self.phases.load(script, script.builtin)
        self.checkpoints.load(script, script.builtin)
        set_hint(self.status_label, "")
        self._refresh()

    def apply(self, step: Callable[[Script], Script]) -> None:
        """Apply one edit to the draft and show its consequences everywhere."""
        if self.draft is None or self.read_only:
            return
        was_dirty = self.dirty
        self.draft = step(self.draft)
        self.phases.sync(self.draft)
        self.checkpoints.sync(self.draft)
        set_hint(self.status_label, "")
        self._refresh()
        if self.dirty != was_dirty:
            self.on_dirty_changed(self.dirty)

    def _name_edited(self, text: str) -> None:
        self.apply(lambda script: replace(script, name=text.strip()))

    def _refresh(self) -> None:
        assert self.draft is not None
        set_hint(self.total_label, editing.total_length_text(self.draft))
        self.tabs.setTabText(0, f"Phases ({len(self.draft.phases)})")
        self.tabs.setTabText(1, f"Checkpoints ({len(self.draft.checkpoints)})")
        problems = [] if self.read_only else script_problems(self.draft)
        set_hint(self.problems_label, _problem_text(problems))
        self.problems_label.setVisible(bool(problems))
        self.save_button.setVisible(not self.read_only)
        self.discard_button.setVisible(not self.read_only)
        self.save_button.setEnabled(self.dirty)
        self.discard_button.setEnabled(self.dirty)

    # -- save / discard -------------------------------------------------
    def save(self) -> bool:
        """Save the draft if it has no problems; False (with the reason shown) if not."""
        if self.draft is None or self.read_only or not self.dirty:
            return False
        problems = script_problems(self.draft)
        if problems:
            set_hint(self.status_label, "Not saved: fix the problems above first.")
            return False
        error = self.on_save(self.draft)
        if error:
            set_hint(self.status_label, f"Not saved: {error}")
            return False
        self._original = self.draft
        set_hint(self.status_label, "Saved.")
        self._refresh()
        self.on_dirty_changed(False)
        return True

    def discard(self) -> None:
        if self._original is not None:
            self.load(self._original)
            self.on_dirty_changed(False)


def _problem_text(problems: list[str]) -> str:
    if not problems:
        return ""
    return "This script cannot be saved yet:\n" + "\n".join(f"•  {p}" for p in problems)


class ScriptLibraryDialog(QDialog):
    """The list of scripts beside the editor for the selected one."""

    def __init__(self, store: ScriptStore,
                 music_minutes_for_slot: MusicMinutes | None = None,
                 confirm: Confirm = ask, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("KAPDesk — Session scripts")
        self.setAccessibleName("Session scripts")
        self.setStyleSheet(editor_style())
        self._store = store
        self._confirm = confirm
        self.editor = ScriptEditor(music_minutes_for_slot)
        self.editor.on_save = self._store_script
        self.editor.on_dirty_changed = self._dirty_changed
        self._build()
        self._lay_out()
        self.refresh()

    def _build(self) -> None:
        self.script_list = QListWidget()
        self.script_list.setAccessibleName("Scripts")
        self.script_list.setObjectName("scriptList")
        self.script_list.setSpacing(2)
        self.script_list.currentItemChanged.connect(lambda *_: self._open_current())
        self.duplicate_button = action_button("Duplicate", "Ctrl+D", self.duplicate, self)
        self.archive_button = action_button("Remove from list", None, self.archive, self)
        self.archive_button.setToolTip("Archive this script: past sessions keep their copy of it.")
        self.dirty_label = live_hint("Unsaved changes", DIRTY_TEXT)
        self.dirty_label.setVisible(False)
        self.close_button = action_button("Close", None, self.reject, self)

    def _lay_out(self) -> None:
        left = QVBoxLayout()
        left.addWidget(wrapped_label("Session scripts", "title", "Session scripts"))
        left.addWidget(self.script_list, 1)
        left.addWidget(self.dirty_label)
        left.addWidget(self.duplicate_button)
        left.addWidget(self.archive_button)
        card = QFrame()
        card.setObjectName("card")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(18, 16, 18, 16)
        inner.addWidget(self.editor)
        # Close sits with Save so the dialog needs no extra row at the bottom.
        self.editor.button_row.addSpacing(12)
        self.editor.button_row.addWidget(self.close_button)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(20)
        side = QWidget()
        side.setLayout(left)
        side.setFixedWidth(300)
        left.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(side)
        layout.addWidget(card, 1)
        self.resize(1080, 700)

    # -- the list -------------------------------------------------------
    def refresh(self, select_id: str | None = None) -> None:
        current = select_id or self.current_script_id()
        self.script_list.blockSignals(True)
        self.script_list.clear()
        for script in self._store.all():
            item = QListWidgetItem(_list_text(script))
            item.setData(ScriptRole, script.id)
            self.script_list.addItem(item)
        self.script_list.blockSignals(False)
        row = next((r for r in range(self.script_list.count())
                    if self.script_list.item(r).data(ScriptRole) == current), 0)
        self.script_list.setCurrentRow(row)
        self._open_current()

    def current_script_id(self) -> str | None:
        item = self.script_list.currentItem()
        return None if item is None else item.data(ScriptRole)

    def _open_current(self) -> None:
        script_id = self.current_script_id()
        if script_id is None:
            return
        script = self._store.get(script_id)
        self.editor.load(script)
        self.duplicate_button.setEnabled(True)
        self.archive_button.setEnabled(not script.builtin)

    # -- actions --------------------------------------------------------
    def duplicate(self) -> None:
        """Store an editable copy of the selected script and open it."""
        source = self.editor.draft
        if source is None or self.editor.dirty:
            return
        copy = editing.duplicate_script(source)
        error = self._store_script(copy)
        if error:
            set_hint(self.editor.status_label, f"Could not duplicate: {error}")
            return
        self.refresh(select_id=copy.id)
        self.editor.name_edit.setFocus()
        self.editor.name_edit.selectAll()

    def archive(self) -> None:
        script = self.editor.draft
        if script is None or script.builtin:
            return
        if not self._confirm(self, f"Remove “{script.name}” from the list of scripts? "
                                   "Past sessions keep their own copy of it."):
            return
        self._store.archive(script.id)
        self.refresh()

    def _store_script(self, script: Script) -> str | None:
        try:
            self._store.save(script)
        except ScriptStoreError as error:
            return str(error)
        self._update_list_line(script)
        return None

    def _update_list_line(self, script: Script) -> None:
        for row in range(self.script_list.count()):
            item = self.script_list.item(row)
            if item.data(ScriptRole) == script.id:
                item.setText(_list_text(script))

    def _dirty_changed(self, dirty: bool) -> None:
        # One script at a time: switching away would silently lose the draft.
        self.script_list.setEnabled(not dirty)
        self.duplicate_button.setEnabled(not dirty)
        self.archive_button.setEnabled(not dirty and not self.editor.read_only)
        self.dirty_label.setVisible(dirty)

    # -- closing --------------------------------------------------------
    def _may_close(self) -> bool:
        return not self.editor.dirty or self._confirm(
            self, "Close without saving your changes to this script?")

    def reject(self) -> None:
        # Escape, the Close button and the window's close box all end up here
        # (QDialog.closeEvent calls reject and stays open if it did not close).
        if self._may_close():
            super().reject()


def _list_text(script: Script) -> str:
    length = editing.length_text(script.total_planned_s)
    owner = "Built-in · read-only" if script.builtin else "Your script"
    return f"{script.name}\n{owner} · {length}"


def open_script_library(store: ScriptStore, parent: QWidget | None = None,
                        music_minutes_for_slot: MusicMinutes | None = None) -> None:
    """Show the library modally (between sessions), as the main window's Scripts button does."""
    ScriptLibraryDialog(store, music_minutes_for_slot, parent=parent).exec()
