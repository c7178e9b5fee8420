"""The course of care on the client's page: where the client is, the course at a glance,
their due items, and the keys that record a preparation, integration or check-in."""

from __future__ import annotations

import pytest

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kapdesk.core.talk_sessions import TalkKind
from kapdesk.ui.clients.client_page import ClientPage
from tests.helpers.practice_builder import live_session
from tests.helpers.constants import PASSPHRASE
from tests.helpers.stubs import FakeCourseActions, FormPlayer

pytest_plugins = ("tests.helpers.client_page_fixtures",)


@pytest.fixture
def client(page_client):  # noqa: ANN001, ANN201 - this module's client: nothing recorded yet
    return page_client
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
HOUR = 3600.0


def page_with_player(qtbot, services, client_id: int) -> tuple[ClientPage, FormPlayer]:  # noqa: ANN001
    player = FormPlayer(qtbot)
    page = ClientPage(services, FakeCourseActions(), tz=dt.timezone.utc, run_dialog=player)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.open_client(client_id)
    page.show()
    qtbot.waitExposed(page)
    return page, player


def test_before_any_dose_it_counts_preparation_and_ctrl_shift_p_records_one(qtbot, services, client) -> None:  # noqa: ANN001
    page, player = page_with_player(qtbot, services, client.id)
    card = page.course_card
    assert card.position_label.text() == ("Preparation sessions: none yet of 3 before the first "
                                          "dose (3 to go).")

    def fill(form) -> None:  # noqa: ANN001
        form.field_edits["intention"].setPlainText("to meet grief with kindness")
        QTest.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    player.then(fill)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    QTest.keyClick(page, Qt.Key.Key_P, CTRL_SHIFT)
    qtbot.waitUntil(lambda: services.talks.for_client(client.id) != [])  # a key clicks after its press shows
    [talk] = services.talks.for_client(client.id)
    assert talk.kind is TalkKind.PREPARATION
    assert card.position_label.text().startswith("Preparation sessions: 1 of 3")
    assert [e.lane for e in card.view.entries] == ["preparation"]


def test_after_a_dose_the_position_the_due_items_and_a_click_that_opens_the_session(qtbot, services, client, clock) -> None:  # noqa: ANN001
    session_id, runner = live_session(services.practice, clock, client.id)
    runner.record_dose("ketamine", 150, "sublingual")
    clock.advance(2 * HOUR)
    runner.end()
    page, _player = page_with_player(qtbot, services, client.id)
    card = page.course_card
    assert card.position_label.text() == "Next: dosing session 2 of 6 planned; 1 given so far."
    assert [line.split(" —")[0] for line in card.due.lines()] == [
        "72-hour check-in with Maya A.", "Integration session with Maya A."]
    opened = []
    page.session_requested.connect(lambda c, s: opened.append((c, s)))
    [dose] = [e for e in card.view.entries if e.lane == "dosing"]
    card.view.entry_opened.emit(dose)
    assert opened == [(client.id, session_id)]


def test_a_chosen_talk_session_shows_its_words_and_can_be_corrected(qtbot, services, client, clock) -> None:  # noqa: ANN001
    page, player = page_with_player(qtbot, services, client.id)
    card = page.course_card

    def first(form) -> None:  # noqa: ANN001
        form.field_edits["stayed_with"].setPlainText("the river")
        form.private_edit.setPlainText("my fatigue")
        form.save()

    player.then(first)
    assert card.record_talk(TalkKind.INTEGRATION)
    [entry] = card.view.entries
    card.view.entry_opened.emit(entry)
    assert "What stayed with them: the river" in card.detail_label.text()
    assert "Private psychotherapy note (kept apart): my fatigue" in card.detail_label.text()

    def correct(form) -> None:  # noqa: ANN001
        QTest.keyClicks(form.reason_edit, "wrong image")
        form.field_edits["stayed_with"].setPlainText("the lake")
        form.save()

    player.then(correct)
    assert card.correct_talk()
    assert [t.field_text("stayed_with") for t in services.talks.for_client(client.id)] == ["the lake"]
    assert len(services.talks.history(client.id)) == 2
    assert "the lake" in card.detail_label.text()


def test_a_talk_session_is_signed_then_only_added_to(qtbot, services, client, clock) -> None:  # noqa: ANN001
    page, player = page_with_player(qtbot, services, client.id)
    card = page.course_card
    asked: list[str] = []
    card.record._signer = lambda _p, title, _a, _e, _known, check: (
        asked.append(title), "Dr Ana Rivera" if check(PASSPHRASE) else None)[1]

    def first(form) -> None:  # noqa: ANN001
        form.field_edits["intention"].setPlainText("to rest")
        form.save()

    player.then(first)
    assert card.record_talk(TalkKind.PREPARATION)
    card.view.entry_opened.emit(card.view.entries[0])
    assert card.sign_button.isVisible() and not card.addendum_button.isVisible()
    card.sign_button.click()
    assert asked == ["Sign the session record"]
    assert "Signed by Dr Ana Rivera" in card.detail_label.text()
    assert card.addendum_button.isVisible() and not card.correct_button.isVisible()

    def addendum(form) -> None:  # noqa: ANN001
        form.text_edit.setPlainText("Called back: slept well")
        form.save()

    player.then(addendum)
    card.addendum_button.click()
    assert "Addendum by Dr Ana Rivera" in card.detail_label.text()
    assert "Called back: slept well" in card.detail_label.text()
    [talk] = services.talks.for_client(client.id)
    assert [a.text for a in services.talks.addenda(talk.id)] == ["Called back: slept well"]
