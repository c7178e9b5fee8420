"""Intake screening: the versioned contraindication list, eligibility in words,
clearances, medications, and when a screening is due again."""

from __future__ import annotations

import datetime as dt

import pytest

from kapdesk.core.screening import (DEFAULT_CONTRAINDICATIONS, Answer, Clearance,
                                    ContraindicationItem, ContraindicationList, ItemAnswer,
                                    ItemKind, Medication, Screening, ScreeningSettings,
                                    ScreeningStatus, add_months, clearance_problems, due_on,
                                    edited_list, item_key, latest_screening, list_problems,
                                    medication_problems, medications_words, screening_problems,
                                    screening_verdict)

SCREENED = dt.date(2026, 1, 5)
TODAY = dt.date(2026, 3, 2)
LIST = DEFAULT_CONTRAINDICATIONS


def screening(**answers: Answer | tuple[Answer, str]) -> Screening:
    """A screening of the default list: every item no, except those given."""
    given = []
    for item in LIST.items:
        value = answers.get(item.key, Answer.NO)
        answer, note = value if isinstance(value, tuple) else (value, "")
        given.append(ItemAnswer(item.key, answer, note))
    return Screening(client_id=1, screened_on=SCREENED, list_version=LIST.version,
                     answers=tuple(given), medications=(Medication("Sertraline", "50 mg daily",
                                                                   "2022"),), id=1)


def test_the_default_list_is_the_seeds_labelled_version_1() -> None:
    assert LIST.version == 1 and LIST.label.startswith("Default")
    exclusions = [i.text for i in LIST.items if i.kind is ItemKind.EXCLUSION]
    clearances = [i.text for i in LIST.items if i.kind is ItemKind.CLEARANCE]
    assert exclusions == ["History of ketamine abuse or dependence", "Active psychosis or mania",
                          "Schizophrenia or schizoaffective disorder",
                          "Active suicidal ideation or a suicide attempt in the past year",
                          "Glaucoma", "Increased intracranial pressure", "Pregnant or nursing"]
    assert clearances == ["Uncontrolled hypertension", "Congestive heart failure", "COPD",
                          "Hyperthyroidism"]
    assert list_problems(LIST.items) == []
    assert ContraindicationList.from_data(LIST.to_data()) == LIST


def test_all_no_is_clear() -> None:
    verdict = screening_verdict(screening(), LIST, TODAY)
    assert verdict.status is ScreeningStatus.CLEAR and verdict.passes
    assert verdict.words == "Clear: screened 2026-01-05, no contraindication found."
    assert verdict.medications == (Medication("Sertraline", "50 mg daily", "2022"),)


@pytest.mark.parametrize("answer", [Answer.YES, Answer.UNKNOWN])
def test_an_exclusion_answered_yes_or_unknown_is_not_eligible(answer: Answer) -> None:
    verdict = screening_verdict(screening(glaucoma=answer), LIST, TODAY)
    assert verdict.status is ScreeningStatus.NOT_ELIGIBLE and not verdict.passes
    assert verdict.words == f"Not eligible: Glaucoma ({answer.value})."


def test_every_exclusion_is_named_with_its_note() -> None:
    verdict = screening_verdict(
        screening(glaucoma=Answer.YES, pregnant_nursing=(Answer.UNKNOWN, "test pending"),
                  copd=Answer.YES), LIST, TODAY)
    assert verdict.words == ("Not eligible: Glaucoma (yes); Pregnant or nursing (unknown: test "
                             "pending). Needs a recorded medical clearance: COPD (yes).")
    assert [f.item.key for f in verdict.not_eligible] == ["glaucoma", "pregnant_nursing"]


