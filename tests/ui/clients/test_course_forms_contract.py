"""CourseForms keeps issue 12's contract with the client's page: the first six methods of
`CourseActions` with the protocol's own signatures, and `after_measure_saved` for the
client mode's caller (no type checker runs here, so the signatures are compared)."""

from __future__ import annotations

import inspect

from kapdesk.ui.clients.course_actions import CourseActions
from kapdesk.ui.clients.course_forms import CourseForms

RECORDING = ("record_screening", "record_clearance", "record_consent", "enter_measure",
             "correct_measure", "assess_risk")


def test_course_forms_has_the_protocols_recording_methods_with_their_signatures() -> None:
    declared = [name for name in vars(CourseActions) if not name.startswith("_")]
    assert declared[:6] == list(RECORDING) and declared[6:] == ["hand_to_client"]
    for name in RECORDING:
        assert inspect.signature(getattr(CourseForms, name)) == inspect.signature(
            getattr(CourseActions, name)), name


def test_after_measure_saved_takes_the_client_and_the_saved_measure() -> None:
    parameters = inspect.signature(CourseForms.after_measure_saved).parameters
    assert [(p.name, p.annotation) for p in parameters.values()] == [
        ("self", inspect.Parameter.empty), ("client_id", "int"), ("measure_id", "int")]
    assert inspect.signature(CourseForms.after_measure_saved).return_annotation == "None"
