"""The room at 1024x640, 1280x800 and 1920x1080, and in full screen.

Nothing clipped (every phase's name whole in the strip; the alert under the
client's name and the strip, the end question under the music strip), the
count-down growing with the window, and the window never pushed past the
size it was given. The pictures go to the test's folder (or
KAPDESK_SCREENSHOT_DIR): look at them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kapdesk.core.builtin_scripts import ESKETAMINE, KAP_SUBLINGUAL
from kapdesk.core.clients import ClientDraft
from kapdesk.core.clock import FakeClock
from kapdesk.core.vitals import VitalsReading
from kapdesk.services import open_services
from tests.helpers.screenshots import save_screen, screenshot_folder
from tests.helpers.course_records import everything_ready
from tests.helpers.session_window import dose_anyway, open_window, tick_checklist

pytest_plugins = ("tests.helpers.session_fixtures",)
MIN = 60
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    return screenshot_folder(tmp_path)


def open_room(practice, qtbot, size, script=KAP_SUBLINGUAL, bp_at_40=True):  # noqa: ANN001, ANN201
    """A session 45 minutes in, one reminder waiting (two without the 40-minute BP)."""
    clock = FakeClock(dt.datetime(2026, 3, 12, 14, 0).timestamp())
    services = open_services(practice, clock)
    client = services.clients.add(ClientDraft("Alex M.", intention="To rest."))
    everything_ready(services, client.id)
    wired = open_window(qtbot, services)
    window = wired.window
    window.resize(*size)
    view = wired.session_flow.start(client.id, script)
    clock.advance(5 * MIN)
    tick_checklist(view.pre_dose)
    dose_anyway(view.pre_dose)
    room = view.room
    for minutes, note in ((4, "Lying down, eye mask on, blanket"), (19, "Breathing slower")):
        clock.advance(minutes * MIN - (clock.now() - view.controller.state().dose_at))
        room.note_edit.setText(note)
        room.save_note()
    clock.advance(21 * MIN + 7)
    if bp_at_40:
        room.controller.record_vitals(VitalsReading(128, 84, 76))
    view.controller.tick()
    return window, room


def names_fit(strip) -> bool:  # noqa: ANN001
    return all(strip._rect(i).width() >= strip._name_px[i] for i in range(len(strip._names)))


def below(upper, lower) -> bool:  # noqa: ANN001
    """`lower` lies wholly under `upper` (both children of the same page)."""
    return lower.geometry().top() >= upper.geometry().bottom()


@pytest.mark.parametrize("size", [(1024, 640), (1280, 800), (1920, 1080)])
def test_the_room_fits_and_the_countdown_grows_with_the_window(practice, qtbot, shots,  # noqa: ANN001
                                                               size) -> None:
    window, room = open_room(practice, qtbot, size)
    assert len(room.reminders.cards) == 1
    save_screen(window, shots, "room-{}x{}.png".format(*size))
    assert window.size().toTuple() == size
    assert names_fit(room.strip)
    px = room.face.countdown.pixel_size()
    assert {(1024, 640): 80, (1280, 800): 100, (1920, 1080): 200}[size] <= px
    assert room.face.countdown.sizeHint().width() > 0
    when = room.reminders.first_card().when
    assert when.height() < 2 * when.fontMetrics().height()  # "overdue by 45 min" on one line


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_the_alert_and_the_end_question_leave_name_strip_and_music_in_sight(
        practice, qtbot, shots, size) -> None:  # noqa: ANN001
    window, room = open_room(practice, qtbot, size)
    room.controller.record_vitals(VitalsReading(150, 92, 125))
    QTest.keyClick(room, Qt.Key.Key_F8)
    save_screen(window, shots, "room-alert-end-{}x{}.png".format(*size))
    assert window.size().toTuple() == size
    assert room.alert.message.text() == "Heart rate 125 is above 120. Recheck and attend to the client."
    assert below(room.title, room.strip) and below(room.strip, room.alert)
    assert below(room.music_slot, room.confirm) and below(room.confirm, room.pause_button)
    assert room.title.isVisible() and room.music_slot.isVisible()
    assert room.face.countdown.pixel_size() >= 64


def test_two_reminders_still_fit_1024x640(practice, qtbot, shots) -> None:  # noqa: ANN001
    window, room = open_room(practice, qtbot, (1024, 640), bp_at_40=False)
    assert len(room.reminders.cards) == 2
    save_screen(window, shots, "room-two-reminders-1024x640.png")
    assert window.size().toTuple() == (1024, 640)
    assert room.face.countdown.pixel_size() >= 64


def test_a_long_script_keeps_its_short_phases_named(practice, qtbot) -> None:  # noqa: ANN001
    window, room = open_room(practice, qtbot, (1024, 640), ESKETAMINE)
    assert names_fit(room.strip)
    assert "Discharge" in room.strip.accessibleDescription()


def test_ctrl_shift_f_toggles_full_screen_and_ending_leaves_it(practice, qtbot) -> None:  # noqa: ANN001
    window, room = open_room(practice, qtbot, (1280, 800))
    assert room.full_screen_button.shortcut().toString() == "Ctrl+Shift+F"
    QTest.keyClick(room, Qt.Key.Key_F, CTRL_SHIFT)
    assert window.windowState() & Qt.WindowState.WindowFullScreen
    assert room.full_screen_button.accessibleName() == "Leave full screen"
    assert room.full_screen_button.text() == "Leave full screen   Ctrl+Shift+F"
    QTest.keyClick(room, Qt.Key.Key_F, CTRL_SHIFT)
    assert not window.windowState() & Qt.WindowState.WindowFullScreen
    assert room.full_screen_button.text() == "Full screen   Ctrl+Shift+F"
    assert room.full_screen_button.shortcut().toString() == "Ctrl+Shift+F"
    QTest.keyClick(room, Qt.Key.Key_F, CTRL_SHIFT)
    room.controller.end()
    assert not window.windowState() & Qt.WindowState.WindowFullScreen


def test_the_countdown_keeps_its_size_from_ten_minutes_down(room, clock) -> None:  # noqa: ANN001
    room.controller.tick()
    assert room.face.countdown.text() == "10:00"
    size = room.face.countdown.pixel_size()
    clock.advance(1)
    room.controller.tick()
    assert room.face.countdown.text() == "9:59" and room.face.countdown.pixel_size() == size


@pytest.mark.parametrize("size", [(1024, 640), (1200, 740), (1280, 800)])
def test_the_vitals_fields_show_their_words_whole(practice, qtbot, size) -> None:  # noqa: ANN001
    window, room = open_room(practice, qtbot, size)
    for name in ("systolic", "diastolic", "heart_rate", "spo2"):
        field = room.vitals.fields[name]
        word = field.fontMetrics().horizontalAdvance(field.placeholderText())
        assert field.width() >= word + 16, f"{name}: '{field.placeholderText()}' is cut short"


@pytest.mark.parametrize("size", [(1024, 640), (1200, 740)])
def test_every_button_of_the_room_is_shown_whole(practice, qtbot, size) -> None:  # noqa: ANN001
    """Each button's words and key readable, none cut at its edges (1200x740: a
    1280x800 screen's window under its title bar)."""
    from PySide6.QtWidgets import QAbstractButton

    window, room = open_room(practice, qtbot, size)
    cut = [(b.accessibleName(), b.width(), b.sizeHint().width())
           for b in room.findChildren(QAbstractButton)
           if b.isVisible() and b.width() < b.sizeHint().width()]
    assert cut == [], cut
