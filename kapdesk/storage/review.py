"""Reading past sessions: the history list, one session's record, and summaries.

`ReviewStore.history(filter, offset, limit)` is the query behind the history
view: newest first, filtered by client, date range, script, tag and signed
state, one page at a time for a lazily loading Qt model (`count(filter)`
gives the row count). Each row carries the session's `SessionFacts`, read
from `session_summaries` (migration 0004). A summary is written when a
session ends (`summarize`, called by the session screen) or, failing that,
the first time a history page needs it; `backfill_summaries` fills them all
from a background worker. Open sessions (running, or never ended after a
crash) are summarised afresh on every read and never stored.

`session_record(id)` is everything the timeline view and the exports need:
events, the script snapshot, the replayed state, facts, flags and music.

Signing and addenda (`sign`, `add_addendum`) and the record's history live
in `review_records.py`; search in `review_search.py`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from kapdesk.core.builtin_scripts import builtin_script
from kapdesk.core.clock import Clock
from kapdesk.core.events import Event
from kapdesk.core.review_model import (
                                       FACTS_VERSION, Flag, MusicSpan, SessionFacts, TimelineMark, facts_from_state, flags,
                                       music_spans, timeline_marks,
                                       )
from kapdesk.core.record_seal import ALTERED_FLAG, ALTERED_FLAG_LABEL, SealState
from kapdesk.core.script import Phase, Script
from kapdesk.core.timeline import SessionState, replay, script_from_events
from kapdesk.core.vitals import VitalThresholds
from kapdesk.storage.practice import Practice
from kapdesk.storage.record_seals import altered_session_ids, seal_states
from kapdesk.storage.tables import clients, session_events, session_summaries, session_tags, sessions

Progress = Callable[[int, int], None]  # (done, total)
# Kinds whose data neither the facts nor replay read (see `_load(light=True)`):
# replay only keeps these events in lists (and reads music data with .get). Not
# addenda: one may carry an adverse event learnt after signing, which the history flags
# (review_records.add_adverse_event), and a record has few.
_UNREAD_KINDS = ("note", "track_started", "track_stopped", "track_failed")


class ReviewError(ValueError):
    """A review action that cannot be done; the message says why, for the therapist."""


@dataclass(frozen=True)
class HistoryFilter:
    """Which sessions the history shows. Times are UTC seconds; `until` is exclusive."""

    client_id: int | None = None
    since: float | None = None
    until: float | None = None
    script_id: str | None = None
    tag: str | None = None  # exact tag, case-insensitive
    signed: bool | None = None  # True: signed only; False: unsigned only


@dataclass(frozen=True)
class HistoryRow:
    session_id: int
    client_id: int
    client_name: str
    script_id: str
    script_name: str
    started_at: float
    ended_at: float | None
    signed_by: str | None
    signed_at: float | None
    addenda: int
    facts: SessionFacts
    flags: tuple[Flag, ...]

    @property
    def length_s(self) -> float | None:
        return self.facts.length_s

    @property
    def dose_label(self) -> str:
        return self.facts.dose_label

    @property
    def status(self) -> str:
        """"signed", "ended" (awaiting a signature), "open" (running, or never ended)
        or "not started" (a session row whose start was never stored)."""
        if self.signed_at is not None:
            return "signed"
        if self.ended_at is not None:
            return "ended"
        return "open" if self.facts.started_at is not None else "not started"


@dataclass(frozen=True)
class SessionRecord:
    """One session, read whole: what the timeline view and the exports show."""

    session_id: int
    client_id: int
    client_name: str
    script: Script
    events: tuple[Event, ...]
    state: SessionState
    facts: SessionFacts
    flags: tuple[Flag, ...]
    signed_by: str | None
    signed_at: float | None
    music: tuple[MusicSpan, ...]
    marks: tuple[TimelineMark, ...]
    # How the record stands against the seal taken when it was signed (record_seals.py).
    seal: SealState = SealState.NOT_SIGNED

    @property
    def altered(self) -> bool:
        return self.seal is SealState.ALTERED

    @property
    def addenda(self) -> tuple[Event, ...]:
        return self.state.addenda


class ReviewStore:
    def __init__(self, practice: Practice, clock: Clock,
                 thresholds: VitalThresholds = VitalThresholds()) -> None:
        self._engine = practice.engine
        self._practice = practice  # its seal key checks signed records as they are read
        # Signed records found whole since the app started. A history page checks only
        # the others (reading a hundred logs whole cost ~60 ms a page); opening a record,
        # exporting it and `check` always check it afresh, and what they find is kept here.
        self._whole: set[int] = set()
        self._clock = clock
        self.thresholds = thresholds

    # --- the history list --------------------------------------------------

    def count(self, where: HistoryFilter = HistoryFilter()) -> int:
        query = sa.select(sa.func.count()).select_from(sessions).where(*_conditions(where))
        with self._engine.connect() as connection:
            return int(connection.execute(query).scalar_one())

    def history(self, where: HistoryFilter = HistoryFilter(), offset: int = 0,
                limit: int = 100, keep_facts: bool = True) -> list[HistoryRow]:
        """One page of sessions, newest first, each with its facts and flags.

        Facts not stored yet are computed and kept (`keep_facts`); a read that
        must write nothing (before a dose, while a session is on screen) says
        keep_facts=False and computes them for itself."""
        query = (
            sa.select(sessions, clients.c.display_name, session_summaries.c.facts,
                      session_summaries.c.version)
            .join(clients, clients.c.id == sessions.c.client_id)
            .outerjoin(session_summaries, session_summaries.c.session_id == sessions.c.id)
            .where(*_conditions(where))
            .order_by(sessions.c.started_at.desc(), sessions.c.id.desc())
            .offset(offset).limit(limit))
        with self._engine.connect() as connection:
            rows = connection.execute(query).all()
            addenda = _addenda_counts(connection, [row.id for row in rows])
            seals = self._seal_states(connection, [row.id for row in rows if row.id not in self._whole])
        stored = {row.id: SessionFacts.from_dict(row.facts) for row in rows
                  if row.facts is not None and row.version == FACTS_VERSION}
        missing = [row.id for row in rows if row.id not in stored]
        stored.update(self._compute_facts(missing, keep=keep_facts))
        return [HistoryRow(
            session_id=row.id, client_id=row.client_id, client_name=row.display_name,
            script_id=row.script_id, script_name=row.script_name, started_at=row.started_at,
            ended_at=row.ended_at, signed_by=row.signed_by, signed_at=row.signed_at,
            addenda=addenda.get(row.id, 0), facts=stored[row.id],
            flags=_seal_flag(seals.get(row.id)) + flags(stored[row.id], self.thresholds))
            for row in rows]

    def scripts_used(self) -> list[tuple[str, str]]:
        """(script_id, latest name) of every script a session ran with: the filter's choices."""
        query = (sa.select(sessions.c.script_id, sessions.c.script_name)
                 .order_by(sessions.c.started_at))
        with self._engine.connect() as connection:
            names = dict(connection.execute(query).all())
        return sorted(names.items(), key=lambda item: item[1].casefold())

    def tags_used(self) -> list[tuple[str, int]]:
        """(tag, sessions) of every tag in the practice, most used first: the filter's choices."""
        query = (sa.select(sa.func.min(session_tags.c.tag),
                           sa.func.count(sa.distinct(session_tags.c.session_id)))
                 .group_by(session_tags.c.tag))
        with self._engine.connect() as connection:
            counted = connection.execute(query).all()
        return sorted(((str(tag), int(n)) for tag, n in counted), key=lambda e: (-e[1], e[0].casefold()))

    # --- summaries ----------------------------------------------------------

    def summarize(self, session_id: int) -> SessionFacts:
        """Compute and (once the session has ended) store its facts: call when it ends."""
        return self._compute_facts([session_id])[session_id]

    def backfill_summaries(self, progress: Progress | None = None, batch: int = 200) -> int:
        """Store the facts of every ended session that lacks current ones; for a worker."""
        query = (sa.select(sessions.c.id)
                 .outerjoin(session_summaries, session_summaries.c.session_id == sessions.c.id)
                 .where(sessions.c.ended_at.is_not(None))
                 .where(sa.or_(session_summaries.c.session_id.is_(None),
                               session_summaries.c.version != FACTS_VERSION))
                 .order_by(sessions.c.started_at.desc()))
        with self._engine.connect() as connection:
            todo = list(connection.execute(query).scalars())
        for start in range(0, len(todo), batch):
            self._compute_facts(todo[start:start + batch])
            if progress:
                progress(min(start + batch, len(todo)), len(todo))
        return len(todo)

    def _compute_facts(self, session_ids: Sequence[int], keep: bool = True) -> dict[int, SessionFacts]:
        if not session_ids:
            return {}
        rows, events = self._load(session_ids, light=True)
        facts, final = {}, []
        for session_id in session_ids:
            row = rows[session_id]
            script, state = self._replay(row, events.get(session_id, ()))
            facts[session_id] = facts_from_state(script, state, events.get(session_id, ()))
            if row.ended_at is not None and state.ended:
                final.append({"session_id": session_id, "version": FACTS_VERSION, "final": True,
                              "computed_at": self._clock.now(), "facts": facts[session_id].to_dict()})
        if final and keep:
            self._store_summaries(final)
        return facts

    def _store_summaries(self, values: list[dict[str, Any]]) -> None:
        ids = [value["session_id"] for value in values]
        with self._engine.begin() as connection:
            connection.execute(session_summaries.delete()
                               .where(session_summaries.c.session_id.in_(ids)))
            connection.execute(session_summaries.insert(), values)

    # --- one session ----------------------------------------------------------

    def session_record(self, session_id: int) -> SessionRecord:
        """The whole of one session (KeyError if there is no such session)."""
        rows, events = self._load([session_id])
        row = rows[session_id]
        log = events.get(session_id, ())
        script, state = self._replay(row, log)
        facts = facts_from_state(script, state, log)
        seal = self.seal_state(session_id)
        return SessionRecord(
            session_id=session_id, client_id=row.client_id, client_name=row.display_name,
            script=script, events=log, state=state, facts=facts,
            flags=_seal_flag(seal) + flags(facts, self.thresholds), signed_by=row.signed_by,
            signed_at=row.signed_at, music=music_spans(state),
            marks=timeline_marks(script, state, log), seal=seal)

    def seal_state(self, session_id: int) -> SealState:
        """How one session stands against the seal taken when it was signed."""
        self._whole.discard(session_id)
        with self._engine.connect() as connection:
            states = self._seal_states(connection, [session_id])
        return states.get(session_id, SealState.NOT_SIGNED)

    def _seal_states(self, connection: sa.Connection, session_ids: list[int]) -> dict[int, SealState]:
        states = seal_states(connection, self._practice.seal_key, session_ids)
        self._whole.update(sid for sid, state in states.items() if state is SealState.WHOLE)
        self._whole.difference_update(sid for sid, state in states.items() if state is not SealState.WHOLE)
        return states

    def altered_sessions(self) -> list[int]:
        """Every signed session that no longer matches its seal (`python -m kapdesk check`)."""
        with self._engine.connect() as connection:
            return altered_session_ids(connection, self._practice.seal_key)

    def client_session_ids(self, client_id: int) -> list[int]:
        """A client's sessions, oldest first (the order of a record)."""
        query = (sa.select(sessions.c.id).where(sessions.c.client_id == client_id)
                 .order_by(sessions.c.started_at, sessions.c.id))
        with self._engine.connect() as connection:
            return list(connection.execute(query).scalars())

    def _load(self, session_ids: Sequence[int], light: bool = False
              ) -> tuple[dict[int, Any], dict[int, tuple[Event, ...]]]:
        """Session rows and logs. `light`: the texts of notes, debriefs, music and
        addenda are left out (their data is {}): the facts only count them."""
        row_query = (sa.select(sessions, clients.c.display_name)
                     .join(clients, clients.c.id == sessions.c.client_id)
                     .where(sessions.c.id.in_(session_ids)))
        data = session_events.c.data
        if light:
            data = sa.case((session_events.c.kind.in_(_UNREAD_KINDS), sa.literal("{}")),
                           else_=data)
        event_query = (sa.select(session_events.c.session_id, session_events.c.seq,
                                 session_events.c.kind, session_events.c.at,
                                 sa.type_coerce(data, sa.Text))
                       .where(session_events.c.session_id.in_(session_ids))
                       .order_by(session_events.c.session_id, session_events.c.seq))
        with self._engine.connect() as connection:
            rows = {row.id: row for row in connection.execute(row_query)}
            found: dict[int, list[Event]] = {}
            for sid, seq, kind, at, text in connection.execute(event_query):
                found.setdefault(sid, []).append(Event(seq=seq, kind=kind, at=at, data=json.loads(text)))
        for session_id in session_ids:
            if session_id not in rows:
                raise KeyError(session_id)
        return rows, {sid: tuple(log) for sid, log in found.items()}

    def _replay(self, row: Any, log: Iterable[Event]) -> tuple[Script, SessionState]:
        log = tuple(log)
        script = (script_from_events(log) or builtin_script(row.script_id)
                  or Script(row.script_id, row.script_name, (Phase("Session", 60),)))
        # Signatures and addenda come after the end; a clock set back must not hide them.
        now = max([self._clock.now(), *(event.at for event in log)])
        return script, replay(script, log, now)


