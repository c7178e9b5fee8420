"""Times and checkpoints in the words the session screen shows.

Read from a chair a few metres away, so short and unambiguous: "42:10",
"+3:00 over", "BP check in 4 min". Elapsed times round down (a minute has
not passed until it has); countdowns round up (0:00 only when time is up).

A record's time, everywhere a record is read (the room's log, Records, the
PDF, the CSV), is one convention: the clock time of day ("14:05") and, after
the dose, "+h:mm", hours and minutes since the dose, always with the hour
("+0:42"). Before the dose there is no "+" at all. `record_time` writes it,
`since_dose` writes the "+" part (`after_dose` finds it for a moment), and
each screen or report that uses it says so once with SINCE_DOSE_LEGEND.

The moments a record is dated by (`local_datetime`, `iso_utc`, `iso_local`,
`zone_label`) and the round clock times a chart's time axis falls on
(`CLOCK_TICK_STEPS_MIN`, `utc_offset_s`) are here too, so that the review
screens and the exports (PDF, CSV, JSON) read one record's times alike.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Iterable

from kapdesk.core.checkpoints import CheckpointStatus
from kapdesk.core.timeline import SessionState


def format_clock(seconds: float) -> str:
    """42:10, or 1:02:03 from an hour on; whole seconds, rounded down."""
    sign = "-" if seconds < 0 else ""
    total = math.floor(abs(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


def format_countdown(remaining: float) -> str:
    """Time left in a phase ("3:00"), or overtime in the last phase ("+3:00 over")."""
    if remaining >= 0:
        return format_clock(math.ceil(remaining))
    over = math.floor(-remaining)
    return f"+{format_clock(over)} over" if over >= 1 else "0:00"


def format_minutes(seconds: float) -> str:
    """"4 min", "1 h 20 min": the grain the therapist plans in."""
    minutes = max(1, round(seconds / 60))
    if minutes < 90:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def format_due(next_due: CheckpointStatus | None, now: float) -> str:
    """"BP check in 4 min" / "BP check due now" / "BP check overdue by 6 min"; "" if none."""
    if next_due is None:
        return ""
    label, due = next_due.checkpoint.label, next_due.due_at
    if next_due.status in ("done", "dismissed"):
        return f"{label} {next_due.status}"
    if due is None:
        return f"{label} later"
    if now < due:
        # Rounded up: "in 1 min" until it is due, never "in 0 min".
        return f"{label} in {format_minutes(math.ceil((due - now) / 60) * 60)}"
    if now < due + next_due.checkpoint.grace_s:
        return f"{label} due now"
    return f"{label} overdue by {format_minutes(math.floor((now - due) / 60) * 60)}"


def local_datetime(epoch_s: float, tz: dt.tzinfo | None = None) -> dt.datetime:
    """The moment in `tz`, or the machine's local zone when None (always zone-aware)."""
    return dt.datetime.fromtimestamp(epoch_s, tz).astimezone(tz)


def utc_offset_s(epoch_s: float, tz: dt.tzinfo | None = None) -> float:
    """How far `tz` (the machine's local zone when None) is ahead of UTC at `epoch_s`, in seconds."""
    offset = local_datetime(epoch_s, tz).utcoffset()
    return offset.total_seconds() if offset is not None else 0.0


def iso_utc(epoch_s: float | None) -> str | None:
    """"2026-12-07T13:05:00Z"; None for no moment."""
    if epoch_s is None:
        return None
    moment = dt.datetime.fromtimestamp(epoch_s, dt.timezone.utc)
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def iso_local(epoch_s: float | None, tz: dt.tzinfo | None = None) -> str:
    """"2026-12-07T14:05:00+01:00" in `tz` (the machine's zone when None); "" for no moment."""
    return "" if epoch_s is None else local_datetime(epoch_s, tz).isoformat(timespec="seconds")


def zone_label(epoch_s: float, tz: dt.tzinfo | None = None) -> str:
    """"UTC+01:00 (CET)": what a record's clock times mean."""
    moment = local_datetime(epoch_s, tz)
    offset = moment.strftime("%z")
    label = f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
    name = moment.tzname() or ""
    return f"{label} ({name})" if name and not name.startswith(("UTC", "+", "-")) else label


# A chart's time axis is marked at round clock times (14:00, 14:15), stepping by
# the first of these (minutes) that leaves the marks neither crowded nor sparse.
CLOCK_TICK_STEPS_MIN = (1, 2, 5, 10, 15, 20, 30, 60, 120)


def format_time_of_day(epoch_s: float, tz: dt.tzinfo | None = None) -> str:
    """"14:05" in the given zone (the machine's local zone by default)."""
    return dt.datetime.fromtimestamp(epoch_s, tz).strftime("%H:%M")


SINCE_DOSE_LEGEND = "+0:42 = 42 minutes after the dose"


def since_dose(seconds: float) -> str:
    """"+0:42": hours:minutes since the dose, rounded down, always with the hour."""
    minutes = math.floor(max(0.0, seconds) / 60)
    return f"+{minutes // 60}:{minutes % 60:02d}"


def record_time(at: float, dose_at: float | None, tz: dt.tzinfo | None = None) -> str:
    """"14:05" before the dose (or with none); "14:47 +0:42" from the dose on."""
    clock = format_time_of_day(at, tz)
    if dose_at is None or at < dose_at:
        return clock
    return f"{clock} {since_dose(at - dose_at)}"


def dose_before(dose_times: Iterable[float], at: float) -> float | None:
    """The latest dose given at or before `at` (the one "+h:mm" counts from), or None."""
    return max((d for d in dose_times if d <= at), default=None)


def after_dose(dose_times: Iterable[float], at: float) -> str:
    """"+0:42" counted from the latest dose at or before `at`; "" before any dose."""
    dose = dose_before(dose_times, at)
    return "" if dose is None else since_dose(at - dose)


def resume_summary(state: SessionState) -> str:
    """One line for the "resume this session?" offer: "Lying-down journey, 42:10 elapsed"."""
    if not state.started:
        return "Not started"
    if state.ended:
        return f"Ended after {format_clock(state.session_elapsed_s)}"
    paused = ", paused" if state.paused else ""
    return f"{state.phase.name}, {format_clock(state.session_elapsed_s)} elapsed{paused}"
