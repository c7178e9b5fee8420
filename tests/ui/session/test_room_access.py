"""The room as a screen reader and a keyboard-only user meet it (item 27).

Labels whose text changes are read as their content ("Current phase:
Lying-down journey"), every control is reachable with Tab, and the keys are
the buttons' own shortcuts, so they are announced as key bindings.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kapdesk.core.events import EventKind
from kapdesk.core.vitals import VitalsReading
from tests.helpers.session_window import press, stored, type_keys

pytest_plugins = ("tests.helpers.session_fixtures",)
MIN = 60


def test_changing_labels_read_as_what_they_show(room, clock) -> None:  # noqa: ANN001
    clock.advance(3 * MIN + 20)
    room.controller.tick()
    face = room.face
    assert face.phase_name.accessibleName() == "Current phase: Dose & dissolve"
    assert face.subline.accessibleName() == "Phase status: left of 10 min · phase 2 of 5"
    assert face.next_due.accessibleName() == "What is due next: Next: Baseline BP due now"
    assert face.guidance.accessibleName().startswith("Guidance for this phase: ")
    assert len(face.guidance.accessibleName()) > len("Guidance for this phase: ") + 10
    card = room.reminders.first_card()
    assert card.when.accessibleName() == "Due: due now"
    assert "Dose & dissolve" in room.strip.accessibleDescription()
    assert room.title.accessibleName() == "Client and script: Alex M. · KAP — sublingual lozenge"
    assert room.legend.accessibleName() == f"Keys: {room.legend.text()}"


def test_the_silence_button_says_which_way_it_goes(room, wired) -> None:  # noqa: ANN001
    button = wired.music.strip.silence_button
    assert button.accessibleName() == "Silence the music"
    press(Qt.Key.Key_F1)
    assert button.accessibleName() == "Bring the music back"
    assert button.text() == "Music back   F1" and button.shortcut().toString() == "F1"


def test_the_alert_is_announced_by_its_words(room) -> None:  # noqa: ANN001
    room.controller.record_vitals(VitalsReading(150, 92, 125))
    words = "Heart rate 125 is above 120. Recheck and attend to the client."
    assert room.alert.accessibleName() == f"Safety alert: {words}"
    assert room.alert.message.accessibleName() == f"Safety alert: {words}"
    assert room.alert.ack_button.shortcut().toString() == "F12"


def test_the_log_the_music_and_every_control_are_reached_with_tab(room, wired) -> None:  # noqa: ANN001
    reached = []
    for _ in range(60):
        press(Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    strip = wired.music.strip
    for wanted in (room.log, room.note_edit, strip.silence_button, strip.volume,
                   room.tags.buttons[0], room.pause_button, room.end_button,
                   room.full_screen_button, room.vitals.fields["systolic"]):
        assert wanted in reached, wanted.accessibleName()


def test_keys_are_the_buttons_own_shortcuts(room, wired, clock) -> None:  # noqa: ANN001
    clock.advance(3 * MIN)
    room.controller.tick()
    keys = {room.pause_button: "F5", room.extend_button: "F6", room.next_button: "F7",
            room.end_button: "F8", room.dim_button: "F9", room.debrief_button: "F10",
            room.discharge_button: "F11", room.full_screen_button: "Ctrl+Shift+F",
            wired.music.strip.silence_button: "F1", room.tags.buttons[0]: "1",
            room.reminders.first_card().act_button: "F4",
            room.reminders.first_card().aside_button: "Shift+F4"}
    for button, key in keys.items():
        assert button.shortcut().toString() == key, button.accessibleName()


def test_saved_vitals_give_the_keys_back_to_the_room(room, services, session) -> None:  # noqa: ANN001
    press(Qt.Key.Key_F3)
    type_keys("124")
    press(Qt.Key.Key_Tab)
    type_keys("82")
    press(Qt.Key.Key_Tab)
    type_keys("70\n")
    assert len(stored(services, session, EventKind.VITALS)) == 1
    assert QApplication.focusWidget() is room
