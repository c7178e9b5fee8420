"""What an export is made from: a client and their sessions' records, already read.

The export functions (`write_session_pdf`, `write_json`, `write_events_csv`,
`write_sessions_csv`) take an `ExportedRecord`, plain data: the client, the
sessions it covers, the practice's vital-sign limits, and how each session's
record comes to hand. They never see a practice or a store.

A session the review screen has already read is handed down as it is
(`ExportedRecord.of_session`), so one read takes it from the screen to the
file. A client's whole record is read lazily, session by session, through the
reader it is given, so that exporting years of sessions never holds them all
in memory, and each one read is a step of progress.

A client's whole record also carries their course of care (screenings,
consents, measures with their item answers, suicide-risk assessments), read
once with it: a few rows per client, not per session.

`RecordReader` makes these records through the stores it is handed (the
app's, or the command line's); it builds none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from kapdesk.core.builtin_scripts import ESKETAMINE_ID
from kapdesk.core.clients import ClientRecord
from kapdesk.core.vitals import VitalThresholds
from kapdesk.export import ExportError
from kapdesk.core.audit import AuditKind
from kapdesk.storage.audit_log import AuditLog
from kapdesk.storage.clients import ClientStore
from kapdesk.storage.course import ClientCourse, CourseReader
from kapdesk.storage.review import ReviewStore, SessionRecord

SessionReader = Callable[[int], SessionRecord]  # a session's id -> its record


@dataclass(frozen=True)
class ExportedRecord:
    """A client and the sessions an export covers (all of theirs, or one)."""

    client: ClientRecord
    session_ids: tuple[int, ...]
    thresholds: VitalThresholds  # the practice's limits: which readings the report marks
    read_session: SessionReader
    course: ClientCourse | None = None  # the client's course of care, in a client's record
    audit_head: str = ""  # the audit trail's newest seal when it was read (the PDF's footer)

    @classmethod
    def of_session(cls, client: ClientRecord, session: SessionRecord,
                   thresholds: VitalThresholds) -> ExportedRecord:
        """One session whose record is already read: exporting it reads it no more."""
        return cls(client, (session.session_id,), thresholds, _already_read(session))

    def sessions(self) -> Iterator[SessionRecord]:
        """The sessions' records, oldest first, each read as the export reaches it."""
        for session_id in self.session_ids:
            yield self.read_session(session_id)


def _already_read(session: SessionRecord) -> SessionReader:
    def read(session_id: int) -> SessionRecord:
        assert session_id == session.session_id
        return session

    return read


class RecordReader:
    """Reads what an export covers through the stores it is given."""

    def __init__(self, review: ReviewStore, clients: ClientStore,
                 course: CourseReader | None = None, audit: AuditLog | None = None) -> None:
        self.review = review
        self.clients = clients
        self.course = course  # None: a client's record goes without the course of care
        self.audit = audit  # None: no audit trail (the exports' own tests)

    def exported(self, what: str, where: object, client_id: int,
                 session_id: int | None = None, protected: bool = False) -> None:
        """Note a written export in the audit trail: what (the format), whose record, where,
        and whether it was protected with a password (never the password itself)."""
        if self.audit is not None:
            how = ", protected with a password," if protected else ""
            self.audit.record(AuditKind.EXPORT, client_id=client_id, session_id=session_id,
                              detail=f"{what}{how} to {where}")

    def _head(self) -> str:
        return self.audit.head() if self.audit is not None else ""

    @property
    def thresholds(self) -> VitalThresholds:
        """The limits the review store judges by: the export marks the same readings."""
        return self.review.thresholds

    def of_session(self, session: SessionRecord) -> ExportedRecord:
        """A session already read (the review screen's), with its client."""
        record = ExportedRecord.of_session(self._client(session.client_id), session, self.thresholds)
        return replace(record, audit_head=self._head())

    def session_record(self, session_id: int) -> ExportedRecord:
        """One session, read once (ExportError if no such session)."""
        try:
            session = self.review.session_record(session_id)
        except KeyError:
            raise ExportError(f"There is no session {session_id} in this practice.") from None
        return self.of_session(session)

    def client_record(self, client_id: int) -> ExportedRecord:
        """A client's whole record, oldest session first (ExportError if no such client)."""
        client = self._client(client_id)
        course = None if self.course is None else self.course.course(client_id)
        return ExportedRecord(client, tuple(self.review.client_session_ids(client_id)),
                              self.thresholds, self.review.session_record, course, self._head())

    def _client(self, client_id: int) -> ClientRecord:
        try:
            return self.clients.get(client_id)
        except KeyError:
            raise ExportError(f"There is no client {client_id} in this practice.") from None


def is_esketamine(record: SessionRecord) -> bool:
    """The built-in esketamine script or a copy of it, or an esketamine dose: REMS applies."""
    if record.script.id == ESKETAMINE_ID or "spravato" in record.script.name.casefold():
        return True
    return any("esketamine" in str(d.data.get("drug", "")).casefold()
               or "spravato" in str(d.data.get("drug", "")).casefold() for d in record.state.doses)
