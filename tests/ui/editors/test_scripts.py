"""The script library and editor, driven through its widgets on a real encrypted practice."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit,
                               QListWidget, QPlainTextEdit, QWidget)

from kapdesk.core.builtin_scripts import BUILTIN_SCRIPTS, KAP_SUBLINGUAL
from kapdesk.storage.scripts import ScriptStore
from kapdesk.ui.editors.scripts import ScriptLibraryDialog
from tests.helpers.stubs import Answers

MUSIC = {"dissolve": 12.0, "journey": 38.0, "return": 0.0}


@pytest.fixture
def store(practice, clock) -> ScriptStore:  # noqa: ANN001
    return ScriptStore(practice, clock)


def open_library(qtbot, store: ScriptStore, confirm=None, music=MUSIC.get) -> ScriptLibraryDialog:  # noqa: ANN001
    dialog = ScriptLibraryDialog(store, music, confirm=confirm or Answers(True))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def select_script(dialog: ScriptLibraryDialog, script_id: str) -> None:
    for row in range(dialog.script_list.count()):
        if dialog.script_list.item(row).data(0x0100) == script_id:
            dialog.script_list.setCurrentRow(row)
            return
    raise AssertionError(f"{script_id} is not listed")


def test_built_ins_are_listed_and_read_only(qtbot, store) -> None:  # noqa: ANN001
    dialog = open_library(qtbot, store)
    lines = [dialog.script_list.item(r).text() for r in range(dialog.script_list.count())]
    assert lines[0] == "KAP — sublingual lozenge\nBuilt-in · read-only · 1 h 55 min"
    assert len(lines) == len(BUILTIN_SCRIPTS)
    editor = dialog.editor
    assert editor.read_only_label.isVisible()
    assert editor.name_edit.isReadOnly()
    assert not editor.save_button.isVisible()
    assert not editor.phases.minutes_box.isEnabled()
    assert not editor.phases.add_button.isEnabled()
    assert not dialog.archive_button.isEnabled()
    assert editor.total_label.text() == "1 h 55 min in 5 phases"


def test_duplicate_edit_a_phase_length_save_and_reopen(qtbot, store) -> None:  # noqa: ANN001
    dialog = open_library(qtbot, store)
    dialog.duplicate_button.click()
    editor = dialog.editor
    copy_id = dialog.current_script_id()
    assert copy_id not in {s.id for s in BUILTIN_SCRIPTS}
    assert editor.name_edit.text() == "KAP — sublingual lozenge (copy)"
    assert not editor.read_only_label.isVisible() and not editor.name_edit.isReadOnly()

    editor.phases.phase_list.setCurrentRow(2)
    assert editor.phases.name_edit.text() == "Lying-down journey"
    editor.phases.minutes_box.setValue(75)
    assert editor.dirty and editor.total_label.text() == "2 h 10 min in 5 phases"
    assert not dialog.script_list.isEnabled()  # one draft at a time
    editor.save_button.click()
    assert editor.status_label.text() == "Saved."
    assert not editor.dirty and dialog.script_list.isEnabled()
    dialog.done(0)

    again = open_library(qtbot, store)
    select_script(again, copy_id)
    again.editor.phases.phase_list.setCurrentRow(2)
    assert again.editor.phases.minutes_box.value() == 75
    assert store.get(copy_id).phases[2].planned_s == 75 * 60
    assert store.get(KAP_SUBLINGUAL.id) == KAP_SUBLINGUAL


def test_an_invalid_script_shows_why_and_is_not_saved(qtbot, store) -> None:  # noqa: ANN001
    dialog = open_library(qtbot, store)
    dialog.duplicate()
    editor = dialog.editor
    copy_id = dialog.current_script_id()
    editor.name_edit.clear()
    editor.name_edit.textEdited.emit("")  # what typing the name away does
    editor.phases.phase_list.setCurrentRow(1)
    editor.phases.minutes_box.setValue(0)
    problems = editor.problems_label.text()
    assert editor.problems_label.isVisible()
    assert "Give the script a name." in problems
    assert "Phase 2 (“Dose & dissolve”) must last longer than zero minutes." in problems
    assert editor.save() is False
    assert editor.status_label.text().startswith("Not saved")
    assert store.get(copy_id).name == "KAP — sublingual lozenge (copy)"
    editor.phases.minutes_box.setValue(15)
    editor.name_edit.setText("Lozenge, longer dissolve")
    editor.name_edit.textEdited.emit("Lozenge, longer dissolve")
    assert not editor.problems_label.isVisible()
    assert editor.save() is True
    assert store.get(copy_id).name == "Lozenge, longer dissolve"


def test_music_length_is_shown_per_phase_from_the_hook(qtbot, store) -> None:  # noqa: ANN001
    asked: list[str] = []

    def minutes(slot: str) -> float | None:
        asked.append(slot)
        return MUSIC.get(slot)

    dialog = open_library(qtbot, store, music=minutes)
    phases = dialog.editor.phases
    phases.phase_list.setCurrentRow(2)
    assert phases.music_label.text() == "38 min of music for a 60 min phase"
    assert phases.phase_list.item(2).text().endswith("♪ Journey music (38 min)")
    phases.phase_list.setCurrentRow(0)
    assert phases.music_label.text() == "Silence in this phase."
    assert "none" not in asked  # silence needs no music length
    phases.phase_list.setCurrentRow(3)
    assert phases.music_label.text() == ("No Return music chosen yet for a 30 min phase "
                                         "(Music, in the header)")


def test_without_a_music_hook_no_length_is_claimed(qtbot, store) -> None:  # noqa: ANN001
    dialog = open_library(qtbot, store, music=None)
    dialog.editor.phases.phase_list.setCurrentRow(2)
    assert not dialog.editor.phases.music_label.isVisible()
    assert dialog.editor.phases.phase_list.item(2).text() == \
        "3. Lying-down journey — 60 min · ♪ Journey music"


def test_changing_the_music_slot_updates_the_length(qtbot, store) -> None:  # noqa: ANN001
    dialog = open_library(qtbot, store)
    dialog.duplicate()
    phases = dialog.editor.phases
    phases.phase_list.setCurrentRow(0)
    phases.slot_box.setCurrentIndex(phases.slot_box.findData("dissolve"))
    assert dialog.editor.draft.phases[0].music_slot == "dissolve"
    assert phases.music_label.text() == "12 min of music for a 10 min phase"
    phases.slot_box.setCurrentIndex(phases.slot_box.findData("none"))
    assert dialog.editor.draft.phases[0].music_slot is None


def test_add_move_and_remove_phases_keep_checkpoints_on_their_phase(qtbot, store) -> None:  # noqa: ANN001
    dialog = open_library(qtbot, store)
    dialog.duplicate()
    editor, phases = dialog.editor, dialog.editor.phases
    phases.phase_list.setCurrentRow(4)  # Discharge, which "Discharge BP" counts from
    phases.up_button.click()
    assert [p.name for p in editor.draft.phases][3:] == ["Discharge", "Debrief"]
    assert phases.phase_list.currentRow() == 3
    assert editor.draft.checkpoint("discharge-bp").phase_index == 3
    phases.add_button.click()
    assert len(editor.draft.phases) == 6 and phases.phase_list.currentRow() == 4
    assert phases.name_edit.text() == "Phase 6"
    phases.name_edit.setText("Rest")
    phases.name_edit.textEdited.emit("Rest")
    phases.guidance_edit.setPlainText("Quiet rest before the debrief.")
    assert editor.draft.phases[4].name == "Rest"
    assert editor.draft.phases[4].guidance == "Quiet rest before the debrief."
    phases.remove_button.click()
    assert [p.name for p in editor.draft.phases] == ["Check-in", "Dose & dissolve",
                                                      "Lying-down journey", "Discharge", "Debrief"]
    phases.phase_list.setCurrentRow(3)
    phases.remove_button.click()  # the phase a checkpoint counts from
    assert "points at a phase that is not in the script" in editor.problems_label.text()
    assert editor.save() is False


def test_checkpoints_are_edited_in_words(qtbot, store) -> None:  # noqa: ANN001
    dialog = open_library(qtbot, store)
    dialog.duplicate()
    editor, panel = dialog.editor, dialog.editor.checkpoints
    editor.tabs.setCurrentWidget(panel)
    panel.checkpoint_list.setCurrentRow(1)
    assert panel.label_edit.text() == "40-minute BP"
    assert panel.when_label.text() == "Due 40 min after the dose."
    assert not panel.phase_box.isVisibleTo(panel)
    panel.offset_box.setValue(45)
    panel.anchor_box.setCurrentIndex(panel.anchor_box.findData("phase"))
    assert panel.phase_box.isVisibleTo(panel)
    panel.phase_box.setCurrentIndex(panel.phase_box.findData(2))
    panel.grace_box.setValue(10)
    edited = editor.draft.checkpoints[1]
    assert (edited.anchor, edited.phase_index, edited.offset_s, edited.grace_s) == ("phase", 2, 2700, 600)
    assert panel.checkpoint_list.item(1).text() == (
        "40-minute BP — vitals, 45 min after the start of “Lying-down journey”")
    panel.add_button.click()
    assert len(editor.draft.checkpoints) == 4 and panel.checkpoint_list.currentRow() == 3
    panel.label_edit.setText("Sedation check")
    panel.label_edit.textEdited.emit("Sedation check")
    panel.kind_box.setCurrentIndex(panel.kind_box.findData("check"))
    assert editor.draft.checkpoints[3].label == "Sedation check"
    panel.label_edit.setText("")
    panel.label_edit.textEdited.emit("")
    assert "needs a label" in editor.problems_label.text()
    panel.remove_button.click()
    assert len(editor.draft.checkpoints) == 3
    assert editor.save() is True
    assert store.get(editor.draft.id).checkpoints[1].phase_index == 2


def test_discard_returns_to_the_saved_script(qtbot, store) -> None:  # noqa: ANN001
    dialog = open_library(qtbot, store)
    dialog.duplicate()
    saved = dialog.editor.draft
    dialog.editor.phases.minutes_box.setValue(1)
    assert dialog.editor.dirty
    dialog.editor.discard_button.click()
    assert dialog.editor.draft == saved and not dialog.editor.dirty
    assert dialog.script_list.isEnabled()


def test_closing_with_unsaved_changes_asks_first(qtbot, store) -> None:  # noqa: ANN001
    answers = Answers(False)
    dialog = open_library(qtbot, store, confirm=answers)
    dialog.duplicate()
    dialog.editor.phases.minutes_box.setValue(3)
    dialog.close_button.click()
    assert answers.asked == ["Close without saving your changes to this script?"]
    assert dialog.isVisible()
    answers.answer = True
    dialog.reject()
    assert not dialog.isVisible()


def test_archiving_an_own_script_removes_it_from_the_list(qtbot, store) -> None:  # noqa: ANN001
    answers = Answers(True)
    dialog = open_library(qtbot, store, confirm=answers)
    dialog.duplicate()
    copy_id = dialog.current_script_id()
    assert dialog.archive_button.isEnabled()
    dialog.archive_button.click()
    assert len(answers.asked) == 1
    assert copy_id not in [s.id for s in store.all()]
    assert dialog.script_list.count() == len(BUILTIN_SCRIPTS)


def test_every_control_has_an_accessible_name(qtbot, store) -> None:  # noqa: ANN001
    dialog = open_library(qtbot, store)
    dialog.duplicate()
    controls = (QAbstractButton, QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QListWidget)
    unnamed = [
        f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}"
        for w in dialog.findChildren(QWidget)
        if isinstance(w, controls)
        # The line edit inside a spin box or combo is part of that control.
        and not isinstance(w.parent(), (QAbstractSpinBox, QComboBox))
        and type(w).__name__ not in ("QTabBar", "QToolButton")  # the tab bar's own scroll arrows
        and not w.accessibleName()
    ]
    assert unnamed == []


def type_into(qtbot, box: QAbstractSpinBox, text: str) -> None:  # noqa: ANN001
    """Select what the box holds and type `text` key by key, as a person does."""
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, text)


def test_a_phase_of_999_minutes_is_refused_in_words_and_kept_as_typed(qtbot, store) -> None:  # noqa: ANN001
    dialog = open_library(qtbot, store)
    dialog.duplicate()
    editor = dialog.editor
    copy_id = dialog.current_script_id()
    editor.phases.phase_list.setCurrentRow(2)
    type_into(qtbot, editor.phases.minutes_box, "999")
    assert editor.phases.minutes_box.value() == 999  # never silently cut to 99 or 600
    assert ("Phase 3 (“Lying-down journey”) is set to 999 min; a phase lasts 1 to 600 minutes."
            in editor.problems_label.text())
    assert editor.phases.minutes_box.property("problem") is True  # the box is outlined
    assert editor.save() is False
    assert store.get(copy_id).phases[2].planned_s == 60 * 60
    type_into(qtbot, editor.phases.minutes_box, "90")
    assert not editor.problems_label.isVisible()
    assert editor.phases.minutes_box.property("problem") is False
    assert editor.save() is True


def test_checkpoint_times_out_of_range_are_refused_in_words(qtbot, store) -> None:  # noqa: ANN001
    dialog = open_library(qtbot, store)
    dialog.duplicate()
    editor = dialog.editor
    editor.tabs.setCurrentIndex(1)
    panel = editor.checkpoints
    panel.checkpoint_list.setCurrentRow(0)
    label = panel.label_edit.text()
    type_into(qtbot, panel.offset_box, "1000")
    type_into(qtbot, panel.grace_box, "150")
    assert (panel.offset_box.value(), panel.grace_box.value()) == (1000, 150)
    problems = editor.problems_label.text()
    assert (f"Checkpoint “{label}” is due 1000 min after it starts counting; it can be due "
            "0 to 600 minutes after.") in problems
    assert f"Checkpoint “{label}” turns overdue 150 min after it is due; that can be 0 to 120 " \
           "minutes." in problems
    assert panel.offset_box.property("problem") is True and panel.grace_box.property("problem")
    assert editor.save() is False


def test_kinds_and_music_read_as_words_never_as_identifiers(qtbot, store) -> None:  # noqa: ANN001
    dialog = open_library(qtbot, store)
    phases = dialog.editor.phases
    phases.phase_list.setCurrentRow(0)
    assert phases.kind_box.currentText() == "Check-in"
    assert phases.slot_box.currentText() == "Silence"
    phases.phase_list.setCurrentRow(1)
    assert phases.kind_box.currentText() == "Dose (the dose is recorded in it)"
    assert phases.slot_box.currentText() == "Dissolve music"
    shown = [phases.kind_box.itemText(i) for i in range(phases.kind_box.count())] + \
        [phases.slot_box.itemText(i) for i in range(phases.slot_box.count())]
    assert not any(text in {"check-in", "dose", "none", "journey"} for text in shown)
    assert not any("slot" in text.lower() for text in shown)


def test_combo_boxes_are_named_by_what_they_are_not_by_their_value(qtbot, store) -> None:  # noqa: ANN001
    from PySide6.QtGui import QAccessible

    dialog = open_library(qtbot, store)
    phases = dialog.editor.phases
    phases.phase_list.setCurrentRow(2)
    kind = QAccessible.queryAccessibleInterface(phases.kind_box)
    music = QAccessible.queryAccessibleInterface(phases.slot_box)
    assert kind.text(QAccessible.Text.Name) == "Kind of phase"
    assert kind.text(QAccessible.Text.Value) == "Journey"
    assert music.text(QAccessible.Text.Name) == "Music in this phase"
    assert music.text(QAccessible.Text.Value) == "Journey music"
    assert kind.role() == QAccessible.Role.ComboBox
