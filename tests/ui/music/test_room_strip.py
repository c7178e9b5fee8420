"""The music strip in the room: the silence key, now playing, next/previous,
volume, the skipped-file note and the no-sound sentence. Driven by the real
MusicController following a real session on a fake clock (music_rig)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from kapdesk.audio.player import PlayerState
from kapdesk.audio.silent import NO_OUTPUT_MESSAGE, SilentPlayer
from kapdesk.ui.music.room_strip import MusicStrip
from tests.helpers.audio_files import write_garbage
from tests.helpers.music_rig import PHASE_FADE_S, build_rig
from tests.helpers.stubs import FAKE_RATE


@pytest.fixture
def host(qtbot, rig):  # noqa: ANN001, ANN201
    """A window holding a note field and the strip, shown and active."""
    window = QWidget()
    window.note = QLineEdit(window)
    window.strip = MusicStrip(rig.music, window)
    layout = QVBoxLayout(window)
    layout.addWidget(window.note)
    layout.addWidget(window.strip)
    qtbot.addWidget(window)
    window.resize(1200, 120)
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.activateWindow()
    return window


def heard_now(rig) -> float:  # noqa: ANN001
    heard = rig.output.heard()
    return float(np.max(np.abs(heard[-round(0.2 * FAKE_RATE):])))


def test_f1_silences_within_two_seconds_and_the_same_key_brings_it_back(rig, host) -> None:  # noqa: ANN001
    strip = host.strip
    rig.run_to_phase(2, extra_s=PHASE_FADE_S + 1)
    assert heard_now(rig) > 0.2
    assert strip.silence_button.text().startswith("Silence") and "F1" in strip.silence_button.text()
    QTest.keyClick(host, Qt.Key.Key_F1)
    assert rig.music.state is PlayerState.SILENCED
    assert strip.silence_button.text().startswith("Music back")
    assert strip.silence_button.accessibleName() == "Bring the music back"
    assert strip.title.text() == "Silenced — Deep"
    rig.run(2.0)
    assert heard_now(rig) == 0.0
    QTest.keyClick(host, Qt.Key.Key_F1)
    assert rig.music.state is PlayerState.PLAYING
    assert strip.silence_button.text().startswith("Silence")
    rig.run(4.0)
    assert heard_now(rig) > 0.2


def test_m_is_a_letter_only_f1_silences(rig, host) -> None:  # noqa: ANN001
    rig.run_to_phase(1, extra_s=2)
    host.note.setFocus()
    QTest.keyClick(host.note, Qt.Key.Key_M)
    assert host.note.text() == "m"
    host.strip.setFocus()
    host.note.clearFocus()
    QTest.keyClick(host, Qt.Key.Key_M)
    assert rig.music.state is PlayerState.PLAYING  # in the room, a letter starts a note
    QTest.keyClick(host, Qt.Key.Key_F1)
    assert rig.music.state is PlayerState.SILENCED


def test_the_strip_is_reachable_with_tab_and_reads_what_it_shows(rig, host) -> None:  # noqa: ANN001
    strip = host.strip
    assert strip.silence_button.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert strip.silence_button.shortcut().toString() == "F1"
    rig.run_to_phase(2, extra_s=2)
    assert strip.title.accessibleName() == "Now playing: Deep"
    QTest.keyClick(host, Qt.Key.Key_F1)
    assert strip.title.accessibleName() == "Now playing: Silenced — Deep"
    assert strip.silence_button.accessibleName() == "Bring the music back"


def test_the_strip_shows_what_plays_and_moves_on_with_next_and_previous(rig, host) -> None:  # noqa: ANN001
    strip = host.strip
    assert strip.title.text() == "No music in this phase"
    assert not strip.next_button.isEnabled()
    rig.run_to_phase(2, extra_s=2)
    assert strip.title.text() == "Deep"
    assert strip.next_button.isEnabled() and strip.previous_button.isEnabled()
    strip.next_button.click()
    rig.run(2)
    assert strip.title.text() == "Wide"
    strip.previous_button.click()
    rig.run(2)
    assert strip.title.text() == "Deep"
    reasons = [e.data["reason"] for e in rig.stored("track_stopped")]
    assert reasons.count("skipped") == 2


def test_the_volume_slider_sets_and_records_the_volume(rig, host) -> None:  # noqa: ANN001
    strip = host.strip
    assert strip.volume.value() == 100 and strip.volume_label.text() == "100%"
    rig.run_to_phase(1, extra_s=2)
    strip.volume.setValue(40)
    assert rig.music.volume == pytest.approx(0.4)
    assert strip.volume_label.text() == "40%"
    assert [e.data["volume"] for e in rig.stored("volume_changed")] == [0.4]


def test_the_next_session_starts_at_the_volume_the_slider_was_left_at(
        practice, clock, bundled, rig, host, qtbot) -> None:  # noqa: ANN001
    host.strip.volume.setValue(40)
    rig.music.close()
    # The next session: a new controller on the same practice, as after a restart.
    following = build_rig(practice, clock, bundled)
    strip = MusicStrip(following.music)
    qtbot.addWidget(strip)
    assert following.music._player is None  # nothing plays in the check-in yet
    assert strip.volume.value() == 40 and strip.volume_label.text() == "40%"
    following.run_to_phase(1, extra_s=PHASE_FADE_S + 1)
    assert following.spy.inner.volume == pytest.approx(0.4)
    following.music.close()


def test_a_skipped_file_shows_a_note_that_clears_itself(rig, host, tmp_path) -> None:  # noqa: ANN001
    store = rig.store
    broken = write_garbage(tmp_path / "broken.ogg")
    found = type("Found", (), {"path": broken, "title": "Broken", "artist": None, "album": None,
                               "duration_s": 60.0})
    store.save_scan(store.add_folder(tmp_path), [found])
    ids = {t.title: t.id for t in store.tracks()}
    playlist_id = store.create_playlist("With a broken file")
    store.set_items(playlist_id, [ids["Broken"], ids["Settle"]])
    store.set_slot(replace(store.slots()["dissolve"], playlist_id=playlist_id))
    rig.run_to_phase(1, extra_s=1)
    strip = host.strip
    assert strip.note_label.isVisible()
    assert "broken.ogg" in strip.note_label.toolTip()
    assert strip.note_label.toolTip().startswith("Skipped")
    assert strip.title.text() == "Settle"  # the next track plays
    rig.music._note_timer.timeout.emit()  # the note's time is up
    assert not strip.note_label.isVisible()


def test_no_sound_output_is_said_calmly_and_the_session_goes_on(practice, clock, bundled,  # noqa: ANN001
                                                                qtbot) -> None:
    rig = build_rig(practice, clock, bundled,
                    player_factory=lambda *_: (SilentPlayer(), NO_OUTPUT_MESSAGE))
    strip = MusicStrip(rig.music)
    qtbot.addWidget(strip)
    strip.show()
    assert strip.banner.isVisible()
    assert strip.banner.text() == "No sound output — the session continues without music."
    assert not strip.silence_button.isVisible() and not strip.volume.isVisible()
    rig.run_to_phase(2)
    assert rig.session.add_note("breathing slowly") is not None
    assert strip.banner.isVisible()


def test_losing_the_output_mid_session_says_so_and_the_session_goes_on(rig, host) -> None:  # noqa: ANN001
    rig.run_to_phase(1, extra_s=2)
    rig.output.broken = True
    rig.run(1)
    strip = host.strip
    assert strip.banner.isVisible() and "stopped working" in strip.banner.text()
    assert [e.kind.value for e in rig.stored("output_lost")] == ["output_lost"]
    rig.run_to_phase(3)
    assert rig.session.add_note("still calm") is not None
