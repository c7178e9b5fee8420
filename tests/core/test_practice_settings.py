"""Practice settings: labelled defaults, problems in words, forgiving reading."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from kapdesk.core.measures import MeasureSettings
from kapdesk.core.practice_settings import (READINESS, SETTING_KEYS, VITAL_THRESHOLDS,
                                            PracticeSettings, clean_items, readiness_problems,
                                            readiness_settings, settings_problems, volume_from)
from kapdesk.core.readiness import ReadinessSettings
from kapdesk.core.screening import ScreeningSettings
from kapdesk.core.suicide_risk import RiskLevel
from kapdesk.core.vitals import VitalThresholds


def test_defaults_follow_the_issue_and_domain() -> None:
    settings = PracticeSettings()
    assert settings.therapist_name == ""
    assert settings.checklist_items == ("Eye mask ready", "Music ready", "Phones silenced",
                                        "Ride home arranged")
    assert settings.quick_tags == ("nausea", "tearful", "laughing", "talking", "restless",
                                   "asleep", "eye mask off", "water", "bathroom")
    assert settings.vital_thresholds == VitalThresholds()
    assert (settings.checkpoint_chime, settings.crossfade_s, settings.phase_fade_s) == (False, 6, 8)
    assert settings_problems(settings) == []


def test_lists_become_tuples() -> None:
    settings = PracticeSettings(quick_tags=["a", "b"], checklist_items=["x"])  # type: ignore[arg-type]
    assert settings.quick_tags == ("a", "b") and settings.checklist_items == ("x",)
    assert hash(settings)  # frozen and hashable, so it can be compared and cached


def test_round_trip_through_json_setting_values() -> None:
    settings = PracticeSettings(
        therapist_name="Dr. A. Lee", checklist_items=("Blanket",), quick_tags=("shivering", "calm"),
        vital_thresholds=VitalThresholds(alert_systolic=170), checkpoint_chime=True,
        crossfade_s=0, phase_fade_s=12)
    values = json.loads(json.dumps(settings.to_settings()))
    assert set(values) == set(SETTING_KEYS)
    assert PracticeSettings.from_settings(values) == settings


def test_missing_or_malformed_values_take_their_defaults() -> None:
    default = PracticeSettings()
    assert PracticeSettings.from_settings({}) == default
    damaged = {
        "therapist_name": 7, "checklist_items": "Eye mask", "quick_tags": [3, None],
        "vital_thresholds": {"alert_systolic": "high", "alert_heart_rate": 130, "unknown": 1},
        "checkpoint_chime": "yes", "crossfade_s": True, "phase_fade_s": 2.5,
    }
    read = PracticeSettings.from_settings(damaged)
    assert read == default


# Until the session screens and the settings dialog shared this reader, they
# read these stored values differently; the session screens' reading is kept
# (the first value is what the dialog, the review and the exports read then).
@pytest.mark.parametrize("key, stored, read", [
    # Items are trimmed and blank rows dropped (the dialog showed them raw).
    ("checklist_items", [" Blanket ", "", "Bucket"], ("Blanket", "Bucket")),
    # Junk among the items is dropped, the rest kept (the dialog fell back to the default).
    ("quick_tags", ["ok", 3], ("ok",)),
    # Nothing but junk falls back; an emptied list is a choice (both agreed on these).
    ("quick_tags", [3, None], PracticeSettings().quick_tags),
    ("checklist_items", [], ()),
    # Limits are read whole or not at all (the dialog kept the readable ones).
    ("vital_thresholds", {"alert_systolic": "high", "alert_heart_rate": 130}, VitalThresholds()),
    # A limit stored as text or with a fraction is read as the whole number (the dialog dropped it).
    ("vital_thresholds", {"alert_systolic": "170", "alert_heart_rate": 130.0},
     VitalThresholds(alert_systolic=170, alert_heart_rate=130)),
    ("vital_thresholds", {"alert_systolic": float("inf")}, VitalThresholds()),
    ("vital_thresholds", {"alert_systolic": 170, "unknown": 1}, VitalThresholds(alert_systolic=170)),
])
def test_one_reading_of_each_stored_value(key: str, stored: object, read: object) -> None:
    assert getattr(PracticeSettings.from_settings({key: stored}), key) == read


@pytest.mark.parametrize("stored, volume", [
    (0.4, 0.4), (0, 0.0), (1, 1.0), (None, 1.0), ("loud", 1.0), (True, 1.0), (1.5, 1.0),
    (-0.2, 1.0), (float("nan"), 1.0),
])
def test_a_kept_music_volume_is_read_forgivingly(stored: object, volume: float) -> None:
    assert volume_from(stored) == volume


@pytest.mark.parametrize("changes, expected", [
    ({"quick_tags": ("nausea", "")}, "Quick tags: a quick tag is empty"),
    ({"quick_tags": ("nausea", "Nausea ")}, "“Nausea” is listed twice"),
    ({"quick_tags": tuple(f"t{i}" for i in range(10))}, "At most 9 quick tags"),
    ({"checklist_items": ("Eye mask", "  ")}, "Checklist: a checklist item is empty"),
    ({"checklist_items": ("Eye mask", "eye mask")}, "listed twice"),
    ({"therapist_name": "x" * 201}, "name is too long"),
    ({"crossfade_s": 13}, "crossfade between tracks must be 0–12 seconds"),
    ({"crossfade_s": -1}, "0–12 seconds"),
    ({"phase_fade_s": 31}, "fade at a phase change must be 0–30 seconds"),
    ({"vital_thresholds": VitalThresholds(alert_systolic=1800)}, "expected 100–260"),
    ({"vital_thresholds": VitalThresholds(pre_dose_max_diastolic=140, pre_dose_max_systolic=130)},
     "diastolic pressure for dosing must be below"),
    ({"vital_thresholds": VitalThresholds(alert_diastolic=150, alert_systolic=140)},
     "diastolic alert level must be below"),
    ({"vital_thresholds": VitalThresholds(alert_systolic=130)}, "alert levels must be above"),
    ({"vital_thresholds": VitalThresholds(alert_spo2_below=100)}, "expected 70–99"),
])
def test_problems_are_named_in_words(changes: dict, expected: str) -> None:
    problems = settings_problems(replace(PracticeSettings(), **changes))
    assert any(expected.casefold() in p.casefold() for p in problems), problems


def test_nine_tags_fit_the_number_keys() -> None:
    nine = PracticeSettings(quick_tags=tuple(f"t{i}" for i in range(9)))
    assert settings_problems(nine) == []
    assert settings_problems(PracticeSettings(quick_tags=())) == []


def test_clean_items_trims_and_drops_blank_rows() -> None:
    assert clean_items([" a ", "", "  ", "b"]) == ("a", "b")


def test_the_course_settings_have_one_reader_with_labelled_defaults() -> None:
    assert readiness_settings({}) == ReadinessSettings()
    assert readiness_settings({READINESS: ["junk"], VITAL_THRESHOLDS: "junk"}) == ReadinessSettings()
    stored = {READINESS: {"screening": {"rescreen_months": 12}, "highest_risk_to_dose": "moderate",
                          "measures": {"pcl5_cutoff": 31}},
              VITAL_THRESHOLDS: {**VitalThresholds().to_dict(), "pre_dose_max_systolic": 150}}
    read = readiness_settings(stored)
    assert read.screening.rescreen_months == 12 and read.measures.pcl5_cutoff == 31
    assert read.highest_risk_to_dose is RiskLevel.MODERATE
    assert read.vitals.pre_dose_max_systolic == 150  # the baseline BP judged by the practice's limit
    assert readiness_problems(read) == []


def test_course_settings_that_cannot_be_saved_say_why() -> None:
    problems = readiness_problems(ReadinessSettings(
        screening=ScreeningSettings(rescreen_months=0), phq9_max_age_days=400,
        measures=MeasureSettings(item9_safety_text="  ")))
    assert problems == [
        "The text for PHQ-9 question 9 is empty; write what the therapist should do.",
        "Screening is due again after (months; default 6): 0 is not a whole number from 1 to 36.",
        "Latest PHQ-9 no older than (days; default: any age): 400 is not a whole number from 1 "
        "to 365."]


def test_backup_settings_read_forgivingly_and_say_what_is_wrong() -> None:
    from kapdesk.core.practice_settings import BackupSettings, backup_settings_problems

    assert BackupSettings.from_settings({}) == BackupSettings(12, 10, 9, "")
    damaged = {"backup_daily": "many", "backup_weekly": 500, "backup_monthly": 3.0,
               "backup_second_folder": ["/media"]}
    assert BackupSettings.from_settings(damaged) == BackupSettings(12, 10, 3, "")
    assert BackupSettings.from_settings({"backup_second_folder": "  /media/usb "}).second_folder == "/media/usb"
    assert backup_settings_problems(BackupSettings()) == []
    assert backup_settings_problems(BackupSettings(0, 0, 0)) == ["Keep at least one backup beside today's."]
    assert backup_settings_problems(BackupSettings(daily=101)) == ["Backups kept one a day: 101 is not 0–100."]
