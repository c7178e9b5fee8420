"""Practice settings stored in the encrypted practice under their own keys."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kapdesk.core.practice_settings import DEFAULT_CHECKLIST, DEFAULT_QUICK_TAGS, PracticeSettings
from kapdesk.core.vitals import VitalThresholds
from kapdesk.storage.practice import open_practice
from kapdesk.storage.practice_settings_store import PracticeSettingsError, load, save
from kapdesk.storage.settings import SettingsStore
from tests.helpers.constants import PASSPHRASE


def test_a_new_practice_has_the_defaults(practice) -> None:  # noqa: ANN001
    assert load(SettingsStore(practice)) == PracticeSettings()


def test_saved_settings_survive_reopening(practice, data_dir) -> None:  # noqa: ANN001
    settings = PracticeSettings(
        therapist_name="Dr. A. Lee", checklist_items=("Blanket ready", "Phones silenced"),
        quick_tags=("shivering", "calm"), vital_thresholds=VitalThresholds(alert_heart_rate=130),
        checkpoint_chime=True, crossfade_s=10, phase_fade_s=4)
    save(SettingsStore(practice), settings)
    practice.close()
    reopened = open_practice(data_dir, PASSPHRASE)
    try:
        assert load(SettingsStore(reopened)) == settings
    finally:
        reopened.close()


def test_each_field_has_the_key_other_screens_read(practice) -> None:  # noqa: ANN001
    store = SettingsStore(practice)
    save(store, replace(PracticeSettings(), therapist_name="Dr. Lee", checkpoint_chime=True))
    assert store.get("therapist_name") == "Dr. Lee"
    assert store.get("checkpoint_chime") is True
    assert store.get("quick_tags")[0] == "nausea"
    assert store.get("checklist_items") == ["Eye mask ready", "Music ready", "Phones silenced",
                                            "Ride home arranged"]
    assert store.get("vital_thresholds")["alert_systolic"] == 180
    assert store.get("crossfade_s") == 6 and store.get("phase_fade_s") == 8


def test_invalid_settings_are_refused_and_nothing_is_written(practice) -> None:  # noqa: ANN001
    store = SettingsStore(practice)
    bad = replace(PracticeSettings(), therapist_name="Dr. Lee", quick_tags=("a", "A"))
    with pytest.raises(PracticeSettingsError, match="listed twice"):
        save(store, bad)
    assert store.get("therapist_name") is None
    assert load(store) == PracticeSettings()


def test_a_damaged_value_falls_back_to_its_default(practice) -> None:  # noqa: ANN001
    store = SettingsStore(practice)
    store.set("quick_tags", "nausea")  # not a list
    store.set("therapist_name", "Dr. Lee")
    settings = load(store)
    assert settings.quick_tags == PracticeSettings().quick_tags
    assert settings.therapist_name == "Dr. Lee"


# What the session screens read when a session opens (they read it here, once).

def test_defaults_when_the_practice_has_set_nothing(practice) -> None:  # noqa: ANN001
    settings = load(SettingsStore(practice))
    assert settings == PracticeSettings()
    assert settings.checklist_items == ("Eye mask ready", "Music ready", "Phones silenced",
                                        "Ride home arranged") == DEFAULT_CHECKLIST
    assert settings.quick_tags[:3] == ("nausea", "tearful", "laughing") and \
        len(DEFAULT_QUICK_TAGS) == 9
    assert settings.vital_thresholds == VitalThresholds() and settings.checkpoint_chime is False


def test_the_practice_choices_are_read(practice) -> None:  # noqa: ANN001
    store = SettingsStore(practice)
    store.set("checklist_items", [" Blanket ", "Bucket"])
    store.set("quick_tags", ["calm", "shivering"])
    store.set("vital_thresholds", {"alert_systolic": 170, "unknown": 1})
    store.set("checkpoint_chime", True)
    settings = load(store)
    assert settings.checklist_items == ("Blanket", "Bucket")
    assert settings.quick_tags == ("calm", "shivering")
    assert settings.vital_thresholds == VitalThresholds(alert_systolic=170)
    assert settings.checkpoint_chime is True


def test_an_emptied_list_is_a_choice_but_junk_falls_back(practice) -> None:  # noqa: ANN001
    store = SettingsStore(practice)
    store.set("checklist_items", [])
    store.set("quick_tags", [3, None])
    store.set("vital_thresholds", {"alert_systolic": "high"})
    store.set("checkpoint_chime", "yes")
    settings = load(store)
    assert settings.checklist_items == ()
    assert settings.quick_tags == DEFAULT_QUICK_TAGS
    assert settings.vital_thresholds == VitalThresholds()
    assert settings.checkpoint_chime is False


def test_backup_settings_are_kept_when_the_settings_dialog_saves(practice) -> None:  # noqa: ANN001
    from kapdesk.core.practice_settings import BackupSettings
    from kapdesk.storage.practice_settings_store import load_backup_settings, save_backup_settings

    store = SettingsStore(practice)
    assert load_backup_settings(store) == BackupSettings(daily=12, weekly=10, monthly=9, second_folder="")
    chosen = BackupSettings(daily=5, weekly=4, monthly=24, second_folder="/media/usb/kapdesk")
    save_backup_settings(store, chosen)
    save(store, PracticeSettings(therapist_name="Dr. Lee"))  # the dialog does not show them
    assert load_backup_settings(store) == chosen
    with pytest.raises(PracticeSettingsError, match="one a week: -1 is not 0–100"):
        save_backup_settings(store, replace(chosen, weekly=-1))
    assert load_backup_settings(store) == chosen
