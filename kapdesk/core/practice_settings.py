"""The practice's own choices: who signs, what to tick before the dose, the
quick tags, the vital-sign limits, and how the music moves.

Plain data with labelled defaults (DOMAIN.md: every clinical threshold is a
setting, never a rule baked into code). `settings_problems` says in words what
is wrong with a draft; `to_settings`/`from_settings` map it onto the practice's
key-value settings. Reading is forgiving on purpose: a value that is missing
or malformed (an older or newer version wrote it, or it was damaged) falls back
to its default instead of stopping the therapist from starting a session.

This is the app's one reader of these settings: the settings dialog, the
session screens (read once when a session opens, so a change mid-session
applies from the next one), the review and the exports all see the same
values. Where the session screens used to read a stored value their own way,
their reading is the one kept: list items are trimmed, blank or non-text items
dropped, a list of nothing but junk falls back (an emptied list is a choice,
e.g. no checklist), and vital-sign limits are taken whole or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kapdesk.core.vitals import THRESHOLD_LABELS, VitalThresholds

if TYPE_CHECKING:  # the rating scales load when the course's settings are first read
    from kapdesk.core.readiness import ReadinessSettings

# The setting keys (SettingsStore), one per field of PracticeSettings.
THERAPIST_NAME = "therapist_name"
CHECKLIST_ITEMS = "checklist_items"
QUICK_TAGS = "quick_tags"
VITAL_THRESHOLDS = "vital_thresholds"
CHECKPOINT_CHIME = "checkpoint_chime"
CROSSFADE_S = "crossfade_s"
PHASE_FADE_S = "phase_fade_s"
SETTING_KEYS = (THERAPIST_NAME, CHECKLIST_ITEMS, QUICK_TAGS, VITAL_THRESHOLDS,
                CHECKPOINT_CHIME, CROSSFADE_S, PHASE_FADE_S)
# The course of care's settings, one key holding `ReadinessSettings.to_data()`:
# the rescreening interval, the measures' cut-offs and question 9's safety text,
# the highest suicide-risk level to dose at, the oldest PHQ-9 that counts.
# Read with the vital-sign limits (the baseline blood pressure's), hence
# COURSE_KEYS; the contraindication list and the consent document are
# versioned records of their own (storage/practice_documents.py), not settings.
READINESS = "readiness"
COURSE_KEYS = (READINESS, VITAL_THRESHOLDS)
# The backups' own settings (BackupSettings): kept apart from SETTING_KEYS so
# that saving the settings dialog, which does not show them, never resets them.
BACKUP_DAILY = "backup_daily"
BACKUP_WEEKLY = "backup_weekly"
BACKUP_MONTHLY = "backup_monthly"
BACKUP_SECOND_FOLDER = "backup_second_folder"
BACKUP_SETTING_KEYS = (BACKUP_DAILY, BACKUP_WEEKLY, BACKUP_MONTHLY, BACKUP_SECOND_FOLDER)
BACKUP_COUNT_RANGE = (0, 100)
# Minutes without input before the window locks between sessions (0 = off;
# core/idle_lock.py), and during a running session (off by default). Kept
# apart from SETTING_KEYS, as the backups' are: the settings dialog reads and
# saves them on their own (`LockMinutes`), so PracticeSettings stays as it is.
IDLE_LOCK_MINUTES = "idle_lock_minutes"
SESSION_LOCK_MINUTES = "session_lock_minutes"
LOCK_SETTING_KEYS = (IDLE_LOCK_MINUTES, SESSION_LOCK_MINUTES)
# Seconds without input before the window locks between sessions, when set: finer
# than the Settings page's whole minutes, which it then overrides. Not on the Settings
# page; a practice that wants it sets it with a tool, and the real-display test sets it
# so the real lock comes in seconds rather than a minute (tests/desktop/test_lock.py).
IDLE_LOCK_SECONDS = "idle_lock_seconds"
IDLE_LOCK_SECONDS_RANGE = (1, 3600)
# The course's windows (core/course_due.CourseWindows as one JSON value): when the
# check-in and the integration session are due after a dose, the preparation
# minimum, the planned doses and the pace. Apart from SETTING_KEYS like the above.
COURSE_WINDOWS = "course_windows"
# The client's take-home sheet (core/take_home.TakeHomeSettings): after-care words
# and whom to call. Apart from SETTING_KEYS like the above.
TAKE_HOME = "take_home"
# Not a setting a person edits: what the last reading of the whole practice
# file found (core/whole_check.py's WholeCheck.to_data()), kept in the practice.
WHOLE_CHECK = "whole_check"
# Not edited in the settings dialog: the music strip's volume slider, kept so
# the next session starts at the level this room was last set to.
MUSIC_VOLUME = "music_volume"

DEFAULT_CHECKLIST = ("Eye mask ready", "Music ready", "Phones silenced", "Ride home arranged")
DEFAULT_QUICK_TAGS = ("nausea", "tearful", "laughing", "talking", "restless", "asleep",
                      "eye mask off", "water", "bathroom")
# One number key (1-9) per tag on the session screen.
MAX_QUICK_TAGS = 9
MAX_TEXT = 200

CROSSFADE_RANGE = (0, 12)  # issue 4: crossfades 0-12 s, default 6
PHASE_FADE_RANGE = (0, 30)  # default 8 s; longer than half a minute stops feeling like a change

# What a threshold may sensibly be set to: wide enough for any practice's
# choice, narrow enough to catch a typo such as 1400 for 140.
THRESHOLD_RANGES: Mapping[str, tuple[int, int]] = {
    "pre_dose_max_systolic": (90, 220),
    "pre_dose_max_diastolic": (50, 140),
    "alert_systolic": (100, 260),
    "alert_diastolic": (60, 160),
    "alert_heart_rate": (60, 220),
    "alert_spo2_below": (70, 99),
}


@dataclass(frozen=True)
class PracticeSettings:
    therapist_name: str = ""  # printed with the signature on session records
    checklist_items: tuple[str, ...] = DEFAULT_CHECKLIST
    quick_tags: tuple[str, ...] = DEFAULT_QUICK_TAGS
    vital_thresholds: VitalThresholds = field(default_factory=VitalThresholds)
    checkpoint_chime: bool = False  # a quiet room: silent reminders unless asked for
    crossfade_s: int = 6
    phase_fade_s: int = 8

    def __post_init__(self) -> None:
        # Accept lists from callers but keep the frozen object truly immutable.
        object.__setattr__(self, "checklist_items", tuple(self.checklist_items))
        object.__setattr__(self, "quick_tags", tuple(self.quick_tags))

    def to_settings(self) -> dict[str, Any]:
        """Setting key -> JSON value, one per key in SETTING_KEYS."""
        return {
            THERAPIST_NAME: self.therapist_name,
            CHECKLIST_ITEMS: list(self.checklist_items),
            QUICK_TAGS: list(self.quick_tags),
            VITAL_THRESHOLDS: self.vital_thresholds.to_dict(),
            CHECKPOINT_CHIME: self.checkpoint_chime,
            CROSSFADE_S: self.crossfade_s,
            PHASE_FADE_S: self.phase_fade_s,
        }

    @classmethod
    def from_settings(cls, values: Mapping[str, Any]) -> PracticeSettings:
        """Settings from stored values; a missing or malformed value takes its default."""
        default = cls()
        return cls(
            therapist_name=_text(values.get(THERAPIST_NAME), default.therapist_name),
            checklist_items=_texts(values.get(CHECKLIST_ITEMS), default.checklist_items),
            quick_tags=_texts(values.get(QUICK_TAGS), default.quick_tags),
            vital_thresholds=_thresholds(values.get(VITAL_THRESHOLDS)),
            checkpoint_chime=_flag(values.get(CHECKPOINT_CHIME), default.checkpoint_chime),
            crossfade_s=_whole(values.get(CROSSFADE_S), default.crossfade_s),
            phase_fade_s=_whole(values.get(PHASE_FADE_S), default.phase_fade_s),
        )


@dataclass(frozen=True)
class BackupSettings:
    """How many backups to keep (beside today's) and where a second copy goes.

    Counts as Anki's: 12 daily, 10 weekly, 9 monthly. `second_folder` is a
    folder on a USB drive or a network share ("" for none); a missing folder
    is a note and a retry at the next backup, never an error.
    """

    daily: int = 12
    weekly: int = 10
    monthly: int = 9
    second_folder: str = ""

    def to_settings(self) -> dict[str, Any]:
        return {BACKUP_DAILY: self.daily, BACKUP_WEEKLY: self.weekly,
                BACKUP_MONTHLY: self.monthly, BACKUP_SECOND_FOLDER: self.second_folder}

    @classmethod
    def from_settings(cls, values: Mapping[str, Any]) -> BackupSettings:
        """As PracticeSettings.from_settings: a missing or unusable value takes its default."""
        default = cls()
        counts = {name: _whole(values.get(key), getattr(default, name))
                  for name, key in (("daily", BACKUP_DAILY), ("weekly", BACKUP_WEEKLY),
                                    ("monthly", BACKUP_MONTHLY))}
        low, high = BACKUP_COUNT_RANGE
        counts = {name: value if low <= value <= high else getattr(default, name)
                  for name, value in counts.items()}
        folder = _text(values.get(BACKUP_SECOND_FOLDER), default.second_folder).strip()
        return cls(second_folder=folder, **counts)


def backup_settings_problems(settings: BackupSettings) -> list[str]:
    """Plain-language problems; an empty list means they can be saved."""
    low, high = BACKUP_COUNT_RANGE
    problems = [f"Backups kept {what}: {value} is not {low}–{high}."
                for what, value in (("one a day", settings.daily), ("one a week", settings.weekly),
                                    ("one a month", settings.monthly))
                if not low <= value <= high]
    if settings.daily + settings.weekly + settings.monthly == 0:
        problems.append("Keep at least one backup beside today's.")
    return problems


def clean_items(items: Iterable[str]) -> tuple[str, ...]:
    """Items as the therapist meant them: trimmed, blank rows dropped."""
    return tuple(item.strip() for item in items if item.strip())


def settings_problems(settings: PracticeSettings) -> list[str]:
    """Plain-language problems; an empty list means the settings can be saved."""
    problems = []
    if len(settings.therapist_name) > MAX_TEXT:
        problems.append(f"The therapist's name is too long (at most {MAX_TEXT} characters).")
    problems += _list_problems(settings.checklist_items, "checklist item", "Checklist")
    problems += _list_problems(settings.quick_tags, "quick tag", "Quick tags")
    if len(settings.quick_tags) > MAX_QUICK_TAGS:
        problems.append(f"At most {MAX_QUICK_TAGS} quick tags, one for each number key "
                        f"1–9; remove {len(settings.quick_tags) - MAX_QUICK_TAGS}.")
    problems += threshold_problems(settings.vital_thresholds)
    problems += _range_problem(settings.crossfade_s, CROSSFADE_RANGE, "The crossfade between tracks")
    problems += _range_problem(settings.phase_fade_s, PHASE_FADE_RANGE, "The fade at a phase change")
    return problems


def fields_out_of_range(settings: PracticeSettings) -> frozenset[str]:
    """The numbers a problem is about: threshold names, "crossfade_s", "phase_fade_s"."""
    names = {name for name, (low, high) in THRESHOLD_RANGES.items()
             if not low <= getattr(settings.vital_thresholds, name) <= high}
    for name, bounds in ((CROSSFADE_S, CROSSFADE_RANGE), (PHASE_FADE_S, PHASE_FADE_RANGE)):
        if _range_problem(getattr(settings, name), bounds, ""):
            names.add(name)
    return frozenset(names)


def threshold_problems(t: VitalThresholds) -> list[str]:
    """Limits that cannot be what the practice meant."""
    problems = []
    for name, (low, high) in THRESHOLD_RANGES.items():
        value = getattr(t, name)
        if not low <= value <= high:
            problems.append(f"“{THRESHOLD_LABELS[name]}” is {value}; expected {low}–{high}.")
    if t.pre_dose_max_diastolic >= t.pre_dose_max_systolic:
        problems.append("The highest diastolic pressure for dosing must be below the systolic one.")
    if t.alert_diastolic >= t.alert_systolic:
        problems.append("The diastolic alert level must be below the systolic one.")
    # A pressure that blocks the dose but would not even raise an alert is fine;
    # the reverse (alerting below the dosing limit) means the two were swapped.
    if t.alert_systolic <= t.pre_dose_max_systolic or t.alert_diastolic <= t.pre_dose_max_diastolic:
        problems.append("The alert levels must be above the highest pressures for dosing.")
    return problems


def _list_problems(items: tuple[str, ...], noun: str, heading: str) -> list[str]:
    problems = []
    if any(not item.strip() for item in items):
        problems.append(f"{heading}: a {noun} is empty; type a word or remove it.")
    if any(len(item) > MAX_TEXT for item in items):
        problems.append(f"{heading}: a {noun} is longer than {MAX_TEXT} characters.")
    seen: set[str] = set()
    for item in items:
        key = item.strip().casefold()
        if key and key in seen:
            problems.append(f"{heading}: “{item.strip()}” is listed twice.")
        seen.add(key)
    return problems


def _range_problem(value: int, bounds: tuple[int, int], what: str) -> list[str]:
    low, high = bounds
    return [] if low <= value <= high else [f"{what} must be {low}–{high} seconds, not {value}."]


def _text(value: Any, default: str) -> str:
    return value if isinstance(value, str) else default


def _texts(value: Any, default: tuple[str, ...]) -> tuple[str, ...]:
    if not isinstance(value, (list, tuple)):
        return default
    cleaned = tuple(item.strip() for item in value if isinstance(item, str) and item.strip())
    # An emptied list is a choice (e.g. no checklist); only junk falls back.
    return cleaned if cleaned or not value else default


def _flag(value: Any, default: bool) -> bool:
    return value if isinstance(value, bool) else default


def _whole(value: Any, default: int) -> int:
    # bool is an int in Python, but True is never a number of seconds.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return default
    return int(value) if float(value).is_integer() else default


def _thresholds(value: Any) -> VitalThresholds:
    # Whole or not at all: limits are set as a group (the alert levels above the
    # dosing ones), so one damaged limit is not mixed with the others kept.
    if not isinstance(value, Mapping):
        return VitalThresholds()
    try:
        return VitalThresholds.from_dict(value)
    except (TypeError, ValueError, OverflowError):
        return VitalThresholds()


def volume_from(value: Any) -> float:
    """A stored master volume (0 to 1); anything else, missing or damaged, is full volume."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        return 1.0
    return float(value)


def idle_lock_minutes(value: Any) -> int:
    """The stored idle-lock setting as whole minutes within MINUTES_RANGE (0 = off);
    missing or unusable, the default (5 minutes)."""
    from kapdesk.core.idle_lock import DEFAULT_MINUTES, MINUTES_RANGE

    minutes = _whole(value, DEFAULT_MINUTES)
    low, high = MINUTES_RANGE
    return minutes if low <= minutes <= high else DEFAULT_MINUTES


def idle_lock_seconds(value: Any) -> int | None:
    """The stored seconds that override the idle lock's minutes between sessions; None when
    unset or unusable (the minutes count)."""
    seconds = _whole(value, 0)
    low, high = IDLE_LOCK_SECONDS_RANGE
    return seconds if low <= seconds <= high else None


def session_lock_minutes(value: Any) -> int:
    """The stored during-a-session idle-lock setting as whole minutes (0 = off, the default)."""
    from kapdesk.core.idle_lock import DEFAULT_SESSION_MINUTES, SESSION_MINUTES_RANGE

    minutes = _whole(value, DEFAULT_SESSION_MINUTES)
    low, high = SESSION_MINUTES_RANGE
    return minutes if low <= minutes <= high else DEFAULT_SESSION_MINUTES


@dataclass(frozen=True)
class LockMinutes:
    """The idle lock's two settings: between sessions (default 5) and during one (default off)."""

    between_sessions: int = 5
    during_session: int = 0

    @classmethod
    def from_settings(cls, values: Mapping[str, Any]) -> LockMinutes:
        return cls(idle_lock_minutes(values.get(IDLE_LOCK_MINUTES)),
                   session_lock_minutes(values.get(SESSION_LOCK_MINUTES)))

    def to_settings(self) -> dict[str, int]:
        return {IDLE_LOCK_MINUTES: self.between_sessions, SESSION_LOCK_MINUTES: self.during_session}


def readiness_settings(values: Mapping[str, Any]) -> ReadinessSettings:
    """The course of care's settings from stored values (keys COURSE_KEYS), forgiving
    like the rest: what is missing or malformed takes its labelled default
    (core/readiness.py, core/measures.py, core/screening.py)."""
    from kapdesk.core.readiness import ReadinessSettings

    stored = values.get(READINESS)
    return ReadinessSettings.from_data(stored if isinstance(stored, Mapping) else {},
                                       vitals=_thresholds(values.get(VITAL_THRESHOLDS)))


def readiness_problems(settings: ReadinessSettings) -> list[str]:
    """What stops the course's settings from being saved, in words."""
    from kapdesk.core.measures import settings_problems as measure_problems
    from kapdesk.core.readiness import PHQ9_AGE_RANGE, SETTING_LABELS
    from kapdesk.core.screening import RESCREEN_LABEL, RESCREEN_RANGE

    problems = measure_problems(settings.measures)
    months, (low, high) = settings.screening.rescreen_months, RESCREEN_RANGE
    if type(months) is not int or not low <= months <= high:
        problems.append(f"{RESCREEN_LABEL}: {months!r} is not a whole number from {low} to {high}.")
    age, (low, high) = settings.phq9_max_age_days, PHQ9_AGE_RANGE
    if age is not None and (type(age) is not int or not low <= age <= high):
        problems.append(f"{SETTING_LABELS['phq9_max_age_days']}: {age!r} is not a whole number "
                        f"from {low} to {high}.")
    return problems
