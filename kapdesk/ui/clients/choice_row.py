"""One question with its answers as large buttons, answered by a click or by a key.

Used for a rating scale's items (keys 0-3, or 0-4 for the PCL-5) and for the
contraindication list (N, Y, U). The row itself takes the keyboard focus, not
each button, so Tab goes from question to question and the key answers the
question the cursor is on; Delete takes the answer back. Nothing is chosen
until the therapist chooses: an unanswered question is never shown as "no"
or "0". A problem about the question is written inside its row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QButtonGroup, QFrame, QHBoxLayout, QPushButton, QVBoxLayout,
                               QWidget)

from kapdesk.ui.clients.course_dialog import problem_label, set_problems
from kapdesk.ui.common.widgets import wrapped_label


@dataclass(frozen=True)
class Choice:
    value: Any
    key: str  # the key that chooses it: "0", "Y"
    text: str  # the answer's words: "Not at all"
    shown: str  # on the button: "0  Not at all", "Yes  [Y]"


class ChoiceRow(QFrame):
    answered = Signal()  # the answer changed (chosen, or taken back)

    def __init__(self, name: str, question: str, choices: Sequence[Choice],
                 extra: QWidget | None = None, stacked: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("choiceRow")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.name = name
        self.choices = tuple(choices)
        self._value: Any = None
        self.question_label = wrapped_label(question, "", question)
        self.question_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problem = problem_label(f"{name}: problem")
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)  # exclusivity by hand: an answer can be taken back
        self.buttons: list[QPushButton] = []
        # Stacked: one answer a line, for answers of many words (a list's items).
        buttons = QVBoxLayout() if stacked else QHBoxLayout()
        buttons.setSpacing(8)
        for choice in self.choices:
            button = QPushButton(choice.shown)
            button.setCheckable(True)
            button.setProperty("choice", True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the row is the stop; keys answer it
            button.setAccessibleName(f"{choice.text} ({choice.key})")
            if stacked:
                button.setStyleSheet("text-align: left;")
            button.clicked.connect(lambda _checked=False, value=choice.value: self._chose(value))
            self.group.addButton(button)
            self.buttons.append(button)
            buttons.addWidget(button)
        if not stacked:
            buttons.addStretch(1)
        if extra is not None:
            buttons.addWidget(extra, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(8)
        layout.addWidget(self.question_label)
        layout.addLayout(buttons)
        layout.addWidget(self.problem)
        self._describe()

    @property
    def value(self) -> Any:
        return self._value

    def set_value(self, value: Any) -> None:
        """Show `value` as chosen (None: unanswered) without saying it was answered."""
        self._value = value
        for button, choice in zip(self.buttons, self.choices):
            button.setChecked(choice.value == value and value is not None)
        self._describe()

    def show_problem(self, problems: Sequence[str]) -> None:
        set_problems(self.problem, problems)
        self.mark()

    def mark(self) -> None:
        """Outline the row while its problem line has words."""
        problem = bool(self.problem.text())
        if bool(self.property("problem")) != problem:
            self.setProperty("problem", problem)
            self.style().unpolish(self)
            self.style().polish(self)

    def _chose(self, value: Any) -> None:
        self.set_value(value)
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.answered.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        key = event.text().upper()
        choice = next((c for c in self.choices if key and c.key == key), None)
        if choice is not None:
            self._chose(choice.value)
        elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self._value is not None:
            self.set_value(None)
            self.answered.emit()
        else:
            super().keyPressEvent(event)

    def _describe(self) -> None:
        chosen = next((c.text for c in self.choices if c.value == self._value
                       and self._value is not None), None)
        answer = "not answered" if chosen is None else chosen
        self.setAccessibleName(f"{self.question_label.text()} Answer: {answer}")
        keys = ", ".join(f"{c.key} {c.text}" for c in self.choices)
        self.setAccessibleDescription(f"Keys: {keys}; Delete takes the answer back.")
