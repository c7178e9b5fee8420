"""The settings dialog: editing every setting, inline problems, a round trip
through the real encrypted practice, and accessible names."""

from __future__ import annotations

from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QCheckBox, QComboBox, QDialog,
                               QLineEdit, QListWidget, QWidget)

from kapdesk.core.practice_settings import PracticeSettings
from kapdesk.core.vitals import VitalThresholds
from kapdesk.storage.practice_settings_store import load
from kapdesk.storage.settings import SettingsStore
from kapdesk.ui.editors.settings import SettingsDialog, edit_practice_settings


def make_dialog(qtbot, settings: PracticeSettings | None = None,  # noqa: ANN001
                confirm=lambda _parent, _question: True) -> SettingsDialog:  # noqa: ANN001
    dialog = SettingsDialog(settings or PracticeSettings(), confirm=confirm)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_it_shows_the_settings_it_was_given(qtbot) -> None:  # noqa: ANN001
    settings = PracticeSettings(therapist_name="Dr. A. Lee", checkpoint_chime=True, crossfade_s=3)
    dialog = make_dialog(qtbot, settings)
    assert dialog.name_edit.text() == "Dr. A. Lee"
    assert dialog.checklist_editor.items() == list(settings.checklist_items)
    assert dialog.tags_editor.items() == list(settings.quick_tags)
    assert dialog.threshold_boxes["alert_systolic"].value() == 180
    assert dialog.chime_box.isChecked() and dialog.crossfade_box.value() == 3
    assert dialog.current_settings() == settings
    assert not dialog.problems_label.isVisible()


def test_settings_round_trip_through_the_practice(qtbot, practice) -> None:  # noqa: ANN001
    store = SettingsStore(practice)

    def fill_and_save(dialog: QDialog) -> int:
        assert isinstance(dialog, SettingsDialog)
        qtbot.addWidget(dialog)
        dialog.name_edit.setText("  Dr. A. Lee, LMFT ")
        dialog.checklist_editor.new_edit.setText("Blanket ready")
        dialog.checklist_editor.add_typed()
        dialog.tags_editor.list.setCurrentRow(8)  # bathroom
        dialog.tags_editor.remove_current()
        dialog.tags_editor.new_edit.setText("shivering")
        dialog.tags_editor.new_edit.returnPressed.emit()
        dialog.tags_editor.list.setCurrentRow(8)
        dialog.tags_editor.move_current(-1)
        dialog.threshold_boxes["alert_heart_rate"].setValue(130)
        dialog.chime_box.setChecked(True)
        dialog.crossfade_box.setValue(9)
        dialog.phase_fade_box.setValue(5)
        dialog.save_button.click()
        return dialog.result()

    saved = edit_practice_settings(store, run_dialog=fill_and_save)
    expected = PracticeSettings(
        therapist_name="Dr. A. Lee, LMFT",
        checklist_items=("Eye mask ready", "Music ready", "Phones silenced", "Ride home arranged",
                         "Blanket ready"),
        quick_tags=("nausea", "tearful", "laughing", "talking", "restless", "asleep",
                    "eye mask off", "shivering", "water"),
        vital_thresholds=VitalThresholds(alert_heart_rate=130),
        checkpoint_chime=True, crossfade_s=9, phase_fade_s=5)
    assert saved == expected
    assert load(store) == expected

    shown = make_dialog(qtbot, load(store))
    assert shown.current_settings() == expected


def test_cancel_saves_nothing(qtbot, practice) -> None:  # noqa: ANN001
    store = SettingsStore(practice)

    def cancel(dialog: QDialog) -> int:
        qtbot.addWidget(dialog)
        dialog.name_edit.setText("Someone")
        dialog.cancel_button.click()
        return dialog.result()

    assert edit_practice_settings(store, run_dialog=cancel) is None
    assert store.get("therapist_name") is None


