"""Which safety alert stands: the rule the room's alert banner shows.

A reading at the practice's alert level (vitals.classify) raises the alert;
it stands until the therapist acknowledges it (F12, an `alert_seen` event
naming the reading's seq) or a later reading is no longer at alert level.
Both are in the log, so the same rule read after a crash gives the same
answer: an alert not yet seen comes back on Resume, one already seen does not.
"""

from __future__ import annotations

from typing import Any

from kapdesk.core.events import Event
from kapdesk.core.timeline import SessionState
from kapdesk.core.vitals import VitalsReading, VitalThresholds, alert_words, classify


def standing_alert(state: SessionState, thresholds: VitalThresholds) -> Event | None:
    """The vitals event whose alert is still up, or None."""
    if not state.vitals or state.ended:
        return None
    latest = state.vitals[-1]
    if latest.seq in state.alerts_seen or not is_alert(latest, thresholds):
        return None
    return latest


def is_alert(event: Event, thresholds: VitalThresholds) -> bool:
    reading = VitalsReading.from_data(event.data)
    # Before the dose as after: a reading this high is an alert whenever it is taken.
    return classify(reading, thresholds, before_dose=False).level == "alert"


def alert_message(event: Event, thresholds: VitalThresholds) -> str:
    """The banner's account of what was measured (classify's words)."""
    return classify(VitalsReading.from_data(event.data), thresholds, before_dose=False).message


def seen_data(event: Event, thresholds: VitalThresholds) -> dict[str, Any]:
    """The data of the `alert_seen` event acknowledging `event`'s alert."""
    what = alert_words(VitalsReading.from_data(event.data), thresholds)
    return {"vitals_seq": event.seq, "what": what, "reading_at": event.at}
