"""Vitals in the room: refused in words, coloured against thresholds, alerts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from kapdesk.core.events import EventKind
from kapdesk.ui.session.room_log import LEVEL_COLOURS
from tests.helpers.session_window import fill_vitals, stored

pytest_plugins = ("tests.helpers.session_fixtures",)


@pytest.mark.parametrize(("typed", "message", "bad_field"), [
    # Every wrong value is named, not only the first (issue 16, item 22).
    (("400", "20", "72"), "400 mmHg is not a possible systolic pressure (expected 60–260); "
                          "20 mmHg is not a possible diastolic pressure (expected 30–160).",
     "systolic"),
    (("120", "20", "72"), "20 mmHg is not a possible diastolic pressure (expected 30–160).",
     "diastolic"),
    (("one twenty", "80", "72"), "Systolic pressure must be a number, e.g. 120.", "systolic"),
    (("120", "80", ""), "Heart rate is missing, e.g. 72.", "heart_rate"),
    (("80", "120", "72"), "Diastolic must be lower than systolic (120 is not below 80); "
                          "were the two swapped?", "diastolic"),
])
def test_impossible_vitals_are_refused_in_words(room, services, session, typed, message,
                                                bad_field) -> None:  # noqa: ANN001
    fill_vitals(room.vitals, *typed)
    room.vitals.fields["heart_rate"].setFocus()
    QTest.keyClick(room.vitals.fields["heart_rate"], Qt.Key.Key_Return)
    assert room.vitals.message.text() == message
    assert room.vitals.fields[bad_field].property("level") == "alert"
    assert room.vitals.fields[bad_field].hasFocus()
    assert stored(services, session, EventKind.VITALS) == []
    room.vitals.fields[bad_field].setText("99")  # typing again clears the mark
    assert room.vitals.fields[bad_field].property("level") == ""


def test_a_good_reading_is_stored_and_shown_in_green(room, services, session) -> None:  # noqa: ANN001
    fill_vitals(room.vitals, "128", "84", "76", "97")
    assert room.vitals.message.property("level") == "ok"  # judged while typing
    room.vitals.fields["spo2"].setFocus()
    QTest.keyClick(room.vitals.fields["spo2"], Qt.Key.Key_Return)
    [event] = stored(services, session, EventKind.VITALS)
    assert event.data == {"systolic": 128, "diastolic": 84, "heart_rate": 76, "spo2": 97,
                          "reason": None}
    assert room.vitals.message.text() == \
        "Saved 00:02: BP 128/84, HR 76, SpO2 97% — within the practice's limits"
    assert all(not field.text() for field in room.vitals.fields.values())
    item = room.log.item(room.log.count() - 1)
    assert item.text().endswith("BP 128/84, HR 76, SpO2 97%")
    assert item.foreground().color() == QColor(LEVEL_COLOURS["ok"])
    assert not room.alert.isVisible()


def test_an_alert_reading_raises_the_banner_without_taking_focus(room, services, session) -> None:  # noqa: ANN001
    QTest.keyClick(room, Qt.Key.Key_F9)  # dimmed, and stored
    room.note_edit.setFocus()
    fill_vitals(room.vitals, "186", "112", "96")
    assert room.vitals.message.property("level") == "alert"
    room.vitals.submit()
    assert room.alert.isVisible()
    assert "186/112 is at or above the alert level 180/110" in room.alert.message.text()
    assert not room.dim.isVisible()  # the alert lifts the dimming
    assert room.note_edit.hasFocus()  # nothing stole the focus
    item = room.log.item(room.log.count() - 2)
    assert item.foreground().color() == QColor(LEVEL_COLOURS["alert"])
    assert item.text().endswith("Vitals — BP 186/112, HR 96")
    # The lifted veil is stored too: a resume after a crash must not dim it again.
    assert room.log.texts()[-1].endswith("Dimming lifted by the safety alert")
    assert [(e.data["level"], e.data["why"]) for e in stored(services, session, EventKind.DIM_CHANGED)] \
        == [("dim", "key"), ("off", "alert")]
    fill_vitals(room.vitals, "150", "95", "88")
    room.vitals.submit()  # a calmer recheck takes the banner down
    assert not room.alert.isVisible()


def test_a_fast_heart_rate_alerts_and_f12_acknowledges(room) -> None:  # noqa: ANN001
    fill_vitals(room.vitals, "130", "85", "128")
    room.vitals.submit()
    assert "Heart rate 128 is above 120" in room.alert.message.text()
    QTest.keyClick(room, Qt.Key.Key_F12)
    assert not room.alert.isVisible()


def test_thresholds_come_from_the_practice_settings(wired, services, client, clock) -> None:  # noqa: ANN001
    from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL

    services.settings.set("vital_thresholds", {"alert_systolic": 160})
    view = wired.session_flow.start(client.id, KAP_SUBLINGUAL)
    view.show_room()
    fill_vitals(view.room.vitals, "165", "90", "80")
    view.room.vitals.reason_edit.setText("Prescriber on site")  # before the dose: needed
    view.room.vitals.submit()
    assert view.room.alert.isVisible()
    assert "alert level 160/110" in view.room.alert.message.text()


def test_save_vitals_announces_enter_which_stays_with_the_focused_field(room, services, session) -> None:  # noqa: ANN001
    from PySide6.QtGui import QKeySequence

    assert room.vitals.save_button.shortcut() == QKeySequence("Return")
    room.note_edit.setFocus()
    room.note_edit.setText("Resting")
    fill_vitals(room.vitals, "128", "84", "76")
    QTest.keyClick(room.note_edit, Qt.Key.Key_Return)  # the note's Enter, not the vitals'
    assert [e.data["text"] for e in stored(services, session, EventKind.NOTE)] == ["Resting"]
    assert stored(services, session, EventKind.VITALS) == []
    room.vitals.fields["heart_rate"].setFocus()
    QTest.keyClick(room.vitals.fields["heart_rate"], Qt.Key.Key_Return)
    assert len(stored(services, session, EventKind.VITALS)) == 1
