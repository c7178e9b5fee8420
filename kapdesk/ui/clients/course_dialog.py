"""What every course-of-care form on the client's page shares: a calm, large dialog.

The form's fields scroll under a heading; Save (Ctrl+S) checks the draft with
core's `*_problems` words and stores it; a refused draft stays on screen with
each problem written beside the field it is about (and a line by the buttons
saying so), never a raw exception. A problem goes as soon as it is put
right. Escape, Cancel or the close box leave at once when nothing was typed;
otherwise the form asks first ("Discard what you typed?"), with "Keep
editing" as the default answer.

A subclass builds its fields into `body`, calls `edited()` whenever one
changes, and implements `has_changes`, `problems` (the draft's problems in
core's words), `routes` (which problem label a problem belongs beside) and
`store` (which may raise CourseRecordRefused: its words are shown the same way).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QDateEdit, QDialog, QFrame, QHBoxLayout, QLabel, QPushButton,
                               QScrollArea, QVBoxLayout, QWidget)

from kapdesk.assets import asset_path
from kapdesk.storage.course_errors import CourseRecordRefused
from kapdesk.ui.common.widgets import show_text, wrapped_label

DISCARD = "Discard what you typed?"
# Additions to the day theme (style.qss) for these forms: larger type, a
# chosen answer that stands out without glaring (by colour only: bold words
# would no longer fit the button sized for them), the row being answered outlined.
FORM_STYLE = """
QDialog#courseForm QWidget { font-size: 17px; }
QDialog#courseForm QLabel#title { font-size: 24px; }
QDialog#courseForm QLabel#groupTitle { font-size: 19px; font-weight: 600; color: #3d4f48; }
QDialog#courseForm QLabel#verdict { font-size: 18px; padding: 10px 12px; border-radius: 8px;
                                    background: #e7eee9; color: #2f4a40; }
QDialog#courseForm QLabel#verdict[level="alert"] { background: #f4dfd9; color: #7a2e22; }
QDialog#courseForm QLabel#verdict[level="caution"] { background: #f6e7d2; color: #6a4a1c; }
QFrame#choiceRow { background: #fbf9f5; border: 1px solid #e2dbd0; border-radius: 10px; }
QFrame#choiceRow:focus { border: 2px solid #5b7f73; }
QFrame#choiceRow[problem="true"] { border: 2px solid #9a3b2f; }
QPushButton[choice="true"] { padding: 8px 14px; }
QDialog#courseForm QDateEdit { padding-right: 30px; }
QDialog#courseForm QDateEdit::drop-down { subcontrol-origin: padding; subcontrol-position: center right;
                                          width: 26px; border: none; }
QDialog#courseForm QDateEdit::down-arrow { image: url(@UI@/arrow-down.svg); width: 12px; height: 8px; }
QScrollArea#formScroll QScrollBar:vertical { background: #ebe5db; width: 14px; border: none;
                                             border-radius: 7px; margin: 0; }
QScrollArea#formScroll QScrollBar::handle:vertical { background: #c4baab; border-radius: 7px;
                                                     min-height: 40px; }
