"""Read back what the app stored, from the practice file, with the app's own storage code.

The running app holds the practice in WAL mode, so a second reader may look
while it runs. Also seeds a practice before a test starts the app (a client
added through the storage code, not the screen) where the test is about
something else than adding a client.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from kapdesk.core.clock import SystemClock
from kapdesk.core.events import Event
from kapdesk.storage.engine import make_engine
from kapdesk.storage.files import db_path_in
from kapdesk.storage.tables import clients, due_set_asides, practice_settings, session_events, sessions


@dataclass(frozen=True)
class StoredSession:
    id: int
    client: str
    script_name: str
    ended_at: float | None
    signed_by: str | None
    events: tuple[Event, ...]

    def kinds(self) -> list[str]:
        return [event.kind.value for event in self.events]

    def of_kind(self, kind: str) -> list[Event]:
        return [event for event in self.events if event.kind.value == kind]

    def after_last(self, kind: str) -> list[Event]:
        """The events stored after the last event of `kind` (all of them if there is none)."""
        seqs = [event.seq for event in self.events if event.kind.value == kind]
        start = seqs[-1] if seqs else 0
        return [event for event in self.events if event.seq > start]


class PracticeFile:
    """The practice in `data_dir`, read with `passphrase`; every read opens and closes."""

    def __init__(self, data_dir: Path, passphrase: str) -> None:
        self.data_dir = data_dir
        self.passphrase = passphrase

    def exists(self) -> bool:
        return db_path_in(self.data_dir).exists()

    def _read(self, work):  # noqa: ANN001, ANN202
        if str(self.data_dir).startswith("/proc/"):
            return self._read_copy(work)
        engine = make_engine(db_path_in(self.data_dir), self.passphrase)
        try:
            with engine.connect() as connection:
                return work(connection)
        finally:
            engine.dispose()

    def _read_copy(self, work):  # noqa: ANN001, ANN202
        """Read a copy of the file and its WAL: SQLite resolves /proc/PID/root to the
        outer "/" and would open (and create) a file outside the app's namespace."""
        with tempfile.TemporaryDirectory() as folder:
            for suffix in ("", "-wal"):
                source = Path(f"{db_path_in(self.data_dir)}{suffix}")
                if source.exists():
                    shutil.copyfile(source, Path(folder) / (source.name))
            return PracticeFile(Path(folder), self.passphrase)._read(work)

    def client_names(self) -> list[str]:
        if not self.exists():
            return []
        return self._read(lambda c: [row.display_name for row in c.execute(
            sa.select(clients.c.display_name).order_by(clients.c.id))])

    def client_id(self, name: str) -> int | None:
        return self._read(lambda c: c.execute(sa.select(clients.c.id)
                                              .where(clients.c.display_name == name)).scalar())

    def setting(self, key: str) -> object:
        """One stored setting's JSON value (None when never saved)."""
        return self._read(lambda c: c.execute(sa.select(practice_settings.c.value)
                                              .where(practice_settings.c.key == key)).scalar())

    def sessions(self) -> list[StoredSession]:
        if not self.exists():
            return []

        def work(connection: sa.Connection) -> list[StoredSession]:
            rows = connection.execute(
                sa.select(sessions, clients.c.display_name)
                .join(clients, clients.c.id == sessions.c.client_id).order_by(sessions.c.id)).all()
            found = []
            for row in rows:
                events = connection.execute(
                    sa.select(session_events.c.seq, session_events.c.kind, session_events.c.at,
                              session_events.c.data)
                    .where(session_events.c.session_id == row.id).order_by(session_events.c.seq)).all()
                found.append(StoredSession(row.id, row.display_name, row.script_name, row.ended_at,
                                           row.signed_by,
                                           tuple(Event(e.seq, e.kind, e.at, e.data) for e in events)))
            return found

        return self._read(work)

    def measures(self, client_id: int) -> list:
        """The client's filled rating scales (core's MeasureRecord), in the order stored."""
        from kapdesk.core.measures import DEFAULT_SETTINGS
        from kapdesk.storage.measures import client_measures

        if not self.exists():
            return []
        return self._read(lambda connection: client_measures(connection, client_id, None,
                                                              DEFAULT_SETTINGS))

    def talk_sessions(self, client_id: int) -> list:
        """The client's preparation, integration and check-in records (core's TalkSession),
        corrected ones too, in the order stored."""
        from kapdesk.storage.talk_sessions import client_talks

        if not self.exists():
            return []
        return self._read(lambda connection: client_talks(connection, client_id))

    def set_asides(self) -> list[dict]:
        """Every check-in or integration session set aside, with its reason, oldest first."""
        if not self.exists():
            return []
        return self._read(lambda c: [dict(row) for row in c.execute(
            sa.select(due_set_asides).order_by(due_set_asides.c.id)).mappings()])

    def session(self) -> StoredSession | None:
        """The latest session, or None."""
        found = self.sessions()
        return found[-1] if found else None


