"""The room view: its keys, notes, tags, the end confirmation, dimming, names."""

from __future__ import annotations

import errno
from typing import Any, Mapping

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (QAbstractButton, QCheckBox, QComboBox, QLineEdit, QPlainTextEdit,
                               QWidget)

from kapdesk.core.events import Event, EventKind
from kapdesk.storage.sessions import StoredEventSink
from kapdesk.ui.session.end_confirm import CLICK_GUARD_S
from tests.helpers.session_window import care_kinds, log_lines, settle, stored

pytest_plugins = ("tests.helpers.session_fixtures",)
ALT = Qt.KeyboardModifier.AltModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def type_note(room, text: str) -> None:  # noqa: ANN001
    room.note_edit.setFocus()
    QTest.keyClicks(room.note_edit, text)
    QTest.keyClick(room.note_edit, Qt.Key.Key_Return)


def test_the_room_shows_phase_countdown_progress_and_what_is_due(room, clock) -> None:  # noqa: ANN001
    clock.advance(3 * 60 + 20)
    room.controller.tick()
    face = room.face
    assert face.phase_name.text() == "Dose & dissolve"
    assert face.countdown.text() == "6:40"
    assert face.next_due.text() == "Next: Baseline BP due now"
    assert face.clocks.text() == "Session 5:20   ·   3:20 since the dose"
    assert face.countdown.pixel_size() >= 100  # readable from the chair
    assert "Phase 2 of 5" in room.strip.accessibleDescription()


def test_f5_pauses_and_resumes_and_the_countdown_stops(room, services, session, clock) -> None:  # noqa: ANN001
    QTest.keyClick(room, Qt.Key.Key_F5)
    assert room.controller.state().paused and room.pause_button.accessibleName() == "Resume"
    assert "Paused" in room.face.subline.text()
    frozen = room.face.countdown.text()
    clock.advance(120)
    room.controller.tick()
    assert room.face.countdown.text() == frozen
    QTest.keyClick(room, Qt.Key.Key_F5)
    assert care_kinds(services, session)[-2:] == [EventKind.PAUSED, EventKind.RESUMED]


def test_f6_adds_five_minutes_and_f7_moves_to_the_next_phase(room, services, session) -> None:  # noqa: ANN001
    QTest.keyClick(room, Qt.Key.Key_F6)
    assert room.face.countdown.text() == "15:00"
    QTest.keyClick(room, Qt.Key.Key_F7)
    assert room.face.phase_name.text() == "Lying-down journey"
    assert care_kinds(services, session)[-2:] == [EventKind.PHASE_EXTENDED, EventKind.PHASE_SKIPPED]
    assert log_lines(room)[-1].endswith("— Lying-down journey began —")
    assert log_lines(room)[-2].endswith("Phase ended early: Dose & dissolve")


def test_the_keys_work_while_typing_a_note(room, services, session) -> None:  # noqa: ANN001
    room.note_edit.setFocus()
    QTest.keyClicks(room.note_edit, "half a thought")
    QTest.keyClick(room.note_edit, Qt.Key.Key_F6)
    assert care_kinds(services, session)[-1] is EventKind.PHASE_EXTENDED
    assert room.note_edit.text() == "half a thought"


def test_enter_stores_a_note_and_only_then_shows_it(room, services, session, clock) -> None:  # noqa: ANN001
    clock.advance(25 * 60)
    type_note(room, "Says it feels like warm water")
    [note] = stored(services, session, EventKind.NOTE)
    assert note.data["text"] == "Says it feels like warm water" and note.at == clock.now()
    assert log_lines(room)[-1].endswith("+0:25   Note — Says it feels like warm water")
    assert room.note_edit.text() == ""


def test_a_note_that_could_not_be_stored_stays_in_the_field_and_off_the_log(
        room, services, session, monkeypatch) -> None:  # noqa: ANN001
    def broken(self: Any, kind: EventKind, at: float, data: Mapping[str, Any]) -> Event:
        raise OSError(errno.ENOSPC, "No space left on device")

    lines = room.log.count()
    monkeypatch.setattr(StoredEventSink, "append", broken)
    type_note(room, "an important observation")
    assert room.note_edit.text() == "an important observation"
    assert room.log.count() == lines
    assert room.status.text().startswith("Not saved: the disk is full.")
    assert room.status.property("level") == "alert"
    monkeypatch.undo()
    QTest.keyClick(room.note_edit, Qt.Key.Key_Return)
    assert [e.data["text"] for e in stored(services, session, EventKind.NOTE)] == \
        ["an important observation"]


