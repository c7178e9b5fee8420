"""The client's take-home sheet: what they carry out of the door after a dose.

One calm page, for the client, with no clinical notes and no scores: the date,
the music that played (titles and artists, so they can listen again), the
practice's after-care words (a setting: rest, no driving until the next day
after sleep, what to notice), when the follow-up check-in and the integration
session are due, and whom to call. `take_home_sheet` gathers it from the
session's state and the course's windows; the PDF only lays it out.

The music is listed once per track, in the order first heard, and only what
was actually heard (a track that failed to play is left out). A track known
only by its file name is listed by that name: it is what the client heard.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kapdesk.core.course_due import CourseWindows
from kapdesk.core.review_model import music_spans
from kapdesk.core.timeline import SessionState

DEFAULT_AFTER_CARE = (
    "Rest for the rest of today, somewhere quiet and comfortable.\n"
    "Do not drive, cycle or use machinery until tomorrow, after a night's sleep.\n"
    "Eat lightly and drink water. Avoid alcohol and other drugs today.\n"
    "Notice what comes up in the next days: sleep, dreams, feelings, images. "
    "A few words in a notebook are enough; bring them to your integration session.\n"
    "Be gentle with yourself. Strong feelings can come and go; they usually settle.")
DEFAULT_CONTACT = ""
MAX_TEXT = 2000


@dataclass(frozen=True)
class TakeHomeSettings:
    after_care: str = DEFAULT_AFTER_CARE
    contact: str = DEFAULT_CONTACT  # whom to call, with the number, in the practice's words

    def to_data(self) -> dict[str, str]:
        return {"after_care": self.after_care, "contact": self.contact}

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> TakeHomeSettings:
        after_care = data.get("after_care")
        contact = data.get("contact")
        return cls(after_care=after_care if isinstance(after_care, str) and after_care.strip()
                   else DEFAULT_AFTER_CARE,
                   contact=contact if isinstance(contact, str) else DEFAULT_CONTACT)


def take_home_problems(settings: TakeHomeSettings) -> list[str]:
    problems = []
    if not settings.after_care.strip():
        problems.append("Write the after-care words; the default is there to start from.")
    if len(settings.after_care) > MAX_TEXT or len(settings.contact) > MAX_TEXT:
        problems.append(f"Keep each text under {MAX_TEXT} characters: it must fit on one page.")
    return problems


@dataclass(frozen=True)
class HeardTrack:
    title: str
    artist: str


@dataclass(frozen=True)
class TakeHomeSheet:
    first_name: str
    day: str  # "Monday 7 December 2026"
    music: tuple[HeardTrack, ...]
    after_care: tuple[str, ...]  # paragraphs
    check_in: str  # "By Thursday 10 December, about 15:00: we will check in with you."
    integration: str
    contact: str

    def lines(self) -> list[str]:
        """The sheet as plain lines (what a test or a screen reader reads)."""
        found = [f"For {self.first_name}" if self.first_name else "", self.day]
        found += [f"{t.title} — {t.artist}" if t.artist else t.title for t in self.music]
        found += [*self.after_care, self.check_in, self.integration, self.contact]
        return [line for line in found if line]


def first_name(display_name: str) -> str:
    """How the sheet greets the client: their first name only."""
    parts = display_name.split()
    return parts[0] if parts else ""


def _day(epoch_s: float, tz: dt.tzinfo | None) -> str:
    when = dt.datetime.fromtimestamp(epoch_s, tz)
    return f"{when:%A} {when.day} {when:%B %Y}"


def _by(epoch_s: float, tz: dt.tzinfo | None) -> str:
    when = dt.datetime.fromtimestamp(epoch_s, tz)
    return f"{when:%A} {when.day} {when:%B}, about {when:%H:%M}"


def take_home_sheet(state: SessionState, display_name: str, artists: Mapping[str, str],
                    settings: TakeHomeSettings = TakeHomeSettings(),
                    windows: CourseWindows = CourseWindows(), now: float | None = None,
                    tz: dt.tzinfo | None = None) -> TakeHomeSheet:
    """The sheet for a session (`artists` maps a track's path to its artist, as the
    library knows it); the check-in and integration are counted from `now` (the
    discharge) when the session has not ended yet, else from its end."""
    heard: list[HeardTrack] = []
    seen: set[str] = set()
    for span in music_spans(state):
        if span.how_it_ended.startswith("failed") or span.path in seen:
            continue
        seen.add(span.path)
        heard.append(HeardTrack(span.title, artists.get(span.path, "")))
    end = state.ended_at if state.ended_at is not None else (now if now is not None else state.now)
    check_in = end + windows.check_in_hours * 3600
    integration = end + windows.integration_days * 86400
    contact = settings.contact.strip()
    return TakeHomeSheet(
        first_name=first_name(display_name),
        day=_day(state.started_at if state.started_at is not None else end, tz),
        music=tuple(heard),
        after_care=tuple(line.strip() for line in settings.after_care.splitlines() if line.strip()),
        check_in=f"By {_by(check_in, tz)}: we will check in with you to hear how you are.",
        integration=f"By {_by(integration, tz)}: your integration session, to talk through "
                    "what came up.",
        contact=(f"If you are worried or need to talk: {contact}" if contact
                 else "If you are worried or need to talk, call the practice."))
