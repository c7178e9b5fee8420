"""The room's dimming and an acknowledged alert survive kill -9 (issue 16): real processes.

One process (room_state_driver.py) starts a session, records the dose, saves a
reading at alert level, acknowledges the alert (F12) and dims the room twice
(F9); once all of it is stored it is killed with SIGKILL. The next process
resumes through the start-up's offer: the room must open as dark as it was
(not a bright screen in a dark room) and must not raise the alert already
seen; the log holds each step once, before the recovery.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kapdesk.core.clients import ClientDraft
from kapdesk.core.events import EventKind
from kapdesk.services import open_services
from kapdesk.storage.practice import create_practice, open_practice
from tests.helpers.constants import PASSPHRASE
from tests.helpers.processes import app_env, driver_lines, kill_driver, start_driver

DRIVER = Path(__file__).with_name("room_state_driver.py")

pytestmark = pytest.mark.slow




def stored_events(data_dir: Path) -> list:
    practice = open_practice(data_dir, PASSPHRASE)
    try:
        [session] = open_services(practice).sessions.open_sessions()
        return list(session.events)
    finally:
        practice.close()


def test_after_kill_9_the_room_is_as_dark_as_it_was_and_the_seen_alert_stays_down(
        tmp_path: Path) -> None:
    data_dir = tmp_path / "practice"
    practice = create_practice(data_dir, PASSPHRASE)
    open_services(practice).clients.add(ClientDraft("Sam K."))
    practice.close()
    env = app_env(tmp_path / "home", PASSPHRASE)

    first = start_driver(DRIVER, data_dir, "start", env)
    assert first.stdout.readline().strip() == "alert dim=off veiled=False alert=True", \
        first.stderr.read()
    assert first.stdout.readline().strip() == "ready dim=dimmer veiled=True alert=False"
    kill_driver(first)

    resumed = driver_lines(start_driver(DRIVER, data_dir, "resume", env))
    assert resumed == ["resumed dim=dimmer veiled=True alert=False"]
    events = stored_events(data_dir)
    kinds = [e.kind for e in events]
    recovered = kinds.index(EventKind.APP_RECOVERED)
    [vitals] = [e for e in events if e.kind is EventKind.VITALS]
    [seen] = [e for e in events if e.kind is EventKind.ALERT_SEEN]
    assert seen.data["vitals_seq"] == vitals.seq and seen.data["what"] == "BP 186/112"
    assert [e.data["level"] for e in events if e.kind is EventKind.DIM_CHANGED] == ["dim", "dimmer"]
    assert kinds.index(EventKind.ALERT_SEEN) < recovered
    assert EventKind.DIM_CHANGED not in kinds[recovered:]  # restored, not stored again
