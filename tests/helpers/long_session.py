"""A session with a long log, left open as a crash leaves it (resume tests, bench/resume.py).

The log is what a busy session leaves behind when the app is killed: the
start, the intention, the checklist, a dose, then notes, tags, vitals and the
music's tracks, volume and silence, spread over the two hours before `now`,
with the session's last-alive time at its last event. Events are made by the
real `SessionRunner` (so each is valid and in order) on a clock moved by hand,
then written in one transaction: committing thousands one by one, as the live
app does, would only make the tests and the benchmark slow to set up.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
from kapdesk.core.clients import ClientDraft
from kapdesk.core.clock import FakeClock
from kapdesk.core.events import Event, MemorySink
from kapdesk.core.runner import SessionRunner
from kapdesk.core.vitals import VitalsReading
from kapdesk.services import Services, open_services
from kapdesk.storage.practice import create_practice
from kapdesk.storage.tables import session_events, sessions

SESSION_S = 2 * 3600
TRACKS = ("assets/music/02-slow-dissolve.ogg", "assets/music/03-deep-current.ogg")


def _one_of_each(runner: SessionRunner, number: int) -> None:
    """One step of the busy part of the session: a care event, now and then music."""
    step = number % 8
    if step == 0:
        runner.add_note(f"Breathing slow and even, hands open on the blanket ({number}).")
    elif step == 1:
        runner.add_tag(("calm", "tearful", "smiling")[number % 3])
    elif step == 2:
        runner.record_vitals(VitalsReading(128 + number % 9, 82, 74 + number % 7, 97))
    elif step == 3:
        path = TRACKS[number % 2]
        runner.record_music("track_started", {"path": path, "title": Path(path).stem,
                                               "playlist": "Journey"})
    elif step == 4:
        runner.record_music("volume_changed", {"volume": 0.5 + (number % 5) / 10})
    elif step == 5:
        runner.record_music("music_silenced", {})
    elif step == 6:
        runner.record_music("music_resumed", {})
    else:
        runner.record_music("track_stopped", {"path": TRACKS[number % 2], "reason": "ended"})


def session_log(count: int, now: float) -> list[Event]:
    """`count` events of a session that began two hours before `now` (its last one
    is a music event, so the music is silenced or not as the count falls)."""
    clock = FakeClock(now - SESSION_S)
    sink = MemorySink()
    runner = SessionRunner(KAP_SUBLINGUAL, clock, sink)
    runner.start(1)
    runner.update_intention("To rest, and to meet what comes gently.")
    runner.tick_checklist("Ride home arranged", True)
    runner.record_dose("ketamine", 200, "sublingual")
    step_s = (SESSION_S - 120) / max(1, count - 4)
    number = 0
    while len(sink.events) < count:
        clock.advance(step_s)
        _one_of_each(runner, number)
        number += 1
    return sink.events


def write_open_session(services: Services, client_id: int, count: int, now: float) -> int:
    """A session of `count` events for the client, never ended; its id."""
    session_id = services.sessions.create(client_id, KAP_SUBLINGUAL)
    events = session_log(count, now)
    rows = [{"session_id": session_id, "seq": e.seq, "kind": e.kind.value, "at": e.at,
             "data": dict(e.data)} for e in events]
    with services.practice.engine.begin() as connection:
        connection.execute(session_events.insert(), rows)
        connection.execute(sa.update(sessions).where(sessions.c.id == session_id)
                           .values(started_at=events[0].at, last_alive_at=events[-1].at))
    return session_id


def open_session_practice(data_dir: Path, passphrase: str, count: int, now: float) -> None:
    """A new practice in `data_dir` whose one client has a session left open (killed)."""
    practice = create_practice(data_dir, passphrase)
    try:
        services = open_services(practice)
        client = services.clients.add(ClientDraft("Alex M."))
        write_open_session(services, client.id, count, now)
    finally:
        practice.close()
