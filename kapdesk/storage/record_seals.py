"""The seals of signed sessions in the practice: written at signing, read wherever a record shows.

`seal_session` runs inside the transaction that signs (SessionStore.sign), after
the `signed` event and the row's signature are written, so the seal covers
exactly what was signed. `seal_states` reads the rows, the events as stored
(their JSON text, not reparsed: a page of history stays cheap) and the seals
of many sessions at once, and judges each (core/record_seal.py).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from kapdesk.core.record_seal import SealedRow, SealState, key_id, seal_record, seal_state
from kapdesk.storage.tables import session_seals, sessions


def seal_session(connection: sa.Connection, key: bytes, session_id: int, sealed_at: float) -> str:
    """Seal one signed session as it stands on `connection`; returns the seal."""
    row = _rows(connection, [session_id])[session_id]
    seal = seal_record(key, row, _events(connection, [session_id]).get(session_id, ()))
    connection.execute(session_seals.insert().values(
        session_id=session_id, seal=seal, key_id=key_id(key), sealed_at=sealed_at))
    return seal


def seal_states(connection: sa.Connection, key: bytes, session_ids: Sequence[int]
                ) -> dict[int, SealState]:
    """Each session's standing against its seal (NOT_SIGNED for one never signed)."""
    if not session_ids:
        return {}
    rows = _rows(connection, session_ids)
    stored = {row.session_id: row for row in connection.execute(
        sa.select(session_seals).where(session_seals.c.session_id.in_(session_ids)))}
    # Only a stored seal needs the log read: without one the row alone answers.
    to_check = [sid for sid in rows if sid in stored]
    events = _events(connection, to_check)
    states = {}
    for session_id, row in rows.items():
        seal = stored.get(session_id)
        states[session_id] = seal_state(key, row, events.get(session_id, ()),
                                        seal.seal if seal else None, seal.key_id if seal else None)
    return states


def altered_session_ids(connection: sa.Connection, key: bytes, batch: int = 200) -> list[int]:
    """Every session that no longer matches its seal: signed ones, and any with a seal
    whose signature is gone. Read a batch at a time (a whole practice, for the check)."""
    candidates = list(connection.execute(
        sa.select(sessions.c.id).where(sa.or_(
            sessions.c.signed_at.is_not(None),
            sessions.c.id.in_(sa.select(session_seals.c.session_id))))
        .order_by(sessions.c.id)).scalars())
    found = []
    for start in range(0, len(candidates), batch):
        states = seal_states(connection, key, candidates[start:start + batch])
        found += [sid for sid, state in states.items() if state is SealState.ALTERED]
    return sorted(found)


def _rows(connection: sa.Connection, session_ids: Sequence[int]) -> dict[int, SealedRow]:
    query = sa.select(sessions.c.id, sessions.c.client_id, sessions.c.script_id,
                      sessions.c.started_at, sessions.c.ended_at, sessions.c.signed_at,
                      sessions.c.signed_by).where(sessions.c.id.in_(session_ids))
    return {row.id: SealedRow(row.id, row.client_id, row.script_id, row.started_at, row.ended_at,
                              row.signed_at, row.signed_by)
            for row in connection.execute(query)}


def _events(connection: sa.Connection, session_ids: Sequence[int]
            ) -> dict[int, list[tuple[int, str, float, str]]]:
    """(seq, kind, at, data text) of each session's events but addenda, in order.

    Plain SQL on the driver's rows: a page of history reads ten thousand of them."""
    if not session_ids:
        return {}
    marks = ",".join("?" * len(session_ids))
    rows = connection.exec_driver_sql(
        "SELECT session_id, seq, kind, at, data FROM session_events "
        f"WHERE session_id IN ({marks}) AND kind != 'addendum' ORDER BY session_id, seq",
        tuple(session_ids)).fetchall()
    found: dict[int, list[tuple[int, str, float, str]]] = {}
    for session_id, seq, kind, at, text in rows:
        found.setdefault(session_id, []).append((seq, kind, at, text))
    return found
