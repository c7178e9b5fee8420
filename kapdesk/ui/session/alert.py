"""The one thing allowed to interrupt: a safety alert about vital signs.

Decision: a reading at the practice's alert level (default BP at or above
180/110, heart rate above 120, SpO2 below 90%) raises a prominent banner in
the room view, under the client's name and the phase strip (both stay in
sight), and lifts any dimming. It is not a dialog and does not take focus:
the therapist may be typing the recheck, and a modal box would swallow those
keys at the worst moment. It is announced to a screen reader instead. It
stays until acknowledged (F12 or its button: `acknowledged`, which the room
stores before it hides the banner) or until a later reading is no longer at
alert level (core.alerts holds that rule).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from kapdesk.ui.common.widgets import key_button, label, show_text

ACK_KEY = "F12"
WHAT_TO_DO = "Recheck and attend to the client."


def alert_text(reading_message: str) -> str:
    """The banner's words: what was measured, then what to do, each said once."""
    return f"{reading_message.strip()} {WHAT_TO_DO}"


class AlertBanner(QFrame):
    shown = Signal()
    acknowledged = Signal()  # F12 or "Seen": the room stores it, then hides the banner

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertBanner")
        self.setAccessibleName("Safety alert")
        self.icon = label("⚠", "alertText", "Warning", wrap=False)
        self.message = label("", "alertText", "Safety alert")
        self.ack_button = key_button("Seen", ACK_KEY, self.acknowledged.emit, self, name="alertAck")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 12, 8)
        layout.addWidget(self.icon)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.ack_button)
        self.hide()

    def raise_alert(self, text: str) -> None:
        words = alert_text(text)
        show_text(self.message, words, "Safety alert")
        self.setAccessibleName(f"Safety alert: {words}")
        self.show()
        QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.Alert))
        self.shown.emit()
