"""The practice settings the session screens read, with their labelled defaults.

One place for the keys and defaults, so the pre-dose panel, the room view and
the settings dialog (built elsewhere) agree. Values are read through
`SettingsStore` once when a session opens: a setting changed mid-session
applies from the next session, so the screen never shifts under the
therapist's hands. Anything unreadable falls back to its default rather than
stopping a session.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from kapdesk.core.vitals import VitalThresholds

CHECKLIST_KEY = "checklist_items"
QUICK_TAGS_KEY = "quick_tags"
THRESHOLDS_KEY = "vital_thresholds"
CHIME_KEY = "checkpoint_chime"

DEFAULT_CHECKLIST = ("Eye mask ready", "Music ready", "Phones silenced", "Ride home arranged")
DEFAULT_QUICK_TAGS = ("nausea", "tearful", "laughing", "talking", "restless", "asleep",
                      "eye mask off", "water", "bathroom")
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
        checklist_items=_texts(store.get(CHECKLIST_KEY), DEFAULT_CHECKLIST),
        quick_tags=_texts(store.get(QUICK_TAGS_KEY), DEFAULT_QUICK_TAGS),
        thresholds=_thresholds(store.get(THRESHOLDS_KEY)),
        checkpoint_chime=_flag(store.get(CHIME_KEY), DEFAULT_CHIME),
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
