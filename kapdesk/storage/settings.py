"""Practice-wide settings: a key-value store of JSON values with coded defaults.

Every clinical threshold is a setting with a labelled default (DOMAIN.md):
practices differ and the therapist decides. Defaults live with the code that
uses them; this store only remembers what a practice changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

from kapdesk.storage.practice import Practice
from kapdesk.storage.tables import practice_settings as settings


class SettingsStore:
    def __init__(self, practice: Practice) -> None:
        self._engine = practice.engine

    def get(self, key: str, default: Any = None) -> Any:
        with self._engine.connect() as connection:
            row = connection.execute(sa.select(settings.c.value).where(settings.c.key == key)).first()
        return default if row is None else row[0]

    def set(self, key: str, value: Any) -> None:
        self.set_many({key: value})

    def set_many(self, values: Mapping[str, Any]) -> None:
        """Store several settings in one transaction: all of them or none."""
        with self._engine.begin() as connection:
            for key, value in values.items():
                updated = connection.execute(
                    sa.update(settings).where(settings.c.key == key).values(value=value)).rowcount
                if not updated:
                    connection.execute(sa.insert(settings).values(key=key, value=value))
