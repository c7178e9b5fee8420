"""Typing a paper rating scale, and correcting one, as the therapist does it: number keys
on the question the cursor is on, clicks on the large answers, Ctrl+S; what is refused is
said in words beside the question and nothing is stored."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate

from kapdesk.core.measure_course import FilledBy, history, latest_of
from kapdesk.core.measures import MeasureKind, score
from tests.helpers.course_form_keys import answers_by_keys, escape, focused, keys, save, type_into

pytest_plugins = ("tests.helpers.course_form_fixtures",)
TODAY = dt.date(2026, 1, 1)  # the FakeClock's day


def test_a_paper_gad7_typed_by_keys_is_stored_with_its_total(forms, player, services,
                                                             client_id, clock) -> None:  # noqa: ANN001
    def fill(form) -> None:  # noqa: ANN001
        assert focused() is form.rows[0]
        assert form.summary.text() == "No answers yet. The total shows when all 7 are in."
        answers_by_keys([1, 2, 0])
        assert focused() is form.rows[3]
        assert form.summary.text() == ("Total so far 3; not answered yet: questions 4, 5, 6, 7.")
        answers_by_keys([3, 1, 1, 2])
        assert form.summary.text() == "Total 10 of 21: moderate."
        assert form.rows[3].buttons[3].isChecked()
        save(form)

    player.then(fill)
    assert forms.enter_measure(client_id, MeasureKind.GAD7) is True
    [record] = services.course.course(client_id).measures
    assert record.result.answers == (1, 2, 0, 3, 1, 1, 2)
    assert (record.total, record.result.severity) == (10, "moderate")
    assert record.filled_by is FilledBy.PAPER
    assert record.taken_at == clock.now()  # dated today: the moment it was typed


def test_the_items_and_answers_are_the_scales_own_words(forms, player, client_id) -> None:  # noqa: ANN001
    seen = {}

    def look(form) -> None:  # noqa: ANN001
        seen["q9"] = form.rows[8].question_label.text()
        seen["answers"] = [button.text() for button in form.rows[0].buttons]

    player.then(look)
    forms.enter_measure(client_id, MeasureKind.PHQ9)
    assert seen["q9"] == ("9. Thoughts that you would be better off dead or of hurting "
                          "yourself in some way")
    assert seen["answers"] == ["0   Not at all", "1   Several days",
                               "2   More than half the days", "3   Nearly every day"]


def test_a_missing_answer_is_refused_beside_its_question_and_nothing_is_stored(
        forms, player, services, client_id) -> None:  # noqa: ANN001
    def fill(form) -> None:  # noqa: ANN001
        answers_by_keys([1, 1, 1, 1, 1])
        form.rows[5].buttons[2].click()
        save(form)
        assert form.isVisible()
        assert form.rows[6].problem.text() == "GAD-7 question 7 is not answered."
        assert form.rows[6].problem.isVisible()
        assert form.problems_label.text() == "Not saved: 1 problem marked above."
        assert services.measures.for_client(client_id) == []
        assert focused() is form.rows[6]  # the cursor on the question left open
        keys("0")  # put right: the problem goes at once
        assert form.rows[6].problem.text() == "" and not form.rows[6].problem.isVisible()
        save(form)

    player.then(fill)
    assert forms.enter_measure(client_id, MeasureKind.GAD7) is True
    assert services.measures.for_client(client_id)[0].result.answers == (1, 1, 1, 1, 1, 2, 0)


def test_a_form_from_an_earlier_day_is_stored_on_its_day_and_a_future_one_is_refused(
        forms, player, services, client_id) -> None:  # noqa: ANN001
    def fill(form) -> None:  # noqa: ANN001
        answers_by_keys([0] * 7)
        form.date_edit.setDate(QDate(2026, 1, 2))
        save(form)
        assert form.date_problem.text() == "The date the form was filled is in the future."
        assert services.measures.for_client(client_id) == []
        form.date_edit.setDate(QDate(2025, 12, 20))
        assert form.date_problem.text() == ""
        save(form)

    player.then(fill)
    assert forms.enter_measure(client_id, MeasureKind.GAD7)
    [record] = services.measures.for_client(client_id)
    assert dt.datetime.fromtimestamp(record.taken_at) == dt.datetime(2025, 12, 20, 12, 0)


def test_the_pcl5_takes_keys_0_to_4_and_shows_its_symptom_rule(forms, player, services,
                                                               client_id) -> None:  # noqa: ANN001
    def fill(form) -> None:  # noqa: ANN001
        keys("5", "9")  # not answers of the PCL-5: nothing happens
        assert form.rows[0].value is None and focused() is form.rows[0]
        answers_by_keys([4, 2, 0, 0, 0, 2, 0, 2, 2, 0, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0])
        assert form.summary.text().splitlines() == [
            "Total 16 of 80: below the cut-off of 33.",
            "7 symptoms (answers of 2 or more); provisional PTSD rule met."]
        save(form)

    player.then(fill)
    assert forms.enter_measure(client_id, MeasureKind.PCL5)
    [record] = services.measures.for_client(client_id)
    assert record.result.answers[0] == 4 and record.result.provisional_ptsd is True


def test_phq9_asks_its_difficulty_question_once_an_answer_is_above_0(forms, player, services,
                                                                    client_id) -> None:  # noqa: ANN001
    def fill(form) -> None:  # noqa: ANN001
        answers_by_keys([0] * 9)
        assert not form.difficulty_row.isVisible()
        assert form.summary.text() == "Total 0 of 27: minimal."
        form.rows[1].setFocus()
        keys("2")
        assert form.difficulty_row.isVisible()
        form.difficulty_row.setFocus()
        keys("1")
        save(form)

    player.then(fill)
    assert forms.enter_measure(client_id, MeasureKind.PHQ9)
    [record] = services.measures.for_client(client_id)
    assert (record.result.answers[1], record.result.difficulty) == (2, 1)
    assert record.result.difficulty_label == "Somewhat difficult"


def test_delete_takes_an_answer_back(forms, player, services, client_id) -> None:  # noqa: ANN001
    def fill(form) -> None:  # noqa: ANN001
        keys("2")
        form.rows[0].setFocus()
        keys("\b")
        assert form.rows[0].value is None
        assert "Answer: not answered" in form.rows[0].accessibleName()

    player.then(fill)
    assert forms.enter_measure(client_id, MeasureKind.GAD7) is False


def test_escape_leaves_an_empty_form_but_asks_before_throwing_answers_away(
        forms, player, services, client_id) -> None:  # noqa: ANN001
    def leave_empty(form) -> None:  # noqa: ANN001
        escape()
        assert not form.isVisible()

    def leave_typed(form) -> None:  # noqa: ANN001
        answers_by_keys([1, 2])
        escape()
        assert form.isVisible() and form.discard_bar.isVisible()
        assert focused() is form.discard_bar.keep_button
        escape()  # Escape on the question keeps editing
        assert form.isVisible() and form.rows[1].value == 2
        escape()
        form.discard_bar.discard_button.click()
        assert not form.isVisible()

    player.then(leave_empty).then(leave_typed)
    assert forms.enter_measure(client_id, MeasureKind.GAD7) is False
    assert forms.enter_measure(client_id, MeasureKind.GAD7) is False
    assert services.measures.for_client(client_id) == []


def test_a_correction_is_a_new_record_superseding_the_original(forms, player, services,
                                                               client_id, clock) -> None:  # noqa: ANN001
    original = services.measures.add(client_id, score(MeasureKind.GAD7, [1, 1, 1, 2, 1, 1, 1]),
                                     clock.now() - 86_400 * 3, FilledBy.PAPER)
    clock.advance(60)

    def correct(form) -> None:  # noqa: ANN001
        assert [row.value for row in form.rows] == [1, 1, 1, 2, 1, 1, 1]
        assert form.summary.text() == "Total 8 of 21: mild."
        save(form)  # nothing changed, no reason
        assert form.reason_problem.text().startswith("Say why the form is corrected")
        assert "Nothing was changed" in form.problems_label.text()
        form.rows[3].buttons[1].click()  # typed 2 for 1 on question 4
        assert form.summary.text() == "Total 7 of 21: mild."
        save(form)
        assert form.reason_problem.isVisible()
        assert len(services.measures.for_client(client_id)) == 1
        type_into(form.reason_edit, "typed 2 for 1 on question 4")
        assert not form.reason_problem.isVisible()
        save(form)

    player.then(correct)
    assert forms.correct_measure(client_id, original.id) is True
    course = services.course.course(client_id)
    assert len(course.measures) == 2
    first, second = history(course.measures)
    assert first.record == original and first.superseded_by == second.record.id
    assert second.record.supersedes == original.id
    assert second.record.reason == "typed 2 for 1 on question 4"
    assert second.record.taken_at == original.taken_at  # the same form, the same day
    assert latest_of(MeasureKind.GAD7, course.measures) == second.record
    assert "corrects record" in second.words and "corrected by record" in first.words


def test_an_already_corrected_form_cannot_be_corrected_again(forms, player, services,
                                                             client_id, clock) -> None:  # noqa: ANN001
    original = services.measures.add(client_id, score(MeasureKind.GAD7, [0] * 7),
                                      clock.now(), FilledBy.PAPER)
    services.measures.correct(original, score(MeasureKind.GAD7, [1] + [0] * 6), "typo")

    def correct(form) -> None:  # noqa: ANN001
        form.rows[2].buttons[3].click()
        type_into(form.reason_edit, "another typo")
        save(form)
        assert "already corrected; correct the latest version" in form.problems_label.text()

    player.then(correct)
    assert forms.correct_measure(client_id, original.id) is False
    assert len(services.measures.for_client(client_id)) == 2
