"""Corrections of screenings, consents and risk assessments: what counts now, the
chain back to the original, and a correction refused in words."""

from __future__ import annotations

import datetime as dt

from kapdesk.core.suicide_risk import RiskAssessment, RiskLevel
from kapdesk.core.superseding import chain, correcting_problems, current

DAY = dt.date(2026, 1, 5)


def assessment(record_id: int | None, supersedes: int | None = None, reason: str = "",
               client_id: int = 1) -> RiskAssessment:
    return RiskAssessment(client_id, RiskLevel.LOW, "Dr A", DAY, id=record_id,
                          supersedes=supersedes, reason=reason)


FIRST, SECOND, THIRD = assessment(1), assessment(2, 1, "wrong day"), assessment(3, 2, "typo")


def test_only_the_latest_of_a_chain_counts_and_the_chain_leads_back() -> None:
    other = assessment(4)
    assert current([FIRST, SECOND, THIRD, other]) == [THIRD, other]
    assert chain(THIRD, [FIRST, SECOND, THIRD]) == (3, 2, 1)
    assert chain(FIRST, [FIRST]) == (1,)


def test_a_correction_is_refused_in_words() -> None:
    records = [FIRST, SECOND]
    assert correcting_problems(assessment(None, 2, "typo"), records, "assessment") == []
    assert correcting_problems(assessment(None, 1, "again"), records, "assessment") == [
        "This assessment was already corrected; correct the latest version instead."]
    assert correcting_problems(assessment(None, 2, "  "), records, "assessment") == [
        "Say why the assessment is corrected."]
    assert correcting_problems(assessment(None, 9, "x"), records, "assessment") == [
        "The assessment this corrects is not among the client's records."]
    assert correcting_problems(assessment(None, 2, "x", client_id=7), records, "assessment") == [
        "A correction must be for the same client as the assessment it corrects."]
