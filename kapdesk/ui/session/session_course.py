"""What a session reads of the client's course of care: the readiness verdict
for the before-the-dose page, and consent to touch for the room.

Both come from `services.course` (storage/course.py); "today" is the local
day of the injected clock, so a test on a FakeClock judges a screening's age
as the app would on that day.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from kapdesk.core.readiness import Readiness
from kapdesk.core.vitals import VitalsReading
from kapdesk.ui.session.readiness_panel import ReadinessSource

if TYPE_CHECKING:
    from kapdesk.services import Services

UNREADABLE_TOUCH = "Touch: could not be read — ask the client before any touch"


def client_course(services: Services, client_id: int) -> tuple[ReadinessSource, str]:
    """(the readiness source, the touch words: "" when no consent to touch is recorded)."""
    course, clock = services.course, services.clock

    def readiness(baseline: VitalsReading | None, reason: str) -> Readiness:
        today = dt.datetime.fromtimestamp(clock.now()).date()
        return course.readiness_for(client_id, today, baseline, reason)

    try:
        touch = course.touch_for(client_id)
    except Exception:  # noqa: BLE001 - the room opens all the same, and says it does not know
        touch = UNREADABLE_TOUCH
    return readiness, touch
