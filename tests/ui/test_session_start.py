"""The start flow: client → script chooser → before the dose → dose → room."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
from kapdesk.core.events import EventKind
from kapdesk.ui.session_chooser import ScriptChooser
from kapdesk.ui.session_view import SessionView
from tests.ui.session_helpers import INTENTION, fill_vitals, stored

pytest_plugins = ("tests.ui.session_fixtures",)
CTRL = Qt.KeyboardModifier.ControlModifier


def test_start_from_the_client_list_through_the_chooser_to_the_pre_dose_page(
        window, services, client, clock) -> None:  # noqa: ANN001
    own = replace(KAP_SUBLINGUAL, id="practice-short", name="Short KAP", builtin=False)
    services.scripts.save(own)
    window.clients_view.start_session_requested.emit(client.id)
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


def test_back_from_the_chooser_returns_to_the_client_list(window, client) -> None:  # noqa: ANN001
    chooser = window.session_flow.choose_script(client.id)
    QTest.keyClick(chooser, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.clients_view and window.header.isVisible()


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


def test_checklist_items_come_from_the_practice_settings(window, services, client) -> None:  # noqa: ANN001
    services.settings.set("checklist_items", ["Blanket", "Bucket nearby"])
    view = window.session_flow.start(client.id, KAP_SUBLINGUAL)
    assert list(view.pre_dose.checkboxes) == ["Blanket", "Bucket nearby"]


def test_the_default_dose_is_recorded_and_the_room_opens(session, services, clock) -> None:  # noqa: ANN001
    fill_vitals(session.pre_dose.vitals, "126", "82", "70", "98")
    session.pre_dose.vitals.submit()
    clock.advance(4 * 60)
    QTest.keyClick(session.pre_dose, Qt.Key.Key_Return, CTRL)
    [dose] = stored(services, session, EventKind.DOSE_GIVEN)
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
    session.pre_dose.record_dose()
    [dose] = stored(services, session, EventKind.DOSE_GIVEN)
    assert dose.data["given_at"] == earlier.replace(second=0, microsecond=0).timestamp()


def test_high_blood_pressure_needs_a_reason_before_the_dose(session, services, clock) -> None:  # noqa: ANN001
    panel = session.pre_dose
    fill_vitals(panel.vitals, "152", "94")
    assert panel.vitals.reason_edit.isVisibleTo(panel)
    assert "record a reason before dosing" in panel.vitals.message.text()
    assert panel.vitals.message.property("level") == "caution"
    panel.vitals.submit()  # saved without a reason: a reading is a fact
    assert not panel.dose_button.isEnabled()
    assert "152/94, is above 140/90" in panel.gate.text()
    QTest.keyClick(panel, Qt.Key.Key_Return, CTRL)
    assert stored(services, session, EventKind.DOSE_GIVEN) == []
    fill_vitals(panel.vitals, "150", "92")
    panel.vitals.reason_edit.setText("Usual for this client; prescriber agreed")
    panel.vitals.submit()
    [_, with_reason] = stored(services, session, EventKind.VITALS)
    assert with_reason.data["reason"] == "Usual for this client; prescriber agreed"
    assert panel.dose_button.isEnabled()
    QTest.keyClick(panel, Qt.Key.Key_Return, CTRL)
    assert len(stored(services, session, EventKind.DOSE_GIVEN)) == 1


def test_a_recheck_within_limits_also_clears_the_way(session) -> None:  # noqa: ANN001
    panel = session.pre_dose
    fill_vitals(panel.vitals, "150", "95")
    panel.vitals.submit()
    assert not panel.dose_button.isEnabled()
    fill_vitals(panel.vitals, "134", "86")
    panel.vitals.submit()
    assert panel.dose_button.isEnabled() and panel.gate.property("level") == "ok"


def test_the_room_can_be_opened_before_the_dose_and_ctrl_d_comes_back(session, services) -> None:  # noqa: ANN001
    QTest.keyClick(session.pre_dose, Qt.Key.Key_R, CTRL)
    room = session.room
    assert session.current_page() is room
    assert "no dose recorded yet" in room.face.clocks.text()
    assert room.dose_button.isVisible() and room.dose_button.text().endswith("Ctrl+D")
    QTest.keyClick(room, Qt.Key.Key_D, CTRL)
    assert session.current_page() is session.pre_dose
    QTest.keyClick(session.pre_dose, Qt.Key.Key_Return, CTRL)
    assert session.current_page() is room and not room.dose_button.isVisible()
    assert len(stored(services, session, EventKind.DOSE_GIVEN)) == 1
