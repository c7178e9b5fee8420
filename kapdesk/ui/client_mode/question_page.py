"""One question of the form, in very large text, with its answers as large numbered buttons.

Shows a `measure_form.Page` as it is: the form's name, "Question 3 of 9",
the stem, the question's exact words, and one button per answer ("0   Not
at all"), the answer given so far marked. It decides nothing: a click says
`answered(value)`, Back says `back_requested`; the number keys are read by
the form window, which owns the form's state. The question label holds the
focus, so a screen reader reads the question first and no answer button is
pressed by a stray Space.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QScrollArea, QVBoxLayout, QWidget

from kapdesk.core.measure_form import Page
from kapdesk.core.measures import AnswerOption
from kapdesk.ui.common.widgets import label, show_text

MOST_ANSWERS = 5  # the PCL-5's 0-4


def quiet_button(text: str, name: str, accessible: str) -> QPushButton:
    """A button that Tab reaches and a click presses (Enter is routed by the form window)."""
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(accessible)
    button.setAutoDefault(False)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


def fitting(body: QWidget) -> QScrollArea:
    """`body` in a frameless scroll area: on a small screen the longest PCL-5 question
    scrolls rather than pushing the window past the screen's edge (on a laptop's
    1366x768 it fits whole)."""
    area = QScrollArea()
    area.setObjectName("pageScroll")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(body)
    return area


class QuestionPage(QWidget):
    answered = Signal(int)
    back_requested = Signal()
    therapist_requested = Signal()

    def __init__(self, title: str) -> None:
        super().__init__()
        self.setObjectName("questionPage")
        self.setAccessibleName("Question")
        self.title = label(title, "formTitle")
        self.progress = label("", "formProgress", "Progress")
        self.stem = label("", "formStem", "Instructions")
        self.question = label("", "formQuestion", "Question")
        self.question.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.hint = label("", "formHint", "Hint")
        self.answers = [self._answer_button(index) for index in range(MOST_ANSWERS)]
        self.back_button = quiet_button("Back  (Backspace)", "formBack", "Back to the previous question")
        self.back_button.clicked.connect(self.back_requested)
        self.therapist_button = quiet_button("For the therapist", "therapistButton",
                                             "For the therapist: return to KAPDesk without saving")
        self.therapist_button.clicked.connect(self.therapist_requested)
        self._options: tuple[AnswerOption, ...] = ()
        self._lay_out()

    def _answer_button(self, index: int) -> QPushButton:
        button = quiet_button("", "answerButton", "")
        button.clicked.connect(lambda _checked=False, i=index: self._clicked(i))
        return button

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.progress, 0, Qt.AlignmentFlag.AlignRight)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        column.addLayout(top)
        column.addWidget(self.stem)
        column.addSpacing(6)
        column.addWidget(self.question)
        column.addStretch(1)
        for button in self.answers:
            column.addWidget(button)
        column.addWidget(self.hint)
        column.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        bottom.addWidget(self.therapist_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 20)
        layout.setSpacing(12)
        layout.addWidget(fitting(body), 1)
        layout.addLayout(bottom)

    def show_page(self, page: Page, can_go_back: bool) -> None:
        show_text(self.progress, page.progress, "Progress")
        show_text(self.stem, page.stem, "Instructions")
        self.stem.setVisible(bool(page.stem))
        show_text(self.question, page.text, f"Question {page.number}")
        self.say("")
        self._options = page.options
        for index, button in enumerate(self.answers):
            option = page.options[index] if index < len(page.options) else None
            button.setVisible(option is not None)
            if option is not None:
                self._show_option(button, option, chosen=option.value == page.chosen)
        self.back_button.setEnabled(can_go_back)
        self.question.setFocus(Qt.FocusReason.OtherFocusReason)

    @staticmethod
    def _show_option(button: QPushButton, option: AnswerOption, chosen: bool) -> None:
        button.setText(f"{option.value}     {option.label}")
        button.setAccessibleName(f"{option.value}: {option.label}" + (" (your answer)" if chosen else ""))
        button.setAccessibleDescription(f"Key {option.value}")
        if button.property("chosen") != chosen:
            button.setProperty("chosen", chosen)
            button.style().unpolish(button)
            button.style().polish(button)

    def say(self, text: str) -> None:
        show_text(self.hint, text, "Hint")
        self.hint.setVisible(bool(text))  # no empty line's height taken from the question

    def key_range(self) -> str:
        """ "0 to 3": the keys that answer this question."""
        values = [option.value for option in self._options]
        return f"{values[0]} to {values[-1]}" if values else ""

    def _clicked(self, index: int) -> None:
        if index < len(self._options):
            self.answered.emit(self._options[index].value)
