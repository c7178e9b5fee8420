"""The window the client sees: one rating scale, full screen, and no way out but the passphrase.

A frameless top-level window of its own (hand_over.py shows it full screen
and application-modal). It holds the form's `measure_form.FormState` and
moves it only through measure_form's functions; the pages only show what
those return. Keys, read here whatever page has the focus:
- a number key answers the question on screen (0-3, 0-4 on the PCL-5); a
  number that is not an answer is said calmly and changes nothing;
- Backspace goes back one question (from the review: to the last one);
- Enter presses the focused button, and on the review page submits;
- Escape leaves nothing: on the therapist's page it goes back to the questions.
Closing (Alt+F4, the window manager's close) is refused: `closeEvent` only
lets go once hand_over.py has called `release()`.

It saves nothing and checks no passphrase itself: it says
`submit_requested(result)` and `passphrase_typed(text)`, and hand_over.py
answers with `saved()`, `save_failed(words)`, `refused()`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QPushButton, QStackedWidget, QVBoxLayout, QWidget

from kapdesk.core import measure_form
from kapdesk.core.measure_form import FormState
from kapdesk.core.measures import SCALES, MeasureAnswerError, MeasureKind, MeasureSettings
from kapdesk.ui.client_mode.question_page import QuestionPage
from kapdesk.ui.client_mode.review_page import ReviewPage
from kapdesk.ui.client_mode.therapist_pages import PassphrasePage, leave_page, thanks_page
from kapdesk.ui.common.theme import style_sheet
from kapdesk.ui.shell.idle_lock import CHECK_FAILED, CHECKING

WINDOW_TITLE = "KAPDesk — questionnaire"
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_CHORDS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
           | Qt.KeyboardModifier.MetaModifier)


class ClientFormWindow(QWidget):
    submit_requested = Signal(object)  # the scored MeasureResult
    passphrase_typed = Signal(str)

    def __init__(self, kind: MeasureKind, greeting: str, settings: MeasureSettings) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("clientForm")
        self.setWindowTitle(WINDOW_TITLE)
        self.setAccessibleName(f"{SCALES[kind].title}, for you to fill")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(style_sheet("client_mode.qss"))
        self._settings = settings
        self._released = False
        self.state: FormState = measure_form.start(kind)
        title = SCALES[kind].title
        self.question_page = QuestionPage(title)
        self.review_page = ReviewPage(title)
        self.leave_page = leave_page()
        self.thanks_page = thanks_page(greeting)
        self.pages = QStackedWidget()
        for page in (self.question_page, self.review_page, self.leave_page, self.thanks_page):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self._connect()
        self._show_state()

    def _connect(self) -> None:
        self.question_page.answered.connect(self._answer)
        self.question_page.back_requested.connect(self._back)
        self.review_page.back_requested.connect(self._back)
        self.review_page.change_requested.connect(self._go_to)
        self.review_page.submit_requested.connect(self._submit)
        for page in (self.question_page, self.review_page):
            page.therapist_requested.connect(self.ask_therapist)
        assert self.leave_page.back_button is not None
        self.leave_page.back_button.clicked.connect(self._show_state)
        for page in (self.leave_page, self.thanks_page):
            page.unlock_requested.connect(self._passphrase)

    # --- what hand_over.py tells it ------------------------------------------------

    @property
    def submitted(self) -> bool:
        return self.pages.currentWidget() is self.thanks_page

    def saved(self) -> None:
        """The answers are in the practice: thank the client, wait for the therapist."""
        self._show(self.thanks_page)
        self.thanks_page.reset()
        self.thanks_page.focus_field()

    def save_failed(self, words: str) -> None:
        """The answers could not be stored: they stay on the review page, to try again."""
        self.review_page.say(words)
        self.review_page.submit_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def refused(self, words: str = "") -> None:
        """A wrong passphrase (or one that could not be checked): said calmly, the field kept."""
        page = self._passphrase_page()
        page.refused()
        if words:
            page.say(words)

    def check_failed(self) -> None:
        self.refused(CHECK_FAILED)

    def release(self) -> None:
        """From now on the window may close (the therapist typed the passphrase)."""
        self._released = True

    def ask_therapist(self) -> None:
        """The therapist's page: return without saving (a click on "For the therapist")."""
        self.leave_page.reset()
        self._show(self.leave_page)
        self.leave_page.focus_field()

    # --- the form's moves ------------------------------------------------------------

    def _answer(self, value: int) -> None:
        self.state = measure_form.answer(self.state, value)
        self._show_state()

    def _answer_key(self, text: str) -> None:
        moved = measure_form.key_answer(self.state, text)
        if moved is None:
            self.question_page.say(f"Press a number from {self.question_page.key_range()}, "
                                   f"or choose an answer.")
            return
        self.state = moved
        self._show_state()

    def _back(self) -> None:
        self.state = measure_form.back(self.state)
        self._show_state()

    def _go_to(self, number: int) -> None:
        self.state = measure_form.go_to(self.state, number)
        self._show_state()

    def _submit(self) -> None:
        try:
            result = measure_form.submit(self.state, self._settings)
        except MeasureAnswerError as error:  # cannot happen through the pages; said if it does
            if error.questions:
                self._go_to(error.questions[0])
            self.question_page.say(str(error))
            return
        self.submit_requested.emit(result)

    def _passphrase(self, passphrase: str) -> None:
        page = self._passphrase_page()
        page.set_checking(True)
        page.say(CHECKING)
        self.passphrase_typed.emit(passphrase)

    def _passphrase_page(self) -> PassphrasePage:
        current = self.pages.currentWidget()
        return current if isinstance(current, PassphrasePage) else self.thanks_page

    def _show_state(self) -> None:
        if self.state.on_review:
            self._show(self.review_page)
            self.review_page.show_lines(measure_form.review_lines(self.state))
            return
        self._show(self.question_page)
        self.question_page.show_page(measure_form.page(self.state),
                                     can_go_back=self.state.position > 0)

    def _show(self, page: QWidget) -> None:
        self.pages.setCurrentWidget(page)

    # --- keys and closing ---------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        """Keys the focused control left alone (a button ignores digits, Backspace, Enter)."""
        page, key = self.pages.currentWidget(), event.key()
        event.accept()  # nothing reaches past this window
        if event.modifiers() & _CHORDS:
            return  # Ctrl+Enter, Alt+4 and the like are the app's keys elsewhere: none acts here
        if page is self.leave_page and key == Qt.Key.Key_Escape:
            self._show_state()
        elif page is self.question_page:
            self._question_key(event)
        elif page is self.review_page:
            self._review_key(key)

    def _question_key(self, event: QKeyEvent) -> None:
        key, text = event.key(), event.text()
        if key == Qt.Key.Key_Backspace:
            self._back()
        elif key in _ENTER:
            self._press_focused()
        elif len(text) == 1 and text.isdigit():
            self._answer_key(text)

    def _review_key(self, key: int) -> None:
        if key == Qt.Key.Key_Backspace:
            self._back()
        elif key in _ENTER:
            if not self._press_focused():
                self._submit()

    def _press_focused(self) -> bool:
        """Enter on a focused button presses it (the buttons are not "auto default")."""
        focused = self.focusWidget()
        if isinstance(focused, QPushButton) and focused.isVisible() and focused.isEnabled():
            focused.click()
            return True
        return False

    def event(self, event: QEvent) -> bool:  # noqa: D102 - Qt API
        if event.type() == QEvent.Type.WindowStateChange and self.isMinimized() and not self._released:
            # A window manager's key may minimise it: it comes straight back.
            QTimer.singleShot(0, self, self.showFullScreen)
        return super().event(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if self._released:
            super().closeEvent(event)
        else:
            event.ignore()  # Alt+F4 and the window manager's close leave it up
