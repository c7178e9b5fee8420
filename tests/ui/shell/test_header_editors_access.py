"""The between-session screens (scripts, music, settings) as a screen reader and a
keyboard-only user meet them: read through Qt's accessibility interfaces, the
same ones the AT-SPI bridge reads on a real display."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QComboBox, QDialog, QLabel,
                               QLineEdit, QListWidget, QPlainTextEdit, QSlider, QTreeWidget,
                               QWidget)

from kapdesk.core.builtin_scripts import BUILTIN_SCRIPTS
from kapdesk.core.practice_settings import PracticeSettings
from kapdesk.storage.music import MusicStore
from kapdesk.storage.scripts import ScriptStore
from kapdesk.storage.settings import SettingsStore
from kapdesk.ui.common.tasks import TaskRunner
from kapdesk.ui.music.library_window import MusicLibraryDialog
from kapdesk.ui.editors.scripts import ScriptLibraryDialog
from kapdesk.ui.editors.settings import SettingsDialog
from tests.helpers.audio_files import write_tone

CONTROLS = (QAbstractButton, QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QListWidget,
            QTreeWidget, QSlider)


def shown(dialog: QDialog, kind: type | tuple[type, ...]) -> list[QWidget]:
    return [w for w in dialog.findChildren(QWidget)
            if isinstance(w, kind) and w.isVisible()
            # The line edit inside a spin box or combo is part of that control.
            and not isinstance(w.parent(), (QAbstractSpinBox, QComboBox))]


def tab_chain(dialog: QDialog) -> list[QWidget]:
    """Every widget Tab reaches, in order, going once round the dialog."""
    reached, widget, tab = [], dialog.nextInFocusChain(), Qt.FocusPolicy.TabFocus
    for _ in range(2000):
        if widget is dialog:
            break
        if widget.isVisible() and widget.isEnabled() and widget.focusPolicy() & tab == tab:
            reached.append(widget)
        widget = widget.nextInFocusChain()
    return reached


def check_page(dialog: QDialog) -> None:
    """What every page must hold to: named controls, reachable by Tab, labels
    whose accessible name says what they show, combo boxes named by what they are."""
    reachable = tab_chain(dialog)
    for control in shown(dialog, CONTROLS):
        if not control.isEnabled():
            continue
        assert control in reachable, f"Tab never reaches {control.accessibleName()!r}"
        name = QAccessible.queryAccessibleInterface(control).text(QAccessible.Text.Name)
        assert name.strip(), f"an unnamed {type(control).__name__}"
        assert not name.replace(":", "").replace(" ", "").isdigit(), name
    for combo in shown(dialog, QComboBox):
        read = QAccessible.queryAccessibleInterface(combo).text(QAccessible.Text.Name)
        assert read == combo.accessibleName() and read != combo.currentText(), read
    for label in shown(dialog, QLabel):
        text = " ".join(label.text().split())
        read = QAccessible.queryAccessibleInterface(label).text(QAccessible.Text.Name)
        assert text.casefold() in " ".join(read.split()).casefold(), \
            f"the label showing {text!r} reads as {read!r}"


@pytest.fixture
def music_dialog(qtbot, practice, clock, tmp_path: Path) -> MusicLibraryDialog:  # noqa: ANN001
    folder = tmp_path / "bundled"
    folder.mkdir()
    catalog = [{"file": "a.wav", "title": "Arrival", "duration_s": 0.2,
                "suggested_phase": "journey"}]
    (folder / "catalog.json").write_text(json.dumps(catalog), "utf-8")
    write_tone(folder / "a.wav", 0.2, rate=8000)
    dialog = MusicLibraryDialog(MusicStore(practice, clock, folder, SettingsStore(practice)),
                                lambda: BUILTIN_SCRIPTS, TaskRunner())
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_every_music_page_reads_well(music_dialog) -> None:  # noqa: ANN001
    for page in range(music_dialog.view.tabs.count()):
        music_dialog.view.tabs.setCurrentIndex(page)
        check_page(music_dialog)


def test_the_script_editor_reads_well_on_both_tabs(qtbot, practice, clock) -> None:  # noqa: ANN001
    dialog = ScriptLibraryDialog(ScriptStore(practice, clock), {"journey": 32.0}.get,
                                 confirm=lambda _parent, _question: True)
    qtbot.addWidget(dialog)
    dialog.show()
    steps: list[Callable[[], object]] = [
        lambda: None, dialog.duplicate, lambda: dialog.editor.tabs.setCurrentIndex(1)]
    for step in steps:
        step()
        check_page(dialog)
    dialog.editor.checkpoints.label_edit.setText("")
    dialog.editor.checkpoints.label_edit.textEdited.emit("")
    assert dialog.editor.problems_label.accessibleName().startswith(
        "Problems: This script cannot be saved yet:")


def test_settings_read_well_and_problems_are_read_out(qtbot) -> None:  # noqa: ANN001
    dialog = SettingsDialog(PracticeSettings(), confirm=lambda _parent, _question: True)
    qtbot.addWidget(dialog)
    dialog.show()
    check_page(dialog)
    dialog.crossfade_box.setValue(40)
    assert dialog.problems_label.accessibleName() == (
        "Problems: The crossfade between tracks must be 0–12 seconds, not 40.")


def focused_after_opening(qtbot, dialog: QDialog) -> QWidget | None:  # noqa: ANN001
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.isActiveWindow(), timeout=2000)
    return dialog.focusWidget()


def test_each_editor_opens_with_the_cursor_where_the_work_starts(qtbot, music_dialog,  # noqa: ANN001
                                                                 practice, clock) -> None:
    assert focused_after_opening(qtbot, music_dialog) is music_dialog.view.tabs.tabBar()
    music_dialog.close()
    scripts = ScriptLibraryDialog(ScriptStore(practice, clock))
    qtbot.addWidget(scripts)
    scripts.show()
    assert focused_after_opening(qtbot, scripts) is scripts.script_list
    scripts.close()
    settings = SettingsDialog(PracticeSettings(), confirm=lambda _parent, _question: True)
    qtbot.addWidget(settings)
    settings.show()
    assert focused_after_opening(qtbot, settings) is settings.name_edit
