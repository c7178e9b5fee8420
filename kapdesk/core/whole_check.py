"""When the whole practice file is read through and checked, and what the last such check found.

Opening a practice reads only its header and schema, so start-up costs the
same for any size of practice. The whole file (every page's HMAC, SQLite's
own integrity check) is read instead in the background, a little while after
start-up, never while a session runs (the reading competes with the room for
the disk), and by every backup's check (a checked backup has read every page
of the practice). A damaged page is rare; once a day is often enough to find
one long before the backups that still hold the good page are thinned away.

The last check's result is remembered in the practice: when, whether it
found the file whole, and what was wrong if not. A failed check is done
again at the next start: the notice comes back until the practice is
restored or found whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: Seconds after start-up before the background check may begin: the screens
#: have been read by then, and a person reaching for the first control is not slowed.
AFTER_START_S = 20.0
#: A file found whole is read through again after this long.
EVERY_S = 24 * 3600.0
#: A check kept from starting by a session is tried again this long after it closes.
AFTER_SESSION_S = 60.0

BY_BACKGROUND = "background"
BY_BACKUP = "backup"


@dataclass(frozen=True)
class WholeCheck:
    """What one reading of the whole file found."""

    checked_at: float  # the clock's seconds
    whole: bool
    problem: str = ""  # in words, when not whole
    by: str = BY_BACKGROUND  # BY_BACKGROUND or BY_BACKUP

    def to_data(self) -> dict[str, Any]:
        return {"checked_at": self.checked_at, "whole": self.whole, "problem": self.problem,
                "by": self.by}


def whole_check_from(value: Any) -> WholeCheck | None:
    """The stored result, or None when there is none or it cannot be read (then: check again)."""
    if not isinstance(value, dict):
        return None
    try:
        checked_at = float(value["checked_at"])
        whole = value["whole"]
    except (KeyError, TypeError, ValueError):
        return None
    if not isinstance(whole, bool):
        return None
    return WholeCheck(checked_at, whole, str(value.get("problem") or ""),
                      str(value.get("by") or BY_BACKGROUND))


def whole_check_due(last: WholeCheck | None, now: float, session_running: bool) -> bool:
    """Whether the background check should read the whole file now."""
    if session_running:
        return False
    if last is None or not last.whole:
        return True
    # A clock set back makes the last check look newer than now: check rather than wait.
    return now - last.checked_at >= EVERY_S or now < last.checked_at
