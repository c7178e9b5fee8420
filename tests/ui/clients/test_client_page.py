"""The client's page as the therapist sees it: the screening's verdict in words, the
medications, the consent, each measure's figures with response and remission, the
history with corrections, and every button and key asking the page's CourseActions
with the right ids.

Everything is real but the forms: a real practice on a fake clock, records written
through the app's stores; the recording FakeCourseActions stands where the forms go.
"""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLabel

from kapdesk.core.measure_course import FilledBy
from kapdesk.core.measures import MeasureKind, score
from kapdesk.core.screening import Answer, Clearance
from kapdesk.core.consent import TouchConsent
from kapdesk.core.suicide_risk import RiskAssessment, RiskLevel
from kapdesk.demo.course import answers
from kapdesk.ui.clients.client_page import ClientPage
from tests.helpers.course_records import NOW, TODAY, clear_screening, consent

pytest_plugins = ("tests.helpers.client_page_fixtures",)


@pytest.fixture
def client(page_client):  # noqa: ANN001, ANN201 - this module's client: nothing recorded yet
    return page_client

DAY = 86_400.0


def form(kind: MeasureKind, total: int, item9: int = 0):  # noqa: ANN201
    return score(kind, answers(kind, total, item9), 1 if kind is MeasureKind.PHQ9 and total else None)


def add_series(services, client_id: int, kind: MeasureKind, *totals: int, item9: int = 0):  # noqa: ANN001, ANN201
    """Forms of `kind`, a week apart, the last one on the fake clock's day."""
    records = []
    for weeks_back, total in zip(range(len(totals) - 1, -1, -1), totals):
        records.append(services.measures.add(client_id, form(kind, total, item9 if weeks_back == 0 else 0),
                                             NOW - 3600 - weeks_back * 7 * DAY, FilledBy.PAPER))
    return records


def text_of(page: ClientPage) -> str:
    return "\n".join(label.text() for label in page.findChildren(QLabel) if label.isVisibleTo(page))


def history_lines(page: ClientPage) -> list[str]:
    return [page.history_list.item(row).text() for row in range(page.history_list.count())]


# -- what the page says -------------------------------------------------------------------


def test_a_clear_screening_says_clear_with_its_medications(services, client, open_page) -> None:  # noqa: ANN001
    services.screenings.add(clear_screening(client.id), TODAY)
    page = open_page(client.id)
    assert page.name_label.text() == "Maya A."
    assert page.screening_headline.text() == "Clear"
    assert "Screened 2026-01-01 by Dr A." in page.screening_lines.text()
    assert "Due again on 2026-07-01." in page.screening_lines.text()
    assert page.medications_label.text() == "sertraline, 50 mg daily, since 2023"
    assert not page.clearance_button.isVisible()


def test_an_exclusion_says_not_eligible_naming_the_item(services, client, open_page) -> None:  # noqa: ANN001
    services.screenings.add(clear_screening(client.id, glaucoma=Answer.YES, psychosis_mania=Answer.UNKNOWN),
                            TODAY)
    page = open_page(client.id)
    assert page.screening_headline.text() == "NOT ELIGIBLE"
    assert page.screening_headline.property("level") == "alert"
    lines = page.screening_lines.text()
    assert "Not eligible: Active psychosis or mania (unknown); Glaucoma (yes)." in lines


def test_a_clearance_item_asks_for_its_clearance_then_says_cleared(services, client, open_page,
                                                                   actions) -> None:  # noqa: ANN001
    screening = services.screenings.add(clear_screening(client.id, copd=Answer.YES), TODAY)
    page = open_page(client.id)
    assert page.screening_headline.text() == "Clearance still needed"
    assert "Clearance still needed for: COPD (yes)." in page.screening_lines.text()
    assert page.clearance_button.isVisible()
    page.clearance_button.click()
    assert actions.calls == [("record_clearance", client.id, screening.id)]

    services.screenings.add_clearance(screening.id, Clearance("copd", "Dr Lung", TODAY, "stable"), TODAY)
    page.refresh()
    assert page.screening_headline.text() == "Cleared"
    assert "Cleared: COPD (yes), cleared by Dr Lung, 2026-01-01: stable." in page.screening_lines.text()
    assert not page.clearance_button.isVisible()


