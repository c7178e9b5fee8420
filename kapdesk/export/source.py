"""What an export reads: a client, their sessions' records, one at a time.

A client's record is read lazily, session by session, so that exporting
years of sessions never holds them all in memory, and each one read is a
step of progress.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from kapdesk.core.builtin_scripts import ESKETAMINE_ID
from kapdesk.core.clients import ClientRecord
from kapdesk.core.clock import Clock
from kapdesk.core.vitals import VitalThresholds
from kapdesk.export import ExportError
from kapdesk.storage.clients import ClientStore
from kapdesk.storage.review import ReviewStore, SessionRecord


@dataclass(frozen=True)
class ExportedRecord:
    """A client and the sessions an export covers (all of theirs, or one)."""

    client: ClientRecord
    session_ids: tuple[int, ...]
    source: ExportSource

    def sessions(self) -> Iterator[SessionRecord]:
        for session_id in self.session_ids:
            yield self.source.review.session_record(session_id)


class ExportSource:
    """Reads through the practice's own stores (kapdesk/services.py); the
    vital-sign limits are the review store's, as it judges the flags by them."""

    def __init__(self, review: ReviewStore, clients: ClientStore, clock: Clock) -> None:
        self.review = review
        self.clients = clients
        self.clock = clock
        self.thresholds: VitalThresholds = review.thresholds

    def client_record(self, client_id: int) -> ExportedRecord:
        """A client's whole record, oldest session first (ExportError if no such client)."""
        client = self._client(client_id)
        return ExportedRecord(client, tuple(self.review.client_session_ids(client_id)), self)

    def session_record(self, session_id: int) -> ExportedRecord:
        """One session, as a record of its client (ExportError if no such session)."""
        try:
            record = self.review.session_record(session_id)
        except KeyError:
            raise ExportError(f"There is no session {session_id} in this practice.") from None
        return ExportedRecord(self._client(record.client_id), (session_id,), self)

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


# --- times, as exports print them --------------------------------------------------

def iso_utc(epoch_s: float | None) -> str | None:
    if epoch_s is None:
        return None
    moment = dt.datetime.fromtimestamp(epoch_s, dt.timezone.utc)
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def local(epoch_s: float, tz: dt.tzinfo | None = None) -> dt.datetime:
    """The moment in `tz`, or the machine's local zone when None."""
    return dt.datetime.fromtimestamp(epoch_s, tz).astimezone(tz)


def iso_local(epoch_s: float | None, tz: dt.tzinfo | None = None) -> str:
    return "" if epoch_s is None else local(epoch_s, tz).isoformat(timespec="seconds")


def zone_label(epoch_s: float, tz: dt.tzinfo | None = None) -> str:
    """"UTC+01:00 (CET)": what the report's clock times mean."""
    moment = local(epoch_s, tz)
    offset = moment.strftime("%z")
    label = f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
    name = moment.tzname() or ""
    return f"{label} ({name})" if name and not name.startswith(("UTC", "+", "-")) else label
