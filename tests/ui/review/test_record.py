"""Signing a record from the session view, and dated addenda after it."""

from __future__ import annotations

import pytest

from kapdesk.core.events import EventKind
from kapdesk.core.practice_settings import THERAPIST_NAME
from kapdesk.storage.sessions import SessionStore
from kapdesk.ui.review.wording import day_and_time
from tests.helpers.practice_builder import T0, add_client
from tests.helpers.review_rig import demo_session, settle

pytest_plugins = ("tests.helpers.review_fixtures",)


@pytest.fixture
def session_view(area, practice, clock):  # noqa: ANN001, ANN201
    client = add_client(practice.engine, "Maya A.")
    made = demo_session(practice, client, T0 - 7 * 86_400)
    area.show_history(client)
    area.show_session(made.session_id)
    return area.session


def test_signing_asks_name_and_passphrase_then_the_record_takes_only_addenda(
        qtbot, area, session_view, dialogs, services, clock) -> None:  # noqa: ANN001
    panel = session_view.record_panel
    assert panel.status_label.text() == "Not signed" and panel.sign_button.isEnabled()
    assert session_view.debrief_view.isReadOnly()
    panel.sign_button.click()
    assert dialogs.asked == ["signer: Sign the record (no name yet)"]
    assert services.settings.get(THERAPIST_NAME) == "Dr. Ana Rivera"  # kept for next time
    assert panel.status_label.text() == f"Signed by Dr. Ana Rivera, {day_and_time(clock.now())}"
    assert not panel.sign_button.isVisible()
    assert "cannot be changed" in panel.note_label.text()
    assert "signed by Dr. Ana Rivera" in panel.history_label.text()
    # The record itself is closed: storage refuses anything but an addendum.
    with pytest.raises(Exception, match="signed session"):
        SessionStore(services.practice, clock).sink(session_view.record.session_id).append(
            EventKind.NOTE, clock.now(), {"text": "An edit after signing"})
    assert session_view.debrief_view.isReadOnly()
    # An addendum, dated, by the signer; the record's history shows it at once.
    clock.advance(86_400)
    panel.addendum_edit.setPlainText("Phoned the next day: slept well, no headache.")
    panel.addendum_button.click()
    history = panel.history_label.text()
    assert f"{day_and_time(clock.now())}</span> — <b>addendum by Dr. Ana Rivera</b>" in history
    assert "Phoned the next day: slept well, no headache." in history
    assert panel.addendum_edit.toPlainText() == ""
    assert "Addendum by Dr. Ana Rivera: Phoned the next day" in session_view.log_list.item(
        session_view.log_list.count() - 1).text()
    # The addendum is confirmed the same way, the name offered from Settings this time.
    assert dialogs.asked[-1] == "signer: Add the addendum (Dr. Ana Rivera)"
    settle(qtbot, area)
    row = area.history.model.row_at(0)  # the history list was refreshed
    assert row.status == "signed" and row.addenda == 1


def test_a_wrong_passphrase_signs_nothing(session_view, dialogs, services) -> None:  # noqa: ANN001
    services.settings.set(THERAPIST_NAME, "Dr. Lee")
    dialogs.passphrase = "calm-harbour-41"
    session_view.record_panel.sign_button.click()
    assert dialogs.asked == ["signer: Sign the record (Dr. Lee)", "wrong passphrase"]
    assert session_view.record_panel.status_label.text() == "Not signed"
    assert session_view.record.signed_at is None


def test_cancelling_the_signing_dialog_signs_nothing(session_view, dialogs) -> None:  # noqa: ANN001
    dialogs.name = None
    session_view.record_panel.sign_button.click()
    assert session_view.record.signed_at is None
    assert session_view.record_panel.status_label.text() == "Not signed"


