"""Helpers for the review screen tests (the fixtures are in review_fixtures.py).

`demo_session` records the demo practice's session (kapdesk/demo/sessions.py:
its notes, tags, vitals and debrief) through the real runner and store, with
music playing, and optionally a pause and a crash gap, so that a test knows
exactly what happened when. `FakeDialogs` answers the review's questions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kapdesk.demo.sessions import JOURNEY, begin_session, finish_session, observe
from tests.helpers.constants import PASSPHRASE

MIN = 60.0
# (minutes after the dose, title): what the music played, in the demo's arc
TRACKS = ((0, "Dissolve"), (9, "Slow tide"), (19, "Cello and rain"), (33, "Open field"),
          (46, "Warm light"), (60, "Return"))


@dataclass
class FakeDialogs:
    """Answers the review's questions; remembers what was asked."""

    path: Path | None = None
    name: str | None = "Dr. Ana Rivera"  # what the signer types (None: cancels the dialog)
    passphrase: str = PASSPHRASE
    agree: bool = True
    asked: list[str] = field(default_factory=list)

    def choose_path(self, _parent, title: str, suggested: str, _filter: str) -> str | None:  # noqa: ANN001
        self.asked.append(f"path: {title} ({suggested})")
        return None if self.path is None else str(self.path)

    def ask_signer(self, _parent, title: str, _action: str, _explanation: str, offered: str,  # noqa: ANN001, PLR0913
                   check) -> str | None:  # noqa: ANN001
        """The signing dialog: the offered name kept (or `name` typed), the passphrase checked."""
        self.asked.append(f"signer: {title} ({offered or 'no name yet'})")
        if self.name is None:
            return None
        if not check(self.passphrase):
            self.asked.append("wrong passphrase")
            return None
        return offered or self.name

    def confirm(self, _parent, title: str, _question: str) -> bool:  # noqa: ANN001
        self.asked.append(f"confirm: {title}")
        return self.agree


@dataclass
class DemoSession:
    session_id: int
    started: float
    dose_at: float


def demo_session(practice, client_id: int, started: float, pause: bool = False,  # noqa: ANN001
                 gap_min: float = 0.0) -> DemoSession:
    """The demo practice's session, with music (and a pause or a crash gap, if asked)."""
    _store, clock, runner, session_id = begin_session(
        practice, client_id, started, intention="To meet the grief for my father gently.")
    dose_at = clock.now()
    steps = sorted([(m, "track", title) for m, title in TRACKS] + [(m, k, p) for m, k, p in JOURNEY],
                   key=lambda step: step[0])
    playing = None
    for minutes, kind, payload in steps:
        clock.advance(max(0.0, dose_at + minutes * MIN - clock.now()))
        if kind == "track":
            if playing:
                runner.record_music("track_stopped", {"path": playing, "reason": "ended"})
            playing = f"/music/arc/{payload.lower().replace(' ', '-')}.ogg"
            runner.record_music("track_started", {"path": playing, "title": payload,
                                                  "playlist": "Journey arc"})
        else:
            observe(runner, kind, payload)
        if pause and minutes == 31:
            runner.pause()
            clock.advance(4 * MIN)
            runner.resume()
        if gap_min and minutes == 47:
            down_since = clock.now() + 2 * MIN
            clock.advance(2 * MIN + gap_min * MIN)
            runner.mark_recovered(down_since)
    clock.advance(dose_at + 72 * MIN - clock.now())
    runner.record_music("track_stopped", {"path": playing, "reason": "phase ended"})
    finish_session(runner, clock, dose_at)
    return DemoSession(session_id, started, dose_at)


def settle(qtbot, review) -> None:  # noqa: ANN001
    """Wait until the area's background work (history pages, searches) has answered."""
    qtbot.waitUntil(lambda: not review.tasks.busy and not review.search.busy, timeout=10_000)