def test_no_screening_and_no_consent_say_so(client, open_page) -> None:  # noqa: ANN001
    page = open_page(client.id)
    assert page.screening_headline.text() == "Not screened yet"
    assert page.consent_headline.text() == "No consent recorded"
    assert "Consent to touch: not asked yet." in page.consent_lines.text()
    assert "No PHQ-9 yet" in page.measure_cards[MeasureKind.PHQ9].headline.text()
    assert page.history_list.count() == 0
    assert page.selected_label.text() == "Nothing recorded yet."
    assert not page.correct_button.isEnabled() and not page.risk_button.isEnabled()


def test_consent_shows_version_title_touch_and_a_newer_version(services, client, open_page) -> None:  # noqa: ANN001
    services.consents.add(consent(client.id), TODAY)
    page = open_page(client.id)
    lines = page.consent_lines.text()
    assert page.consent_headline.text() == "Consent current"
    assert "Version 1, \u201cInformed consent (template)\u201d: given 2026-01-01, signed on paper." in lines
    assert "Consent to touch: hand on shoulder." in lines
    services.documents.save_consent_document("New text for {client_name}.", "Consent 2026", TODAY)
    page.refresh()
    assert page.consent_headline.text() == "Consent to an older version"
    assert ("A newer version exists: version 2, \u201cConsent 2026\u201d. Ask the client to consent again."
            in page.consent_lines.text())


def test_measures_show_baseline_previous_latest_change_response_and_remission(services, client,
                                                                              open_page) -> None:  # noqa: ANN001
    add_series(services, client.id, MeasureKind.PHQ9, 18, 12, 8)
    add_series(services, client.id, MeasureKind.GAD7, 10, 4)
    page = open_page(client.id)
    phq9 = page.measure_cards[MeasureKind.PHQ9]
    assert phq9.headline.text() == "PHQ-9 8, mild"
    words = phq9.lines.text()
    assert "Baseline 18 (2025-12-17)\nPrevious 12 (2025-12-24)\nLatest 8 (2025-12-31), change -10\n" in words
    assert "Response: 18 \u2192 8, down 55%" in words
    assert "Not in remission: 8 (remission is below 5)" in words
    assert "Question 9 (thoughts of death or self-harm): 0, not at all." in words
    gad7 = page.measure_cards[MeasureKind.GAD7].lines.text()
    assert "Response: 10 \u2192 4, down 60%" in gad7 and "Remission: 4, below 5" in gad7


def test_question_9_without_an_assessment_is_said_and_selected_for_ctrl_r(services, client, open_page,
                                                                        actions, qtbot) -> None:  # noqa: ANN001
    add_series(services, client.id, MeasureKind.GAD7, 9)
    [phq9] = add_series(services, client.id, MeasureKind.PHQ9, 11, item9=1)
    page = open_page(client.id)
    words = page.measure_cards[MeasureKind.PHQ9].lines.text()
    assert "Question 9 (thoughts of death or self-harm): 1, several days." in words
    assert "No suicide-risk assessment recorded for it yet" in words
    assert page.risk_button.isEnabled()
    press(page, qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: actions.calls == [("assess_risk", client.id, phq9.id)], timeout=2000)

    services.risk_assessments.add(RiskAssessment(client.id, RiskLevel.LOW, "Dr A", TODAY,
                                                 measure_id=phq9.id), TODAY)
    page.refresh()
    assert ("Suicide-risk assessment: low risk, by Dr A, 2026-01-01."
            in page.measure_cards[MeasureKind.PHQ9].lines.text())


