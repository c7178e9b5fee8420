"""The review page: every answer listed, any one opened again to change it, then Submit.

Shows `measure_form.review_lines` as they are, one large line each ("3.
Trouble falling or staying asleep…: Several days"); a click (or Enter on a
focused line) asks for that question (`change_requested(number)`). Submit
(Enter when no line has the focus) asks to submit. A long form (the PCL-5's
20 answers) scrolls; the buttons stay in view.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout,
                               QWidget)

from kapdesk.ui.client_mode.question_page import quiet_button
from kapdesk.ui.common.widgets import label, show_text

REVIEW_TITLE = "Check your answers"
REVIEW_HINT = "To change an answer, choose it. When all is as you mean it, press Submit (Enter)."


class ReviewLine(QPushButton):
    """One answer on the review page: a button whose words wrap (a plain button's do not),
    so the longest question reads whole at a large size."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("reviewLine")
        self.setAutoDefault(False)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.words = label("", "reviewWords")
        self.words.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(18, 10, 18, 10)
        layout.addWidget(self.words)
        # A button's height is fixed to one line of its own text; this one's
        # follows its words (the layout's height for the width it gets).
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def show_line(self, line: str) -> None:
        show_text(self.words, line, "Answer")
        self.setAccessibleName(f"Change answer {line}")


class ReviewPage(QWidget):
    change_requested = Signal(int)  # the question's number on the form
    submit_requested = Signal()
    back_requested = Signal()
    therapist_requested = Signal()

    def __init__(self, title: str) -> None:
        super().__init__()
        self.setObjectName("reviewPage")
        self.setAccessibleName(REVIEW_TITLE)
        self.title = label(title, "formTitle")
        self.heading = label(REVIEW_TITLE, "formProgress")
        self.hint = label(REVIEW_HINT, "formStem")
        self.message = label("", "formHint", "Message")
        self.lines: list[ReviewLine] = []
        self._list = QWidget()
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.setContentsMargins(0, 0, 8, 0)
        self._list_layout.setSpacing(8)
        self._list_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("reviewScroll")
        self.scroll.setAccessibleName("Your answers")
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self._list)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the lines take the focus, not the frame
        self.back_button = quiet_button("Back  (Backspace)", "formBack", "Back to the last question")
        self.back_button.clicked.connect(self.back_requested)
        self.submit_button = quiet_button("Submit  (Enter)", "formSubmit", "Submit my answers")
        self.submit_button.clicked.connect(self.submit_requested)
        self.therapist_button = quiet_button("For the therapist", "therapistButton",
                                             "For the therapist: return to KAPDesk without saving")
        self.therapist_button.clicked.connect(self.therapist_requested)
        self._lay_out()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.heading, 0, Qt.AlignmentFlag.AlignRight)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        bottom.addWidget(self.therapist_button, 0, Qt.AlignmentFlag.AlignBottom)
        bottom.addSpacing(16)
        bottom.addWidget(self.submit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 20)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.message)
        layout.addLayout(bottom)

    def show_lines(self, lines: Sequence[str]) -> None:
        while len(self.lines) < len(lines):
            button = ReviewLine()
            number = len(self.lines) + 1
            button.clicked.connect(lambda _checked=False, n=number: self.change_requested.emit(n))
            self._list_layout.insertWidget(len(self.lines), button)
            self.lines.append(button)
        for index, button in enumerate(self.lines):
            shown = index < len(lines)
            button.setVisible(shown)
            if shown:
                button.show_line(lines[index])
        self.say("")
        self.scroll.verticalScrollBar().setValue(0)
        self.submit_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def say(self, text: str) -> None:
        show_text(self.message, text, "Message")

    def focused_line(self) -> ReviewLine | None:
        """The answer line with the keyboard focus, if one has it (Enter opens it)."""
        focused = self.focusWidget()
        return focused if focused in self.lines else None
