"""Confirming the end of a session, so that no slip can end it.

Ending stops the clock and closes the record to everything but addenda, so
it takes two deliberate acts: End (F8 or its button) opens this bar, and only
Ctrl+Shift+E or a deliberate click on "Yes, end the session" confirms. The
question names what is left undone (core.ending: checks never done, discharge
items not ticked, the debrief). When the bar appears the cursor moves to
"Keep going" (Esc), so a screen reader reads the question and Enter or Space
can only keep going; the cursor goes back where it was when the bar closes.
"Yes, end the session" is never a default button and never takes the cursor
by a click; it is reachable with Tab, it sits away from where the End button
is (a double click lands on "Keep going"), and clicks or Space in its first
moments are ignored. Its key and Keep going's are their own shortcuts, so
they are announced as their key bindings. F8 again cancels too. The bar is
part of the page, not a dialog: nothing pops up over the client's session.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QVBoxLayout, QWidget
from shiboken6 import isValid

from kapdesk.ui.common.widgets import KeyButton, key_button, key_hint, label, show_text

CONFIRM_KEY = "Ctrl+Shift+E"
# Longer than a double click, shorter than reading the question.
CLICK_GUARD_S = 0.8
QUESTION = "End the session now? The clock stops; after it, only addenda."


class _ConfirmButton(KeyButton):
    """Its key confirms at once (deliberate by itself); a click or Space waits out the guard."""

    def __init__(self, text: str, on_key: Callable[[], None], parent: QWidget) -> None:
        super().__init__(text, parent)
        self._on_key = on_key

    def on_key(self) -> None:  # noqa: D102 - see KeyButton
        self._on_key()


class EndConfirmBar(QFrame):
    confirmed = Signal()

    def __init__(self, monotonic: Callable[[], float], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("endConfirmBar")
        self.setAccessibleName("Confirm the end of the session")
        self._monotonic = monotonic
        self._asked_at = 0.0
        self._focus_before: QWidget | None = None  # where the cursor goes back to
        self.question = label("", "endQuestion", "End the session?")
        self.confirm_button = _ConfirmButton(f"Yes, end the session   {key_hint(CONFIRM_KEY)}",
                                             self._confirm, self)
        self.confirm_button.setObjectName("confirmEnd")
        self.confirm_button.setAccessibleName("Yes, end the session")
        self.confirm_button.setShortcut(QKeySequence(CONFIRM_KEY))
        self.confirm_button.setToolTip(f"Yes, end the session ({key_hint(CONFIRM_KEY)})")
        # Reached by Tab, never by a click: a click must not leave it where Enter or Space go.
        self.confirm_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.confirm_button.setAutoDefault(False)
        self.confirm_button.clicked.connect(self._clicked)
        self.cancel_button = key_button("Keep going", "Escape", self.cancel, self)
        # The question across the whole width (it may name much left undone), the
        # buttons below it: "Keep going" bottom right, where End was.
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_button)
        buttons.addSpacing(120)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(6)
        layout.addWidget(self.question)
        layout.addLayout(buttons)
        self.hide()

    def ask(self, warning: str = "") -> None:
        text = f"{QUESTION} {warning}".strip()
        show_text(self.question, text, "End the session?")
        self.setAccessibleName(f"End the session? {warning}".strip())
        self._asked_at = self._monotonic()
        focus = QApplication.focusWidget()
        if focus is not None and not self.isAncestorOf(focus):
            self._focus_before = focus
        self.show()
        self.cancel_button.setFocus()  # the question is read out; Enter/Space only keep going

    def toggle(self, warning: str = "") -> None:
        self.cancel() if self.isVisible() else self.ask(warning)

    def cancel(self) -> None:
        had_focus = self.isAncestorOf(QApplication.focusWidget()) if QApplication.focusWidget() \
            else False
        self.hide()
        self._give_focus_back(had_focus)

    def _give_focus_back(self, had_focus: bool) -> None:
        before, self._focus_before = self._focus_before, None
        if had_focus and before is not None and isValid(before) and before.isVisible():
            before.setFocus()

    def _clicked(self) -> None:
        if self._monotonic() - self._asked_at >= CLICK_GUARD_S:
            self._confirm()

    def _confirm(self) -> None:
        if self.isVisible():
            self.hide()
            self._focus_before = None
            self.confirmed.emit()
