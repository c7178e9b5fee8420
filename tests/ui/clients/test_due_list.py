"""What is due, on screen: the list across clients in core's order and words, each entry
opening its form already filled, recording or setting aside clearing it, and the talk
form's rules said in words."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kapdesk.core.clients import ClientDraft
from kapdesk.core.talk_sessions import CheckInHow, TalkKind
from kapdesk.services import Services
from kapdesk.ui.clients.due_list import NOTHING_DUE, DueListPanel
from tests.helpers.practice_builder import live_session

pytest_plugins = ("tests.helpers.course_form_fixtures",)
HOUR = 3600.0
CTRL = Qt.KeyboardModifier.ControlModifier


def dosed(services: Services, clock, client_id: int) -> int:  # noqa: ANN001
    session_id, runner = live_session(services.practice, clock, client_id)
    runner.record_dose("ketamine", 150, "sublingual")
    clock.advance(2 * HOUR)
    runner.end()
    return session_id


@pytest.fixture
def panel(qtbot, services, player) -> DueListPanel:  # noqa: ANN001
    widget = DueListPanel(services, run_dialog=player)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_an_empty_practice_says_nothing_is_due(panel) -> None:  # noqa: ANN001
    assert panel.empty.isVisible() and panel.empty.text() == NOTHING_DUE
    assert not panel.record_button.isEnabled()


def test_doses_make_entries_overdue_first_by_initials(qtbot, services, clock, client_id, player) -> None:  # noqa: ANN001
    other = services.clients.add(ClientDraft("Ruth Tamsin")).id
    dosed(services, clock, other)
    clock.advance(4 * 24 * HOUR)  # Ruth's check-in is now overdue
    dosed(services, clock, client_id)
    panel = DueListPanel(services, run_dialog=player)
    qtbot.addWidget(panel)
    lines = panel.lines()
    assert lines[0].startswith("72-hour check-in with R. T. — overdue")
    assert any(line.startswith("72-hour check-in with A. M. — due by") for line in lines)
    assert "Anna" not in " ".join(lines) and "Ruth" not in " ".join(lines)



def test_the_main_window_lists_the_most_recent_overdue_and_says_how_many_older_wait(
        qtbot, services, clock, client_id, player, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr("kapdesk.ui.clients.due_list.OVERDUE_MOST", 1)
    other = services.clients.add(ClientDraft("Ruth Tamsin")).id
    dosed(services, clock, other)
    clock.advance(10 * 24 * HOUR)  # both of Ruth's are overdue now
    dosed(services, clock, client_id)  # Anna's are due this week
    panel = DueListPanel(services, run_dialog=player)
    qtbot.addWidget(panel)
    panel.show()
    lines = panel.lines()
    assert [line.split(" — ")[0] for line in lines] == [
        "Integration session with R. T.", "72-hour check-in with A. M.",
        "Integration session with A. M."]
    assert panel.older.isVisible()
    assert panel.older.text() == ("1 older overdue entry is not listed here; "
                                  "each client's page lists its own.")
    page = DueListPanel(services, run_dialog=player, client_id=other)
    qtbot.addWidget(page)
    page.show()
    assert len(page.lines()) == 2 and not page.older.isVisible()

def test_enter_opens_the_check_in_already_filled_and_saving_clears_it(panel, services, clock, client_id, player) -> None:  # noqa: ANN001
    session_id = dosed(services, clock, client_id)
    clock.advance(20 * HOUR)
    panel.refresh()
    assert [line.split(" with")[0] for line in panel.lines()] == ["72-hour check-in",
                                                                  "Integration session"]

    def fill(form) -> None:  # noqa: ANN001
        assert form.windowTitle().endswith("Follow-up check-in")
        assert "Anna M." in form.heading.text()
        QTest.keyClick(form.how_row, Qt.Key.Key_P)
        form.field_edits["how_they_are"].setPlainText("Tired but calm; slept 9 hours")
        QTest.keyClick(form, Qt.Key.Key_S, CTRL)

    player.then(fill)
    panel.list.setFocus()
    QTest.keyClick(panel.list, Qt.Key.Key_Return)
    [talk] = services.talks.for_client(client_id)
    assert (talk.kind, talk.how, talk.after_dose_session) == (TalkKind.CHECK_IN, CheckInHow.PHONE,
                                                              session_id)
    assert [line.split(" with")[0] for line in panel.lines()] == ["Integration session"]


def test_a_check_in_without_how_is_refused_in_words_and_nothing_saved(panel, services, clock, client_id, player) -> None:  # noqa: ANN001
    dosed(services, clock, client_id)
    panel.refresh()
    seen = {}

    def fill(form) -> None:  # noqa: ANN001
        form.field_edits["how_they_are"].setPlainText("ok")
        form.save()
        seen["problem"] = form.how_row.problem.text()
        seen["open"] = form.isVisible()

    player.then(fill)
    assert panel.record_selected() is False
    assert seen["open"] and "how the check-in was given" in seen["problem"]
    assert services.talks.for_client(client_id) == []


def test_set_aside_needs_a_reason_and_removes_the_entry(panel, services, clock, client_id, player) -> None:  # noqa: ANN001
    dosed(services, clock, client_id)
    panel.refresh()

    def refuse_then_fill(form) -> None:  # noqa: ANN001
        form.save()
        assert form.isVisible() and "Say why" in form.reason_problem.text()
        QTest.keyClicks(form.reason_edit, "client travelling; will call on return")
        QTest.keyClick(form, Qt.Key.Key_S, CTRL)

    player.then(refuse_then_fill)
    assert panel.set_aside_selected() is True
    assert [line.split(" with")[0] for line in panel.lines()] == ["Integration session"]


def test_the_private_note_is_marked_and_kept_apart(panel, services, clock, client_id, player) -> None:  # noqa: ANN001
    dosed(services, clock, client_id)
    clock.advance(3 * 24 * HOUR)
    panel.refresh()
    panel.list.setCurrentRow(1)  # the integration session

    def fill(form) -> None:  # noqa: ANN001
        assert any("Private psychotherapy note" in label.text()
                   for label in form.findChildren(type(form.heading)))
        form.field_edits["stayed_with"].setPlainText("the image of a river")
        form.private_edit.setPlainText("my own impatience today")
        form.save()

    player.then(fill)
    assert panel.record_selected()
    [talk] = services.talks.for_client(client_id)
    assert talk.private_note == "my own impatience today"
    assert talk.shared_data()["private_note"] is None
    assert dt.datetime.fromtimestamp(talk.started_at).date() == dt.datetime.fromtimestamp(clock.now()).date()


def test_the_main_window_shows_what_is_due_and_no_two_of_its_keys_clash(qtbot, services, clock, client_id) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QAbstractButton

    from tests.helpers.session_window import open_window

    dosed(services, clock, client_id)
    wired = open_window(qtbot, services)
    panel = wired.clients_view.due
    assert panel is not None and panel.isVisible()
    assert [line.split(" —")[0] for line in panel.lines()] == ["72-hour check-in with A. M.",
                                                               "Integration session with A. M."]
    keys = [button.shortcut().toString() for button in wired.window.findChildren(QAbstractButton)
            if button.isVisible() and not button.shortcut().isEmpty()]
    assert len(keys) == len(set(keys)), sorted(keys)


def test_after_a_week_shut_the_minute_says_what_became_overdue_and_keeps_the_choice(qtbot, services, clock, client_id, player) -> None:  # noqa: ANN001
    other = services.clients.add(ClientDraft("Ruth Tamsin")).id
    dosed(services, clock, other)
    dosed(services, clock, client_id)
    panel = DueListPanel(services, run_dialog=player)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.minute.isActive() and panel.minute.objectName() == "dueListMinute"
    assert all("due by" in line for line in panel.lines())
    panel.list.setCurrentRow(3)
    chosen = panel.entries[3]
    clock.advance(7 * 24 * HOUR + HOUR)  # the laptop shut for a week; nothing read the store since
    panel.minute.timeout.emit()
    assert all(" — overdue" in line for line in panel.lines())
    assert len(panel.lines()) == 4  # nothing lapsed, nothing gone
    assert panel.entries[panel.list.currentRow()] == chosen  # the therapist's choice stays
    panel.hide()
    assert not panel.minute.isActive()  # nothing ticks behind a hidden list


def test_back_at_the_front_the_list_follows_a_changed_window_and_keeps_the_chosen_entry(
        qtbot, services, clock, client_id, player) -> None:  # noqa: ANN001
    """Settings changed the check-in window behind it (a dialog over the window): when the
    window is active again, the list says the new window, the same entry still chosen."""
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from kapdesk.core.course_due import CourseWindows
    from kapdesk.storage.practice_settings_store import save_course_windows

    dosed(services, clock, client_id)
    clock.advance(26 * HOUR)
    window = QWidget()  # the main window, the list inside it as there
    qtbot.addWidget(window)
    panel = DueListPanel(services, run_dialog=player)
    QVBoxLayout(window).addWidget(panel)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    panel.list.setCurrentRow(1)  # the integration session
    assert panel.lines()[0].startswith("72-hour check-in with A. M. — due by")
    other = QWidget()  # the settings, say
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(other.isActiveWindow)
    save_course_windows(services.settings, CourseWindows(check_in_hours=24))
    window.activateWindow()
    qtbot.waitUntil(lambda: panel.lines()[0].startswith("24-hour check-in with A. M. — overdue"))
    assert panel.list.currentRow() == 1 and panel.lines()[1].startswith("Integration session")
