"""Signing a record from the session view, and dated addenda after it."""

from __future__ import annotations

import pytest

from kapdesk.core.events import EventKind
from kapdesk.core.practice_settings import THERAPIST_NAME
from kapdesk.storage.sessions import SessionStore
from kapdesk.ui.review_format import day_and_time
from tests.helpers.practice_builder import T0, add_client
from tests.ui.review_helpers import demo_session, settle

pytest_plugins = ("tests.ui.review_fixtures",)


@pytest.fixture
def session_view(area, practice, clock):  # noqa: ANN001, ANN201
    client = add_client(practice.engine, "Maya A.")
    made = demo_session(practice, client, T0 - 7 * 86_400)
    area.show_history(client)
    area.show_session(made.session_id)
    return area.session


def test_signing_asks_for_the_name_once_then_the_record_takes_only_addenda(
        qtbot, area, session_view, dialogs, services, clock) -> None:  # noqa: ANN001
    panel = session_view.record_panel
    assert panel.status_label.text() == "Not signed" and panel.sign_button.isEnabled()
    assert session_view.debrief_view.isReadOnly()
    panel.sign_button.click()
    assert dialogs.asked == ["name", "confirm: Sign the record"]
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
    assert dialogs.asked.count("name") == 1  # the name came from Settings this time
    settle(qtbot, area)
    row = area.history.model.row_at(0)  # the history list was refreshed
    assert row.status == "signed" and row.addenda == 1


def test_declining_the_confirmation_signs_nothing(session_view, dialogs, services) -> None:  # noqa: ANN001
    services.settings.set(THERAPIST_NAME, "Dr. Lee")
    dialogs.agree = False
    session_view.record_panel.sign_button.click()
    assert dialogs.asked == ["confirm: Sign the record"]  # the name was already set
    assert session_view.record_panel.status_label.text() == "Not signed"
    assert session_view.record.signed_at is None


def test_no_name_given_means_no_signature(session_view, dialogs) -> None:  # noqa: ANN001
    dialogs.name = None
    session_view.record_panel.sign_button.click()
    assert "none was given" in session_view.record_panel.message_label.text()
    assert session_view.record.signed_at is None


def test_an_empty_addendum_is_refused_in_words(session_view) -> None:  # noqa: ANN001
    panel = session_view.record_panel
    panel.addendum_edit.setPlainText("   ")
    panel.addendum_button.click()
    assert panel.message_label.text() == "Type the addendum first."
    assert "addendum" not in panel.history_label.text()
