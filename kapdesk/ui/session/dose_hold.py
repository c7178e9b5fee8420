"""The hold on the dose while the client is not ready, and "Go on anyway".

While core's verdict (readiness_panel.py) has a piece missing or failed, and
no override is stored yet, the dose is held: the dose button says so and
names what (its accessible name stays what it does, its description says
why); "Go on anyway" (Ctrl+G) opens a box for the written reason; the reason
is checked (core/readiness.override_problems) and stored as the session log's
own event (`readiness_overridden`) before the page records the dose. Once
stored, the override is shown in words under the box.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from kapdesk.core.readiness import Readiness, override_problems, override_words
from kapdesk.core.timeline import SessionState
from kapdesk.ui.session.controller import SessionController
from kapdesk.ui.common.widgets import key_button, key_hint, label, set_level, show_text

DOSE_TEXT, DOSE_KEY = "Record dose and go to the room", "Ctrl+Return"
GO_ON_KEY = "Ctrl+G"
SHORT_NAMES = {"screening": "screening", "consent": "consent", "phq9": "PHQ-9",
               "blood_pressure": "baseline BP", "pace": "pace of the doses"}
ASK = ("Write why the dose goes ahead although the client is not ready; Enter stores the "
       "reason and records the dose.")


def held_by(found: Readiness | None, state: SessionState) -> Readiness | None:
    """The verdict that holds the dose, or None when it may be recorded (ready, already
    given, or gone on with a stored reason)."""
    if found is None or found.ready or state.doses or state.overrides:
        return None
    return found


class DoseHold:
    """The widgets and steps of the hold; the page places the widgets."""

    def __init__(self, controller: SessionController, dose_button: QPushButton,
                 say: Callable[[str, str], None], on_reason: Callable[[], object],
                 parent: QWidget) -> None:
        self._controller, self._dose_button, self._say = controller, dose_button, say
        self.go_on_button = key_button("Go on anyway…", GO_ON_KEY, self.open, parent,
                                       name="goOnAnyway")
        self.reason_label = label("Reason to dose although not ready (required)",
                                  "doseReasonLabel")
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("overrideReason")
        self.reason_edit.setAccessibleName("Reason to dose although not ready")
        self.reason_edit.setPlaceholderText("e.g. consent signed on paper today, entered tomorrow")
        self.reason_label.setBuddy(self.reason_edit)
        self.reason_edit.returnPressed.connect(on_reason)
        self.status = label("", "overrideStatus", "Going on although not ready")
        for widget in (self.reason_label, self.reason_edit, self.status):
            widget.hide()
        self._held: Readiness | None = None

    @property
    def widgets(self) -> tuple[QWidget, ...]:
        return (self.go_on_button, self.reason_label, self.reason_edit, self.status)

    @property
    def held(self) -> Readiness | None:
        return self._held

    def show(self, found: Readiness | None, state: SessionState) -> None:
        """The dose button, "Go on anyway" and the override as `found` and the log stand."""
        self._held = held = held_by(found, state)
        text = DOSE_TEXT
        if held is not None:
            text = "Dose held — not ready: " + ", ".join(
                SHORT_NAMES[piece.key.value] for piece in held.not_ready)
        shown = f"{text}   {key_hint(DOSE_KEY)}"
        if self._dose_button.text() != shown:
            self._dose_button.setText(shown)
            self._dose_button.setAccessibleDescription("" if held is None else text)
        self.go_on_button.setVisible(held is not None)
        if held is None:
            self.reason_label.hide()
            self.reason_edit.hide()
        self._show_override(state)

    def _show_override(self, state: SessionState) -> None:
        self.status.setVisible(bool(state.overrides))
        if state.overrides:
            show_text(self.status, override_words(state.overrides[-1].data),
                      "Going on although not ready")
            set_level(self.status, "caution")

    def open(self) -> None:
        """Ctrl+G: ask for the written reason (only while the dose is held)."""
        if self._held is None:
            return
        self.reason_label.show()
        self.reason_edit.show()
        self.reason_edit.setFocus()
        self._say(ASK, "caution")

    def go_on(self) -> bool:
        """Store the override if its reason is written: True once stored; False, and
        why in words, while the box is closed, the reason empty, or the write failed."""
        held = self._held
        if held is None:
            return True
        if self.reason_edit.isHidden():
            self._say(f"{held.words} To dose anyway, press {key_hint(GO_ON_KEY)} and write why.",
                      "caution")
            return False
        problems = override_problems(self.reason_edit.text())
        if problems:
            self._say(" ".join(problems), "caution")
            self.reason_edit.setFocus()
            return False
        return self._controller.override_readiness(held, self.reason_edit.text()) is not None
