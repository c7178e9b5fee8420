"""A session with music, built from real parts on a fake clock.

Real: the encrypted practice, the music store, the session store, the
`SessionRunner`, the `SessionController`, the `MusicController` and the
`StreamingPlayer` with its real decoder reading real (small) files. The only
stand-in is the mixer: `FakeOutput`, which "plays" in fake
time and records what a listener would have heard. A `SpyPlayer` around the
player notes every command the controller gives it. Both are in stubs.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from kapdesk.audio.player import PlayerEvent
from kapdesk.core.clients import ClientDraft
from kapdesk.core.clock import FakeClock
from kapdesk.core.events import Event
from kapdesk.core.runner import SessionRunner
from kapdesk.core.script import Phase, Script
from kapdesk.storage.clients import ClientStore
from kapdesk.storage.music import MusicStore
from kapdesk.storage.sessions import SessionStore
from kapdesk.storage.settings import SettingsStore
from kapdesk.ui.music.controller import MusicController
from kapdesk.ui.music.wiring import SettingsVolume
from kapdesk.ui.session.controller import SessionController
from tests.helpers.audio_files import write_level
from tests.helpers.stubs import FAKE_RATE, FakeOutput, SpyPlayer, fake_player_factory

CROSSFADE_S = 2.0
PHASE_FADE_S = 4.0

#: Bundled stand-ins: constant levels, so the fake mixer's tape is the envelope.
TRACKS = [  # file, title, seconds, level, suggested phase
    ("01-arrive.wav", "Arrive", 20.0, 0.2, "check-in"),
    ("02-settle.wav", "Settle", 20.0, 0.3, "dissolve"),
    ("03-deep.wav", "Deep", 20.0, 0.4, "journey"),
    ("04-wide.wav", "Wide", 20.0, 0.5, "journey"),
    ("05-home.wav", "Home", 20.0, 0.6, "return"),
]

#: Short phases (seconds): the arc of a KAP session in two and a half minutes.
SCRIPT = Script(
    id="music-test", name="Music test",
    phases=(
        Phase("Check-in", 20, kind="check-in", music_slot=None),
        Phase("Dose & dissolve", 30, kind="dose", music_slot="dissolve"),
        Phase("Journey", 40, kind="journey", music_slot="journey"),
        Phase("Journey, later", 20, kind="journey", music_slot="journey"),
        Phase("Debrief", 30, kind="debrief", music_slot="return"),
        Phase("Discharge", 20, kind="discharge", music_slot=None),
    ),
)


def make_bundled(folder: Path, tracks: list[tuple[str, str, float, float, str]] = TRACKS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    catalog = []
    for file, title, seconds, level, phase in tracks:
        write_level(folder / file, seconds, level, rate=FAKE_RATE)
        catalog.append({"file": file, "title": title, "duration_s": seconds,
                        "suggested_phase": phase})
    (folder / "catalog.json").write_text(json.dumps(catalog), "utf-8")
    return folder


@dataclass
class MusicRig:
    clock: FakeClock
    store: MusicStore
    sessions: SessionStore
    session: SessionController
    music: MusicController
    session_id: int
    spies: list[SpyPlayer] = field(default_factory=list)
    outputs: list[FakeOutput] = field(default_factory=list)

    @property
    def spy(self) -> SpyPlayer:
        return self.spies[-1]

    @property
    def output(self) -> FakeOutput | None:
        """The newest output: the controller closes it while idle and opens a new one."""
        return self.outputs[-1] if self.outputs else None

    def run(self, seconds: float, step: float = 0.2) -> None:
        """Time passes: the music ticks as its timer would, the session once a second."""
        ticks_per_second = round(1 / step)
        for index in range(1, round(seconds / step) + 1):
            self.clock.advance(step)
            self.music.tick()
            if index % ticks_per_second == 0:
                self.session.tick()

    def run_to_phase(self, index: int, extra_s: float = 1.0) -> None:
        while self.session.state().phase_index < index:
            self.run(1.0)
        self.run(extra_s)

    def stored(self, *kinds: str) -> list[Event]:
        events = self.sessions.events(self.session_id)
        return [e for e in events if not kinds or e.kind.value in kinds]


def build_rig(practice, clock: FakeClock, bundled: Path, script: Script = SCRIPT,  # noqa: ANN001
              player_factory=None, start: bool = True) -> MusicRig:  # noqa: ANN001
    settings = SettingsStore(practice)
    store = MusicStore(practice, clock, bundled, settings)
    sessions = SessionStore(practice, clock)
    client = ClientStore(practice, clock).add(ClientDraft("Robin K."))
    session_id = sessions.create(client.id, script)
    runner = SessionRunner(script, clock, sessions.sink(session_id))
    session = SessionController(runner, clock, lambda: sessions.keep_alive(session_id))
    spies: list[SpyPlayer] = []
    outputs: list[FakeOutput] = []
    factory = player_factory or fake_player_factory(spies, clock, outputs)
    # The app's own volume memory: the practice's settings.
    music = MusicController(clock, store, lambda: (CROSSFADE_S, PHASE_FADE_S), factory,
                            volume_memory=SettingsVolume(settings))
    rig = MusicRig(clock, store, sessions, session, music, session_id, spies=spies, outputs=outputs)
    music.attach(session)
    if start:
        session.start(client.id)
        session.begin()
    return rig


def player_events(events: list[PlayerEvent], kind: str) -> list[PlayerEvent]:
    return [e for e in events if e.kind == kind]
