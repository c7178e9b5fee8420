"""Readiness in words (core/readiness_record.py): each piece's mark and status,
naming what failed; the snapshot stored with the dose read back as lines; the
room's touch line; and the course of care in three lines (core/course_summary.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from kapdesk.core.consent import DEFAULT_DOCUMENT
from kapdesk.core.course_summary import course_lines
from kapdesk.core.events import Event, EventKind
from kapdesk.core.readiness import readiness
from kapdesk.core.readiness_record import (NO_SNAPSHOT, at_dose_lines, piece_line,
                                           snapshot_at_dose, snapshot_lines, status_words,
                                           touch_line)
from kapdesk.core.screening import DEFAULT_CONTRAINDICATIONS, Answer
from kapdesk.core.vitals import VitalsReading
from tests.helpers.course_records import TODAY, clear_screening, consent

DOSE = {"drug": "ketamine", "mg": 150, "route": "sublingual", "given_at": 0.0}


@pytest.mark.parametrize(("key", "status", "words"), [
    ("screening", "ready", "ready"), ("consent", "missing", "missing"),
    ("screening", "failed", "not eligible"), ("consent", "failed", "not current"),
    ("phq9", "failed", "suicide risk above the practice's limit"),
    ("blood_pressure", "failed", "above the limit"), ("later_piece", "failed", "not met"),
])
def test_each_status_names_what(key: str, status: str, words: str) -> None:
    assert status_words(key, status) == words


def test_a_piece_line_has_its_mark_and_does_not_say_a_status_twice() -> None:
    assert piece_line({"key": "consent", "label": "Consent", "status": "missing",
                       "words": "No consent recorded."}) == \
        "○ Consent — missing: No consent recorded."
    assert piece_line({"key": "screening", "label": "Screening", "status": "failed",
                       "words": "Not eligible: Glaucoma (yes)."}) == \
        "✗ Screening — Not eligible: Glaucoma (yes)."
    assert piece_line({"key": "phq9", "label": "PHQ-9", "status": "ready", "words": ""}) == \
        "✓ PHQ-9 — ready"


def test_the_touch_line_says_when_nothing_is_recorded() -> None:
    assert touch_line("") == "Touch: no consent recorded"
    assert touch_line("Touch: none") == "Touch: none"


def test_a_snapshot_reads_back_as_lines() -> None:
    state = readiness(screening=clear_screening(1, glaucoma=Answer.YES),
                      contraindications=DEFAULT_CONTRAINDICATIONS, consent=consent(1),
                      consent_document=DEFAULT_DOCUMENT, phq9=None, today=TODAY,
                      baseline=VitalsReading(124, 80, 70))
    lines = snapshot_lines(state.snapshot())
    assert lines[0] == "Not ready: Screening (not eligible), PHQ-9 (missing)."
    assert lines[1] == "✗ Screening — Not eligible: Glaucoma (yes)."
    assert lines[-2:] == ("Medications: sertraline, 50 mg daily, since 2023",
                          "Touch: hand on shoulder")


def test_the_record_reads_the_first_dose_and_names_overrides_after_it() -> None:
    snapshot = {"ready": False, "pieces": [], "medications": [], "touch": ""}
    events = [
        Event(1, EventKind.READINESS_OVERRIDDEN, 1.0,
              {"reason": "Paper consent today", "not_ready": ["Consent"], "readiness": {}}),
        Event(2, EventKind.DOSE_GIVEN, 2.0, {**DOSE, "readiness": snapshot}),
        Event(3, EventKind.DOSE_GIVEN, 3.0, DOSE),
    ]
    assert snapshot_at_dose(events) == snapshot
    assert at_dose_lines(events) == (
        "Not ready.", "Medications: none listed", "Touch: no consent recorded",
        "Dosed although not ready (Consent). Reason: Paper consent today")
    assert at_dose_lines(events[:1]) == ()  # no dose: nothing to say of readiness at it
    assert at_dose_lines(events[2:]) == (NO_SNAPSHOT,)


def test_the_course_in_three_lines() -> None:
    lines = course_lines(screening=None, contraindications=DEFAULT_CONTRAINDICATIONS,
                         consent=None, consent_document=DEFAULT_DOCUMENT, latest=(),
                         today=dt.date(2026, 1, 1))
    assert lines[1:] == ("No consent recorded.", "Latest measures: none yet.")
    assert lines[0].startswith("Screening: ")
