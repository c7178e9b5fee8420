"""The start flow: client → script chooser → before the dose → dose → room."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
from kapdesk.core.events import EventKind
from kapdesk.ui.session.script_chooser import ScriptChooser
from kapdesk.ui.session.pages import SessionView
from tests.helpers.session_window import INTENTION, fill_vitals, stored, take_baseline, tick_checklist

pytest_plugins = ("tests.helpers.session_fixtures",)
CTRL = Qt.KeyboardModifier.ControlModifier


def type_text(text: str) -> None:
    """Type into whatever has the focus, as a person would."""
    QTest.keyClicks(QApplication.focusWidget(), text)


def type_key(key: str) -> None:
    QTest.keyClicks(QApplication.focusWidget(), key)


def test_start_from_the_client_list_through_the_chooser_to_the_pre_dose_page(
        window, wired, services, client, clock) -> None:  # noqa: ANN001
    own = replace(KAP_SUBLINGUAL, id="practice-short", name="Short KAP", builtin=False)
    services.scripts.save(own)
    wired.clients_view.start_session_requested.emit(client.id)
    chooser = window.stack.currentWidget()
    assert isinstance(chooser, ScriptChooser)
    assert [s.name for s in chooser.scripts] == [
        "KAP — sublingual lozenge", "Esketamine (Spravato) monitoring", "Short KAP"]
    chooser.select("practice-short")
    assert "Lying-down journey — 60 min" in chooser.details.text()
    assert services.sessions.open_sessions() == []  # nothing stored before Start
    QTest.keyClick(chooser, Qt.Key.Key_Return, CTRL)
    view = window.stack.currentWidget()
    assert isinstance(view, SessionView) and view.current_page() is view.pre_dose
    assert not window.header.isVisible()
    events = stored(services, view)
    assert [e.kind for e in events] == [EventKind.SESSION_STARTED, EventKind.INTENTION_UPDATED]
    assert events[0].data["script"]["name"] == "Short KAP" and events[0].at == clock.now()
    assert view.pre_dose.intention_edit.toPlainText() == INTENTION


def test_back_from_the_chooser_returns_to_the_client_list(window, wired, client) -> None:  # noqa: ANN001
    chooser = wired.session_flow.choose_script(client.id)
    QTest.keyClick(chooser, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is wired.clients_view and window.header.isVisible()


def test_editing_the_intention_stores_it_in_the_session_and_the_client(
        session, services, client) -> None:  # noqa: ANN001
    panel = session.pre_dose
    panel.intention_edit.setPlainText("To rest, and to listen to what comes.")
    QTest.keyClick(panel, Qt.Key.Key_I, CTRL)
    [*_, updated] = stored(services, session, EventKind.INTENTION_UPDATED)
    assert updated.data["text"] == "To rest, and to listen to what comes."
    assert services.clients.get(client.id).draft.intention == "To rest, and to listen to what comes."
    assert "Saved in the session" in panel.intention_status.text()


def test_each_checklist_tick_is_stored(session, services) -> None:  # noqa: ANN001
    boxes = session.pre_dose.checkboxes
    assert list(boxes) == ["Eye mask ready", "Music ready", "Phones silenced", "Ride home arranged"]
    boxes["Eye mask ready"].click()
    boxes["Phones silenced"].click()
    boxes["Eye mask ready"].click()
    ticks = [(e.data["item"], e.data["checked"])
             for e in stored(services, session, EventKind.CHECKLIST_TICKED)]
    assert ticks == [("Eye mask ready", True), ("Phones silenced", True), ("Eye mask ready", False)]


def test_checklist_items_come_from_the_practice_settings(wired, services, client) -> None:  # noqa: ANN001
    services.settings.set("checklist_items", ["Blanket", "Bucket nearby"])
    view = wired.session_flow.start(client.id, KAP_SUBLINGUAL)
    assert list(view.pre_dose.checkboxes) == ["Blanket", "Bucket nearby"]


def test_the_default_dose_is_recorded_and_the_room_opens(session, services, clock) -> None:  # noqa: ANN001
    fill_vitals(session.pre_dose.vitals, "126", "82", "70", "98")
    session.pre_dose.vitals.submit()
    tick_checklist(session.pre_dose)
    clock.advance(4 * 60)
    QTest.keyClick(session.pre_dose, Qt.Key.Key_Return, CTRL)
    [dose] = stored(services, session, EventKind.DOSE_GIVEN)
    readiness = dose.data.pop("readiness")  # as it stood at the dose: test_readiness_gate.py
    assert readiness["ready"] is True
    assert dose.data == {"drug": "ketamine", "mg": 150.0, "route": "sublingual lozenge",
                         "given_at": clock.now()}
    state = session.controller.state()
    assert state.phase.name == "Dose & dissolve" and state.since_dose_s == 0
    assert session.current_page() is session.room
    assert session.room.hasFocus()  # keys to the room: tags, and typing starts a note


def test_a_dose_time_typed_earlier_is_stored_as_that_time(session, services, clock) -> None:  # noqa: ANN001
    import datetime as dt

    clock.advance(20 * 60)
    form = session.pre_dose.dose_form
    earlier = dt.datetime.fromtimestamp(clock.now() - 15 * 60)
    form.time_edit.setTime(form.time_edit.time().fromString(earlier.strftime("%H:%M"), "HH:mm"))
    session.controller.tick()  # the clock must not overwrite a time the therapist set
    take_baseline(session.pre_dose)
    tick_checklist(session.pre_dose)
    session.pre_dose.record_dose()
    [dose] = stored(services, session, EventKind.DOSE_GIVEN)
    assert dose.data["given_at"] == earlier.replace(second=0, microsecond=0).timestamp()


def test_the_page_opens_with_the_cursor_in_the_systolic_field(session) -> None:  # noqa: ANN001
    panel = session.pre_dose
    assert QApplication.focusWidget() is panel.vitals.fields["systolic"]
    for key in "126":
        type_key(key)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.vitals.fields["diastolic"]


def test_empty_vitals_fields_show_no_number(session) -> None:  # noqa: ANN001
    for edit in session.pre_dose.vitals.fields.values():
        assert not any(ch.isdigit() for ch in edit.placeholderText())
        assert not re.search(r"\d\d", edit.accessibleDescription())  # no "120" read out
        assert edit.accessibleDescription()  # says what the field holds, in words


def test_high_blood_pressure_is_saved_only_with_a_reason(session, services) -> None:  # noqa: ANN001
    panel = session.pre_dose
    vitals = panel.vitals
    assert vitals.reason_edit.isHidden()
    for text in ("152", "94", "72"):
        type_text(text)
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert not vitals.reason_edit.isHidden()  # shown as soon as the reading needs it
    assert vitals.reason_label.text() == "Reason to go on (required above 140/90)"
    assert vitals.reason_edit.accessibleName() == "Reason to go on (required above 140/90)"
    vitals.fields["heart_rate"].setFocus()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert stored(services, session, EventKind.VITALS) == []  # nothing saved without a reason
    assert QApplication.focusWidget() is vitals.reason_edit  # the cursor is where it goes
    assert "a reason is needed" in vitals.message.text() and "box" in vitals.message.text()
    type_text("Usual for this client; prescriber agreed")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    [reading] = stored(services, session, EventKind.VITALS)
    assert reading.data["reason"] == "Usual for this client; prescriber agreed"
    assert reading.data["systolic"] == 152
    shown = " ".join((vitals.message.text(), panel.gate.text(), panel.message.text()))
    assert "reason is needed" not in shown and "record a reason" not in shown
    assert "reason recorded: Usual for this client" in vitals.message.text()
    assert vitals.reason_edit.isHidden()
    tick_checklist(panel)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)
    assert len(stored(services, session, EventKind.DOSE_GIVEN)) == 1


def test_a_reading_within_limits_needs_no_reason(session, services) -> None:  # noqa: ANN001
    panel = session.pre_dose
    fill_vitals(panel.vitals, "134", "86")
    assert panel.vitals.reason_edit.isHidden()
    QTest.keyClick(panel.vitals.fields["heart_rate"], Qt.Key.Key_Return)
    [reading] = stored(services, session, EventKind.VITALS)
    assert reading.data["reason"] is None
    assert "within the practice's limits" in panel.vitals.message.text()


def test_ctrl_return_in_a_vitals_field_records_the_dose(session, services) -> None:  # noqa: ANN001
    panel = session.pre_dose
    tick_checklist(panel)
    fill_vitals(panel.vitals, "126", "82", "70")
    panel.vitals.fields["heart_rate"].setFocus()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)
    assert len(stored(services, session, EventKind.DOSE_GIVEN)) == 1
    [reading] = stored(services, session, EventKind.VITALS)  # the typed reading came first
    assert reading.data["systolic"] == 126
    assert session.current_page() is session.room


def test_enter_in_a_vitals_field_saves_the_vitals_and_records_no_dose(session, services) -> None:  # noqa: ANN001
    panel = session.pre_dose
    tick_checklist(panel)
    fill_vitals(panel.vitals, "126", "82", "70")
    panel.vitals.fields["systolic"].setFocus()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert len(stored(services, session, EventKind.VITALS)) == 1
    assert stored(services, session, EventKind.DOSE_GIVEN) == []
    assert session.current_page() is panel


def test_ctrl_return_with_a_high_reading_typed_asks_its_reason_and_does_not_dose(
        session, services) -> None:  # noqa: ANN001
    panel = session.pre_dose
    tick_checklist(panel)
    fill_vitals(panel.vitals, "150", "95")
    panel.vitals.fields["systolic"].setFocus()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)
    assert stored(services, session, EventKind.DOSE_GIVEN) == []
    assert stored(services, session, EventKind.VITALS) == []
    assert QApplication.focusWidget() is panel.vitals.reason_edit


def test_unticked_checklist_items_are_named_and_need_a_reason_stored_with_the_dose(
        session, services) -> None:  # noqa: ANN001
    panel = session.pre_dose
    for item in ("Eye mask ready", "Music ready", "Phones silenced"):
        panel.checkboxes[item].click()
    fill_vitals(panel.vitals, "126", "82", "70")
    QTest.keyClick(panel.vitals.fields["heart_rate"], Qt.Key.Key_Return)
    assert "Not ticked: Ride home arranged." in panel.gate.text()
    assert panel.gate.accessibleName().endswith("Not ticked: Ride home arranged.")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)
    assert stored(services, session, EventKind.DOSE_GIVEN) == []
    assert QApplication.focusWidget() is panel.dose_reason_edit
    assert panel.dose_reason_label.text() == "Reason to dose anyway (required)"
    assert panel.dose_reason_edit.accessibleName() == (
        "Not ticked: Ride home arranged. Reason to dose anyway (required)")
    assert "Not ticked: Ride home arranged." in panel.gate.text()
    assert "reason is needed" in panel.message.text()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # still no reason
    assert stored(services, session, EventKind.DOSE_GIVEN) == []
    type_text("Partner confirmed the pick-up by phone")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    [dose] = stored(services, session, EventKind.DOSE_GIVEN)
    assert dose.data["unticked"] == ["Ride home arranged"]
    assert dose.data["reason"] == "Partner confirmed the pick-up by phone"
    assert session.current_page() is session.room


def test_a_high_reading_stored_without_a_reason_blocks_the_dose_in_words(session, services) -> None:  # noqa: ANN001
    from kapdesk.core.vitals import VitalsReading

    panel = session.pre_dose  # e.g. a log written before readings needed their reason
    session.controller.record_vitals(VitalsReading(150, 95, 70))
    tick_checklist(panel)
    panel.dose_form.drug_edit.setFocus()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)
    assert stored(services, session, EventKind.DOSE_GIVEN) == []
    assert "Take the blood pressure again" in panel.message.text()
    assert "150/95, is above 140/90" in panel.gate.text()
    assert QApplication.focusWidget() is panel.vitals.fields["systolic"]


def test_a_recheck_within_limits_also_clears_the_way(session) -> None:  # noqa: ANN001
    from kapdesk.core.vitals import VitalsReading

    panel = session.pre_dose
    session.controller.record_vitals(VitalsReading(150, 95, 70))
    assert panel.gate.property("level") == "caution"
    tick_checklist(panel)
    fill_vitals(panel.vitals, "134", "86")
    panel.vitals.submit()
    assert panel.gate.property("level") == "ok" and panel.gate.text() == ""


def test_tab_goes_through_the_work_in_order(session) -> None:  # noqa: ANN001
    panel = session.pre_dose
    seen = []
    for _ in range(12):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget().accessibleName())
    assert seen[:4] == ["Diastolic pressure", "Heart rate", "Oxygen saturation, optional",
                        "Save vitals"]
    assert seen[4:8] == list(panel.checkboxes)
    assert "Room view without a dose" not in seen[:10]


def test_the_route_box_and_its_text_field_are_named(session) -> None:  # noqa: ANN001
    route = session.pre_dose.dose_form.route_box
    assert route.accessibleName() == "Route"
    assert route.lineEdit().accessibleName() == "Route"


def test_the_room_can_be_opened_before_the_dose_and_ctrl_d_comes_back(session, services) -> None:  # noqa: ANN001
    QTest.keyClick(session.pre_dose, Qt.Key.Key_R, CTRL)
    room = session.room
    assert session.current_page() is room
    assert "no dose recorded yet" in room.face.clocks.text()
    assert room.dose_button.isVisible() and room.dose_button.text().endswith("Ctrl+D")
    QTest.keyClick(room, Qt.Key.Key_D, CTRL)
    assert session.current_page() is session.pre_dose
    take_baseline(session.pre_dose)
    tick_checklist(session.pre_dose)
    QTest.keyClick(session.pre_dose, Qt.Key.Key_Return, CTRL)
    assert session.current_page() is room and not room.dose_button.isVisible()
    assert len(stored(services, session, EventKind.DOSE_GIVEN)) == 1


def test_the_chooser_opens_on_the_first_script_and_enter_starts_it(window, wired, client) -> None:  # noqa: ANN001
    wired.clients_view.start_session_requested.emit(client.id)
    chooser = window.stack.currentWidget()
    assert QApplication.focusWidget() is chooser.list and chooser.list.currentRow() == 0
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    assert chooser.selected().name == "Esketamine (Spravato) monitoring"
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    view = window.stack.currentWidget()
    assert isinstance(view, SessionView)
    assert view.controller.runner.script.name == "KAP — sublingual lozenge"


@pytest.mark.parametrize("where", ["intention_edit", "drug_edit", "mg_spin", "route_box",
                                   "time_edit", "checkbox"])
def test_ctrl_return_records_the_dose_wherever_the_cursor_is(session, services, where) -> None:  # noqa: ANN001
    panel = session.pre_dose
    take_baseline(panel)
    tick_checklist(panel)
    widget = {"intention_edit": panel.intention_edit, "drug_edit": panel.dose_form.drug_edit,
              "mg_spin": panel.dose_form.mg_spin, "route_box": panel.dose_form.route_box,
              "time_edit": panel.dose_form.time_edit,
              "checkbox": panel.checkboxes["Music ready"]}[where]
    widget.setFocus()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)
    assert len(stored(services, session, EventKind.DOSE_GIVEN)) == 1
