"""Confirming the end of a session, so that no slip can end it.

Ending stops the clock and closes the record to everything but addenda, so
it takes two deliberate acts: End (F8 or its button) opens this bar, and only
Ctrl+Shift+E or a click on "Yes, end the session" confirms. The confirm
button never takes focus and is never a default button (Enter and Space
cannot press it), it sits away from where the End button is (a double click
lands on "Keep going"), and clicks in its first moments are ignored. Escape,
or F8 again, cancels. The bar is part of the page, not a dialog: nothing
pops up over the client's session.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from kapdesk.ui.session_widgets import key_hint, label

CONFIRM_KEY = "Ctrl+Shift+E"
# Longer than a double click, shorter than reading the question.
CLICK_GUARD_S = 0.8


class EndConfirmBar(QFrame):
    confirmed = Signal()

    def __init__(self, monotonic: Callable[[], float], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("endConfirmBar")
        self.setAccessibleName("Confirm the end of the session")
        self._monotonic = monotonic
        self._asked_at = 0.0
        self.question = label("", "endQuestion", "End the session?")
        self.confirm_button = QPushButton(f"Yes, end the session   {key_hint(CONFIRM_KEY)}")
        self.confirm_button.setObjectName("confirmEnd")
        self.confirm_button.setAccessibleName("Yes, end the session")
        self.confirm_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.confirm_button.setAutoDefault(False)
        self.confirm_button.clicked.connect(self._clicked)
        self.cancel_button = QPushButton("Keep going   Esc")
        self.cancel_button.setAccessibleName("Keep going")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel)
        QShortcut(QKeySequence(CONFIRM_KEY), self, self._confirm)
        QShortcut(QKeySequence("Escape"), self, self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.addWidget(self.question, 1)
        layout.addWidget(self.confirm_button)
        layout.addSpacing(120)
        layout.addWidget(self.cancel_button)
        self.hide()

    def ask(self, warning: str = "") -> None:
        text = "End the session now? The clock stops; after it, only addenda."
        self.question.setText(f"{text} {warning}".strip())
        self._asked_at = self._monotonic()
        self.show()

    def toggle(self, warning: str = "") -> None:
        self.cancel() if self.isVisible() else self.ask(warning)

    def cancel(self) -> None:
        self.hide()

    def _clicked(self) -> None:
        if self._monotonic() - self._asked_at >= CLICK_GUARD_S:
            self._confirm()

    def _confirm(self) -> None:
        if self.isVisible():
            self.hide()
            self.confirmed.emit()
