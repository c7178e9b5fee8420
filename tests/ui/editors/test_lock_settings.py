"""Settings → Locking: the idle lock's two settings with their defaults and "Off", saved
through the real practice; changing only them asks before discarding; Change passphrase."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog

from kapdesk.core.practice_settings import IDLE_LOCK_MINUTES, SESSION_LOCK_MINUTES, LockMinutes, PracticeSettings
from kapdesk.storage.practice_settings_store import load_lock_minutes
from kapdesk.storage.settings import SettingsStore
from kapdesk.ui.editors.lock_settings import BETWEEN_LABEL, DURING_LABEL
from kapdesk.ui.editors.settings import DISCARD_QUESTION, SettingsDialog, edit_practice_settings
from tests.helpers.screenshots import save_screen, screenshot_folder


def test_the_defaults_are_five_minutes_between_sessions_and_off_during_one(qtbot, practice) -> None:  # noqa: ANN001
    store = SettingsStore(practice)
    seen = {}

    def look(dialog: QDialog) -> int:
        qtbot.addWidget(dialog)
        fields = dialog.lock_fields
        seen["between"] = fields.between_box.text()
        seen["during"] = fields.during_box.text()
        seen["names"] = (fields.between_box.accessibleName(), fields.during_box.accessibleName())
        dialog.cancel_button.click()
        return dialog.result()

    edit_practice_settings(store, run_dialog=look)
    assert seen == {"between": "5 min", "during": "Off", "names": (BETWEEN_LABEL, DURING_LABEL)}


def test_the_minutes_round_trip_through_the_practice_and_zero_is_off(qtbot, practice) -> None:  # noqa: ANN001
    store = SettingsStore(practice)

    def set_them(dialog: QDialog) -> int:
        qtbot.addWidget(dialog)
        dialog.lock_fields.between_box.setValue(0)
        dialog.lock_fields.during_box.setValue(30)
        dialog.save_button.click()
        return dialog.result()

    edit_practice_settings(store, run_dialog=set_them)
    assert load_lock_minutes(store) == LockMinutes(0, 30)
    assert store.get(IDLE_LOCK_MINUTES) == 0 and store.get(SESSION_LOCK_MINUTES) == 30


def test_changing_only_the_minutes_asks_before_discarding(qtbot) -> None:  # noqa: ANN001
    asked = []
    dialog = SettingsDialog(PracticeSettings(), confirm=lambda _p, question: asked.append(question) or False)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reject()  # nothing changed: it closes without a question
    assert asked == [] and not dialog.isVisible()
    dialog.show()
    dialog.lock_fields.during_box.setValue(45)
    dialog.reject()
    assert asked == [DISCARD_QUESTION] and dialog.isVisible()  # kept: the answer was No
    dialog._cancel()  # as "Yes, discard" would: no window outlives its test


def test_change_passphrase_is_a_key_in_settings(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    opened = []
    dialog = SettingsDialog(PracticeSettings(), change_passphrase=opened.append,
                            open_backups=lambda _parent: None)
    qtbot.addWidget(dialog)
    dialog.show()
    button = dialog.lock_fields.change_button
    assert button.isVisible() and "Ctrl+Shift+K" in button.text() and button.accessibleName() == "Change passphrase"
    button.click()
    assert opened == [dialog]
    save_screen(dialog, screenshot_folder(tmp_path), "settings-locking.png")  # looked at: the Locking section fits
    plain = SettingsDialog(PracticeSettings())
    qtbot.addWidget(plain)
    assert not plain.lock_fields.change_button.isVisibleTo(plain)
