"""The end question (F8): what is left undone is named, and the bar takes the cursor."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kapdesk.core.events import EventKind
from tests.helpers.session_window import care_kinds

pytest_plugins = ("tests.helpers.session_fixtures",)
MIN = 60


def press(key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(QApplication.focusWidget(), key, modifiers)


def test_f8_names_the_checks_never_done_and_the_discharge_items(room, clock) -> None:  # noqa: ANN001
    clock.advance(50 * MIN)  # past the 40-minute BP, never taken
    room.controller.tick()
    room.setFocus()
    press(Qt.Key.Key_F8)
    text = room.confirm.question.text()
    assert "Not done: Baseline BP, 40-minute BP, Discharge BP." in text
    assert "Not ticked: Alert and oriented, Vitals near baseline, Escort present" in text
    assert "The debrief is not saved yet (F10)." in text
    assert room.confirm.question.accessibleName() == f"End the session?: {text}"
    assert "Not done: Baseline BP, 40-minute BP" in room.confirm.accessibleName()


def test_the_end_bar_takes_the_cursor_and_gives_it_back(room, services, session) -> None:  # noqa: ANN001
    room.note_edit.setFocus()
    press(Qt.Key.Key_F8)
    assert QApplication.focusWidget() is room.confirm.cancel_button
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        press(key)  # Enter on "Keep going" ends nothing
    assert EventKind.SESSION_ENDED not in care_kinds(services, session)
    press(Qt.Key.Key_Escape)
    assert not room.confirm.isVisible()
    assert QApplication.focusWidget() is room.note_edit


def test_the_end_bar_keys_are_the_buttons_own(room) -> None:  # noqa: ANN001
    confirm = room.confirm
    assert confirm.confirm_button.shortcut() == QKeySequence("Ctrl+Shift+E")
    assert confirm.cancel_button.shortcut() == QKeySequence("Escape")
    assert confirm.confirm_button.accessibleName() == "Yes, end the session"
    assert confirm.cancel_button.accessibleName() == "Keep going"
    assert not confirm.confirm_button.autoDefault()


def test_a_session_with_everything_done_asks_only_the_question(room, clock) -> None:  # noqa: ANN001
    from kapdesk.core.ending import end_warning

    state = room.controller.state()
    assert end_warning(state, ()).startswith("Not done:")  # checks are still ahead
    controller = room.controller
    for status in state.checkpoints:
        controller.dismiss_checkpoint(status.checkpoint.id, "client asleep")
    controller.save_debrief({"what_came_up": "calm"}, "")
    assert end_warning(controller.state(), ()) == ""
