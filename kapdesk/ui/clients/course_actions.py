"""What the client's page asks for when something is to be recorded in the course of care.

One object of this protocol does every recording action of the page:
`CourseForms` (course_forms.py) the therapist's forms, the client mode
`hand_to_client`. Each call blocks like a dialog and says whether something
was saved, so the page knows to read the course again.
"""

from __future__ import annotations

from typing import Protocol

from kapdesk.core.measures import MeasureKind


class CourseActions(Protocol):
    """What the client's page asks for; each returns True when something was saved."""
    def record_screening(self, client_id: int) -> bool: ...
    def record_clearance(self, client_id: int, screening_id: int) -> bool: ...
    def record_consent(self, client_id: int) -> bool: ...
    def enter_measure(self, client_id: int, kind: MeasureKind) -> bool: ...  # from paper
    def correct_measure(self, client_id: int, measure_id: int) -> bool: ...
    def assess_risk(self, client_id: int, measure_id: int) -> bool: ...
    def hand_to_client(self, client_id: int, kind: MeasureKind) -> bool: ...  # client mode
