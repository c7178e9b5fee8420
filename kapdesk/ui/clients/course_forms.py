"""The therapist's forms on the client's page: the recording half of `CourseActions`.

Each action opens its form (screening, clearance, consent, a paper measure,
a correction, the suicide-risk assessment) through the injected `run_dialog`
(QDialog.exec in the app; a test fills and saves the form without a modal
loop) and says whether something was saved. The forms store through the
course's stores themselves, so a refused draft stays open with its problems
in words. `hand_to_client` is the client mode's, not this class's.

After any PHQ-9 is saved with question 9 above 0, typed here or filled by the
client in client mode, `after_measure_saved` shows the practice's safety text
and offers the risk assessment (DOMAIN.md "Rating scales").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QWidget

from kapdesk.core.measures import MeasureKind
from kapdesk.ui.clients.clearance_form import ClearanceForm
from kapdesk.ui.clients.consent_form import ConsentForm
from kapdesk.ui.clients.course_dialog import CourseDialog
from kapdesk.ui.clients.measure_entry import MeasureEntry
from kapdesk.ui.clients.risk_form import RiskForm
from kapdesk.ui.clients.screening_form import ScreeningForm

if TYPE_CHECKING:
    from kapdesk.services import Services

DialogRunner = Callable[[QDialog], int]


class CourseForms:
    def __init__(self, services: Services, parent: QWidget,
                 run_dialog: DialogRunner = QDialog.exec) -> None:
        self._services = services
        self._parent = parent
        self._run_dialog = run_dialog

    def _run(self, dialog: CourseDialog) -> bool:
        dialog.focus_first()
        return bool(self._run_dialog(dialog))

    def record_screening(self, client_id: int) -> bool:
        return self._run(ScreeningForm(self._services, client_id, self._parent))

    def record_clearance(self, client_id: int, screening_id: int) -> bool:
        return self._run(ClearanceForm(self._services, client_id, screening_id, self._parent))

    def record_consent(self, client_id: int) -> bool:
        return self._run(ConsentForm(self._services, client_id, self._parent))

    def enter_measure(self, client_id: int, kind: MeasureKind) -> bool:
        """A paper form typed in; a PHQ-9 with question 9 above 0 goes on to the safety text."""
        form = MeasureEntry(self._services, client_id, kind, parent=self._parent)
        if not self._run(form) or form.saved is None:
            return False
        self._after(client_id, form)
        return True

    def correct_measure(self, client_id: int, measure_id: int) -> bool:
        """A correction saved as a new record superseding `measure_id` (never an edit)."""
        original = self._services.measures.get(measure_id)
        if original.client_id != client_id:
            raise ValueError(f"measure {measure_id} is not client {client_id}'s")
        form = MeasureEntry(self._services, client_id, original.kind, original, self._parent)
        if not self._run(form) or form.saved is None:
            return False
        self._after(client_id, form)
        return True

    def _after(self, client_id: int, form: MeasureEntry) -> None:
        assert form.saved is not None and form.saved.id is not None  # stored: it has its id
        self.after_measure_saved(client_id, form.saved.id)

    def assess_risk(self, client_id: int, measure_id: int) -> bool:
        """The safety text and the assessment's result for the PHQ-9 `measure_id`."""
        measure = self._services.measures.get(measure_id)
        if measure.client_id != client_id or measure.kind is not MeasureKind.PHQ9:
            raise ValueError(f"measure {measure_id} is not a PHQ-9 of client {client_id}")
        return self._run(RiskForm(self._services, client_id, measure_id, self._parent))

    def after_measure_saved(self, client_id: int, measure_id: int) -> None:
        """The safety text and the risk assessment, when the saved form is a PHQ-9 whose
        question 9 is above 0; nothing otherwise. Leaving the assessment for later is
        allowed: the client then does not count as ready for a dose until it is recorded."""
        record = self._services.measures.get(measure_id)
        if record.client_id == client_id and record.result.needs_risk_assessment:
            self.assess_risk(client_id, measure_id)