def test_a_corrected_form_stays_in_the_history_marked_and_only_the_correction_counts(
        services, client, open_page, clock) -> None:  # noqa: ANN001
    [wrong] = add_series(services, client.id, MeasureKind.PHQ9, 14)
    clock.advance(DAY)
    right = services.measures.correct(wrong, form(MeasureKind.PHQ9, 4), "typed 3 for 0 on questions 1 to 3")
    page = open_page(client.id)
    lines = history_lines(page)
    assert any(f"PHQ-9 14, moderate, typed from a paper form \u2014 corrected on 2026-01-02 by record {right.id}"
               in line for line in lines)
    assert any(f"PHQ-9 4, minimal, typed from a paper form; corrects record {wrong.id}: typed 3 for 0"
               in line for line in lines)
    assert page.measure_cards[MeasureKind.PHQ9].headline.text() == "PHQ-9 4, minimal"
    # The corrected one can no longer be corrected; its correction can.
    page.history_list.setCurrentRow(next(r for r, line in enumerate(lines) if "corrected on" in line))
    assert not page.correct_button.isEnabled()
    page.history_list.setCurrentRow(next(r for r, line in enumerate(lines) if "corrects record" in line))
    assert page.correct_button.isEnabled()


def test_the_history_holds_every_kind_of_record_newest_first(services, client, open_page) -> None:  # noqa: ANN001
    services.screenings.add(dataclasses.replace(clear_screening(client.id), screened_on=TODAY.replace(day=1,
                            month=12, year=2025)), TODAY)
    services.consents.add(consent(client.id), TODAY)
    add_series(services, client.id, MeasureKind.PHQ9, 12, 9, item9=1)
    services.risk_assessments.add(RiskAssessment(client.id, RiskLevel.LOW, "Dr A", TODAY), TODAY)
    lines = history_lines(open_page(client.id))
    assert [line[:10] for line in lines] == sorted((line[:10] for line in lines), reverse=True)
    assert any("Screening by Dr A (list version 1): no contraindication found" in line for line in lines)
    assert any("Consent to version 1, signed on paper; consent to touch: hand on shoulder" in line
               for line in lines)
    assert any("Suicide-risk assessment: low risk, by Dr A" in line for line in lines)
    assert sum("PHQ-9" in line for line in lines) == 2


def test_a_corrected_consent_stays_in_the_history_marked(services, client, open_page) -> None:  # noqa: ANN001
    first = services.consents.add(consent(client.id), TODAY)
    fixed = services.consents.add(consent(client.id, touch=TouchConsent(False), supersedes=first.id,
                                          reason="the client asked for no touch"), TODAY)
    page = open_page(client.id)
    lines = history_lines(page)
    assert any(f"consent to touch: hand on shoulder \u2014 corrected on 2026-01-01 by record {fixed.id}" in line
               for line in lines)
    assert any(f"consent to touch: none (no touch); corrects record {first.id}: the client asked for no touch"
               in line for line in lines)
    assert "Consent to touch: none (no touch)." in page.consent_lines.text()


def test_the_pcl5_shows_once_filled_or_when_asked(services, client, open_page, actions) -> None:  # noqa: ANN001
    page = open_page(client.id)
    card = page.measure_cards[MeasureKind.PCL5]
    assert not card.isVisible() and page.pcl5_button.isVisible()
    page.pcl5_button.click()
    assert card.isVisible() and page.focusWidget() is card.paper_button
    card.paper_button.click()
    assert actions.calls == [("enter_measure", client.id, MeasureKind.PCL5)]
    other = services.clients.add(dataclasses.replace(client.draft, display_name="Jo B."))
    add_series(services, other.id, MeasureKind.PCL5, 40)
    page.open_client(other.id)
    assert page.measure_cards[MeasureKind.PCL5].isVisible() and not page.pcl5_button.isVisible()
    assert "provisional PTSD rule" in page.measure_cards[MeasureKind.PCL5].lines.text()


