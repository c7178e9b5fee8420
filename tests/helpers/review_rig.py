"""Helpers for the review screen tests (the fixtures are in review_fixtures.py).

`demo_session` records the demo practice's session (kapdesk/demo/sessions.py:
its notes, tags, vitals and debrief) through the real runner and store, with
music playing, and optionally a pause and a crash gap, so that a test knows
exactly what happened when. (`FakeDialogs`, which answers the review's questions,
is in stubs.py.)
"""

from __future__ import annotations

from dataclasses import dataclass

from kapdesk.demo.sessions import JOURNEY, begin_session, finish_session, observe

MIN = 60.0
# (minutes after the dose, title): what the music played, in the demo's arc
TRACKS = ((0, "Dissolve"), (9, "Slow tide"), (19, "Cello and rain"), (33, "Open field"),
          (46, "Warm light"), (60, "Return"))


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
