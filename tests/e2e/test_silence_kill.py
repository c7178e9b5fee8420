"""The silence key survives kill -9 (issue 16, item 4): real processes, real mixer.

One process (silence_driver.py) starts a session, records the dose so the
dissolve music plays, and presses F1; once the silence is stored it is killed
with SIGKILL. The next process resumes through the start-up's offer: the
music must stay silent (no channel of the player sounds) until F1 is pressed
again, and the log must hold the one silence from before the crash and, after
the recovery, the music coming back.
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

DRIVER = Path(__file__).with_name("silence_driver.py")

pytestmark = pytest.mark.slow




def stored_kinds(data_dir: Path) -> list[EventKind]:
    practice = open_practice(data_dir, PASSPHRASE)
    try:
        [session] = open_services(practice).sessions.open_sessions()
        return [e.kind for e in session.events]
    finally:
        practice.close()


def test_after_f1_and_kill_9_resume_keeps_the_music_silent_until_f1(tmp_path: Path) -> None:
    data_dir = tmp_path / "practice"
    practice = create_practice(data_dir, PASSPHRASE)
    open_services(practice).clients.add(ClientDraft("Sam K."))
    practice.close()
    env = app_env(tmp_path / "home", PASSPHRASE)

    first = start_driver(DRIVER, data_dir, "start", env)
    assert first.stdout.readline().strip() == "playing state=playing heard=True", first.stderr.read()
    assert first.stdout.readline().startswith("silenced state=silenced")
    kill_driver(first)

    resumed = driver_lines(start_driver(DRIVER, data_dir, "resume", env))
    assert resumed == ["resumed state=silenced heard=False", "after_f1 state=playing heard=True"]
    kinds = stored_kinds(data_dir)
    recovered = kinds.index(EventKind.APP_RECOVERED)
    assert kinds.count(EventKind.MUSIC_SILENCED) == 1
    assert kinds.index(EventKind.MUSIC_SILENCED) < recovered
    assert kinds[recovered + 1:recovered + 3] == [EventKind.MUSIC_RESUMED, EventKind.TRACK_STARTED]