def test_a_clearance_item_answered_yes_needs_a_clearance_then_is_cleared() -> None:
    found = screening(hypertension=(Answer.YES, "on two drugs"))
    verdict = screening_verdict(found, LIST, TODAY)
    assert verdict.status is ScreeningStatus.NEEDS_CLEARANCE and not verdict.passes
    assert verdict.words == ("Needs a recorded medical clearance: Uncontrolled hypertension "
                             "(yes: on two drugs).")
    clearance = Clearance("hypertension", "Dr Amal Reyes (GP)", dt.date(2026, 1, 20),
                          "controlled on current medication")
    assert clearance_problems(found, LIST, clearance, TODAY) == []
    verdict = screening_verdict(found.with_clearance(clearance), LIST, TODAY)
    assert verdict.status is ScreeningStatus.CLEARED and verdict.passes
    assert verdict.words == ("Screened 2026-01-05. Cleared: Uncontrolled hypertension (yes: on "
                             "two drugs), cleared by Dr Amal Reyes (GP), 2026-01-20: controlled "
                             "on current medication.")


def test_unknown_on_a_clearance_item_also_needs_a_clearance() -> None:
    verdict = screening_verdict(screening(copd=Answer.UNKNOWN), LIST, TODAY)
    assert verdict.status is ScreeningStatus.NEEDS_CLEARANCE


def test_a_clearance_cannot_lift_an_exclusion() -> None:
    found = screening(glaucoma=Answer.YES)
    clearance = Clearance("glaucoma", "Dr Reyes", dt.date(2026, 1, 20))
    assert clearance_problems(found, LIST, clearance, TODAY) == [
        "Only an item that needs medical clearance can be cleared."]
    assert screening_verdict(found.with_clearance(clearance), LIST, TODAY).status is \
        ScreeningStatus.NOT_ELIGIBLE


def test_what_a_clearance_must_say() -> None:
    found = screening(copd=Answer.YES)
    assert clearance_problems(found, LIST, Clearance("copd", " ", dt.date(2026, 4, 1)), TODAY) == [
        "Say who gave the clearance.", "The clearance date is in the future."]
    assert clearance_problems(found, LIST, Clearance("copd", "Dr R", dt.date(2025, 12, 1)),
                              TODAY) == ["The clearance is dated before the screening it answers."]
    assert clearance_problems(screening(), LIST, Clearance("copd", "Dr R", TODAY), TODAY) == [
        "\u201cCOPD\u201d was answered no; it needs no clearance."]


@pytest.mark.parametrize(("today", "status"), [
    (dt.date(2026, 7, 4), ScreeningStatus.CLEAR),
    (dt.date(2026, 7, 5), ScreeningStatus.DUE),
    (dt.date(2027, 1, 1), ScreeningStatus.DUE),
])
def test_a_screening_is_due_again_after_6_months(today: dt.date, status: ScreeningStatus) -> None:
    verdict = screening_verdict(screening(), LIST, today)
    assert verdict.status is status
    assert verdict.due_on == dt.date(2026, 7, 5)
    if status is ScreeningStatus.DUE:
        assert verdict.words == "Screening due again since 2026-07-05 (screened 2026-01-05)."
        assert not verdict.passes


def test_the_due_interval_is_a_setting_and_not_eligible_outranks_due() -> None:
    settings = ScreeningSettings(rescreen_months=3)
    assert due_on(screening(), settings) == dt.date(2026, 4, 5)
    verdict = screening_verdict(screening(glaucoma=Answer.YES), LIST, dt.date(2026, 5, 1), settings)
    assert verdict.status is ScreeningStatus.NOT_ELIGIBLE and verdict.is_due
    assert "Screening due again since 2026-04-05" in verdict.words
    assert ScreeningSettings.from_data({"rescreen_months": 0}) == ScreeningSettings()
    assert ScreeningSettings.from_data({"rescreen_months": 12}).rescreen_months == 12


