"""The session settings: labelled defaults, the practice's choices, junk ignored."""

from __future__ import annotations

from kapdesk.core.vitals import VitalThresholds
from kapdesk.storage.settings import SettingsStore
from kapdesk.ui.session.settings import (DEFAULT_CHECKLIST, DEFAULT_QUICK_TAGS, SessionSettings,
                                         load_session_settings)


def test_defaults_when_the_practice_has_set_nothing(practice) -> None:  # noqa: ANN001
    settings = load_session_settings(SettingsStore(practice))
    assert settings == SessionSettings()
    assert settings.checklist_items == ("Eye mask ready", "Music ready", "Phones silenced",
                                        "Ride home arranged") == DEFAULT_CHECKLIST
    assert settings.quick_tags[:3] == ("nausea", "tearful", "laughing") and \
        len(DEFAULT_QUICK_TAGS) == 9
    assert settings.thresholds == VitalThresholds() and settings.checkpoint_chime is False


def test_the_practice_choices_are_read(practice) -> None:  # noqa: ANN001
    store = SettingsStore(practice)
    store.set("checklist_items", [" Blanket ", "Bucket"])
    store.set("quick_tags", ["calm", "shivering"])
    store.set("vital_thresholds", {"alert_systolic": 170, "unknown": 1})
    store.set("checkpoint_chime", True)
    settings = load_session_settings(store)
    assert settings.checklist_items == ("Blanket", "Bucket")
    assert settings.quick_tags == ("calm", "shivering")
    assert settings.thresholds == VitalThresholds(alert_systolic=170)
    assert settings.checkpoint_chime is True


def test_an_emptied_list_is_a_choice_but_junk_falls_back(practice) -> None:  # noqa: ANN001
    store = SettingsStore(practice)
    store.set("checklist_items", [])
    store.set("quick_tags", [3, None])
    store.set("vital_thresholds", {"alert_systolic": "high"})
    store.set("checkpoint_chime", "yes")
    settings = load_session_settings(store)
    assert settings.checklist_items == ()
    assert settings.quick_tags == DEFAULT_QUICK_TAGS
    assert settings.thresholds == VitalThresholds()
    assert settings.checkpoint_chime is False
