"""The practice settings the session screens read, with their labelled defaults.

The keys and defaults are core.practice_settings's, the ones the settings
dialog edits, so the pre-dose panel, the room view and the dialog agree. Values are read through
`SettingsStore` once when a session opens: a setting changed mid-session
applies from the next session, so the screen never shifts under the
therapist's hands. Anything unreadable falls back to its default rather than
stopping a session.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from kapdesk.core.practice_settings import (CHECKLIST_ITEMS, CHECKPOINT_CHIME, DEFAULT_CHECKLIST,
                                            DEFAULT_QUICK_TAGS, QUICK_TAGS, VITAL_THRESHOLDS)
from kapdesk.core.vitals import VitalThresholds

DEFAULT_CHIME = False  # silence unless the practice asks: the client may be asleep

# The discharge checks come from DOMAIN.md; they are a record, not a setting.
DISCHARGE_ITEMS = ("Alert and oriented", "Vitals near baseline", "Escort present",
                   "Told not to drive until the next day, after sleep")


class SettingsReader(Protocol):
    def get(self, key: str, default: Any = None) -> Any: ...


@dataclass(frozen=True)
class SessionSettings:
    checklist_items: tuple[str, ...] = DEFAULT_CHECKLIST
    quick_tags: tuple[str, ...] = DEFAULT_QUICK_TAGS
    thresholds: VitalThresholds = VitalThresholds()
    checkpoint_chime: bool = DEFAULT_CHIME


def load_session_settings(store: SettingsReader) -> SessionSettings:
    """The practice's session settings, each falling back to its default."""
    return SessionSettings(
        checklist_items=_texts(store.get(CHECKLIST_ITEMS), DEFAULT_CHECKLIST),
        quick_tags=_texts(store.get(QUICK_TAGS), DEFAULT_QUICK_TAGS),
        thresholds=_thresholds(store.get(VITAL_THRESHOLDS)),
        checkpoint_chime=_flag(store.get(CHECKPOINT_CHIME), DEFAULT_CHIME),
    )


def _texts(value: Any, default: tuple[str, ...]) -> tuple[str, ...]:
    if not isinstance(value, (list, tuple)):
        return default
    cleaned = tuple(item.strip() for item in value if isinstance(item, str) and item.strip())
    # An emptied list is a choice (e.g. no checklist); only junk falls back.
    return cleaned if cleaned or not value else default


def _thresholds(value: Any) -> VitalThresholds:
    if not isinstance(value, dict):
        return VitalThresholds()
    try:
        return VitalThresholds.from_dict(value)
    except (TypeError, ValueError):
        return VitalThresholds()


def _flag(value: Any, default: bool) -> bool:
    return value if isinstance(value, bool) else default