def test_the_signing_dialog_checks_the_passphrase_and_says_so_plainly(qtbot, services, practice, clock) -> None:  # noqa: ANN001
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from kapdesk.ui.review.sign_dialog import WRONG_PASSPHRASE, SignDialog
    from tests.helpers.constants import PASSPHRASE

    keeper = services.records
    dialog = SignDialog(None, "Sign the record", "Sign the record", "A signed record…",
                        "Dr. Ana Rivera", keeper.passphrase_confirms)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    assert dialog.windowTitle() == "Sign the record"
    assert dialog.name_edit.text() == "Dr. Ana Rivera"  # prefilled from the settings
    assert dialog.focusWidget() is dialog.passphrase_edit
    assert dialog.passphrase_edit.echoMode() == dialog.passphrase_edit.EchoMode.Password
    QTest.keyClicks(dialog.passphrase_edit, "not-the-one")
    QTest.keyClick(dialog.passphrase_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.signer is None
    assert dialog.message.text() == WRONG_PASSPHRASE
    assert dialog.focusWidget() is dialog.passphrase_edit
    dialog.passphrase_edit.setText(PASSPHRASE)
    QTest.keyClick(dialog.passphrase_edit, Qt.Key.Key_Return)
    assert dialog.signer == "Dr. Ana Rivera" and not dialog.isVisible()


def test_the_passphrase_is_checked_even_without_the_check_file(practice, clock) -> None:  # noqa: ANN001
    from kapdesk.services import open_services
    from kapdesk.storage.files import META_NAME
    from tests.helpers.constants import PASSPHRASE

    (practice.data_dir / META_NAME).unlink()
    keeper = open_services(practice, clock).records
    assert keeper.passphrase_confirms(PASSPHRASE)
    assert not keeper.passphrase_confirms("calm-harbour-41")
    assert not keeper.passphrase_confirms("")


def test_an_empty_addendum_is_refused_in_words(session_view) -> None:  # noqa: ANN001
    panel = session_view.record_panel
    panel.addendum_edit.setPlainText("   ")
    panel.addendum_button.click()
    assert panel.message_label.text() == "Type the addendum first."
    assert "addendum" not in panel.history_label.text()


def test_an_open_session_reads_open_and_offers_no_signing(area, practice, clock) -> None:  # noqa: ANN001
    from tests.helpers.practice_builder import live_session

    client = add_client(practice.engine, "Noor K.")
    session_id, runner = live_session(practice, clock, client)
    clock.advance(600)
    runner.add_note("Still in the room")
    area.show_session(session_id)
    panel = area.session.record_panel
    assert panel.status_label.text() == "Open — not ended"
    assert panel.status_label.accessibleName() == "Signature: Open — not ended"
    assert not panel.sign_button.isVisible()
    assert "Open — not ended" in area.session.flags_label.text()


def test_an_adverse_event_learnt_later_is_added_with_its_form_and_flagged(
        qtbot, area, session_view, dialogs, services, clock) -> None:  # noqa: ANN001
    from kapdesk.core.adverse_events import AdverseEvent, AdverseKind, Severity

    panel = session_view.record_panel
    clock.advance(86_400)
    dialogs.adverse = AdverseEvent(AdverseKind.NAUSEA, Severity.MILD, clock.now() - 7200,
                                   "phoned: rest, fluids", clock.now() - 3600)
    assert panel.adverse_button.isEnabled() and panel.adverse_button.accessibleName() == "Adverse event…"
    panel.adverse_button.click()
    assert dialogs.asked[-2:] == ["adverse event", "signer: Add the adverse event (no name yet)"]
    record = services.review.session_record(session_view.record.session_id)
    assert [e.data["action"] for e in record.state.adverse] == ["phoned: rest, fluids"]
    settle(qtbot, area)
    row = area.history.model.row_at(0)
    assert any(flag.label == "Adverse event: Nausea or vomiting (mild)" for flag in row.flags)


def test_a_cancelled_adverse_form_adds_nothing(session_view, dialogs, services) -> None:  # noqa: ANN001
    dialogs.adverse = None
    session_view.record_panel.adverse_button.click()
    record = services.review.session_record(session_view.record.session_id)
    assert record.state.adverse == () and dialogs.asked == ["adverse event"]


def test_ctrl_shift_e_from_any_tab_of_an_ended_session_brings_the_record_and_asks(
        qtbot, area, session_view, dialogs) -> None:  # noqa: ANN001
    """The key works where the therapist is (a hidden tab's button would not take it)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from kapdesk.ui.review.session_page import DEBRIEF_TAB, RECORD_TAB

    dialogs.adverse = None
    area.show()
    area.activateWindow()
    qtbot.waitUntil(area.isActiveWindow)
    session_view.tabs.setCurrentIndex(DEBRIEF_TAB)
    session_view.log_list.setFocus()
    QTest.keyClick(session_view.log_list, Qt.Key.Key_E,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert dialogs.asked == ["adverse event"]
    assert session_view.tabs.currentIndex() == RECORD_TAB
    # With the tab showing, the key is still one shortcut, not two that cancel out.
    QTest.keyClick(session_view.log_list, Qt.Key.Key_E,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert dialogs.asked == ["adverse event", "adverse event"]