@pytest.mark.parametrize(("day", "months", "expected"), [
    (dt.date(2026, 8, 31), 6, dt.date(2027, 2, 28)),
    (dt.date(2027, 8, 31), 6, dt.date(2028, 2, 29)),
    (dt.date(2026, 12, 15), 1, dt.date(2027, 1, 15)),
])
def test_months_are_calendar_months(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


def test_no_screening_is_named() -> None:
    verdict = screening_verdict(None, LIST, TODAY)
    assert verdict.status is ScreeningStatus.NOT_SCREENED and verdict.words == "Not screened yet."


def test_an_item_added_since_the_screening_counts_as_unknown() -> None:
    maoi = ContraindicationItem(item_key("Taking an MAOI", [i.key for i in LIST.items]),
                                "Taking an MAOI", ItemKind.EXCLUSION)
    newer = edited_list(LIST, [*LIST.items, maoi])
    assert newer.version == 2 and maoi.key == "taking_an_maoi"
    verdict = screening_verdict(screening(), newer, TODAY)
    assert verdict.status is ScreeningStatus.NOT_ELIGIBLE
    assert verdict.words == ("Not eligible: Taking an MAOI (not asked in this screening). "
                             "(Answered list version 1; the list is now version 2.)")


def test_a_reworded_item_keeps_its_answers() -> None:
    items = [ContraindicationItem(i.key, "Glaucoma (any kind)" if i.key == "glaucoma" else i.text,
                                  i.kind) for i in LIST.items]
    newer = edited_list(LIST, items)
    verdict = screening_verdict(screening(glaucoma=Answer.YES), newer, TODAY)
    assert verdict.words.startswith("Not eligible: Glaucoma (any kind) (yes).")
    assert edited_list(LIST, LIST.items) is LIST  # nothing changed: no new version


def test_a_bad_list_edit_is_refused_in_words() -> None:
    twice = ContraindicationItem("glaucoma_2", "glaucoma", ItemKind.EXCLUSION)
    assert list_problems([*LIST.items, twice]) == ["\u201cglaucoma\u201d is on the list twice."]
    assert list_problems([ContraindicationItem("x", " ", ItemKind.EXCLUSION)]) == [
        "Item 1 has no text."]
    assert list_problems([]) == ["The list is empty; keep at least one item."]
    with pytest.raises(ValueError, match="on the list twice"):
        edited_list(LIST, [*LIST.items, twice])
    assert item_key("Glaucoma", ["glaucoma"]) == "glaucoma_2"


def test_a_draft_screening_must_answer_every_item() -> None:
    draft = screening()
    assert screening_problems(draft, LIST, TODAY) == []
    short = Screening(1, SCREENED, 1, draft.answers[1:], (Medication(" "),))
    assert screening_problems(short, LIST, TODAY) == [
        "\u201cHistory of ketamine abuse or dependence\u201d has no answer (no, yes or unknown).",
        "A medication needs its name."]
    future = Screening(1, dt.date(2026, 4, 1), 2, draft.answers)
    assert screening_problems(future, LIST, TODAY) == [
        "The screening says list version 2 but answers version 1.",
        "The screening date is in the future."]


def test_medications_in_words() -> None:
    meds = (Medication("Sertraline", "50 mg daily", "2022"),
            Medication("Lamotrigine", "100 mg", "", "may blunt the effect"))
    assert medications_words(meds) == ("Medications: Sertraline, 50 mg daily, since 2022; "
                                       "Lamotrigine, 100 mg (may blunt the effect).")
    assert medications_words(()) == "Medications: none recorded."
    assert medication_problems(Medication("Sertraline")) == []


def test_screenings_round_trip_and_the_latest_is_found() -> None:
    found = screening(copd=(Answer.YES, "mild")).with_clearance(
        Clearance("copd", "Dr R", dt.date(2026, 1, 9), "fine"))
    assert Screening.from_data(found.to_data()) == found
    later = Screening(1, dt.date(2026, 2, 1), 1, found.answers, id=2)
    assert latest_screening([later, found]) is later
    assert latest_screening([]) is None
