"""Rating scales scored exactly as DOMAIN.md says, and a course's figures and corrections."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from kapdesk.core.clock import FakeClock
from kapdesk.core.measure_course import (FilledBy, MeasureRecord, corrected_ids, correction,
                                         correction_problems, course_figures, current_records,
                                         history, latest_of, trend_points)
from kapdesk.core.measures import (GAD7, PCL5, PHQ9, SCALES, MeasureAnswerError, MeasureKind,
                                   MeasureSettings, difficulty_is_asked, result_from_data, score,
                                   settings_problems, severity_of)

UTC = dt.timezone.utc
DAY = 86_400.0


def form(kind: MeasureKind, total: int, item9: int | None = None) -> list[int]:
    """Answers adding up to `total`, filled from item 1 (item 9 of a PHQ-9 set apart)."""
    scale = SCALES[kind]
    answers = [0] * scale.item_count
    left = total
    order = list(range(scale.item_count))
    if item9 is not None:
        answers[8] = item9
        left -= item9
        order.remove(8)
    for index in order:
        answers[index] = min(scale.max_answer, left)
        left -= answers[index]
    assert left == 0 and sum(answers) == total
    return answers


# ---- the instruments as shipped ---------------------------------------------------

def test_the_scales_have_their_published_size_and_answer_labels() -> None:
    assert (PHQ9.item_count, PHQ9.max_answer, PHQ9.max_total) == (9, 3, 27)
    assert (GAD7.item_count, GAD7.max_answer, GAD7.max_total) == (7, 3, 21)
    assert (PCL5.item_count, PCL5.max_answer, PCL5.max_total) == (20, 4, 80)
    assert [o.label for o in PHQ9.options] == ["Not at all", "Several days",
                                               "More than half the days", "Nearly every day"]
    assert GAD7.options == PHQ9.options
    assert [o.label for o in PCL5.options] == ["Not at all", "A little bit", "Moderately",
                                               "Quite a bit", "Extremely"]
    assert [o.label for o in PHQ9.extra_options] == ["Not difficult at all", "Somewhat difficult",
                                                     "Very difficult", "Extremely difficult"]


def test_key_items_carry_their_exact_wording() -> None:
    assert PHQ9.items[0] == "Little interest or pleasure in doing things"
    assert PHQ9.items[8] == ("Thoughts that you would be better off dead or of hurting "
                             "yourself in some way")
    assert GAD7.items[6] == "Feeling afraid, as if something awful might happen"
    assert PCL5.items[0] == ("Repeated, disturbing, and unwanted memories of the stressful "
                             "experience?")
    assert PCL5.items[19] == "Trouble falling or staying asleep?"
    assert PHQ9.stem.startswith("Over the last 2 weeks")
    assert "past month" in PCL5.stem


# ---- totals and severity bands: every edge -----------------------------------------

@pytest.mark.parametrize(("total", "severity"), [
    (0, "minimal"), (4, "minimal"),
    (5, "mild"), (9, "mild"),
    (10, "moderate"), (14, "moderate"),
    (15, "moderately severe"), (19, "moderately severe"),
    (20, "severe"), (27, "severe"),
])
def test_phq9_bands_at_every_edge(total: int, severity: str) -> None:
    result = score(MeasureKind.PHQ9, form(MeasureKind.PHQ9, total))
    assert (result.total, result.severity) == (total, severity)
    assert severity_of(MeasureKind.PHQ9, total) == severity


@pytest.mark.parametrize(("total", "severity"), [
    (0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"),
    (10, "moderate"), (14, "moderate"), (15, "severe"), (21, "severe"),
])
def test_gad7_cut_offs_5_10_15(total: int, severity: str) -> None:
    result = score(MeasureKind.GAD7, form(MeasureKind.GAD7, total))
    assert (result.total, result.severity) == (total, severity)


@pytest.mark.parametrize(("kind", "total", "severity"), [
    (MeasureKind.PHQ9, 0, "minimal"), (MeasureKind.PHQ9, 27, "severe"),
    (MeasureKind.GAD7, 0, "minimal"), (MeasureKind.GAD7, 21, "severe"),
    (MeasureKind.PCL5, 0, "below the cut-off of 33"),
    (MeasureKind.PCL5, 80, "at or above the cut-off of 33: probable PTSD"),
])
def test_all_zero_and_all_maximum_forms(kind: MeasureKind, total: int, severity: str) -> None:
    scale = SCALES[kind]
    answers = [0 if total == 0 else scale.max_answer] * scale.item_count
    result = score(kind, answers)
    assert (result.total, result.severity) == (total, severity)
    assert result.answers == tuple(answers)


def test_item_answers_are_kept_with_their_labels() -> None:
    answers = [0, 1, 2, 3, 0, 1, 2, 3, 0]
    result = score(MeasureKind.PHQ9, answers, difficulty=1)
    assert result.answers == tuple(answers)
    assert result.answer_labels()[:4] == ("Not at all", "Several days",
                                          "More than half the days", "Nearly every day")
    assert result.difficulty_label == "Somewhat difficult"
    assert result.to_data() == {"kind": "phq9", "answers": answers, "difficulty": 1}
    assert result_from_data(result.to_data()) == result
    assert result.words == "PHQ-9 12, moderate"


# ---- PHQ-9 question 10 and question 9 ------------------------------------------------

def test_the_difficulty_question_is_asked_only_when_the_total_is_above_0() -> None:
    assert not difficulty_is_asked(MeasureKind.PHQ9, [0] * 9)
    assert difficulty_is_asked(MeasureKind.PHQ9, [0] * 8 + [1])
    assert not difficulty_is_asked(MeasureKind.GAD7, [3] * 7)
    # Unscored: it changes nothing, and may be left unanswered.
    assert score(MeasureKind.PHQ9, [1] * 9, difficulty=3).total == 9
    assert score(MeasureKind.PHQ9, [1] * 9).difficulty is None


def test_a_difficulty_answer_out_of_range_is_refused() -> None:
    with pytest.raises(MeasureAnswerError, match="question 10"):
        score(MeasureKind.PHQ9, [1] * 9, difficulty=4)
    with pytest.raises(MeasureAnswerError, match="no question 8"):
        score(MeasureKind.GAD7, [1] * 7, difficulty=1)


@pytest.mark.parametrize(("item9", "flag"), [(0, False), (1, True), (2, True), (3, True)])
def test_question_9_above_0_calls_for_a_risk_assessment(item9: int, flag: bool) -> None:
    result = score(MeasureKind.PHQ9, form(MeasureKind.PHQ9, 12, item9=item9))
    assert result.item9 == item9
    assert result.needs_risk_assessment is flag
    assert result.item9_words.startswith(f"Question 9 (thoughts of death or self-harm): {item9}")


def test_question_9_only_counts_on_the_phq9() -> None:
    result = score(MeasureKind.GAD7, [3] * 7)
    assert result.item9 is None and not result.needs_risk_assessment
    assert not score(MeasureKind.PCL5, [4] * 20).needs_risk_assessment


# ---- PCL-5: symptom count and the provisional-PTSD cluster rule ---------------------

def pcl5(b: int = 1, c: int = 1, d: int = 2, e: int = 2, level: int = 2) -> list[int]:
    """A PCL-5 with `b`..`e` symptoms (answered `level`) in clusters B-E, the rest 1."""
    answers = [1] * 20
    for first, count in ((0, b), (5, c), (7, d), (14, e)):
        for index in range(first, first + count):
            answers[index] = level
    return answers


@pytest.mark.parametrize(("b", "c", "d", "e", "provisional"), [
    (1, 1, 2, 2, True),  # every cluster exactly at its minimum
    (0, 1, 2, 2, False),  # B one short
    (1, 0, 2, 2, False),  # C one short
    (1, 1, 1, 2, False),  # D one short
    (1, 1, 2, 1, False),  # E one short
    (5, 2, 7, 6, True),  # every item a symptom
])
def test_the_cluster_rule_at_its_boundaries(b: int, c: int, d: int, e: int,
                                           provisional: bool) -> None:
    result = score(MeasureKind.PCL5, pcl5(b, c, d, e))
    assert result.symptom_count == b + c + d + e
    assert result.provisional_ptsd is provisional
    assert [met for _, _, met in result.clusters()] == [b >= 1, c >= 1, d >= 2, e >= 2]


def test_a_pcl5_symptom_is_an_answer_of_2_or_more() -> None:
    assert score(MeasureKind.PCL5, [1] * 20).symptom_count == 0
    assert score(MeasureKind.PCL5, pcl5(level=1)).provisional_ptsd is False
    assert score(MeasureKind.PCL5, pcl5(level=2)).provisional_ptsd is True
    assert score(MeasureKind.PCL5, pcl5(level=4)).symptom_count == 6


@pytest.mark.parametrize(("cutoff", "total", "above"), [
    (33, 32, False), (33, 33, True), (31, 30, False), (31, 31, True),
])
def test_the_pcl5_cut_off_is_a_setting(cutoff: int, total: int, above: bool) -> None:
    result = score(MeasureKind.PCL5, form(MeasureKind.PCL5, total),
                   settings=MeasureSettings(pcl5_cutoff=cutoff))
    assert result.cutoff == cutoff
    assert result.at_or_above_cutoff is above
    assert ("probable PTSD" in result.severity) is above


def test_the_default_pcl5_cut_off_is_33() -> None:
    assert MeasureSettings().pcl5_cutoff == 33
    assert score(MeasureKind.PCL5, form(MeasureKind.PCL5, 33)).at_or_above_cutoff


# ---- refused forms ----------------------------------------------------------------

def test_a_missing_answer_is_refused_in_words_and_never_scored() -> None:
    answers: list[int | None] = [1] * 9
    answers[3] = None
    with pytest.raises(MeasureAnswerError) as refused:
        score(MeasureKind.PHQ9, answers)
    assert str(refused.value) == "PHQ-9 question 4 is not answered."
    assert refused.value.questions == (4,)


def test_every_wrong_question_is_named() -> None:
    with pytest.raises(MeasureAnswerError) as refused:
        score(MeasureKind.GAD7, [0, 4, -1, None, 1.0, True])
    assert refused.value.questions == (2, 3, 4, 5, 6, 7)
    assert "GAD-7 question 2: 4 is not one of its answers (0\u20133)." in str(refused.value)
    assert "GAD-7 question 7 is not answered." in str(refused.value)


def test_too_many_answers_are_refused() -> None:
    with pytest.raises(MeasureAnswerError, match="has 9 questions; this form has 10"):
        score(MeasureKind.PHQ9, [0] * 10)


def test_a_pcl5_answer_of_4_is_valid_but_not_on_the_phq9() -> None:
    assert score(MeasureKind.PCL5, [4] + [0] * 19).total == 4
    with pytest.raises(MeasureAnswerError, match="question 1: 4"):
        score(MeasureKind.PHQ9, [4] + [0] * 8)


# ---- settings ----------------------------------------------------------------------

def test_settings_have_labelled_defaults_and_are_read_forgivingly() -> None:
    defaults = MeasureSettings()
    assert (defaults.response_fall_percent, defaults.phq9_remission_below,
            defaults.gad7_remission_below) == (50, 5, 5)
    assert defaults.remission_below(MeasureKind.PCL5) is None
    assert settings_problems(defaults) == []
    assert MeasureSettings.from_data(defaults.to_data()) == defaults
    assert MeasureSettings.from_data({"pcl5_cutoff": 900, "response_fall_percent": "x"}) == defaults
    assert MeasureSettings.from_data({"pcl5_cutoff": 31}).pcl5_cutoff == 31
    assert settings_problems(MeasureSettings(pcl5_cutoff=0, item9_safety_text=" ")) == [
        "PCL-5 total at or above which PTSD is probable (usual 31\u201333; default 33): 0 is "
        "not a whole number from 1 to 80.",
        "The text for PHQ-9 question 9 is empty; write what the therapist should do."]


# ---- records, corrections and the course's figures ----------------------------------

def record(clock: FakeClock, record_id: int, total: int, kind: MeasureKind = MeasureKind.PHQ9,
           days_later: float = 7) -> MeasureRecord:
    clock.advance(days_later * DAY)
    return MeasureRecord(client_id=1, result=score(kind, form(kind, total)),
                         taken_at=clock.now(), filled_by=FilledBy.CLIENT,
                         recorded_at=clock.now(), id=record_id)


def test_a_correction_supersedes_and_the_history_keeps_both() -> None:
    clock = FakeClock()
    first = record(clock, 1, 12)
    wrong = record(clock, 2, 9)
    clock.advance(60)
    fixed = correction(wrong, score(MeasureKind.PHQ9, form(MeasureKind.PHQ9, 8)),
                       " typed 2 for 1 on question 4 ", recorded_at=clock.now())
    fixed = replace(fixed, id=3)
    assert fixed.taken_at == wrong.taken_at and fixed.supersedes == 2
    assert fixed.reason == "typed 2 for 1 on question 4"
    records = [first, wrong, fixed]
    assert [r.id for r in current_records(records)] == [1, 3]
    entries = history(records)
    assert [(e.record.id, e.superseded_by) for e in entries] == [(1, None), (2, 3), (3, None)]
    assert entries[1].words == "PHQ-9 9, mild (corrected by record 3)"
    assert entries[2].words == "PHQ-9 8, mild; corrects record 2: typed 2 for 1 on question 4"
    assert latest_of(MeasureKind.PHQ9, records) is fixed
    assert corrected_ids(fixed, records) == (2,)
    assert trend_points(MeasureKind.PHQ9, records) == [(first.taken_at, 12), (wrong.taken_at, 8)]
    # The original is unchanged: corrections never edit.
    assert wrong.total == 9 and wrong.supersedes is None


def test_a_correction_of_a_correction_leaves_only_the_last_current() -> None:
    clock = FakeClock()
    a = record(clock, 1, 12)
    b = replace(correction(a, a.result, "first fix", clock.now() + 1), id=2)
    c = replace(correction(b, b.result, "second fix", clock.now() + 2), id=3)
    assert [r.id for r in current_records([c, a, b])] == [3]
    assert corrected_ids(c, [a, b, c]) == (2, 1)


def test_what_a_correction_must_be() -> None:
    clock = FakeClock()
    a = record(clock, 1, 12)
    b = replace(correction(a, a.result, "fix", clock.now()), id=2)
    assert correction_problems(b, [a]) == []
    assert correction_problems(b, [a, b]) == []  # itself is not a second correction
    again = correction(a, a.result, "", clock.now())
    assert correction_problems(again, [a, b]) == [
        "This form was already corrected; correct the latest version instead.",
        "Say why the form is corrected (for example \u201ctyped 2 for 1 on question 4\u201d)."]
    other_kind = correction(b, score(MeasureKind.GAD7, [0] * 7), "wrong form", clock.now())
    assert correction_problems(other_kind, [a, b]) == [
        "A PHQ-9 can only be corrected by a PHQ-9."]
    assert correction_problems(correction(record(clock, 9, 1), a.result, "x", 0), [a]) == [
        "The form this corrects is not among the client's records."]


def test_records_round_trip_as_plain_data() -> None:
    clock = FakeClock()
    a = record(clock, 1, 20, MeasureKind.PCL5)
    assert MeasureRecord.from_data(a.to_data()) == a


def test_baseline_previous_latest_and_change() -> None:
    clock = FakeClock()
    records = [record(clock, 1, 12), record(clock, 2, 8), record(clock, 3, 5),
               record(clock, 4, 15, MeasureKind.GAD7)]
    figures = course_figures(MeasureKind.PHQ9, records)
    assert [figures.baseline.id, figures.previous.id, figures.latest.id] == [1, 2, 3]
    assert (figures.change, figures.change_from_previous) == (-7, -3)
    assert figures.response is True and figures.remission is False
    assert figures.words(UTC) == (
        "Baseline 12 (2026-01-08) \u00b7 previous 8 (2026-01-15) \u00b7 latest 5 (2026-01-22), "
        "change -7",
        "Response: 12 \u2192 5, down 58%",
        "Not in remission: 5 (remission is below 5)")


@pytest.mark.parametrize(("baseline", "latest", "response", "words"), [
    (10, 5, True, "Response: 10 \u2192 5, down 50%"),
    (10, 6, False, "No response yet: 10 \u2192 6, down 40% (a response is a fall of 50% or more)"),
    (11, 6, False, "No response yet: 11 \u2192 6, down 45% (a response is a fall of 50% or more)"),
    (12, 5, True, "Response: 12 \u2192 5, down 58%"),  # 58.3%
    (27, 14, False, "No response yet: 27 \u2192 14, down 48% (a response is a fall of 50% or more)"),
    (8, 10, False, "No response yet: 8 \u2192 10, up 25% (a response is a fall of 50% or more)"),
    (0, 0, None, "Response: not measurable, the baseline is 0 (0 \u2192 0)."),
])
def test_response_is_a_fall_of_50_percent_from_baseline(baseline: int, latest: int,
                                                       response: bool | None, words: str) -> None:
    clock = FakeClock()
    figures = course_figures(MeasureKind.PHQ9, [record(clock, 1, baseline),
                                                record(clock, 2, latest)])
    assert figures.response is response
    assert figures.response_words == words


@pytest.mark.parametrize(("latest", "remission", "words"), [
    (4, True, "Remission: 4, below 5"),
    (5, False, "Not in remission: 5 (remission is below 5)"),
])
def test_remission_is_below_5(latest: int, remission: bool, words: str) -> None:
    clock = FakeClock()
    figures = course_figures(MeasureKind.GAD7, [record(clock, 1, 14, MeasureKind.GAD7),
                                                record(clock, 2, latest, MeasureKind.GAD7)])
    assert figures.remission is remission and figures.remission_words == words


def test_response_and_remission_follow_the_settings() -> None:
    clock = FakeClock()
    records = [record(clock, 1, 10), record(clock, 2, 6)]
    settings = MeasureSettings(response_fall_percent=40, phq9_remission_below=7)
    figures = course_figures(MeasureKind.PHQ9, records, settings)
    assert figures.response_words == "Response: 10 \u2192 6, down 40%"
    assert figures.remission_words == "Remission: 6, below 7"


def test_one_form_is_only_a_baseline_and_pcl5_has_no_remission() -> None:
    clock = FakeClock()
    figures = course_figures(MeasureKind.PCL5, [record(clock, 1, 40, MeasureKind.PCL5)])
    assert figures.previous is None and figures.change is None
    assert figures.words(UTC) == ("Baseline 40 (2026-01-08)", "Response: only the baseline so far.")
    assert course_figures(MeasureKind.PHQ9, []).words() == ("No PHQ-9 yet.",)
