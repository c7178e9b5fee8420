"""The room's one model for keys and focus (C10), and no tag from keys typed blind (C23).

Real key events go to whichever widget has the focus (QApplication.focusWidget()),
as a person's keys would: nothing here calls the room's methods to type.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from kapdesk.core.events import EventKind
from kapdesk.ui.session.pages import SessionView
from tests.helpers.session_window import (dose_anyway, open_window, press, process_dies, settle, stored, tick_checklist,
                                          type_keys)

pytest_plugins = ("tests.helpers.session_fixtures",)
ALT = Qt.KeyboardModifier.AltModifier
MIN = 60


def notes(services, view) -> list[str]:  # noqa: ANN001
    return [e.data["text"] for e in stored(services, view, EventKind.NOTE)]


def tags(services, view) -> list[str]:  # noqa: ANN001
    return [e.data["tag"] for e in stored(services, view, EventKind.TAG)]


def test_the_room_opens_with_the_keys_in_the_room_not_in_a_text_field(room) -> None:  # noqa: ANN001
    assert QApplication.focusWidget() is room
    assert not isinstance(QApplication.focusWidget(), QLineEdit)
    assert room.legend.text() == "Just type a note: Enter saves, Esc keeps the draft"
    assert room.tags.findChild(QLabel).text() == \
        "Tags: 1–9 when not writing a note, Alt+1–9 always"


def test_typing_in_a_fresh_room_stores_one_note_and_no_tag(room, services, session) -> None:  # noqa: ANN001
    type_keys("BP 120 over 80\n")
    assert notes(services, session) == ["BP 120 over 80"]
    assert tags(services, session) == []
    assert QApplication.focusWidget() is room  # Enter gave the keys back to the room
    assert room.note_edit.text() == ""


def test_after_a_note_a_digit_is_a_tag(room, services, session, clock) -> None:  # noqa: ANN001
    settle(room, clock)
    type_keys("BP 120 over 80\n")
    type_keys("1")
    assert notes(services, session) == ["BP 120 over 80"]
    assert tags(services, session) == ["nausea"]
    assert room.note_edit.text() == ""


def test_f2_then_escape_keeps_the_draft_and_gives_the_keys_back(room, services, session,  # noqa: ANN001
                                                               clock) -> None:
    settle(room, clock)
    press(Qt.Key.Key_F2)
    assert QApplication.focusWidget() is room.note_edit
    type_keys("2 cups")  # in the note field a digit is text
    press(Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is room and room.note_edit.text() == "2 cups"
    type_keys("2")  # in the room it is a tag
    assert tags(services, session) == ["tearful"]
    type_keys(" of water")  # typing goes on with the draft, its space included
    assert room.note_edit.text() == "2 cups of water"
    press(Qt.Key.Key_Return)
    assert notes(services, session) == ["2 cups of water"]


def test_alt_digit_tags_even_while_writing(room, services, session, clock) -> None:  # noqa: ANN001
    settle(room, clock)
    type_keys("calm")
    press(Qt.Key.Key_4, ALT)
    assert tags(services, session) == ["talking"]
    assert room.note_edit.text() == "calm" and QApplication.focusWidget() is room.note_edit


def test_m_is_a_letter_f1_silences(room, window, services, session) -> None:  # noqa: ANN001
    type_keys("m")
    assert room.note_edit.text() == "m"
    assert stored(services, session, EventKind.MUSIC_SILENCED) == []
    press(Qt.Key.Key_F1)
    assert len(stored(services, session, EventKind.MUSIC_SILENCED)) == 1


def test_an_empty_enter_gives_the_keys_back(room) -> None:  # noqa: ANN001
    press(Qt.Key.Key_F2)
    press(Qt.Key.Key_Return)
    assert QApplication.focusWidget() is room


def test_typing_with_the_log_or_a_button_focused_starts_a_note(room, services, session,  # noqa: ANN001
                                                              clock) -> None:
    settle(room, clock)
    room.log.setFocus(Qt.FocusReason.TabFocusReason)
    type_keys("Sleeping\n")
    room.pause_button.setFocus(Qt.FocusReason.TabFocusReason)
    type_keys("Woke\n")
    assert notes(services, session) == ["Sleeping", "Woke"]
    assert tags(services, session) == []


def test_digits_typed_while_the_room_is_built_are_text_not_tags(session, services, clock) -> None:  # noqa: ANN001
    clock.advance(2 * MIN)
    tick_checklist(session.pre_dose)
    dose_anyway(session.pre_dose)
    type_keys("120 over 80")  # queued before the room had its first event-loop turn
    assert tags(services, session) == []
    assert session.room.note_edit.text() == "120 over 80"
    press(Qt.Key.Key_4, ALT)
    assert tags(services, session) == []
    press(Qt.Key.Key_Return)
    assert notes(services, session) == ["120 over 80"]
    settle(session.room, clock)
    type_keys("3")
    assert tags(services, session) == ["laughing"]


@pytest.fixture
def crashed(wired, room, clock):  # noqa: ANN001, ANN201
    """A session that stopped without ending, 45 minutes after the dose."""
    clock.advance(40 * MIN)
    room.controller.keep_alive_timer.timeout.emit()
    process_dies(wired)
    clock.advance(5 * MIN)
    return room


def test_typing_in_a_resumed_room_stores_one_note_and_no_tag(crashed, qtbot, services,  # noqa: ANN001
                                                            clock) -> None:
    wired = open_window(qtbot, services)
    window = wired.window
    press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Resume
    view = window.stack.currentWidget()
    assert isinstance(view, SessionView) and view.current_page() is view.room
    type_keys("BP 120 over 80\n")  # typed at once, while the room was being rebuilt
    assert notes(services, view) == ["BP 120 over 80"]
    assert tags(services, view) == []
    type_keys("9")  # still within the moment: text again, not a tag
    assert tags(services, view) == [] and view.room.note_edit.text() == "9"
    press(Qt.Key.Key_Escape)
    view.room.note_edit.clear()
    settle(view.room, clock)
    type_keys("1")
    assert tags(services, view) == ["nausea"]


def test_a_closing_bar_gives_the_keys_back_to_the_room(room) -> None:  # noqa: ANN001
    press(Qt.Key.Key_F8)
    room.confirm.cancel_button.setFocus()  # the bar may take the focus when it opens
    assert QApplication.focusWidget() is room.confirm.cancel_button
    press(Qt.Key.Key_Escape)
    assert not room.confirm.isVisible()
    assert QApplication.focusWidget() is room
