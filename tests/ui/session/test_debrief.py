"""The debrief and discharge pages: structured fields, checks, summary, the end."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kapdesk.core.events import EventKind
from kapdesk.core.ending import DISCHARGE_ITEMS
from tests.helpers.session_window import fill_vitals, stored

pytest_plugins = ("tests.helpers.session_fixtures",)
CTRL = Qt.KeyboardModifier.ControlModifier


def test_the_debrief_saves_its_fields_and_free_text(room, session, services) -> None:  # noqa: ANN001
    QTest.keyClick(room, Qt.Key.Key_F10)
    page = session.debrief
    assert list(page.edits) == ["what_came_up", "emotions", "body", "insights",
                                "integration_plan", "free_text"]
    page.edits["what_came_up"].setPlainText("A lake at dawn; her grandmother's voice")
    page.edits["body"].setPlainText("Heavy arms, then lightness")
    page.edits["integration_plan"].setPlainText("Journal daily; talk session Thursday")
    page.edits["free_text"].setPlainText("Tearful but settled at the end.")
    QTest.keyClick(page, Qt.Key.Key_S, CTRL)
    [saved] = stored(services, session, EventKind.DEBRIEF_SAVED)
    assert saved.data == {
        "fields": {"what_came_up": "A lake at dawn; her grandmother's voice", "emotions": "",
                   "body": "Heavy arms, then lightness", "insights": "",
                   "integration_plan": "Journal daily; talk session Thursday"},
        "free_text": "Tearful but settled at the end."}
    assert page.status.text() == "Saved at 00:02." and page.status.property("level") == "ok"


def test_a_saved_debrief_is_shown_again_when_the_page_reopens(room, session) -> None:  # noqa: ANN001
    session.controller.save_debrief({"insights": "I am allowed to rest"}, "")
    session.show_debrief()
    assert session.debrief.edits["insights"].toPlainText() == "I am allowed to rest"


def test_discharge_checks_are_stored_and_the_summary_tells_the_session(
        room, session, services, clock) -> None:  # noqa: ANN001
    fill_vitals(room.vitals, "128", "82", "72")
    room.vitals.submit()
    room.tags.buttons[1].click()
    room.note_edit.setText("calm")
    room.save_note()
    QTest.keyClick(room, Qt.Key.Key_F11)
    page = session.discharge
    assert session.current_page() is page
    assert list(page.checkboxes) == list(DISCHARGE_ITEMS)
    page.checkboxes["Escort present"].click()
    [check] = stored(services, session, EventKind.DISCHARGE_CHECKED)
    assert check.data == {"item": "Escort present", "checked": True}
    summary = page.summary.text()
    assert "Dose: ketamine 150 mg sublingual lozenge at 00:02" in summary
    assert "Baseline: BP 128/82, HR 72" in summary
    assert page.summary.accessibleName().startswith("Session summary: Started ")
    assert "Notes: 1   ·   Tags: tearful ×1" in summary
    assert "Debrief not saved yet" in summary


def test_ending_from_discharge_warns_of_unticked_checks_and_needs_the_second_key(
        room, session, services, window, wired) -> None:  # noqa: ANN001
    session.show_discharge()
    page = session.discharge
    QTest.keyClick(page, Qt.Key.Key_F8)
    question = page.confirm.question.text()
    assert page.confirm.isVisible() and "Not ticked: Alert and oriented" in question
    assert "Not done: Baseline BP, 40-minute BP, Discharge BP." in question
    QTest.keyClick(page, Qt.Key.Key_Escape)
    assert not page.confirm.isVisible()
    QTest.keyClick(page, Qt.Key.Key_F8)
    QTest.keyClick(page, Qt.Key.Key_E, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert stored(services, session)[-1].kind is EventKind.SESSION_ENDED
    assert window.stack.currentWidget() is wired.clients_view


def test_the_debrief_opens_with_the_cursor_in_what_came_up(room, session) -> None:  # noqa: ANN001
    QTest.keyClick(room, Qt.Key.Key_F10)
    page = session.debrief
    assert page.focusWidget() is page.edits["what_came_up"]
    assert page.edits["what_came_up"].hasFocus()
    QTest.keyClicks(page.edits["what_came_up"], "A lake")
    assert page.edits["what_came_up"].toPlainText() == "A lake"


def test_an_empty_debrief_box_shows_nothing_never_none(room, session) -> None:  # noqa: ANN001
    session.controller.save_debrief({"what_came_up": "The lake"}, "")
    session.show_debrief()
    page = session.debrief
    assert page.edits["free_text"].toPlainText() == ""
    assert page.edits["emotions"].toPlainText() == ""


def test_discharge_opens_on_its_first_check_and_takes_the_discharge_bp_with_f3(
        room, session, services) -> None:  # noqa: ANN001
    QTest.keyClick(room, Qt.Key.Key_F11)  # still in the journey: the phase is not reached
    page = session.discharge
    assert page.checkboxes[DISCHARGE_ITEMS[0]].hasFocus()
    assert "Discharge BP: not taken yet" in page.bp.status.text()
    assert page.bp.status.accessibleName().startswith("Discharge BP: Discharge BP: not taken")
    QTest.keyClick(page, Qt.Key.Key_F3)
    assert page.bp.vitals.fields["systolic"].hasFocus()
    fill_vitals(page.bp.vitals, "126", "80", "70")
    QTest.keyClick(page.bp.vitals.fields["heart_rate"], Qt.Key.Key_Return)
    kinds = [e.kind for e in stored(services, session)[-2:]]
    assert kinds == [EventKind.VITALS, EventKind.CHECKPOINT_DONE]
    assert stored(services, session)[-1].data == {"checkpoint_id": "discharge-bp"}
    assert "Discharge BP: done 00:02." == page.bp.status.text()
    assert "Discharge BP done 00:02" in page.summary.text() and "waiting" not in page.summary.text()


def test_a_reading_taken_in_the_room_can_be_counted_as_the_discharge_bp(
        room, session, services, clock) -> None:  # noqa: ANN001
    fill_vitals(room.vitals, "128", "82", "72")
    room.vitals.submit()  # at the dose: a baseline, never offered as the discharge BP
    session.show_discharge()
    page = session.discharge
    assert not page.bp.count_button.isVisible()
    clock.advance(70 * 60)  # in the debrief: the Discharge phase is not reached
    session.show_room()
    fill_vitals(room.vitals, "124", "78", "68")
    room.vitals.submit()
    session.show_discharge()
    assert page.bp.count_button.isVisible()
    assert "01:12 reading (BP 124/78, HR 68)" in page.bp.count_button.text()
    QTest.keyClick(page, Qt.Key.Key_U, CTRL)
    assert stored(services, session)[-1].data == {"checkpoint_id": "discharge-bp"}
    assert not page.bp.count_button.isVisible()


def test_the_departure_is_stored_with_its_time_and_who_they_left_with(
        room, session, services, clock) -> None:  # noqa: ANN001
    session.show_discharge()
    page = session.discharge
    clock.advance(3600)
    page.leaving.left_at.setTime(page.leaving.left_at.time().fromString("01:00", "HH:mm"))
    page.leaving.left_with.setText("her partner, Sam")
    QTest.keyClick(page, Qt.Key.Key_D, CTRL)
    left = stored(services, session, EventKind.DISCHARGE_CHECKED)[-1]
    assert left.data["item"] == "Left the practice" and left.data["left_with"] == "her partner, Sam"
    assert page.leaving.status.text() == "Left the practice at 01:00 with her partner, Sam."


def test_every_discharge_control_is_reached_with_tab_in_reading_order(
        room, session, window, clock) -> None:  # noqa: ANN001
    clock.advance(90 * 60)
    fill_vitals(room.vitals, "124", "78", "68")
    room.vitals.submit()
    QTest.keyClick(room, Qt.Key.Key_F11)
    names = []
    for _ in range(20):
        widget = window.focusWidget()
        if not names or names[-1] != widget.accessibleName():  # the time edit's inner field
            names.append(widget.accessibleName())
        QTest.keyClick(widget, Qt.Key.Key_Tab)
    expected = [*DISCHARGE_ITEMS, "Systolic pressure", "Diastolic pressure", "Heart rate",
                "Oxygen saturation, optional", "Save vitals",
                "Count the last reading as the discharge BP", "Time they left",
                "Who they left with", "Record departure", "Room view", "Debrief", "Take-home sheet",
                "End session…"]
    assert names[:len(expected)] == expected


def test_the_discharge_and_debrief_labels_read_as_their_words(room, session) -> None:  # noqa: ANN001
    from tests.helpers.accessibility import unread_labels

    QTest.keyClick(room, Qt.Key.Key_F11)
    assert unread_labels(session.discharge) == []
    QTest.keyClick(room, Qt.Key.Key_F10)
    assert unread_labels(session.debrief) == []
    assert session.debrief.status.accessibleName() == "Debrief status"
    QTest.keyClick(session.debrief, Qt.Key.Key_S, CTRL)
    assert session.debrief.status.accessibleName() == "Debrief status: Saved at 00:02."


def test_a_departure_just_before_midnight_is_read_as_the_evening_before(
        room, session, services, clock) -> None:  # noqa: ANN001
    session.show_discharge()
    page = session.discharge
    page.leaving.left_at.setTime(page.leaving.left_at.time().fromString("23:50", "HH:mm"))
    QTest.keyClick(page, Qt.Key.Key_D, CTRL)  # it is 00:02 now
    left = stored(services, session, EventKind.DISCHARGE_CHECKED)[-1]
    assert clock.now() - 13 * 60 < left.data["left_at"] < clock.now()
