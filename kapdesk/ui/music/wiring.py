"""Putting the music into the app: the composition root's one call.

`connect_music(window, services, session_flow)`: one `MusicController` for
the app's life, parented to the window, on the practice's music library
(`services.music`, with the bundled tracks); the header's Music button opens
the library; each session view that opens gets the music strip in its room
and is followed by the controller; at quit the sound output is released. The
master volume is kept in the practice's settings (`SettingsVolume`).

Returns the `MusicWiring`: the controller, the library's store, and the strip
of the session on screen (None when no session is open).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from kapdesk.core.practice_settings import MUSIC_VOLUME, volume_from
from kapdesk.storage.music import MusicStore
from kapdesk.storage.settings import SettingsStore
from kapdesk.ui.common.tasks import TaskRunner
from kapdesk.ui.music.controller import MusicController
from kapdesk.ui.music.room_strip import MusicStrip

if TYPE_CHECKING:
    from kapdesk.services import Services
    from kapdesk.ui.session.flow import SessionFlow
    from kapdesk.ui.session.pages import SessionView
    from kapdesk.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)


@dataclass
class MusicWiring:
    """The app's music, as `connect_music` put it together."""

    controller: MusicController
    store: MusicStore
    strip: MusicStrip | None = None  # the room's strip while a session is on screen


def fade_settings(services: Services) -> tuple[float, float]:
    from kapdesk.storage.practice_settings_store import load

    settings = load(services.settings)
    return float(settings.crossfade_s), float(settings.phase_fade_s)


class SettingsVolume:
    """The music's master volume, kept in the practice's settings for the next session."""

    def __init__(self, settings: SettingsStore) -> None:
        self._settings = settings

    def load(self) -> float:
        return volume_from(self._settings.get(MUSIC_VOLUME))

    def save(self, volume: float) -> None:
        self._settings.set(MUSIC_VOLUME, round(volume, 2))


def connect_music(window: MainWindow, services: Services, session_flow: SessionFlow,
                  tasks: TaskRunner) -> MusicWiring:
    store = services.music
    music = MusicController(services.clock, store, lambda: fade_settings(services),
                            volume_memory=SettingsVolume(services.settings), parent=window)
    wiring = MusicWiring(music, store)

    def open_library() -> None:
        from kapdesk.ui.music.library_window import open_music_library

        open_music_library(store, services.scripts.all, tasks, music, window)

    def session_opened(view: SessionView) -> None:
        try:
            strip = MusicStrip(music, view.room.music_slot)
            view.room.music_slot.layout().addWidget(strip)
            # Now, not on the event loop's next turn: a resumed room is already
            # on screen, and its first paint would lack the strip, then jump.
            strip.show()
            wiring.strip = strip
        except Exception:  # noqa: BLE001 - a session without a music strip still runs
            log.exception("Adding the music strip to the room failed")
        music.attach(view.controller)

    def session_closed() -> None:
        wiring.strip = None
        music.detach()

    window.music_requested.connect(open_library)
    session_flow.session_opened.connect(session_opened)
    session_flow.session_closed.connect(session_closed)
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(music.close)
    return wiring
