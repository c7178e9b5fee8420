"""Helpers for the review screen tests (the fixtures are in review_fixtures.py).

`demo_session` records the demo practice's session (kapdesk/demo_sessions.py:
its notes, tags, vitals and debrief) through the real runner and store, with
music playing, and optionally a pause and a crash gap, so that a test knows
exactly what happened when. `FakeDialogs` answers the review's questions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
from kapdesk.core.clock import FakeClock
from kapdesk.core.runner import SessionRunner
from kapdesk.core.vitals import VitalsReading
from kapdesk.demo_sessions import DEBRIEF, DISCHARGE, JOURNEY
from kapdesk.storage.sessions import SessionStore

MIN = 60.0
# (minutes after the dose, title): what the music played, in the demo's arc
TRACKS = ((0, "Dissolve"), (9, "Slow tide"), (19, "Cello and rain"), (33, "Open field"),
          (46, "Warm light"), (60, "Return"))


@dataclass
class FakeDialogs:
    """Answers the review's questions; remembers what was asked."""

    path: Path | None = None
    name: str | None = "Dr. Ana Rivera"
    agree: bool = True
    asked: list[str] = field(default_factory=list)

    def choose_path(self, _parent, title: str, suggested: str, _filter: str) -> str | None:  # noqa: ANN001
        self.asked.append(f"path: {title} ({suggested})")
        return None if self.path is None else str(self.path)

    def ask_name(self, _parent) -> str | None:  # noqa: ANN001
        self.asked.append("name")
        return self.name

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
    clock = FakeClock(started)
    store = SessionStore(practice, clock)
    session_id = store.create(client_id, KAP_SUBLINGUAL)
    runner = SessionRunner(KAP_SUBLINGUAL, clock, store.sink(session_id))
    runner.start(client_id)
    runner.update_intention("To meet the grief for my father gently.")
    for item in ("Eye mask ready", "Music ready", "Phones silenced", "Ride home arranged"):
        runner.tick_checklist(item, True)
    runner.record_vitals(VitalsReading(128, 82, 72, 98))
    clock.advance(10 * MIN)
    runner.record_dose("ketamine", 150, "sublingual lozenge")
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
        elif kind == "note":
            runner.add_note(str(payload))
        elif kind == "tag":
            runner.add_tag(str(payload))
        else:
            runner.record_vitals(VitalsReading(*payload))
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
    runner.save_debrief(DEBRIEF, "A gentle, meaningful session.")
    clock.advance(26 * MIN)
    runner.record_vitals(VitalsReading(126, 80, 70, 98))
    for item in DISCHARGE:
        runner.check_discharge(item, True)
    runner.end()
    return DemoSession(session_id, started, dose_at)


def settle(qtbot, review) -> None:  # noqa: ANN001
    """Wait until the area's background work (history pages, searches) has answered."""
    qtbot.waitUntil(lambda: not review.tasks.busy and not review.search.busy, timeout=10_000)
