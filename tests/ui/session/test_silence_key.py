"""The silence key belongs to its session, like every other state of it.

After F1 and a kill -9, Resume keeps the music silent until F1 is pressed
again; a session ended silenced neither keeps the sound output open nor holds
the next session's music back. The app's own window on a real encrypted
practice, the bundled music on the real pygame mixer with SDL's dummy driver.
"""

from __future__ import annotations

import pygame
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from kapdesk.audio.player import PlayerState
from kapdesk.audio.pygame_output import PLAYER_CHANNELS
from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
from kapdesk.core.events import EventKind
from kapdesk.ui.session.pages import SessionView
from tests.helpers.session_window import dose_anyway, open_window, stored, tick_checklist

pytest_plugins = ("tests.helpers.session_fixtures",)
MIN = 60


def crash(wired) -> None:  # noqa: ANN001
    """The process dies: nothing in its window acts again, its sound output is gone."""
    for timer in wired.window.findChildren(QTimer):
        timer.stop()
    wired.session_flow.view = None
    wired.music.controller.close()
    wired.window.hide()


def music_heard() -> bool:
    """Whether any of the player's mixer channels is playing something."""
    return pygame.mixer.get_init() is not None and any(pygame.mixer.Channel(i).get_busy() for i in range(PLAYER_CHANNELS))


def resume(qtbot, services) -> tuple:  # noqa: ANN001
    wired = open_window(qtbot, services)
    window = wired.window
    window.stack.currentWidget().resume_button.click()
    view = window.stack.currentWidget()
    assert isinstance(view, SessionView)
    assert wired.music.strip.isVisible()  # with the room's first paint, not a turn later
    return wired, view


def after(events: list, kind: EventKind) -> list:
    """The events stored after the last `kind` (the resume's app_recovered)."""
    last = max(i for i, e in enumerate(events) if e.kind is kind)
    return events[last + 1:]


@pytest.fixture
def silenced_then_killed(wired, room, session, services, clock):  # noqa: ANN001, ANN201
    """Music playing in the dissolve phase, F1 pressed, then the process killed."""
    assert wired.music.controller.state is PlayerState.PLAYING and music_heard()
    QTest.keyClick(room, Qt.Key.Key_F1)
    assert wired.music.controller.state is PlayerState.SILENCED
    clock.advance(MIN)
    crash(wired)
    clock.advance(2 * MIN)
    return session.session_id


def test_resume_after_a_crash_keeps_the_music_silent_until_f1(silenced_then_killed, qtbot,  # noqa: ANN001
                                                              services, clock) -> None:
    wired, view = resume(qtbot, services)
    try:
        music, strip = wired.music.controller, wired.music.strip
        assert music.state is PlayerState.SILENCED and not music_heard()
        assert strip.silence_button.accessibleName() == "Bring the music back"
        # The journey's music comes due: it waits for the key, as before the crash.
        clock.advance(10 * MIN)
        view.controller.tick()
        assert view.controller.state().phase.name == "Lying-down journey"
        assert music.state is PlayerState.SILENCED and not music_heard()
        since_resume = after(stored(services, view), EventKind.APP_RECOVERED)
        assert [e.kind for e in since_resume if e.kind.value.startswith(("track", "music"))] == []
        QTest.keyClick(view.room, Qt.Key.Key_F1)
        assert music.state is PlayerState.PLAYING and music_heard()
        since_resume = after(stored(services, view), EventKind.APP_RECOVERED)
        kinds = [e.kind for e in since_resume]
        assert kinds[:2] == [EventKind.MUSIC_RESUMED, EventKind.TRACK_STARTED]
        assert since_resume[1].data["playlist"] == "Journey"
    finally:
        wired.music.controller.close()


def test_the_silence_is_not_recorded_twice_on_resume(silenced_then_killed, qtbot,  # noqa: ANN001
                                                     services) -> None:
    wired, view = resume(qtbot, services)
    try:
        silenced = stored(services, view, EventKind.MUSIC_SILENCED)
        assert len(silenced) == 1
        assert [line for line in view.room.log.texts() if "Music silenced" in line] != []
    finally:
        wired.music.controller.close()


def test_a_new_session_after_a_silenced_one_has_its_music(wired, room, session, client,  # noqa: ANN001
                                                          services, clock) -> None:
    QTest.keyClick(room, Qt.Key.Key_F1)
    room.controller.end()  # the session ends with the music still silenced
    try:
        clock.advance(MIN)
        view = wired.session_flow.start(client.id, KAP_SUBLINGUAL)
        clock.advance(2 * MIN)
        tick_checklist(view.pre_dose)
        dose_anyway(view.pre_dose)
        assert wired.music.controller.state is PlayerState.PLAYING and music_heard()
        assert stored(services, view, EventKind.MUSIC_RESUMED) == []
        assert [e.data["playlist"] for e in stored(services, view, EventKind.TRACK_STARTED)] \
            == ["Dissolve"]
    finally:
        wired.music.controller.close()


def test_a_session_ended_silenced_lets_the_sound_output_go(wired, room, session, services) -> None:  # noqa: ANN001
    QTest.keyClick(room, Qt.Key.Key_F1)
    room.controller.end()
    try:
        assert wired.session_flow.view is None and wired.music.strip is None
        # Nothing keeps an idle sound output open (mixing silence for hours) or
        # holds the next music back: the silence ended with its session.
        music = wired.music.controller
        assert music.state is PlayerState.STOPPED and music._player is None  # noqa: SLF001
        assert pygame.mixer.get_init() is None
        kinds = [e.kind for e in stored(services, session)]
        assert kinds.count(EventKind.MUSIC_SILENCED) == 1
        assert EventKind.MUSIC_RESUMED not in kinds
    finally:
        wired.music.controller.close()
