"""Ready for the dose: the before-the-dose page's readiness panel.

One line per piece (screening, consent, the latest PHQ-9 with question 9,
the baseline blood pressure), each with a mark and its status in words
("✓ Consent — ready: …", "○ Screening — missing: …", "✗ Screening — not
eligible: …"), then the medications from the latest screening and, when
question 9 calls for it, the practice's safety text. The verdict is core's
(core/readiness.py, read through `services.course.readiness_for`); this panel
only shows it, and re-reads it when asked (the page asks when a baseline blood
pressure is saved). A practice file that cannot be read shows every piece as
missing, with the cause: the dose is then held, never waved through.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from kapdesk.core.readiness import Piece, PieceKey, PieceStatus, Readiness
from kapdesk.core.readiness_record import piece_line
from kapdesk.core.vitals import VitalsReading
from kapdesk.ui.common.widgets import label, set_level, show_text

# (the baseline reading or None, the reason stored with it) -> the verdict today
ReadinessSource = Callable[[VitalsReading | None, str], Readiness]
LEVELS = {PieceStatus.READY: "ok", PieceStatus.MISSING: "caution", PieceStatus.FAILED: "alert"}


class ReadinessPanel(QWidget):
    def __init__(self, source: ReadinessSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readinessPanel")
        self.setAccessibleName("Ready for the dose")
        self._source = source
        self.verdict = label("", "readinessVerdict", "Readiness")
        self.lines: dict[PieceKey, QLabel] = {
            key: label("", "readinessPiece", key.label) for key in PieceKey}
        self.medications = label("", "readinessMedications", "Medications")
        self.safety = label("", "readinessSafety", "Question 9")
        self.position = label("", "readinessMedications", "Where the dose falls in the course")
        self.past_doses = label("", "readinessMedications", "The last dosing sessions")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        for widget in (self.verdict, *self.lines.values(), self.medications, self.safety,
                       self.position, self.past_doses):
            layout.addWidget(widget)
        layout.addStretch(1)
        self._current: Readiness | None = None

    @property
    def current(self) -> Readiness | None:
        """The verdict last read (None before the first `refresh`)."""
        return self._current

    def refresh(self, baseline: VitalsReading | None, reason: str = "") -> Readiness:
        """Read the verdict again and show it."""
        try:
            found = self._source(baseline, reason)
        except Exception as error:  # noqa: BLE001 - a read that fails holds the dose, in words
            found = unreadable(error)
        self._current = found
        self._show(found)
        return found

    def _show(self, found: Readiness) -> None:
        # Short: each line below names its piece, and the dose button names them too.
        show_text(self.verdict, "Ready for the dose." if found.ready else "Not ready for the dose.",
                  "Readiness")
        set_level(self.verdict, "ok" if found.ready else "caution")
        shown = {piece.key for piece in found.pieces}
        for key, line in self.lines.items():
            line.setVisible(key in shown)  # the pace's line only when it stands in the way
        for piece in found.pieces:
            line = self.lines[piece.key]
            show_text(line, piece_line(piece.to_data()), piece.label)
            set_level(line, LEVELS[piece.status])
        medications = "; ".join(m.words for m in found.medications)
        show_text(self.medications, f"Medications: {medications or 'none listed'}",
                  "Medications")
        self.safety.setVisible(bool(found.safety_text))
        show_text(self.safety, found.safety_text, "Question 9")
        show_text(self.position, found.position, "Where the dose falls in the course")
        self.position.setVisible(bool(found.position))
        last = "\n".join(found.past_doses)
        show_text(self.past_doses, f"Last dosing sessions:\n{last}" if last else "",
                  "The last dosing sessions")
        self.past_doses.setVisible(bool(last))


def scrolling(panel: ReadinessPanel) -> QScrollArea:
    """The panel in a frameless scroll area: a long safety text or list of
    medications scrolls instead of squeezing the lines over each other."""
    area = QScrollArea()
    area.setObjectName("readinessScroll")
    area.setAccessibleName("Ready for the dose")
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidget(panel)
    return area


def unreadable(error: BaseException) -> Readiness:
    """Every piece missing, with the cause: what cannot be read is not ready."""
    from kapdesk.storage.errors import fault_cause

    words = f"Could not be read from the practice file ({fault_cause(error)}); try again."
    return Readiness(tuple(Piece(key, PieceStatus.MISSING, words) for key in PieceKey))
