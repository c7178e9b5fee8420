"""PHQ-9 question 9 above 0, end to end: a paper PHQ-9 typed with question 9 at 1 shows the
practice's safety text and offers the suicide-risk assessment; until its result is
recorded the client is not ready for a dose, and once it is, readiness no longer names it."""

from __future__ import annotations

from kapdesk.core.measure_course import FilledBy
from kapdesk.core.measures import DEFAULT_SAFETY_TEXT, MeasureKind, score
from kapdesk.core.practice_settings import READINESS
from kapdesk.core.readiness import PieceKey, PieceStatus
from kapdesk.core.suicide_risk import RiskLevel
from kapdesk.core.vitals import VitalsReading
from tests.helpers.course_form_keys import answers_by_keys, focused, keys, save, type_into
from tests.helpers.course_records import TODAY, clear_screening, consent

pytest_plugins = ("tests.helpers.course_form_fixtures",)
CALM_BP = VitalsReading(122, 78, 70)


def test_a_paper_phq9_with_question_9_at_1_leads_to_the_assessment_and_readiness(
        forms, player, services, client_id) -> None:  # noqa: ANN001
    services.screenings.add(clear_screening(client_id), TODAY)
    services.consents.add(consent(client_id), TODAY)
    seen: dict = {}

    def type_phq9(form) -> None:  # noqa: ANN001
        answers_by_keys([1, 1, 1, 0, 0, 0, 0, 0, 1])
        assert form.summary.property("level") == "alert"
        assert "safety text is shown" in form.summary.text()
        keys("1")  # question 10, asked since answers are above 0
        save(form)

    def assess(form) -> None:  # noqa: ANN001
        seen["safety"] = form.safety_label.text()
        seen["ready_before"] = services.course.readiness_for(client_id, TODAY, CALM_BP)
        assert focused() is form.level_row
        save(form)  # nothing chosen, nobody named: refused in words beside the fields
        assert form.level_row.problem.text() == "Choose the risk level the assessment found."
        assert form.who_problem.text() == "Say who did the assessment."
        assert services.risk_assessments.history(client_id) == []
        keys("L")
        type_into(form.who_edit, "Dr. Ana Rivera")
        type_into(form.note_edit, "C-SSRS on paper: passive thoughts, no plan, no intent.")
        save(form)

    player.then(type_phq9).then(assess)
    assert forms.enter_measure(client_id, MeasureKind.PHQ9) is True
    assert seen["safety"] == DEFAULT_SAFETY_TEXT
    before = seen["ready_before"].piece(PieceKey.PHQ9)
    assert before.status is PieceStatus.MISSING
    assert "No suicide-risk assessment recorded" in before.words
    [assessment] = services.risk_assessments.history(client_id)
    [measure] = services.measures.for_client(client_id)
    assert (assessment.level, assessment.assessed_by, assessment.measure_id) == (
        RiskLevel.LOW, "Dr. Ana Rivera", measure.id)
    after = services.course.readiness_for(client_id, TODAY, CALM_BP)
    assert after.piece(PieceKey.PHQ9).status is PieceStatus.READY
    assert "PHQ-9" not in after.words and after.ready


def test_the_safety_text_is_the_practices_own(forms, player, services, client_id, clock) -> None:  # noqa: ANN001
    services.settings.set(READINESS, {"measures": {"item9_safety_text": "Call Dr. B now."}})
    measure = services.measures.add(client_id, score(MeasureKind.PHQ9, [0] * 8 + [2], 0),
                                    clock.now(), FilledBy.CLIENT)
    seen = {}
    player.then(lambda form: seen.update(text=form.safety_label.text()))
    forms.after_measure_saved(client_id, measure.id)  # as the client mode's caller does
    assert seen["text"] == "Call Dr. B now."


def test_no_assessment_is_offered_for_question_9_at_0_or_another_scale(
        forms, player, services, client_id, clock) -> None:  # noqa: ANN001
    for kind, answers in ((MeasureKind.PHQ9, [2] * 8 + [0]), (MeasureKind.GAD7, [3] * 7)):
        measure = services.measures.add(client_id, score(kind, answers), clock.now(),
                                        FilledBy.CLIENT)
        forms.after_measure_saved(client_id, measure.id)
    assert player.forms == []


def test_leaving_the_assessment_for_later_keeps_the_client_not_ready(
        forms, player, services, client_id) -> None:  # noqa: ANN001
    services.screenings.add(clear_screening(client_id), TODAY)
    services.consents.add(consent(client_id), TODAY)
    player.then(lambda form: (answers_by_keys([0] * 8 + [3]), keys("2"), save(form)))
    player.then(lambda form: None)  # the therapist closes the assessment unsaved
    assert forms.enter_measure(client_id, MeasureKind.PHQ9) is True
    state = services.course.readiness_for(client_id, TODAY, CALM_BP)
    assert not state.ready
    assert state.not_ready[0].key is PieceKey.PHQ9
    assert state.safety_text == DEFAULT_SAFETY_TEXT


def test_an_assessment_dated_before_the_form_is_refused_beside_the_date(
        forms, player, services, client_id, clock) -> None:  # noqa: ANN001
    from PySide6.QtCore import QDate

    measure = services.measures.add(client_id, score(MeasureKind.PHQ9, [0] * 8 + [1], 0),
                                    clock.now(), FilledBy.PAPER)

    def assess(form) -> None:  # noqa: ANN001
        keys("M")
        type_into(form.who_edit, "Dr. B")
        form.date_edit.setDate(QDate(2025, 12, 30))
        save(form)
        assert form.date_problem.text().startswith("The assessment is dated before the PHQ-9")
        assert form.level_row.problem.text() == ""

    player.then(assess)
    assert forms.assess_risk(client_id, measure.id) is False
    assert services.risk_assessments.history(client_id) == []
