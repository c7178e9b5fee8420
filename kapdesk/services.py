"""The open practice's services: the practice, the clock and every store, built once.

`open_services(practice, clock)` is the one place a store is constructed.
The app (app.py) calls it once per open practice and passes the `Services`
down to the screens; the command-line tools and the demo build theirs the
same way. So every screen reads and writes through the same stores, on the
same clock, and a test that builds its services on a `FakeClock` drives the
very code the app runs.

Importing this module is light (the stores, and SQLAlchemy with them, load
when `open_services` is first called): app.py's first screen uses `date_on`
before the practice is open.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kapdesk.core.clock import Clock, SystemClock

if TYPE_CHECKING:
    from kapdesk.storage.audit_log import AuditLog
    from kapdesk.storage.backup_keeper import BackupKeeper
    from kapdesk.storage.clients import ClientStore
    from kapdesk.storage.consents import ConsentStore
    from kapdesk.storage.course import CourseReader
    from kapdesk.storage.course_due import DueReader
    from kapdesk.storage.course_search import CourseSearch
    from kapdesk.storage.measures import MeasureStore
    from kapdesk.storage.music import MusicStore
    from kapdesk.storage.practice import Practice
    from kapdesk.storage.practice_documents import PracticeDocumentStore
    from kapdesk.storage.review import ReviewStore
    from kapdesk.storage.review_records import RecordKeeper
    from kapdesk.storage.review_search import ReviewSearch
    from kapdesk.storage.risk_assessments import RiskAssessmentStore
    from kapdesk.storage.screenings import ScreeningStore
    from kapdesk.storage.scripts import ScriptStore
    from kapdesk.storage.sessions import SessionStore
    from kapdesk.storage.settings import SettingsStore
    from kapdesk.storage.talk_sessions import TalkSessionStore
    from kapdesk.storage.whole_check import WholeCheckKeeper


@dataclass(frozen=True)
class Services:
    """What the screens and tools read and write through, for one open practice."""

    practice: Practice
    clock: Clock
    clients: ClientStore
    settings: SettingsStore
    sessions: SessionStore
    scripts: ScriptStore
    music: MusicStore  # the library, with the bundled tracks
    review: ReviewStore  # the history and each session's record, read whole
    records: RecordKeeper  # signing and addenda
    search: ReviewSearch  # over every note of every session
    documents: PracticeDocumentStore  # the versioned contraindication list and consent document
    screenings: ScreeningStore  # intake screenings and their clearances
    consents: ConsentStore  # each client's consents, with consent to touch
    measures: MeasureStore  # filled PHQ-9, GAD-7 and PCL-5 forms
    risk_assessments: RiskAssessmentStore  # suicide-risk results for PHQ-9 question 9
    course: CourseReader  # a client's course read whole, and readiness before a dose
    course_search: CourseSearch  # over screenings, consents, measures and assessments
    backups: BackupKeeper  # when a backup is due, making one, the list
    talks: TalkSessionStore  # preparation, integration and check-in records
    due: DueReader  # check-ins and integration sessions owed after each dose
    audit: AuditLog  # the append-only, chained audit trail: record(kind, ...), verify()
    whole_check: WholeCheckKeeper  # reading the whole file in the background, and what it found

    def today(self) -> dt.date:
        return date_on(self.clock)


def open_services(practice: Practice, clock: Clock | None = None) -> Services:
    """Every store on `practice`, on `clock` (the machine's when None)."""
    from kapdesk.storage.audit_log import AuditLog
    from kapdesk.storage.backup_keeper import BackupKeeper
    from kapdesk.storage.clients import ClientStore
    from kapdesk.storage.consents import ConsentStore
    from kapdesk.storage.course import CourseReader
    from kapdesk.storage.course_due import DueReader
    from kapdesk.storage.course_search import CourseSearch
    from kapdesk.storage.measures import MeasureStore
    from kapdesk.storage.music import MusicStore
    from kapdesk.storage.practice_documents import PracticeDocumentStore
    from kapdesk.storage.review import ReviewStore
    from kapdesk.storage.review_records import RecordKeeper
    from kapdesk.storage.review_search import ReviewSearch
    from kapdesk.storage.risk_assessments import RiskAssessmentStore
    from kapdesk.storage.screenings import ScreeningStore
    from kapdesk.storage.scripts import ScriptStore
    from kapdesk.storage.sessions import SessionStore
    from kapdesk.storage.settings import SettingsStore
    from kapdesk.storage.talk_sessions import TalkSessionStore
    from kapdesk.storage.whole_check import WholeCheckKeeper

    clock = clock or SystemClock()
    audit = AuditLog(practice, clock)  # first: the stores that change records audit through it
    settings = SettingsStore(practice, audit)
    sessions = SessionStore(practice, clock)
    whole_check = WholeCheckKeeper(practice, clock, settings)
    return Services(
        practice=practice, clock=clock,
        clients=ClientStore(practice, clock, audit),
        settings=settings,
        sessions=sessions,
        scripts=ScriptStore(practice, clock),
        music=MusicStore(practice, clock, _bundled_music(), settings),
        review=ReviewStore(practice, clock),
        records=RecordKeeper(practice, clock, sessions, audit),
        search=ReviewSearch(practice),
        documents=PracticeDocumentStore(practice, clock),
        screenings=ScreeningStore(practice, clock),
        consents=ConsentStore(practice, clock),
        measures=MeasureStore(practice, clock),
        risk_assessments=RiskAssessmentStore(practice, clock),
        course=CourseReader(practice, clock),
        course_search=CourseSearch(practice),
        backups=BackupKeeper(practice, clock, settings, audit=audit, whole=whole_check),
        talks=TalkSessionStore(practice, clock),
        due=DueReader(practice, clock, settings),
        audit=audit,
        whole_check=whole_check,
    )


def date_on(clock: Clock) -> dt.date:
    """The local date at the clock's time: what "today" means on the screens."""
    return dt.datetime.fromtimestamp(clock.now()).date()


def _bundled_music() -> Path | None:
    from kapdesk.assets import music_dir

    try:
        return music_dir()
    except FileNotFoundError:
        return None  # an install without assets still runs, without bundled music
