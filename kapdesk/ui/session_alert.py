"""The one thing allowed to interrupt: a safety alert about vital signs.

Decision: a reading at the practice's alert level (default BP at or above
180/110, heart rate above 120, SpO2 below 90%) raises a prominent banner at
the top of the room view and lifts any dimming. It is not a dialog and does
not take focus: the therapist may be typing the recheck, and a modal box
would swallow those keys at the worst moment. It stays until acknowledged
(F12 or its button) or until a later reading is no longer at alert level.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from kapdesk.ui.session_widgets import key_button, label

ACK_KEY = "F12"


class AlertBanner(QFrame):
    shown = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertBanner")
        self.setAccessibleName("Safety alert")
        self.message = label("", "alertText", "Safety alert message")
        self.ack_button = key_button("Seen", ACK_KEY, self.hide, self, name="alertAck")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 12)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.ack_button)
        self.hide()

    def raise_alert(self, text: str) -> None:
        self.message.setText(f"⚠  {text} Recheck and attend to the client.")
        self.setAccessibleDescription(text)
        self.show()
        self.shown.emit()