# -- what the buttons and keys ask -------------------------------------------------------


def press(page: ClientPage, qtbot, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:  # noqa: ANN001
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    QTest.keyClick(page.focusWidget() or page, key, modifiers)


@pytest.fixture
def full_page(services, client, open_page) -> ClientPage:  # noqa: ANN001
    screening = services.screenings.add(clear_screening(client.id, copd=Answer.YES), TODAY)
    assert screening.id is not None
    add_series(services, client.id, MeasureKind.PHQ9, 12, 9)
    return open_page(client.id)


CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


@pytest.mark.parametrize(("button", "key", "call"), [
    ("screening_button", (Qt.Key.Key_S, CTRL), ("record_screening",)),
    ("clearance_button", (Qt.Key.Key_C, CTRL | Qt.KeyboardModifier.ShiftModifier), ("record_clearance", "screening")),
    ("consent_button", (Qt.Key.Key_I, CTRL), ("record_consent",)),
    ("phq9.paper_button", (Qt.Key.Key_1, CTRL), ("enter_measure", MeasureKind.PHQ9)),
    ("gad7.paper_button", (Qt.Key.Key_2, CTRL), ("enter_measure", MeasureKind.GAD7)),
    ("phq9.hand_button", (Qt.Key.Key_1, ALT), ("hand_to_client", MeasureKind.PHQ9)),
    ("gad7.hand_button", (Qt.Key.Key_2, ALT), ("hand_to_client", MeasureKind.GAD7)),
    ("correct_button", (Qt.Key.Key_E, CTRL), ("correct_measure", "latest")),
    ("risk_button", (Qt.Key.Key_R, CTRL), ("assess_risk", "latest")),
])
def test_each_button_and_its_key_ask_the_course_actions_with_the_right_ids(
        full_page, services, client, actions, qtbot, button, key, call) -> None:  # noqa: ANN001
    page = full_page
    latest = services.course.course(client.id).latest(MeasureKind.PHQ9)
    ids = {"screening": services.course.course(client.id).screening.id, "latest": latest.id}
    expected = (call[0], client.id, *(ids.get(arg, arg) for arg in call[1:]))
    cards = {"phq9": page.measure_cards[MeasureKind.PHQ9], "gad7": page.measure_cards[MeasureKind.GAD7]}
    owner, _, name = button.rpartition(".")
    widget: QAbstractButton = getattr(cards[owner] if owner else page, name)
    widget.click()
    assert actions.calls == [expected]
    press(page, qtbot, *key)
    qtbot.waitUntil(lambda: len(actions.calls) == 2, timeout=2000)
    assert actions.calls[1] == expected


def test_a_saved_record_shows_at_once_and_nothing_saved_changes_nothing(services, client, open_page,
                                                                        actions) -> None:  # noqa: ANN001
    page = open_page(client.id)
    page.measure_cards[MeasureKind.PHQ9].paper_button.click()  # the form was cancelled: False
    assert "No PHQ-9 yet" in page.measure_cards[MeasureKind.PHQ9].headline.text()

    def type_a_form(name: str, args: tuple) -> None:
        services.measures.add(args[0], form(args[1], 13), NOW - 60, FilledBy.PAPER)

    actions.answer, actions.saves = True, type_a_form
    page.measure_cards[MeasureKind.PHQ9].paper_button.click()
    assert page.measure_cards[MeasureKind.PHQ9].headline.text() == "PHQ-9 13, moderate"
    assert page.focusWidget() is page.measure_cards[MeasureKind.PHQ9].paper_button  # where the therapist was
    assert page.measure_cards[MeasureKind.PHQ9].chart.trend.points == ((NOW - 60, 13),)


def test_back_with_escape_or_alt_left_and_start_session_with_ctrl_return(client, open_page, qtbot) -> None:  # noqa: ANN001
    page = open_page(client.id)
    for key, modifiers in ((Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_Left, ALT)):
        with qtbot.waitSignal(page.back_requested, timeout=2000):
            press(page, qtbot, key, modifiers)
    page.history_list.setFocus()  # from the history list too
    with qtbot.waitSignal(page.back_requested, timeout=2000):
        press(page, qtbot, Qt.Key.Key_Escape)
    with qtbot.waitSignal(page.start_session_requested, timeout=2000) as started:
        press(page, qtbot, Qt.Key.Key_Return, CTRL)
    assert started.args == [client.id]


def test_ctrl_h_goes_to_the_history_where_the_arrows_choose_the_form_to_correct(services, client, open_page,
                                                                               actions, qtbot) -> None:  # noqa: ANN001
    older, newer = add_series(services, client.id, MeasureKind.PHQ9, 12, 9)
    page = open_page(client.id)
    press(page, qtbot, Qt.Key.Key_H, CTRL)
    assert page.focusWidget() is page.history_list
    assert page.selected_label.text().startswith("Selected: 2025-12-31")
    QTest.keyClick(page.history_list, Qt.Key.Key_Down)
    assert page.selected_label.text().startswith("Selected: 2025-12-24")
    press(page, qtbot, Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: actions.calls == [("correct_measure", client.id, older.id)], timeout=2000)


def test_the_page_opens_at_the_top_with_the_focus_on_its_first_action(services, client, open_page) -> None:  # noqa: ANN001
    add_series(services, client.id, MeasureKind.PHQ9, *range(20, 0, -1))
    page = open_page(client.id)
    page.scroll.verticalScrollBar().setValue(400)
    page.open_client(client.id)
    assert page.scroll.verticalScrollBar().value() == 0
    assert page.focusWidget() is page.screening_button
    assert page.focusProxy() is page.screening_button


def test_every_control_has_an_accessible_name_and_buttons_say_their_keys(full_page) -> None:  # noqa: ANN001
    controls = full_page.findChildren(QAbstractButton) + full_page.findChildren(QAbstractItemView)
    assert len(controls) >= 12
    assert [c for c in controls if not c.accessibleName()] == []
    names = [c.accessibleName() for c in controls]
    assert len(names) == len(set(names)), "two controls a screen reader cannot tell apart"
    for button in full_page.findChildren(QAbstractButton):
        assert not button.shortcut().isEmpty(), button.accessibleName()
    charts = [card.chart for card in full_page.measure_cards.values()]
    assert [chart.accessibleName() for chart in charts] == ["PHQ-9 trend chart", "GAD-7 trend chart",
                                                           "PCL-5 trend chart"]
    assert charts[0].accessibleDescription() == "PHQ-9: 2025-12-24 12, 2025-12-31 9."


def test_the_demo_clients_show_a_course_with_trends_around_their_doses(services, open_page) -> None:  # noqa: ANN001
    from kapdesk.app import build_demo_content

    build_demo_content(services)
    by_name = {client.display_name: client.id for client in services.clients.list()}
    page = open_page(by_name["A. M."])
    assert page.screening_headline.text() == "Cleared"
    assert "Consent to touch: a hand on the shoulder or forearm only." in page.consent_lines.text()
    chart = page.measure_cards[MeasureKind.PHQ9].chart
    assert len(chart.trend.points) == 5 and len(chart.trend.doses) == 2
    assert chart.trend.points[0][1] > chart.trend.points[-1][1]  # falling over the course
    assert "Response:" in page.measure_cards[MeasureKind.GAD7].lines.text()
    page.open_client(by_name["S. P."])
    assert page.screening_headline.text() == "NOT ELIGIBLE"
    assert "Glaucoma (yes: diagnosed in the autumn)" in page.screening_lines.text()
    page.open_client(by_name["Jordan K."])
    assert any("corrected on" in line for line in history_lines(page))