def test_problems_show_inline_and_block_saving(qtbot) -> None:  # noqa: ANN001
    dialog = make_dialog(qtbot)
    dialog.tags_editor.new_edit.setText("Nausea")
    dialog.tags_editor.add_typed()
    problems = dialog.problems_label.text()
    assert dialog.problems_label.isVisible()
    assert "Quick tags: “Nausea” is listed twice." in problems
    assert "At most 9 quick tags" in problems
    dialog.threshold_boxes["alert_systolic"].setValue(130)
    assert "alert levels must be above" in dialog.problems_label.text()
    dialog.save_button.click()
    assert dialog.result_settings is None and dialog.isVisible()
    dialog.tags_editor.remove_current()
    dialog.restore_button.click()
    assert dialog.threshold_boxes["alert_systolic"].value() == 180
    assert not dialog.problems_label.isVisible()
    dialog.save_button.click()
    assert dialog.result_settings == PracticeSettings()


def test_an_emptied_tag_is_reported_not_dropped(qtbot) -> None:  # noqa: ANN001
    dialog = make_dialog(qtbot)
    dialog.tags_editor.list.item(0).setText("  ")
    assert "a quick tag is empty" in dialog.problems_label.text()


def test_restore_defaults_resets_only_the_limits(qtbot) -> None:  # noqa: ANN001
    custom = PracticeSettings(therapist_name="Dr. Lee",
                              vital_thresholds=VitalThresholds(pre_dose_max_systolic=150,
                                                               alert_spo2_below=88))
    dialog = make_dialog(qtbot, custom)
    dialog.restore_button.click()
    assert dialog.current_settings().vital_thresholds == VitalThresholds()
    assert dialog.current_settings().therapist_name == "Dr. Lee"


def test_every_control_has_an_accessible_name(qtbot) -> None:  # noqa: ANN001
    dialog = make_dialog(qtbot)
    controls = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QListWidget, QCheckBox)
    unnamed = [
        type(w).__name__ for w in dialog.findChildren(QWidget)
        if isinstance(w, controls) and not isinstance(w.parent(), (QAbstractSpinBox, QComboBox))
        and not w.accessibleName()
    ]
    assert unnamed == []
    names = {w.accessibleName() for w in dialog.findChildren(QWidget)}
    assert {"Therapist's name", "Quick tags", "Checklist items", "Restore default vital-sign limits",
            "Alert above this heart rate", "Crossfade between tracks"} <= names


def test_a_mistyped_limit_is_kept_and_refused_in_words_not_clamped(qtbot) -> None:  # noqa: ANN001
    dialog = make_dialog(qtbot)
    for box, text in ((dialog.threshold_boxes["alert_systolic"], "1800"),
                      (dialog.crossfade_box, "20")):
        box.setFocus()
        box.selectAll()
        qtbot.keyClicks(box, text)
    assert dialog.threshold_boxes["alert_systolic"].value() == 1800
    assert dialog.crossfade_box.value() == 20
    problems = dialog.problems_label.text()
    assert "“Alert at or above this systolic pressure” is 1800; expected 100–260." in problems
    assert "The crossfade between tracks must be 0–12 seconds, not 20." in problems
    marked = [name for name, box in dialog.threshold_boxes.items() if box.property("problem")]
    assert marked == ["alert_systolic"] and dialog.crossfade_box.property("problem")
    assert not dialog.phase_fade_box.property("problem")
    dialog.save_button.click()
    assert dialog.result_settings is None and dialog.isVisible()


def test_escape_with_changes_asks_before_discarding_them(qtbot) -> None:  # noqa: ANN001
    from PySide6.QtCore import Qt

    asked: list[str] = []
    answers = iter([False, True])
    dialog = make_dialog(qtbot, confirm=lambda _p, question: asked.append(question) or next(answers))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing changed: closes at once
    assert not dialog.isVisible() and asked == []
    dialog.show()
    dialog.name_edit.setText("Dr. Lee")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == ["Discard your changes to the settings?"] and dialog.isVisible()
    assert dialog.name_edit.text() == "Dr. Lee"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
