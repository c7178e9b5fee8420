"""Practice-wide settings: a key-value store of JSON values with coded defaults.

Every clinical threshold is a setting with a labelled default (DOMAIN.md):
practices differ and the therapist decides. Defaults live with the code that
uses them; this store only remembers what a practice changed.
"""

from __future__ import annotations

from typing import Any

from kapdesk.storage.models import Setting
from kapdesk.storage.practice import Practice


class SettingsStore:
    def __init__(self, practice: Practice) -> None:
        self._practice = practice

    def get(self, key: str, default: Any = None) -> Any:
        with self._practice.orm() as orm:
            row = orm.get(Setting, key)
            return default if row is None else row.value

    def set(self, key: str, value: Any) -> None:
        with self._practice.orm() as orm, orm.begin():
            row = orm.get(Setting, key)
            if row is None:
                orm.add(Setting(key=key, value=value))
            else:
                row.value = value
