"""Before the end of a session: what is left undone, said at the end question.

Ending closes the record to everything but addenda, so the question names
what has not happened yet: checks never done (from the timeline's checkpoint
states: anything not done or set aside), discharge items not ticked, and a
debrief not saved. The question still lets the therapist end: a client may
have to leave early, and then the record says so. Pure Python.
"""

from __future__ import annotations

from collections.abc import Iterable

from kapdesk.core.timeline import SessionState

# The discharge checks come from DOMAIN.md; they are a record, not a setting.
DISCHARGE_ITEMS = ("Alert and oriented", "Vitals near baseline", "Escort present",
                   "Told not to drive until the next day, after sleep")


def checks_not_done(state: SessionState) -> tuple[str, ...]:
    """The labels of the script's checks neither done nor set aside, in script order."""
    return tuple(s.checkpoint.label for s in state.checkpoints if s.is_open)


def discharge_not_ticked(state: SessionState, items: Iterable[str]) -> tuple[str, ...]:
    return tuple(item for item in items if not state.discharge_checks.get(item, False))


def end_warning(state: SessionState, discharge_items: Iterable[str]) -> str:
    """"Not done: 40-minute BP. Not ticked: Escort present. …" — or "" when all is done."""
    parts = []
    checks = checks_not_done(state)
    if checks:
        parts.append(f"Not done: {', '.join(checks)}.")
    unticked = discharge_not_ticked(state, discharge_items)
    if unticked:
        parts.append(f"Not ticked: {', '.join(unticked)}.")
    if not state.debrief:
        parts.append("The debrief is not saved yet (F10).")
    return " ".join(parts)
