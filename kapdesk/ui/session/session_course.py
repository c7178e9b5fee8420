"""What a session reads of the client's course of care: the readiness verdict
for the before-the-dose page, and consent to touch for the room.

Both come from `services.course` (storage/course.py); "today" is the local
day of the injected clock, so a test on a FakeClock judges a screening's age
as the app would on that day.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from kapdesk.core.course_due import course_position, pace_problem
from kapdesk.core.dose_history import past_doses
from kapdesk.core.readiness import Readiness, with_course
from kapdesk.storage.review import HistoryFilter
from kapdesk.core.vitals import VitalsReading
from kapdesk.ui.session.readiness_panel import ReadinessSource

if TYPE_CHECKING:
    from kapdesk.services import Services

SESSIONS_READ = 10_000  # every session of one client: far more than any course has
UNREADABLE_TOUCH = "Touch: could not be read — ask the client before any touch"


def client_course(services: Services, client_id: int) -> tuple[ReadinessSource, str]:
    """(the readiness source, the touch words: "" when no consent to touch is recorded)."""
    course, clock = services.course, services.clock

    def readiness(baseline: VitalsReading | None, reason: str) -> Readiness:
        today = dt.datetime.fromtimestamp(clock.now()).date()
        found = course.readiness_for(client_id, today, baseline, reason)
        return with_course_around(services, client_id, found)

    try:
        touch = course.touch_for(client_id)
    except Exception:  # noqa: BLE001 - the room opens all the same, and says it does not know
        touch = UNREADABLE_TOUCH
    return readiness, touch


def with_course_around(services: Services, client_id: int, found: Readiness) -> Readiness:
    """The verdict with the pace of the doses, the last doses and the course position
    (core/course_due.py, core/dose_history.py), from the client's sessions' facts."""
    # Read only: a session is on screen, and the summaries' pass waits for it to close.
    rows = services.review.history(HistoryFilter(client_id=client_id), limit=SESSIONS_READ,
                                   keep_facts=False)
    dosed = [(row.session_id, row.facts) for row in rows if row.facts.doses]
    windows = services.due.windows()
    starts = [facts.started_at for _id, facts in dosed if facts.started_at is not None]
    now = services.clock.now()
    return with_course(found, pace_problem(starts, now, windows),
                       [past.words() for past in past_doses(dosed)],
                       course_position(len(dosed), windows))
