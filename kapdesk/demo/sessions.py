"""Past sessions for the demo practice, written through the real runner and store.

Each is a plausible sublingual KAP session: check-in, dose, an hour lying
down with notes, tags and vitals, a debrief and discharge. Time is a fake
clock set weeks back, so the records read like real history.
"""

from __future__ import annotations

from collections.abc import Callable

from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
from kapdesk.core.clock import FakeClock
from kapdesk.core.practice_settings import DEFAULT_CHECKLIST
from kapdesk.core.runner import SessionRunner
from kapdesk.core.vitals import VitalsReading
from kapdesk.services import open_services
from kapdesk.storage.practice import Practice
from kapdesk.storage.sessions import SessionStore

MINUTE = 60.0
DAY = 86_400.0

# (minutes after the dose, what happens) — the observations of one session.
JOURNEY = (
    (4, "note", "Lozenge dissolving; client quiet, eyes closed, hands resting on belly."),
    (12, "tag", "talking"),
    (13, "note", "Reports tingling in the hands and a sense of floating; calm."),
    (22, "note", "Tearful when the cello came in; says it is 'the good kind of sad'."),
    (23, "tag", "tearful"),
    (31, "note", "Long silence. Breathing slow and even."),
    (40, "vitals", (146, 92, 84, 97)),
    (47, "note", "Speaks of her father's workshop, the smell of sawdust; smiling."),
    (55, "tag", "water"),
    (63, "note", "Eye mask off; orienting to the room, a little unsteady sitting up."),
    (64, "tag", "eye mask off"),
)
DEBRIEF = {
    "what came up": "Memories of her father's workshop; grief felt as warmth rather than weight.",
    "emotions": "Sadness, tenderness, relief.",
    "body": "Warmth in the chest, heavy limbs early, light afterwards.",
    "insights": "The grief is also love; she does not have to hold it alone.",
    "plan for integration": "Journal tonight; integration session Thursday; walk in the woods this weekend.",
}
DISCHARGE = ("Alert and oriented", "Vitals near baseline", "Escort present",
             "Told not to drive until the next day after sleep")


def seed_past_sessions(practice: Practice, client_ids: list[int], now: float) -> None:
    for index, client_id in enumerate(client_ids):
        for weeks_ago in (3, 1):
            started = now - weeks_ago * 7 * DAY - index * DAY
            _one_session(practice, client_id, started, sign=weeks_ago == 3)


def _one_session(practice: Practice, client_id: int, started: float, sign: bool) -> None:
    store, clock, runner, session_id = begin_session(practice, client_id, started)
    dose_at = clock.now()
    for minutes, kind, payload in JOURNEY:
        clock.advance(max(0.0, dose_at + minutes * MINUTE - clock.now()))
        observe(runner, kind, payload)
    finish_session(runner, clock, dose_at)
    if sign:
        store.sign(session_id, "Dr. Demo")


def begin_session(practice: Practice, client_id: int, started: float, intention: str = ""
                  ) -> tuple[SessionStore, FakeClock, SessionRunner, int]:
    """A demo session from its start to the dose, given ten minutes in; the clock is left there."""
    clock = FakeClock(started)  # the session's own time, weeks back
    store = open_services(practice, clock).sessions
    session_id = store.create(client_id, KAP_SUBLINGUAL)
    runner = SessionRunner(KAP_SUBLINGUAL, clock, store.sink(session_id))
    runner.start(client_id)
    if intention:
        runner.update_intention(intention)
    for item in DEFAULT_CHECKLIST:
        runner.tick_checklist(item, True)
    runner.record_vitals(VitalsReading(128, 82, 72, 98))
    clock.advance(10 * MINUTE)
    runner.record_dose("ketamine", 150, "sublingual lozenge")
    return store, clock, runner, session_id


def finish_session(runner: SessionRunner, clock: FakeClock, dose_at: float) -> None:
    """The debrief 72 minutes after the dose, discharge checks and the end."""
    clock.advance(max(0.0, dose_at + 72 * MINUTE - clock.now()))
    runner.save_debrief(DEBRIEF, "A gentle, meaningful session.")
    clock.advance(26 * MINUTE)
    runner.record_vitals(VitalsReading(126, 80, 70, 98))
    for item in DISCHARGE:
        runner.check_discharge(item, True)
    runner.end()


def observe(runner: SessionRunner, kind: str, payload: object) -> None:
    """One JOURNEY step: a note, a tag or a vitals reading."""
    actions: dict[str, Callable[[object], object]] = {
        "note": lambda text: runner.add_note(str(text)),
        "tag": lambda tag: runner.add_tag(str(tag)),
        "vitals": lambda values: runner.record_vitals(VitalsReading(*values)),  # type: ignore[misc]
    }
    actions[kind](payload)
