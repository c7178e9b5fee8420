"""The practice's session scripts: the built-in ones (from code, read-only)
followed by the therapist's own, stored as JSON in the `scripts` table."""

from __future__ import annotations

import sqlalchemy as sa

from kapdesk.core.builtin_scripts import BUILTIN_SCRIPTS, builtin_script
from kapdesk.core.clock import Clock
from kapdesk.core.script import Script, script_problems
from kapdesk.storage.practice import Practice
from kapdesk.storage.tables import scripts


class ScriptStoreError(ValueError):
    """A script that cannot be saved; the message says why."""


class ScriptStore:
    def __init__(self, practice: Practice, clock: Clock) -> None:
        self._engine = practice.engine
        self._clock = clock

    def all(self) -> list[Script]:
        """Built-in scripts first, then the practice's own (not archived), by name."""
        query = sa.select(scripts.c.body).where(scripts.c.archived.is_(False))
        with self._engine.connect() as connection:
            own = [Script.from_dict(row.body) for row in connection.execute(query)]
        return list(BUILTIN_SCRIPTS) + sorted(own, key=lambda s: s.name.casefold())

    def get(self, script_id: str) -> Script:
        builtin = builtin_script(script_id)
        if builtin is not None:
            return builtin
        with self._engine.connect() as connection:
            body = connection.execute(sa.select(scripts.c.body).where(scripts.c.id == script_id)).scalar()
        if body is None:
            raise KeyError(script_id)
        return Script.from_dict(body)

    def save(self, script: Script) -> None:
        if script.builtin or builtin_script(script.id) is not None:
            raise ScriptStoreError("Built-in scripts cannot be changed; duplicate it and edit the copy.")
        problems = script_problems(script)
        if problems:
            raise ScriptStoreError(" ".join(problems))
        now = self._clock.now()
        values = {"name": script.name, "body": script.to_dict(), "updated_at": now}
        with self._engine.begin() as connection:
            updated = connection.execute(
                sa.update(scripts).where(scripts.c.id == script.id).values(**values)).rowcount
            if not updated:
                connection.execute(sa.insert(scripts).values(id=script.id, created_at=now, **values))

    def archive(self, script_id: str) -> None:
        with self._engine.begin() as connection:
            connection.execute(sa.update(scripts).where(scripts.c.id == script_id)
                               .values(archived=True, updated_at=self._clock.now()))