def test_tags_by_click_by_digit_when_not_typing_and_by_alt_digit_always(
        room, services, session, clock) -> None:  # noqa: ANN001
    room.tags.buttons[0].click()  # nausea
    settle(room, clock)
    room.note_edit.setFocus()
    QTest.keyClick(room.note_edit, Qt.Key.Key_Escape)  # leave the note field
    assert not room.note_edit.hasFocus()
    QTest.keyClick(room, Qt.Key.Key_2)  # tearful
    room.note_edit.setFocus()
    QTest.keyClick(room.note_edit, Qt.Key.Key_3)  # typing: a digit is text, not a tag
    assert room.note_edit.text() == "3"
    QTest.keyClick(room.note_edit, Qt.Key.Key_4, ALT)  # talking, even while typing
    tags = [e.data["tag"] for e in stored(services, session, EventKind.TAG)]
    assert tags == ["nausea", "tearful", "talking"]
    assert room.note_edit.text() == "3"
    assert log_lines(room)[-1].endswith("Tag — talking")
    assert room.tags.buttons[1].text() == "tearful   2"


def test_end_needs_a_deliberate_second_step(room, services, session, window, clock) -> None:  # noqa: ANN001
    QTest.keyClick(room, Qt.Key.Key_F8)
    assert room.confirm.isVisible()
    assert "debrief is not saved" in room.confirm.question.text()
    QTest.keyClick(room, Qt.Key.Key_Escape)
    assert not room.confirm.isVisible()
    QTest.keyClick(room, Qt.Key.Key_F8)
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Space, Qt.Key.Key_E):
        QTest.keyClick(room, key)
    room.confirm.confirm_button.click()  # a stray second click right after the first
    assert EventKind.SESSION_ENDED not in care_kinds(services, session)
    assert room.confirm.confirm_button.focusPolicy() == Qt.FocusPolicy.TabFocus  # never by a click
    assert not room.confirm.confirm_button.autoDefault()
    QTest.keyClick(room, Qt.Key.Key_F8)  # F8 again cancels too
    assert not room.confirm.isVisible()


def test_ctrl_shift_e_ends_and_returns_to_the_client_list(room, services, session, window, wired) -> None:  # noqa: ANN001
    QTest.keyClick(room, Qt.Key.Key_F8)
    QTest.keyClick(room, Qt.Key.Key_E, CTRL_SHIFT)
    assert care_kinds(services, session)[-1] is EventKind.SESSION_ENDED
    assert services.sessions.open_sessions() == []
    assert window.stack.currentWidget() is wired.clients_view and window.header.isVisible()
    assert wired.session_flow.view is None


def test_a_deliberate_click_on_the_confirm_button_ends(room, services, session, clock) -> None:  # noqa: ANN001
    room.end_button.click()
    clock.advance(CLICK_GUARD_S + 0.01)  # FakeClock moves the monotonic clock too
    room.confirm.confirm_button.click()
    assert care_kinds(services, session)[-1] is EventKind.SESSION_ENDED


def test_f9_dims_in_steps_and_lets_clicks_through(room) -> None:  # noqa: ANN001
    assert not room.dim.isVisible()
    QTest.keyClick(room, Qt.Key.Key_F9)
    assert room.dim.isVisible() and room.dim.level == 0.45
    assert room.dim.geometry() == room.rect()
    assert room.dim.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    QTest.keyClick(room, Qt.Key.Key_F9)
    assert room.dim.level == 0.7
    QTest.keyClick(room, Qt.Key.Key_F9)
    assert not room.dim.isVisible()


def test_f2_and_f3_go_to_the_note_and_the_vitals(room) -> None:  # noqa: ANN001
    QTest.keyClick(room, Qt.Key.Key_F3)
    assert room.vitals.fields["systolic"].hasFocus()
    QTest.keyClick(room, Qt.Key.Key_F2)
    assert room.note_edit.hasFocus()


def test_f10_and_f11_open_debrief_and_discharge_and_ctrl_r_comes_back(room, session) -> None:  # noqa: ANN001
    QTest.keyClick(room, Qt.Key.Key_F10)
    assert session.current_page() is session.debrief
    QTest.keyClick(session.debrief, Qt.Key.Key_F11)
    assert session.current_page() is session.discharge
    QTest.keyClick(session.discharge, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert session.current_page() is session.room


def test_every_control_in_the_session_has_an_accessible_name(session) -> None:  # noqa: ANN001
    controls = (QAbstractButton, QLineEdit, QPlainTextEdit, QCheckBox, QComboBox)
    unnamed = [w for w in session.findChildren(QWidget)
               if isinstance(w, controls) and not w.accessibleName()
               and w.parent() is not None and not isinstance(w.parent(), (QComboBox,))
               and "qt_spinbox_lineedit" != w.objectName()]
    assert unnamed == []


def test_every_session_button_shows_its_key(room) -> None:  # noqa: ANN001
    expected = {room.pause_button: "F5", room.extend_button: "F6", room.next_button: "F7",
                room.end_button: "F8", room.dim_button: "F9", room.debrief_button: "F10",
                room.discharge_button: "F11"}
    for button, key in expected.items():
        assert button.text().endswith(key), button.text()
