"""Checkpoint reminders: due, overdue, done, set aside with a reason, the chime."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kapdesk.core.builtin_scripts import ESKETAMINE, KAP_SUBLINGUAL
from kapdesk.core.events import EventKind
from tests.helpers.session_window import dose_anyway, fill_vitals, log_lines, stored, tick_checklist

pytest_plugins = ("tests.helpers.session_fixtures",)
MIN = 60
SHIFT = Qt.KeyboardModifier.ShiftModifier


def test_a_due_checkpoint_shows_calmly_then_overdue_until_dealt_with(room, clock) -> None:  # noqa: ANN001
    card = room.reminders.cards["baseline-bp"]
    assert room.reminders.isVisible() and card.when.text() == "due now"
    assert card.property("level") == "caution"
    assert card.act_button.text() == "Take vitals   F4"
    clock.advance(9 * MIN)
    room.controller.tick()
    assert card.when.text() == "overdue by 11 min" and card.property("level") == "alert"
    clock.advance(60 * MIN)
    room.controller.tick()
    assert room.reminders.cards["baseline-bp"] is card  # the same card: never re-created
    assert card.when.text() == "overdue by 71 min"


def test_recording_vitals_answers_a_vitals_reminder(room, services, session) -> None:  # noqa: ANN001
    room.note_edit.setFocus()
    QTest.keyClick(room, Qt.Key.Key_F4)  # "Take vitals" goes to the vitals fields
    assert room.vitals.fields["systolic"].hasFocus()
    fill_vitals(room.vitals, "124", "80", "70")
    room.vitals.submit()
    assert "baseline-bp" not in room.reminders.cards
    assert not room.reminders.isVisible()
    assert session.controller.state().checkpoints[0].status == "done"


def test_setting_aside_needs_a_reason_and_escape_cancels(room, services, session) -> None:  # noqa: ANN001
    card = room.reminders.cards["baseline-bp"]
    QTest.keyClick(room, Qt.Key.Key_F4, SHIFT)
    assert card.reason_edit.isVisible() and card.reason_edit.hasFocus()
    assert not card.confirm_button.isEnabled()
    QTest.keyClick(card.reason_edit, Qt.Key.Key_Return)  # no reason: nothing happens
    assert stored(services, session, EventKind.CHECKPOINT_DISMISSED) == []
    QTest.keyClick(card.reason_edit, Qt.Key.Key_Escape)
    assert not card.reason_edit.isVisible()
    card.aside_button.click()
    QTest.keyClicks(card.reason_edit, "taken at the front desk")
    QTest.keyClick(card.reason_edit, Qt.Key.Key_Return)
    [dismissed] = stored(services, session, EventKind.CHECKPOINT_DISMISSED)
    assert dismissed.data == {"checkpoint_id": "baseline-bp", "reason": "taken at the front desk"}
    assert "baseline-bp" not in room.reminders.cards
    assert log_lines(room)[-1].endswith("Checkpoint set aside: Baseline BP (taken at the front desk)")


def test_a_general_check_is_done_with_f4(wired, services, client, clock) -> None:  # noqa: ANN001
    view = wired.session_flow.start(client.id, ESKETAMINE)
    view.pre_dose.vitals.fields["systolic"].setText("")
    fill_vitals(view.pre_dose.vitals, "126", "80", "70", "98")
    view.pre_dose.vitals.submit()
    tick_checklist(view.pre_dose)
    view.pre_dose.record_dose()  # moves on to the dose phase: "Pulse oximeter on" is due
    room = view.room
    assert list(room.reminders.cards) == ["pulse-ox"]
    assert room.reminders.cards["pulse-ox"].act_button.text() == "Done   F4"
    QTest.keyClick(room, Qt.Key.Key_F4)
    [done] = stored(services, view, EventKind.CHECKPOINT_DONE)
    assert done.data == {"checkpoint_id": "pulse-ox"}
    assert log_lines(room)[-1].endswith("Checkpoint done: Pulse oximeter on")
    clock.advance(15 * MIN)
    room.controller.tick()
    assert list(room.reminders.cards) == ["sedation-15"]


def test_the_f4_keys_follow_the_first_card(wired, client, clock) -> None:  # noqa: ANN001
    view = wired.session_flow.start(client.id, ESKETAMINE)
    view.show_room()
    clock.advance(16 * MIN)  # pre-dose BP overdue; pulse-ox due as the dose phase begins
    view.controller.tick()
    cards = view.room.reminders.cards
    assert list(cards) == ["bp-pre-dose", "pulse-ox"]
    assert cards["bp-pre-dose"].act_button.text().endswith("F4")
    assert cards["pulse-ox"].act_button.text() == "Done"


def test_the_chime_rings_once_per_checkpoint_only_if_the_practice_wants_it(
        wired, services, client, clock) -> None:  # noqa: ANN001
    rings: list[str] = []
    wired.session_flow._chime = lambda: rings.append("ding")  # noqa: SLF001 - the app's hook
    view = wired.session_flow.start(client.id, KAP_SUBLINGUAL)
    clock.advance(5 * MIN)
    view.controller.tick()
    assert rings == []  # off by default
    view.controller.end()
    services.settings.set("checkpoint_chime", True)
    view = wired.session_flow.start(client.id, KAP_SUBLINGUAL)
    tick_checklist(view.pre_dose)
    dose_anyway(view.pre_dose)
    clock.advance(40 * MIN)
    view.controller.tick()
    view.controller.tick()
    assert rings == ["ding"]  # the 40-minute BP, once


def test_the_first_reminders_buttons_announce_their_keys_and_f4_still_acts(
        wired, services, client, clock) -> None:  # noqa: ANN001
    from PySide6.QtGui import QKeySequence

    view = wired.session_flow.start(client.id, KAP_SUBLINGUAL)
    view.show_room()
    view.controller.tick()
    room = view.room
    [card, *_] = [room.reminders.cards[i] for i in room.reminders._order]
    assert card.act_button.text().startswith("Take vitals")
    assert card.act_button.shortcut() == QKeySequence("F4")
    assert card.aside_button.shortcut() == QKeySequence("Shift+F4")
    QTest.keyClick(room, Qt.Key.Key_F4)  # the panel's key: the cursor goes to the vitals
    assert room.vitals.fields["systolic"].hasFocus()
