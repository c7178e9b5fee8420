"""Music in the app as it is wired: the header's Music button, the strip in
the room, the bundled music following a real session on the real pygame
mixer (SDL's dummy driver), and the script editor's music minutes."""

from __future__ import annotations

import pygame
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kapdesk.audio.player import PlayerState
from kapdesk.audio.pygame_output import PLAYER_CHANNELS
from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
from kapdesk.core.events import EventKind
from kapdesk.ui.music.library_window import MusicLibraryDialog
from kapdesk.ui.music.room_strip import MusicStrip
from tests.helpers.session_window import dose_anyway, stored, tick_checklist

pytest_plugins = ("tests.helpers.session_fixtures",)


@pytest.fixture(autouse=True)
def _release_the_mixer(wired):  # noqa: ANN001, ANN202
    yield
    wired.music.controller.close()


def test_the_room_has_the_music_strip_and_the_dissolve_music_plays(room, wired, services,  # noqa: ANN001
                                                                     session) -> None:
    strips = room.music_slot.findChildren(MusicStrip)
    assert strips == [wired.music.strip]
    strip = strips[0]
    assert wired.music.controller.problem is None  # the dummy driver is a sound output
    assert wired.music.controller.state is PlayerState.PLAYING
    assert strip.title.text() == "Slow Dissolve"
    started = stored(services, session, EventKind.TRACK_STARTED)
    assert [(e.data["title"], e.data["playlist"]) for e in started] == \
        [("Slow Dissolve", "Dissolve")]
    assert any("Track started: Slow Dissolve" in room.log.item(i).text() for i in range(room.log.count()))
    assert wired.music.controller.tick_timer.isActive()


def test_f1_in_the_room_silences_the_music_even_while_typing_a_note(room, wired, services,  # noqa: ANN001
                                                                    session) -> None:
    room.note_edit.setFocus()
    QTest.keyClicks(room.note_edit, "calm")
    QTest.keyClick(room.note_edit, Qt.Key.Key_F1)
    assert wired.music.controller.state is PlayerState.SILENCED
    assert room.note_edit.text() == "calm"
    QTest.keyClick(room.note_edit, Qt.Key.Key_F1)
    assert wired.music.controller.state is PlayerState.PLAYING
    kinds = [e.kind for e in stored(services, session)
             if e.kind in (EventKind.MUSIC_SILENCED, EventKind.MUSIC_RESUMED)]
    assert kinds == [EventKind.MUSIC_SILENCED, EventKind.MUSIC_RESUMED]


def test_ending_the_session_fades_to_silence_and_lets_go_of_the_session(room, wired,  # noqa: ANN001
                                                                        session) -> None:
    room.controller.end()
    assert wired.music.controller.state is PlayerState.FADING
    assert wired.music.strip is None  # the session view closed


def test_the_header_opens_the_music_library(window, qtbot) -> None:  # noqa: ANN001
    button = window.music_button
    assert button.accessibleName() == "Music" and "Ctrl+Shift+M" in button.text()
    button.click()
    dialogs = window.findChildren(MusicLibraryDialog)
    assert len(dialogs) == 1 and dialogs[0].isVisible()
    assert dialogs[0].view.slots.rows["journey"].playlist.currentText() == "Journey"
    dialogs[0].reject()


def test_minutes_of_music_per_slot_for_the_script_editor_come_from_the_bundled_playlists(wired) -> None:  # noqa: ANN001
    store = wired.music.store
    bundled = {t.title: t.duration_s for t in store.tracks() if t.bundled}
    journey = bundled["Deep Current"] + bundled["Still Horizon"]
    assert store.minutes_for_slot("journey") == pytest.approx(journey / 60)
    assert store.minutes_for_slot("afterglow") is None


def test_with_the_chime_turned_on_a_checkpoint_coming_due_rings_on_the_real_mixer(
        wired, services, client, clock) -> None:  # noqa: ANN001
    services.settings.set("checkpoint_chime", True)
    view = wired.session_flow.start(client.id, KAP_SUBLINGUAL)
    tick_checklist(view.pre_dose)
    dose_anyway(view.pre_dose)
    clock.advance(40 * 60)  # the 40-minute BP comes due while the music plays
    rung = []
    chime = wired.music.controller.chime
    wired.music.controller.chime = lambda: (rung.append(clock.now()), chime())
    view.controller.tick()
    assert len(rung) == 1
    # On a channel of its own, over the music: not on one of the player's four.
    cue_channels = [pygame.mixer.Channel(i) for i in range(PLAYER_CHANNELS, pygame.mixer.get_num_channels())]
    assert [channel.get_busy() for channel in cue_channels].count(True) == 1
    assert wired.music.controller.state is PlayerState.PLAYING