def _seal_flag(state: SealState | None) -> tuple[Flag, ...]:
    """An altered record's flag, first of a history row's (the others follow)."""
    return (Flag(ALTERED_FLAG, ALTERED_FLAG_LABEL),) if state is SealState.ALTERED else ()


def empty_history_message(where: HistoryFilter, client_name: str | None = None) -> str:
    """What an empty history list says: no sessions at all, or none that match."""
    filtered = any(value is not None for value in
                   (where.since, where.until, where.script_id, where.tag, where.signed))
    if filtered:
        return "No sessions match these filters."
    if where.client_id is not None:
        return f"{client_name or 'This client'} has no sessions yet."
    return "No sessions yet. Sessions appear here once they have started."


def _conditions(where: HistoryFilter) -> list[sa.ColumnElement[bool]]:
    found: list[sa.ColumnElement[bool]] = []
    if where.client_id is not None:
        found.append(sessions.c.client_id == where.client_id)
    if where.since is not None:
        found.append(sessions.c.started_at >= where.since)
    if where.until is not None:
        found.append(sessions.c.started_at < where.until)
    if where.script_id is not None:
        found.append(sessions.c.script_id == where.script_id)
    if where.signed is not None:
        found.append(sessions.c.signed_at.is_not(None) if where.signed
                     else sessions.c.signed_at.is_(None))
    if where.tag is not None and where.tag.strip():
        found.append(sessions.c.id.in_(_sessions_tagged(where.tag.strip())))
    return found


def _sessions_tagged(tag: str) -> sa.Select:
    return sa.select(session_tags.c.session_id).where(session_tags.c.tag == tag)


def _addenda_counts(connection: sa.Connection, session_ids: list[int]) -> dict[int, int]:
    if not session_ids:
        return {}
    query = (sa.select(session_events.c.session_id, sa.func.count())
             .where(session_events.c.kind == "addendum")
             .where(session_events.c.session_id.in_(session_ids))
             .group_by(session_events.c.session_id))
    return dict(connection.execute(query).all())