QScrollArea#formScroll QScrollBar::add-line:vertical,
QScrollArea#formScroll QScrollBar::sub-line:vertical { height: 0; border: none; }
QScrollArea#formScroll QScrollBar::add-page:vertical,
QScrollArea#formScroll QScrollBar::sub-page:vertical { background: none; }
QPushButton[choice="true"]:checked { background: #5b7f73; border-color: #4c6c61;
                                     color: #fbfaf7; }
"""


def form_style() -> str:
    """FORM_STYLE with @UI@ as the assets/ui folder (for the date field's arrow)."""
    return FORM_STYLE.replace("@UI@", asset_path("ui").as_posix())


def problem_label(role: str) -> QLabel:
    """An error line to put beside a field: empty and hidden until it has words."""
    label = wrapped_label("", "error", role)
    label.setProperty("problemRole", role)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.hide()
    return label


def set_problems(label: QLabel, problems: Sequence[str]) -> None:
    text = "\n".join(problems)
    show_text(label, text, str(label.property("problemRole")))
    label.setVisible(bool(text))


def date_edit(name: str, day: dt.date) -> QDateEdit:
    """A date field (year-month-day) that takes any date: core says in words which it refuses."""
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setAccessibleName(name)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setCalendarPopup(True)
    edit.setMinimumWidth(170)
    edit.setMaximumWidth(240)
    return edit


def date_of(edit: QDateEdit) -> dt.date:
    found = edit.date()
    return dt.date(found.year(), found.month(), found.day())


def group_title(text: str) -> QLabel:
    label = wrapped_label(text, "groupTitle", text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class CourseDialog(QDialog):
    def __init__(self, title: str, heading: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("courseForm")
        self.setWindowTitle(f"KAPDesk \N{EM DASH} {title}")
        self.setStyleSheet(form_style())
        self._checked_once = False  # after a refused save, problems follow every edit
        self.heading = wrapped_label(heading, "title", heading)
        self.body = QWidget()
        self.body.setObjectName("formBody")
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 12, 0)
        self.body_layout.setSpacing(14)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("formScroll")
        self.scroll.setWidgetResizable(True)
        # Long words wrap and rows grow down: a form never scrolls sideways.
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.body)
        self.scroll.setAccessibleName(title)
        self.problems_label = problem_label("Not saved")
        self.save_button = QPushButton("Save  [Ctrl+S]")
        self.save_button.setAccessibleName("Save")
        self.save_button.setProperty("primary", True)
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton("Cancel  [Esc]")
        self.cancel_button.setAccessibleName("Cancel")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.discard_bar = DiscardBar(DISCARD, self)
        self.discard_bar.discard_button.clicked.connect(self._discard)
        self.discard_bar.keep_button.clicked.connect(self._keep_editing)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save)
        self._lay_out()

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.problems_label, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 22)
        layout.setSpacing(14)
        layout.addWidget(self.heading)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.discard_bar)
        layout.addLayout(buttons)
        self.resize(980, 760)

    # --- what a form provides ----------------------------------------------------

    def has_changes(self) -> bool:
        raise NotImplementedError

    def problems(self) -> list[str]:
        """The draft's problems in core's words ([] when it can be stored)."""
        raise NotImplementedError

    def routes(self) -> Sequence[tuple[QLabel, Sequence[str]]]:
        """(problem label, words): a problem naming one of the words is shown in that label."""
        return ()

    def store(self) -> None:
        raise NotImplementedError

    # --- saving ------------------------------------------------------------------

    def save(self) -> None:
        """Check, store and close; a refused draft stays, its problems beside their fields."""
        self.discard_bar.hide()
        problems = self.problems()
        if not problems:
            try:
                self.store()
            except CourseRecordRefused as refused:
                problems = list(refused.problems)
        self._checked_once = True
        self.show_problems(problems)
        if problems:
            self._focus_first_problem()
        else:
            self.accept()

    def _focus_first_problem(self) -> None:
        """The cursor on the first question a problem is about, so its key answers it at once."""
        first = next((label for label, _ in self.routes() if label.isVisibleTo(self)), None)
        owner = None if first is None else first.parentWidget()
        if (owner is not None and owner is not self.body
                and owner.focusPolicy() != Qt.FocusPolicy.NoFocus):
            owner.setFocus()

    def edited(self) -> None:
        """A field changed: a problem shown goes as soon as it is put right."""
        if self._checked_once:
            self.show_problems(self.problems())

    def show_problems(self, problems: Sequence[str]) -> None:
        placed: dict[int, list[str]] = {}
        labels = list(dict.fromkeys(label for label, _ in self.routes()))
        rest = []
        for problem in problems:
            words = problem.casefold()
            target = next((label for label, keys in self.routes()
                           if any(key in words for key in keys)), None)
            if target is None:
                rest.append(problem)
            else:
                placed.setdefault(id(target), []).append(problem)
        for label in labels:
            set_problems(label, placed.get(id(label), []))
        marked = len(problems) - len(rest)
        if marked:
            rest.append(f"Not saved: {marked} problem{'s' * (marked > 1)} marked above."
                        if len(rest) == 0 else "More are marked above.")
        set_problems(self.problems_label, rest)
        first = next((label for label in labels if label.isVisibleTo(self)), None)
        if first is not None:
            self.body_layout.activate()  # the shown lines take their place before scrolling
            self.scroll.ensureWidgetVisible(first, 0, 80)

    # --- leaving without saving --------------------------------------------------

    def reject(self) -> None:  # noqa: D102 - Esc, Cancel and the close box all come here
        leave_or_ask(self.discard_bar, self.has_changes(), self._keep_editing, super().reject)

    def _keep_editing(self) -> None:
        self.discard_bar.hide()
        self.focus_first()

    def focus_first(self) -> None:
        """Where the cursor goes when the form opens or the therapist keeps editing."""
        self.scroll.setFocus(Qt.FocusReason.OtherFocusReason)

    def _discard(self) -> None:
        self.discard_bar.hide()
        super().reject()


def leave_or_ask(bar: DiscardBar, typed: bool, keep_editing: Callable[[], None],
                 leave: Callable[[], None]) -> None:
    """Esc, Cancel or the close box on a form: with the question up, keep editing (the
    safe answer); with something typed, ask; with nothing typed, leave at once."""
    if bar.isVisible():
        keep_editing()
    elif typed:
        bar.ask()
    else:
        leave()


class DiscardBar(QFrame):
    """The in-form question before what was typed is thrown away."""

    def __init__(self, question: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setAccessibleName(question)
        self.question = wrapped_label(question, "warning", question)
        self.keep_button = QPushButton("Keep editing")
        self.keep_button.setAccessibleName("Keep editing")
        self.discard_button = QPushButton("Discard")
        self.discard_button.setAccessibleName("Discard what was typed")
        self.discard_button.setAutoDefault(False)
        layout = QHBoxLayout(self)
        layout.addWidget(self.question, 1)
        layout.addWidget(self.discard_button)
        layout.addWidget(self.keep_button)
        self.hide()

    def ask(self) -> None:
        self.show()
        # Enter and Space answer "Keep editing": throwing away takes a deliberate click.
        self.keep_button.setDefault(True)
        self.keep_button.setFocus(Qt.FocusReason.OtherFocusReason)
