"""When to make a backup, and which backups to keep: the practice's rules, without files.

Keeping (as Anki thins its backups): every backup made today, then the
newest backup of each of the last `daily` days that have one, then the
newest of each of the `weekly` weeks before those, then the newest of each
of the `monthly` months before those. Each backup kept moves all three marks
back, so a weekly one is always from a week older than the oldest daily one,
and a monthly one from a month older than the oldest weekly one. A backup dated
after today (the computer's clock was changed) is kept: a rule about time
never deletes what it cannot place.

When: after a session closes; at quit when something changed; otherwise
when something changed and the last backup is at least INTERVAL_S old.
Never while a running session is in a phase where the client lies still
(the dose, the journey, the observation): the room is quiet then, and a
backup is disk and fan work that can wait for the debrief.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

INTERVAL_S = 30 * 60

#: The phase kinds in which a running session allows a backup: the client is
#: sitting up and talking. Any other kind, a custom one too, counts as quiet.
SITTING_UP_KINDS = frozenset({"check-in", "debrief", "discharge"})

Key = TypeVar("Key")


@dataclass(frozen=True)
class Retention:
    """How many backups to keep, beside today's: one a day, a week, a month."""

    daily: int = 12
    weekly: int = 10
    monthly: int = 9


def backups_to_keep(made: Mapping[Key, dt.datetime], today: dt.date,
                    retention: Retention = Retention()) -> set[Key]:
    """The keys of the backups to keep, given when each was made (local time)."""
    kept: set[Key] = set()
    left = {"daily": retention.daily, "weekly": retention.weekly, "monthly": retention.monthly}
    last_day, last_week, last_month = dt.date.max, (10**6, 0), (10**6, 0)
    for key, when in sorted(made.items(), key=lambda item: item[1], reverse=True):
        day = when.date()
        week, month = day.isocalendar()[:2], (day.year, day.month)
        if day >= today:
            stage = "today"
        elif left["daily"] > 0 and day < last_day:
            stage = "daily"
        elif left["daily"] > 0:
            continue  # a second backup of a day already kept
        elif left["weekly"] > 0 and week < last_week:
            stage = "weekly"
        elif left["weekly"] > 0:
            continue
        elif left["monthly"] > 0 and month < last_month:
            stage = "monthly"
        else:
            continue
        if stage != "today":
            left[stage] -= 1
        kept.add(key)
        last_day, last_week, last_month = day, week, month
    return kept


class Trigger(Enum):
    """What asks for a backup."""

    SESSION_CLOSED = "a session closed"
    QUIT = "the app is closing"
    TIMER = "time has passed"


@dataclass(frozen=True)
class Moment:
    """What the rule needs to know at the moment a backup is asked for.

    `running_phase_kind`: the kind of the current phase of a running session,
    or None when no session runs. `changed`: something was written since the
    last backup. `last_backup_at`: wall time of the last checked backup, if any.
    """

    now: float
    changed: bool
    last_backup_at: float | None = None
    running_phase_kind: str | None = None
    session_running: bool = False


def backup_due(trigger: Trigger, moment: Moment) -> bool:
    """Whether to make a backup now."""
    if moment.session_running and moment.running_phase_kind not in SITTING_UP_KINDS:
        return False
    if trigger is Trigger.SESSION_CLOSED:
        return True  # closing a session wrote to it
    if not moment.changed:
        return False
    if trigger is Trigger.QUIT:
        return True
    return moment.now >= next_due_at(moment.last_backup_at, moment.now)


def next_due_at(last_backup_at: float | None, now: float) -> float:
    """When the timer's next backup may be made (if something changed by then)."""
    if last_backup_at is None or last_backup_at > now:
        return now  # none yet, or the clock went back: do not wait on it
    return last_backup_at + INTERVAL_S