def seed_practice(data_dir: Path, passphrase: str, client_names: tuple[str, ...] = (),
                  ready: tuple[str, ...] | None = None) -> None:
    """A new practice holding these clients, made with the app's own storage code.

    Every client has the course of care a dose needs today (a clear screening, a
    PHQ-9, and consent for those named in `ready`: all of them when None); the
    baseline blood pressure is the session's own."""
    from kapdesk.core.clients import ClientDraft
    from kapdesk.services import open_services
    from kapdesk.storage.practice import create_practice

    practice = create_practice(data_dir, passphrase)
    try:
        services = open_services(practice, SystemClock())
        for name in client_names:
            client = services.clients.add(
                ClientDraft(display_name=name, intention="To meet the grief with less fear."))
            ready_today(services, client.id, consent_given=ready is None or name in ready)
    finally:
        practice.close()


def ready_today(services, client_id: int, consent_given: bool = True) -> None:  # noqa: ANN001
    """A clear screening, consent with consent to touch (unless not `consent_given`)
    and a PHQ-9, all of today (the app runs on the machine's clock here)."""
    import datetime as dt
    import time
    from dataclasses import replace

    from kapdesk.core.measure_course import FilledBy
    from tests.helpers.course_records import clear_screening, consent, phq9

    today = dt.date.today()
    services.screenings.add(replace(clear_screening(client_id), screened_on=today), today)
    if consent_given:
        services.consents.add(consent(client_id, given_on=today), today)
    services.measures.add(client_id, phq9(1, 1, 0, 0, 0, 0, 0, 0, 0), time.time() - 600,
                          FilledBy.CLIENT)


def seed_dosed_session(data_dir: Path, passphrase: str, client_name: str,
                       ended_hours_ago: float = 26.0) -> int:
    """One dosing session of the client (the first of that name in the practice): begun
    two hours before it ended `ended_hours_ago` hours ago, with a dose given; returns its id.

    Recorded through the app's own session store and runner, on a clock set back to
    then, as the app would have recorded it."""
    import time

    from kapdesk.core.clock import FakeClock
    from kapdesk.services import open_services
    from kapdesk.storage.practice import open_practice
    from tests.helpers.practice_builder import live_session

    clock = FakeClock(time.time() - (ended_hours_ago + 2) * 3600)
    practice = open_practice(data_dir, passphrase)
    try:
        services = open_services(practice, clock)
        client = next(c for c in services.clients.list() if c.display_name == client_name)
        session_id, runner = live_session(practice, clock, client.id)
        runner.record_dose("ketamine", 200, "sublingual")
        clock.advance(2 * 3600)
        runner.end()
        return session_id
    finally:
        practice.close()



def seed_talk(data_dir: Path, passphrase: str, client_name: str, kind, days_ago: float,  # noqa: ANN001
              after_dose: int | None = None) -> int:
    """A preparation session, integration session or check-in (core's TalkKind) of the
    client, `days_ago` days back, stored through the app's talk store; returns its id."""
    import time

    from kapdesk.core.talk_sessions import KIND_FIELDS, CheckInHow, TalkKind, TalkSession
    from kapdesk.services import open_services
    from kapdesk.storage.practice import open_practice

    practice = open_practice(data_dir, passphrase)
    try:
        services = open_services(practice, SystemClock())
        client = next(c for c in services.clients.list() if c.display_name == client_name)
        first_field = KIND_FIELDS[kind][0][0]
        talk = services.talks.add(TalkSession(
            client.id, kind, time.time() - days_ago * 86400, 50, {first_field: "Spoke calmly"},
            how=CheckInHow.PHONE if kind is TalkKind.CHECK_IN else None,
            after_dose_session=after_dose))
        return talk.id
    finally:
        practice.close()


def seed_signature(data_dir: Path, passphrase: str, session_id: int, by: str) -> None:
    """Sign an ended session as `by`, through the app's record keeper (its seal taken)."""
    from kapdesk.services import open_services
    from kapdesk.storage.practice import open_practice

    practice = open_practice(data_dir, passphrase)
    try:
        open_services(practice, SystemClock()).records.sign(session_id, by)
    finally:
        practice.close()
