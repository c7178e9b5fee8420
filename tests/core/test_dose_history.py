"""The last dosing sessions summarised before today's dose: never a BP that was not taken."""

from __future__ import annotations

import datetime as dt

from kapdesk.core.dose_history import past_doses
from kapdesk.core.review_model import Dose, Reading, SessionFacts

UTC = dt.timezone.utc
DAY = 86400.0
T0 = dt.datetime(2026, 11, 2, 10, 0, tzinfo=UTC).timestamp()


def facts(day: int, mg: float | None, readings=(), adverse=(), tags=(), plan="") -> SessionFacts:  # noqa: ANN001
    start = T0 + day * DAY
    doses = () if mg is None else (Dose("ketamine", mg, "sublingual", start + 600),)
    return SessionFacts(start, start + 7200, True, 7200.0, doses=doses, readings=tuple(readings),
                        tags=tuple(tags), adverse=tuple(adverse), plan=plan)


def test_newest_first_only_dosing_sessions_at_most_three():
    found = past_doses([(1, facts(0, 100)), (2, facts(7, 150)), (3, facts(10, None)),
                        (4, facts(14, 200)), (5, facts(21, 200))])
    assert [p.session_id for p in found] == [5, 4, 2]


def test_words_carry_dose_peak_bp_adverse_tags_and_plan():
    [past] = past_doses([(7, facts(0, 150, readings=[Reading(T0, 150, 90, 70, None),
                                                     Reading(T0, 168, 98, 80, 97)],
                                    adverse=["Nausea or vomiting (mild)"], tags=["Nausea"],
                                    plan="walks; journal"))])
    assert past.words(UTC) == ("Mon 02 Nov 2026: ketamine 150 mg sublingual; peak BP 168/98; "
                               "adverse: Nausea or vomiting (mild); tags: Nausea. Plan: walks; journal")


def test_no_reading_says_so_and_never_a_number():
    [past] = past_doses([(7, facts(0, 150))])
    assert past.peak_bp == "no BP taken"
    assert "no BP taken" in past.words(UTC) and "peak BP" not in past.words(UTC)
