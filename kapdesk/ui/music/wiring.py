"""Putting the music into the app: the composition root's two calls.

* `music_store_for(services)`: the practice's music library, with the bundled
  tracks from the assets folder (its `minutes_for_slot` feeds the script
  editor's "38 min of music for a 60 min phase").
* `connect_music(window, services, store, session_flow, tasks)`: one
  `MusicController` for the app's life, parented to the window; the header's
  Music button opens the library (its folder scans run in the app's task
  runner, `tasks`); each session view that opens gets the music
  strip in its room and is followed by the controller; at quit the sound
  output is released. The master volume is kept in the practice's settings
  (`SettingsVolume`).

Sets `window.music`, `window.music_store` and `window.music_strip` (the strip
of the session on screen, else None) for whoever hosts or tests the window.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication

from kapdesk.core.practice_settings import MUSIC_VOLUME, volume_from
from kapdesk.storage.music import MusicStore
from kapdesk.ui.common.tasks import TaskRunner
from kapdesk.ui.music.controller import MusicController
from kapdesk.ui.music.room_strip import MusicStrip

log = logging.getLogger(__name__)


def music_store_for(services: Any) -> MusicStore:
    from kapdesk.assets import music_dir

    try:
        bundled = music_dir()
    except FileNotFoundError:
        bundled = None  # an install without assets still runs, without bundled music
    return MusicStore(services.practice, services.clock, bundled)


def fade_settings(services: Any) -> tuple[float, float]:
    from kapdesk.storage.practice_settings_store import load

    settings = load(services.settings)
    return float(settings.crossfade_s), float(settings.phase_fade_s)


class SettingsVolume:
    """The music's master volume, kept in the practice's settings for the next session."""

    def __init__(self, settings: Any) -> None:
        self._settings = settings

    def load(self) -> float:
        return volume_from(self._settings.get(MUSIC_VOLUME))

    def save(self, volume: float) -> None:
        self._settings.set(MUSIC_VOLUME, round(volume, 2))


def connect_music(window: Any, services: Any, store: MusicStore, session_flow: Any,
                  tasks: TaskRunner) -> MusicController:
    music = MusicController(services.clock, store, lambda: fade_settings(services),
                            volume_memory=SettingsVolume(services.settings), parent=window)
    window.music, window.music_store, window.music_strip = music, store, None

    def open_library() -> None:
        from kapdesk.ui.music.library_window import open_music_library

        open_music_library(store, services.scripts.all, tasks, music, window)

    def session_opened(view: Any) -> None:
        try:
            strip = MusicStrip(music, view.room.music_slot)
            view.room.music_slot.layout().addWidget(strip)
            # Now, not on the event loop's next turn: a resumed room is already
            # on screen, and its first paint would lack the strip, then jump.
            strip.show()
            window.music_strip = strip
        except Exception:  # noqa: BLE001 - a session without a music strip still runs
            log.exception("Adding the music strip to the room failed")
        music.attach(view.controller)

    def session_closed() -> None:
        window.music_strip = None
        music.detach()

    if hasattr(window, "music_requested"):
        window.music_requested.connect(open_library)
    session_flow.session_opened.connect(session_opened)
    session_flow.session_closed.connect(session_closed)
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(music.close)
    return music
