"""Practice-wide settings: a key-value store of JSON values with coded defaults.

Every clinical threshold is a setting with a labelled default (DOMAIN.md):
practices differ and the therapist decides. Defaults live with the code that
uses them; this store only remembers what a practice changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

from kapdesk.core.audit import AuditKind
from kapdesk.core.practice_settings import MUSIC_VOLUME
from kapdesk.storage.audit_log import AuditLog
from kapdesk.storage.practice import Practice
from kapdesk.storage.tables import practice_settings as settings


# Kept as settings but not the practice's choices: the room's volume knob, and
# notes the app keeps for itself. Changing them is not audited.
NOT_AUDITED = frozenset({MUSIC_VOLUME, "music_defaults_made"})


class SettingsStore:
    def __init__(self, practice: Practice, audit: AuditLog | None = None) -> None:
        self._engine = practice.engine
        self._audit = audit  # a change of settings is audited, naming the keys, not the values

    def get(self, key: str, default: Any = None) -> Any:
        with self._engine.connect() as connection:
            row = connection.execute(sa.select(settings.c.value).where(settings.c.key == key)).first()
        return default if row is None else row[0]

    def set(self, key: str, value: Any) -> None:
        self.set_many({key: value})

    def set_many(self, values: Mapping[str, Any]) -> None:
        """Store several settings in one transaction: all of them or none."""
        changed = sorted(key for key, value in values.items()
                         if key not in NOT_AUDITED and self.get(key) != value)
        with self._engine.begin() as connection:
            for key, value in values.items():
                updated = connection.execute(
                    sa.update(settings).where(settings.c.key == key).values(value=value)).rowcount
                if not updated:
                    connection.execute(sa.insert(settings).values(key=key, value=value))
        if changed and self._audit is not None:
            self._audit.record(AuditKind.SETTINGS_CHANGED, detail=", ".join(changed))
