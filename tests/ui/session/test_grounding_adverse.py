"""The room's grounding screen (Ctrl+G) and adverse-event form (Ctrl+Shift+A): what the
therapist sees and what the session's log keeps."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kapdesk.core.events import EventKind
from kapdesk.core.grounding import CLOSING
from tests.helpers.session_window import log_lines, stored

pytest_plugins = ("tests.helpers.session_fixtures",)
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_ctrl_g_opens_large_steps_space_walks_them_and_ctrl_g_closes(room, services, session, qtbot) -> None:  # noqa: ANN001
    QTest.keyClick(room, Qt.Key.Key_G, CTRL)
    screen = room.grounding
    assert screen.isVisible() and screen.geometry() == room.rect()
    assert screen.hasFocus()
    assert (screen.number.text(), screen.words.text()) == ("5", "Notice five things you can see.")
    assert screen.number.font().pixelSize() >= room.height() // 5 - 1  # from across the room
    for _ in range(2):
        QTest.keyClick(screen, Qt.Key.Key_Space)
    assert screen.number.text() == "3" and "feel" in screen.words.text()
    # A screen reader reads a label by its name: the number and the words are in it.
    assert screen.number.accessibleName() == "Count: 3"
    assert screen.words.accessibleName() == "Grounding step: Notice three things you can feel in your body."
    QTest.keyClick(screen, Qt.Key.Key_Backspace)
    assert screen.number.text() == "4"
    QTest.keyClicks(screen, "abc")  # letters typed on the screen never become a note
    assert room.note_edit.text() == ""
    QTest.keyClick(screen, Qt.Key.Key_G, CTRL)
    assert not screen.isVisible()
    kinds = [e.kind for e in stored(services, session)][-2:]
    assert kinds == [EventKind.GROUNDING_OPENED, EventKind.GROUNDING_CLOSED]
    assert stored(services, session, EventKind.GROUNDING_CLOSED)[0].data == {"steps_seen": 2}
    assert log_lines(room)[-1].endswith("Grounding screen closed after 2 of 5 steps")


def test_after_the_last_step_the_closing_words_and_no_number(room) -> None:  # noqa: ANN001
    room.toggle_grounding()
    for _ in range(7):
        QTest.keyClick(room.grounding, Qt.Key.Key_Space)
    assert room.grounding.words.text() == CLOSING
    assert not room.grounding.number.isVisible()
    QTest.keyClick(room.grounding, Qt.Key.Key_Escape)
    assert not room.grounding.isVisible()


def test_the_session_runs_on_under_the_grounding_screen(room, clock) -> None:  # noqa: ANN001
    room.toggle_grounding()
    before = room.face.countdown.text()
    clock.advance(60)
    room.controller.tick()
    assert room.face.countdown.text() != before
    assert room.grounding.isVisible()


def test_the_screen_is_light_text_on_near_black(room, qtbot) -> None:  # noqa: ANN001
    room.resize(1024, 640)
    room.toggle_grounding()
    image = room.grounding.grab().toImage()
    corner = image.pixelColor(5, 5)
    assert corner.lightness() < 20
    number = room.grounding.number
    centre = number.mapTo(room.grounding, number.rect().center())
    lit = [image.pixelColor(centre.x() + dx, centre.y() + dy).lightness()
           for dx in range(-30, 31, 3) for dy in range(-30, 31, 3)]
    assert max(lit) > 100  # the number is drawn, bright enough to read


def test_ctrl_shift_a_records_an_adverse_event_with_its_time_and_action(room, services, session, clock, qtbot) -> None:  # noqa: ANN001
    clock.advance(30 * 60)
    QTest.keyClick(room, Qt.Key.Key_A, CTRL_SHIFT)
    form = room.adverse_form
    assert form is not None and form.isVisible()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)  # its keys reach it once it is the active window
    form.kinds.button(0).click()  # nausea or vomiting
    form.severities.button(1).click()  # moderate
    form.began_box.setValue(5)
    QTest.keyClicks(form.action_edit, "bowl and water; music lowered")
    form.resolved_box.click()
    form.resolved_ago.setValue(1)
    QTest.keyClick(form, Qt.Key.Key_S, CTRL)
    assert not form.isVisible()
    [event] = stored(services, session, EventKind.ADVERSE_EVENT)
    assert event.data["kind"] == "nausea_or_vomiting" and event.data["severity"] == "moderate"
    assert event.data["at"] == clock.now() - 300 and event.data["resolved_at"] == clock.now() - 60
    assert "Adverse event at" in log_lines(room)[-1]
    assert "Nausea or vomiting (moderate)" in log_lines(room)[-1]


def test_a_form_with_problems_says_them_and_stores_nothing(room, services, session) -> None:  # noqa: ANN001
    room.record_adverse()
    form = room.adverse_form
    form.save()
    assert form.isVisible() and "Choose what happened and how severe" in form.problems.text()
    form.kinds.button(5).click()  # other
    form.severities.button(0).click()
    assert form.other_edit.isVisible()
    form.save()
    assert "Say what happened" in form.problems.text() and "Say what was done" in form.problems.text()
    assert stored(services, session, EventKind.ADVERSE_EVENT) == []
    form.reject()


def test_the_new_controls_have_names_and_keys(room) -> None:  # noqa: ANN001
    for button, key in ((room.grounding_button, "Ctrl+G"), (room.adverse_button, "Ctrl+Shift+A")):
        assert button.accessibleName() and button.shortcut().toString() == key
