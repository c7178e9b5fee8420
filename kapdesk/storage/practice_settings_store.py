"""Reading and writing `PracticeSettings`, the course of care's `ReadinessSettings` and the
backups' `BackupSettings` through the practice's SettingsStore.

One setting key per field (see `kapdesk.core.practice_settings.SETTING_KEYS`),
so other parts of the app can read a single value and older practices, which
lack some keys, simply get the defaults for those.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kapdesk.core.course_due import CourseWindows, windows_problems
from kapdesk.core.take_home import TakeHomeSettings, take_home_problems
from kapdesk.core.practice_settings import (BACKUP_SETTING_KEYS, COURSE_KEYS, COURSE_WINDOWS,
                                            IDLE_LOCK_MINUTES, LOCK_SETTING_KEYS, READINESS,
                                            SETTING_KEYS, TAKE_HOME, LockMinutes,
                                            BackupSettings, PracticeSettings, backup_settings_problems,
                                            idle_lock_minutes, readiness_problems, readiness_settings,
                                            settings_problems)
from kapdesk.storage.settings import SettingsStore

if TYPE_CHECKING:
    from kapdesk.core.readiness import ReadinessSettings


class PracticeSettingsError(ValueError):
    """Settings that cannot be saved; the message says why."""


def load(store: SettingsStore) -> PracticeSettings:
    """The practice's settings; anything never saved (or unreadable) is its default."""
    stored = {key: store.get(key) for key in SETTING_KEYS}
    return PracticeSettings.from_settings({k: v for k, v in stored.items() if v is not None})


def load_idle_lock_minutes(store: SettingsStore) -> int:
    """Minutes without input before the window locks between sessions (0 = off)."""
    return idle_lock_minutes(store.get(IDLE_LOCK_MINUTES))


def load_lock_minutes(store: SettingsStore) -> LockMinutes:
    """The idle lock's minutes between sessions and during one (0 = off)."""
    return LockMinutes.from_settings({key: store.get(key) for key in LOCK_SETTING_KEYS})


def save_lock_minutes(store: SettingsStore, minutes: LockMinutes) -> None:
    store.set_many(LockMinutes.from_settings(minutes.to_settings()).to_settings())


def save(store: SettingsStore, settings: PracticeSettings) -> None:
    """Store every setting, or nothing if any is invalid."""
    problems = settings_problems(settings)
    if problems:
        raise PracticeSettingsError(" ".join(problems))
    store.set_many(settings.to_settings())


def load_readiness(store: SettingsStore) -> ReadinessSettings:
    """The course of care's settings (screening, measures, readiness), defaults where unset."""
    stored = {key: store.get(key) for key in COURSE_KEYS}
    return readiness_settings({k: v for k, v in stored.items() if v is not None})


def save_readiness(store: SettingsStore, settings: ReadinessSettings) -> None:
    """Store the course's settings, or nothing if any is invalid (the vital-sign
    limits are saved with the practice settings, not here)."""
    problems = readiness_problems(settings)
    if problems:
        raise PracticeSettingsError(" ".join(problems))
    store.set(READINESS, settings.to_data())


def load_backup_settings(store: SettingsStore) -> BackupSettings:
    """How many backups to keep and the second folder; defaults for what was never saved."""
    stored = {key: store.get(key) for key in BACKUP_SETTING_KEYS}
    return BackupSettings.from_settings({k: v for k, v in stored.items() if v is not None})


def save_backup_settings(store: SettingsStore, settings: BackupSettings) -> None:
    """Store the backup settings, or nothing if any is invalid."""
    problems = backup_settings_problems(settings)
    if problems:
        raise PracticeSettingsError(" ".join(problems))
    store.set_many(settings.to_settings())


def load_course_windows(store: SettingsStore) -> CourseWindows:
    """When check-ins and integration sessions are due, and the course's shape."""
    stored = store.get(COURSE_WINDOWS)
    return CourseWindows.from_data(stored if isinstance(stored, dict) else {})


def save_course_windows(store: SettingsStore, windows: CourseWindows) -> None:
    problems = windows_problems(windows)
    if problems:
        raise PracticeSettingsError(" ".join(problems))
    store.set(COURSE_WINDOWS, windows.to_data())


def load_take_home(store: SettingsStore) -> TakeHomeSettings:
    """The take-home sheet's after-care words and whom to call; defaults where unset."""
    stored = store.get(TAKE_HOME)
    return TakeHomeSettings.from_data(stored if isinstance(stored, dict) else {})


def save_take_home(store: SettingsStore, settings: TakeHomeSettings) -> None:
    problems = take_home_problems(settings)
    if problems:
        raise PracticeSettingsError(" ".join(problems))
    store.set(TAKE_HOME, settings.to_data())
