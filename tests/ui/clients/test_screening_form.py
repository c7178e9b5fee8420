"""The intake screening and its medical clearance, filled as the therapist does: N / Y / U on
the item the cursor is on, medications added row by row, Ctrl+S; the verdict follows the
answers; an unanswered item is refused in words beside it and nothing is stored."""

from __future__ import annotations

from kapdesk.core.screening import (DEFAULT_CONTRAINDICATIONS, Answer, ContraindicationItem,
                                    ItemKind, Medication, ScreeningStatus, screening_verdict)
from tests.helpers.course_form_keys import escape, focused, keys, save, type_into
from tests.helpers.course_records import TODAY, clear_screening

pytest_plugins = ("tests.helpers.course_form_fixtures",)
ITEMS = DEFAULT_CONTRAINDICATIONS.items
EXCLUSIONS = [item for item in ITEMS if item.kind is ItemKind.EXCLUSION]


def test_a_screening_typed_by_keys_is_stored_with_its_list_version_and_medications(
        forms, player, services, client_id) -> None:  # noqa: ANN001
    def fill(form) -> None:  # noqa: ANN001
        assert focused() is form.rows["ketamine_abuse"]
        assert form.verdict.text() == "Nothing answered yet: 11 items to answer."
        keys(*"NNNNNNN")  # the seven exclusions
        assert focused() is form.rows["hypertension"]
        assert form.verdict.text() == ("Still to answer: 4 items. So far: Clear: screened "
                                       "2026-01-01, no contraindication found.")
        keys("Y")
        assert form.verdict.text().startswith("Still to answer: 3 items. So far: Needs a "
                                              "recorded medical clearance: Uncontrolled "
                                              "hypertension (yes)")
        assert form.verdict.property("level") == "caution"
        keys(*"NNN")
        type_into(form.notes["hypertension"], "150/95 at intake, on treatment")
        form.medications.add_button.click()
        row = form.medications.rows[0]
        assert focused() is row["name"]
        keys("sertraline")
        type_into(row["dose"], "50 mg daily")
        type_into(row["since"], "2023")
        type_into(form.by_edit, "Dr. Ana Rivera")
        save(form)

    player.then(fill)
    assert forms.record_screening(client_id) is True
    course = services.course.course(client_id)
    screening = course.screening
    assert screening.list_version == DEFAULT_CONTRAINDICATIONS.version
    assert screening.answer_to("hypertension").answer is Answer.YES
    assert screening.answer_to("hypertension").note == "150/95 at intake, on treatment"
    assert {a.answer for a in screening.answers if a.key != "hypertension"} == {Answer.NO}
    assert screening.medications == (Medication("sertraline", "50 mg daily", "2023"),)
    assert screening.screened_by == "Dr. Ana Rivera"
    verdict = screening_verdict(screening, course.contraindications, TODAY)
    assert verdict.status is ScreeningStatus.NEEDS_CLEARANCE


def test_exclusions_and_clearance_items_are_separate_groups(forms, player, client_id) -> None:  # noqa: ANN001
    seen = {}

    def look(form) -> None:  # noqa: ANN001
        order = [form.body_layout.itemAt(i).widget() for i in range(form.body_layout.count())]
        titles = [w.text() for w in order if w is not None and w.objectName() == "groupTitle"]
        seen["titles"] = titles
        first_clearance = order.index(form.rows["hypertension"])
        seen["between"] = [w.text() for w in order[:first_clearance]
                           if w is not None and w.objectName() == "groupTitle"][-1]

    player.then(look)
    forms.record_screening(client_id)
    assert seen["titles"] == ["Exclusions: a yes or an unknown means not eligible",
                              "Needs a medical clearance when yes or unknown",
                              "Current medications"]
    assert seen["between"] == "Needs a medical clearance when yes or unknown"


def test_an_unknown_exclusion_reads_not_eligible_at_once(forms, player, client_id) -> None:  # noqa: ANN001
    seen = {}

    def fill(form) -> None:  # noqa: ANN001
        form.rows["glaucoma"].buttons[2].click()
        seen["verdict"] = form.verdict.text()
        seen["level"] = form.verdict.property("level")

    player.then(fill)
    forms.record_screening(client_id)
    assert seen["verdict"] == "Still to answer: 10 items. So far: Not eligible: Glaucoma (unknown)."
    assert seen["level"] == "alert"


