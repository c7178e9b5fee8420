"""Signing a session's record, dated addenda, and the history of the record.

A therapist signs a session that has ended, with their name and the time
(`SessionStore.sign`: the `signed` event and the row's seal in one
transaction). From then on the storage itself refuses any change but an
addendum (triggers of migration 0002): these functions only check first so
that the therapist reads a sentence instead of a database error. Addenda are
ordinary `addendum` events {text, author}, stamped with the clock's time.

Whoever signs (or adds to) a record confirms it with the practice passphrase:
`passphrase_confirms` checks it against the practice's stored check value
(verifier.py), the same one unlocking uses to tell a wrong passphrase from
damage. It costs a key derivation (a fraction of a second), once per signing.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from kapdesk.core.adverse_events import AdverseEvent, adverse_problems

from kapdesk.core.audit import AuditKind
from kapdesk.core.clock import Clock
from kapdesk.core.events import Event, EventKind
from kapdesk.storage.audit_log import AuditLog
from kapdesk.storage.engine import make_engine
from kapdesk.storage.files import META_NAME
from kapdesk.storage.practice import Practice
from kapdesk.storage.review import ReviewError
from kapdesk.storage.sessions import SessionStore
from kapdesk.storage.tables import session_events, session_summaries, sessions
from kapdesk.storage.verifier import read_verifier

RECORD_KINDS = ("session_started", "session_ended", "app_recovered", "signed", "addendum")


@dataclass(frozen=True)
class RecordEntry:
    """One line of "the history of this record"."""

    at: float
    what: str  # "started", "ended", "app recovered", "signed", "addendum"
    who: str  # the signer or the addendum's author; "" otherwise
    text: str  # the addendum's text; "" otherwise
    seq: int


class RecordKeeper:
    def __init__(self, practice: Practice, clock: Clock, sessions: SessionStore,
                 audit: AuditLog | None = None) -> None:
        self._engine = practice.engine
        self._practice = practice
        self._clock = clock
        self._sessions = sessions  # signing is the session store's (the signed event and the seal)
        self._audit = audit  # signatures and addenda are audited once written

    def sign(self, session_id: int, by: str) -> Event:
        """Sign an ended, unsigned session as `by` (the name from settings)."""
        row = self._row(session_id)
        if not by.strip():
            raise ReviewError("Sign with your name: set it once in Settings.")
        if row.signed_at is not None:
            raise ReviewError(f"This record is already signed by {row.signed_by}.")
        if row.ended_at is None:
            raise ReviewError("This session has not ended; end it before signing its record.")
        signed = self._sessions.sign(session_id, by.strip())
        self._audited(AuditKind.SIGNED, row, f"signed by {by.strip()}")
        return signed

    def add_addendum(self, session_id: int, text: str, author: str) -> Event:
        """A dated addition or correction to an ended session; the record is never edited."""
        row = self._row(session_id)
        if not text.strip():
            raise ReviewError("The addendum is empty; nothing was added.")
        if not author.strip():
            raise ReviewError("An addendum needs its author's name: set it once in Settings.")
        if row.ended_at is None:
            raise ReviewError("Addenda are for sessions that have ended; "
                              "while it runs, add a note instead.")
        added = self._sessions.sink(session_id).append(
            EventKind.ADDENDUM, self._clock.now(), {"text": text.strip(), "author": author.strip()})
        self._audited(AuditKind.ADDENDUM, row, f"by {author.strip()}")
        return added

    def _audited(self, kind: AuditKind, row, detail: str) -> None:  # noqa: ANN001 - a Core row
        if self._audit is not None:
            self._audit.record(kind, client_id=row.client_id, session_id=row.id, detail=detail)

    def now(self) -> float:
        """The practice's clock: a form that asks "how long ago" reads it."""
        return self._clock.now()

    def add_adverse_event(self, session_id: int, event: AdverseEvent, author: str) -> Event:
        """An adverse event learnt of after the session ended (a fall on the way out,
        nausea at home), added to the record, never edited in. Once the record is
        signed it is a dated addendum carrying the event (a signed log takes only
        addenda, and its seal stays whole); before, an adverse event of its own."""
        row = self._row(session_id)
        if row.ended_at is None:
            raise ReviewError("While the session runs, record it in the room (Ctrl+Shift+A).")
        problems = adverse_problems(event, self._clock.now())
        if problems:
            raise ReviewError(" ".join(problems))
        sink = self._sessions.sink(session_id)
        if row.signed_at is None:
            stored = sink.append(EventKind.ADVERSE_EVENT, self._clock.now(), event.to_data())
        else:
            if not author.strip():
                raise ReviewError("An addendum needs its author's name: set it once in Settings.")
            stored = sink.append(EventKind.ADDENDUM, self._clock.now(),
                                 {"text": f"Learnt after signing. {event.words()}",
                                  "author": author.strip(), "adverse_event": event.to_data()})
        # The history's facts of an ended session are a stored cache (review.py); this
        # one now has an adverse event more, so it is read afresh next time.
        with self._engine.begin() as connection:
            connection.execute(session_summaries.delete().where(
                session_summaries.c.session_id == session_id))
        return stored

    def passphrase_confirms(self, passphrase: str) -> bool:
        """Whether `passphrase` is this practice's: the signer shows it is theirs to sign."""
        if not passphrase:
            return False
        verifier = read_verifier(self._practice.data_dir / META_NAME)
        if verifier is not None:
            return verifier.matches(passphrase)
        # An older practice without a check file: the database itself answers.
        engine = make_engine(self._practice.db_path, passphrase)
        try:
            with engine.connect() as connection:
                connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
            return True
        except sa.exc.DatabaseError:
            return False
        finally:
            engine.dispose()

    def history(self, session_id: int) -> tuple[RecordEntry, ...]:
        """Started, app recoveries, ended, signed (by whom, when), addenda: in order."""
        self._row(session_id)
        query = (sa.select(session_events.c.seq, session_events.c.kind, session_events.c.at,
                           session_events.c.data)
                 .where(session_events.c.session_id == session_id)
                 .where(session_events.c.kind.in_(RECORD_KINDS))
                 .order_by(session_events.c.seq))
        with self._engine.connect() as connection:
            rows = connection.execute(query).all()
        return tuple(_entry(row) for row in rows)

    def _row(self, session_id: int):  # noqa: ANN202 - a Core row
        with self._engine.connect() as connection:
            row = connection.execute(sa.select(sessions).where(sessions.c.id == session_id)).first()
        if row is None:
            raise ReviewError(f"There is no session {session_id}.")
        return row


def _entry(row) -> RecordEntry:  # noqa: ANN001 - a Core row
    data = row.data
    if row.kind == "signed":
        return RecordEntry(row.at, "signed", str(data["by"]), "", row.seq)
    if row.kind == "addendum":
        return RecordEntry(row.at, "addendum", str(data["author"]), str(data["text"]), row.seq)
    what = {"session_started": "started", "session_ended": "ended",
            "app_recovered": "app recovered"}[row.kind]
    return RecordEntry(row.at, what, "", "", row.seq)
