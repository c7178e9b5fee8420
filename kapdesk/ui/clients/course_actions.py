"""What the client's page asks for when the therapist records something.

Every button on the client's page that records a screening, a clearance, a
consent, a measure, a correction or a suicide-risk assessment goes through one
object of this protocol, handed to the page by the wiring. The forms
(ui/clients/course_forms.py `CourseForms`) implement the first six, the client
mode implements `hand_to_client`; the page itself never writes a record. Each
call blocks like a dialog and returns True when something was saved, so the
page knows to read the course again.
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