def test_an_unanswered_item_is_refused_beside_it_and_nothing_is_stored(
        forms, player, services, client_id) -> None:  # noqa: ANN001
    def fill(form) -> None:  # noqa: ANN001
        keys(*"NNNNNN")  # one exclusion short, then the clearance items
        form.rows["hypertension"].setFocus()
        keys(*"NNNN")
        form.medications.add_button.click()
        type_into(form.medications.rows[0]["dose"], "10 mg")  # a dose with no name
        save(form)
        assert form.isVisible()
        assert form.rows["pregnant_nursing"].problem.text() == (
            "\u201cPregnant or nursing\u201d has no answer (no, yes or unknown).")
        assert form.rows["pregnant_nursing"].property("problem") is True
        assert focused() is form.rows["pregnant_nursing"]  # its key answers it at once
        assert form.medications.problem.text() == "A medication needs its name."
        assert services.screenings.history(client_id) == []
        form.medications.remove_buttons[0].click()
        assert form.medications.rows == [] and form.medications.problem.text() == ""
        form.rows["pregnant_nursing"].buttons[0].click()
        assert form.rows["pregnant_nursing"].problem.text() == ""
        save(form)

    player.then(fill)
    assert forms.record_screening(client_id) is True
    assert services.course.course(client_id).screening.medications == ()


def test_escape_asks_once_something_was_answered(forms, player, services, client_id) -> None:  # noqa: ANN001
    def fill(form) -> None:  # noqa: ANN001
        keys("N")
        escape()
        assert form.isVisible() and form.discard_bar.isVisible()
        form.discard_bar.discard_button.click()

    player.then(fill)
    assert forms.record_screening(client_id) is False
    assert services.screenings.history(client_id) == []


def test_the_form_answers_the_practices_current_list(forms, player, services, client_id) -> None:  # noqa: ANN001
    edited = services.documents.save_contraindications(
        (*ITEMS, ContraindicationItem("epilepsy", "Uncontrolled epilepsy", ItemKind.EXCLUSION)))

    def fill(form) -> None:  # noqa: ANN001
        assert sorted(form.rows) == sorted(item.key for item in edited.items)
        assert list(form.rows).index("epilepsy") < list(form.rows).index("hypertension")
        keys(*"N" * len(edited.items))
        save(form)

    player.then(fill)
    assert forms.record_screening(client_id) is True
    assert services.course.course(client_id).screening.list_version == edited.version == 2


def test_a_clearance_is_recorded_for_the_item_answered_yes(forms, player, services,
                                                           client_id) -> None:  # noqa: ANN001
    screening = services.screenings.add(
        clear_screening(client_id, hypertension=Answer.YES, copd=Answer.UNKNOWN), TODAY)

    def clear(form) -> None:  # noqa: ANN001
        labels = [button.text() for button in form.item_row.buttons]
        assert labels == ["1   Uncontrolled hypertension (yes; waiting for a clearance)",
                          "2   COPD (unknown; waiting for a clearance)"]
        save(form)  # which item, and who: both asked for in words
        assert form.item_row.problem.text() == "Choose the item the clearance is for."
        assert form.by_problem.text() == "Say who gave the clearance."
        assert services.screenings.get(screening.id).clearances == ()
        form.item_row.setFocus()
        keys("1")
        type_into(form.by_edit, "Dr. Chen, GP")
        type_into(form.note_edit, "BP controlled on amlodipine")
        save(form)

    player.then(clear)
    assert forms.record_clearance(client_id, screening.id) is True
    found = services.course.course(client_id).screening
    assert found.clearance_for("hypertension").cleared_by == "Dr. Chen, GP"
    assert found.clearance_for("copd") is None
    verdict = screening_verdict(found, DEFAULT_CONTRAINDICATIONS, TODAY)
    assert verdict.status is ScreeningStatus.NEEDS_CLEARANCE  # COPD still waits
    assert [f.item.key for f in verdict.cleared] == ["hypertension"]


def test_the_only_item_waiting_is_chosen_already(forms, player, services, client_id) -> None:  # noqa: ANN001
    screening = services.screenings.add(clear_screening(client_id, copd=Answer.YES), TODAY)

    def clear(form) -> None:  # noqa: ANN001
        assert form.item_row.value == "copd"
        assert focused() is form.by_edit
        keys("Dr. Chen")
        save(form)

    player.then(clear)
    assert forms.record_clearance(client_id, screening.id) is True
    state = services.course.readiness_for(client_id, TODAY)
    assert "COPD (yes), cleared by Dr. Chen, 2026-01-01" in state.piece(
        state.pieces[0].key).words
