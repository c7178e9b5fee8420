"""What the lock screen shows of a running session: enough to care for the client, nothing of who.

Locked during a session, the window still has to serve the person in the
chair: the phase and its count-down, what is due now (the script's
checkpoints), and a safety alert that stands (core/alerts.py) stay in view.
What never shows: the client's name, the intention, notes, tags, the log or
the readings' history. The alert's words name only what was measured and
the limit ("Blood pressure 190/115 is at or above 180/110"); the phase and
checkpoint names come from the script, which is the practice's, not the
client's.

`locked_session(state, thresholds)` is the whole rule; the lock screen's
widgets only show what it returns.
"""

from __future__ import annotations

from dataclasses import dataclass

from kapdesk.core.alerts import alert_message, standing_alert
from kapdesk.core.formatting import format_countdown, format_due
from kapdesk.core.timeline import SessionState
from kapdesk.core.vitals import VitalThresholds

#: Checkpoints shown under the lock: those the therapist must act on now.
DUE_STATUSES = ("due", "overdue")
NOTHING_DUE = "No checks due now"
PAUSED = "Paused"
ENDED = "The session has ended"


@dataclass(frozen=True)
class LockedSession:
    """The running session as the lock screen shows it; no field holds client data."""

    phase: str  # "Journey · phase 3 of 6"
    countdown: str  # "12:04", "+3:00 over"
    paused: bool
    due: tuple[str, ...]  # "BP check due now", "BP check overdue by 6 min"
    overdue: bool  # any of them overdue: shown as an alert, not a caution
    next_due: str  # "Next: BP check in 4 min", or NOTHING_DUE
    alert: str | None  # what was measured, when a safety alert stands


def locked_session(state: SessionState, thresholds: VitalThresholds) -> LockedSession:
    """The lock screen's view of `state` (see the module docstring for what is left out)."""
    count = len(state.phases_planned_s)
    phase = f"{state.phase.name} · phase {state.phase_index + 1} of {count}"
    if state.ended:
        phase = ENDED
    due_now = [status for status in state.checkpoints if status.status in DUE_STATUSES]
    due = tuple(format_due(status, state.as_of) for status in due_now)
    upcoming = format_due(state.next_due, state.as_of)
    reading = standing_alert(state, thresholds)
    return LockedSession(
        phase=phase,
        countdown="" if state.ended else format_countdown(state.phase_remaining_s),
        paused=state.paused and not state.ended,
        due=due,
        overdue=any(status.status == "overdue" for status in due_now),
        next_due=f"Next: {upcoming}" if upcoming and not due else (NOTHING_DUE if not due else ""),
        alert=alert_message(reading, thresholds) if reading is not None else None,
    )
