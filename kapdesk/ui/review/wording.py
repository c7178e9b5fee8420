"""Dates, times and statuses in the words the review screens use.

Times are shown in the machine's local zone (a therapist reads a record by
the clock on the office wall); `tz` is there for tests. The moments and clock
times themselves come from core/formatting.py, which the exports use too.
"""

from __future__ import annotations

import datetime as dt
import html

from kapdesk.core.formatting import format_minutes, format_time_of_day
from kapdesk.core.formatting import local_datetime as local

MATCH_STYLE = "background-color:#f3dfa2; color:#2e2a25; font-weight:600;"


def day(epoch_s: float, tz: dt.tzinfo | None = None) -> str:
    """"Thu 8 Jan 2026"."""
    moment = local(epoch_s, tz)
    return f"{moment:%a} {moment.day} {moment:%b %Y}"


def day_and_time(epoch_s: float, tz: dt.tzinfo | None = None) -> str:
    """"Thu 8 Jan 2026, 09:40"."""
    return f"{day(epoch_s, tz)}, {local(epoch_s, tz):%H:%M}"


def day_time_short(epoch_s: float, tz: dt.tzinfo | None = None) -> str:
    """"Thu 8 Jan 2026  09:40": for a table column."""
    return f"{day(epoch_s, tz)}  {local(epoch_s, tz):%H:%M}"


time_of_day = format_time_of_day  # "14:05": the record's clock time, as everywhere


def length(seconds: float | None) -> str:
    return "still open" if seconds is None else format_minutes(seconds)


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    return f"{count:,} {noun if count == 1 else (nouns or noun + 's')}"


def status_words(status: str, signed_by: str | None, addenda: int) -> str:
    """A history row's status: "Signed", "Awaiting signature", "Open"..."""
    words = {"signed": "Signed", "ended": "Not signed", "open": "Open — not ended",
             "not started": "Not started"}.get(status, status)
    if addenda:
        words += f" · {plural(addenda, 'addendum', 'addenda')}"
    return words


def marked_html(segments: tuple[tuple[str, bool], ...]) -> str:
    """Search segments as HTML with the matched words highlighted (all text escaped)."""
    return "".join(f'<span style="{MATCH_STYLE}">{html.escape(text)}</span>' if hit
                   else html.escape(text) for text, hit in segments)
