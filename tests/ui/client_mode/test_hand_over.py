"""Client mode as the client and the therapist meet it: keys, Back, the review, Submit,
the record read back, and the way back into KAPDesk only through the passphrase.

Everything real (the app's window, an encrypted practice, the task runner);
the clock is fake and, but for one test, the passphrase check is an instant
comparison.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from kapdesk.core.measure_course import FilledBy
from kapdesk.core.measures import MeasureKind
from kapdesk.ui.client_mode.form_window import WINDOW_TITLE, ClientFormWindow
from kapdesk.ui.client_mode.hand_over import SAVE_FAILED, ClientMode
from kapdesk.ui.shell.idle_lock import CHECK_FAILED, WRONG_PASSPHRASE
from tests.helpers.accessibility import every_text
from tests.helpers.constants import PASSPHRASE

pytest_plugins = ("tests.helpers.session_fixtures",)


def press(*keys: str | Qt.Key) -> None:
    """Keys as the keyboard gives them: to whatever has the focus."""
    for key in keys:
        QTest.keyClick(QApplication.focusWidget(), key)


def opened(qtbot, mode, client_id: int, kind: MeasureKind) -> ClientFormWindow:  # noqa: ANN001
    """Client mode shown, and the keyboard's focus in it (the window manager activates it)."""
    form = mode.open(client_id, kind)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    return form


def type_passphrase(form: ClientFormWindow, text: str) -> None:
    QTest.keyClicks(QApplication.focusWidget(), text)
    press(Qt.Key.Key_Return)


def shown_question(form: ClientFormWindow) -> str:
    return form.question_page.question.text() if form.pages.currentWidget() is form.question_page else ""


def visible_windows() -> list[QWidget]:
    return [widget for widget in QApplication.topLevelWidgets() if widget.isVisible()]


def test_a_phq9_by_keys_with_back_the_review_and_a_change_is_saved_as_the_client_gave_it(
        qtbot, client_mode, handed, services, clock) -> None:  # noqa: ANN001
    clock.advance(3600)
    form = opened(qtbot, client_mode, handed.id, MeasureKind.PHQ9)
    assert form.isFullScreen() and form.windowTitle() == WINDOW_TITLE
    assert shown_question(form) == "Little interest or pleasure in doing things"
    assert form.question_page.progress.text() == "Question 1 of 9"
    press("1", "2", "0")
    assert form.question_page.progress.text() == "Question 4 of 9"
    press(Qt.Key.Key_Backspace)  # back to question 3: its answer is marked, to change
    assert shown_question(form).startswith("Trouble falling or staying asleep")
    chosen = [button.text() for button in form.question_page.answers if button.property("chosen")]
    assert chosen == ["0     Not at all"]
    press("3", "1", "1", "0", "2", "0", "0")
    assert form.question_page.progress.text() == "One more question"  # asked: some answer is above 0
    assert shown_question(form).startswith("If you checked off any problems")
    press("2")
    assert form.state.on_review
    lines = [line.words.text() for line in form.review_page.lines if line.isVisible()]
    assert lines[2] == ("3. Trouble falling or staying asleep, or sleeping too much: "
                        "Nearly every day")
    assert lines[-1].startswith("10. If you checked off any problems") and lines[-1].endswith(
        ": Very difficult")
    form.review_page.lines[1].click()  # change question 2
    assert form.question_page.progress.text() == "Question 2 of 9"
    press("3")  # every question answered: straight back to the review
    assert form.state.on_review and QApplication.focusWidget() is form.review_page.submit_button
    assert services.measures.for_client(handed.id) == []  # nothing is saved before Submit
    press(Qt.Key.Key_Return)
    [record] = services.measures.for_client(handed.id)
    assert record.result.answers == (1, 3, 3, 1, 1, 0, 2, 0, 0)
    assert record.result.difficulty == 2 and record.total == 11
    assert record.filled_by is FilledBy.CLIENT and record.taken_at == clock.now()
    assert form.submitted and form.thanks_page.title.text() == "Thank you, A."
    assert QApplication.focusWidget() is form.thanks_page.passphrase


def test_the_pcl5_answers_0_to_4_and_the_phq9_refuses_4_calmly(qtbot, client_mode, handed,
                                                               services) -> None:  # noqa: ANN001
    form = opened(qtbot, client_mode, handed.id, MeasureKind.PCL5)
    assert [button.text() for button in form.question_page.answers if not button.isHidden()][-1] == \
        "4     Extremely"
    press(*"4" * 20)
    assert form.state.on_review and len([line for line in form.review_page.lines
                                         if line.isVisible()]) == 20
    press(Qt.Key.Key_Return)
    [record] = services.measures.for_client(handed.id, MeasureKind.PCL5)
    assert record.result.answers == (4,) * 20 and record.total == 80
    assert record.result.provisional_ptsd
    client_mode.end()

    form = opened(qtbot, client_mode, handed.id, MeasureKind.PHQ9)
    assert [button for button in form.question_page.answers if not button.isHidden()][-1].text() == \
        "3     Nearly every day"
    press("4", "9")
    assert form.question_page.progress.text() == "Question 1 of 9" and form.state.answers[0] is None
    assert form.question_page.hint.text() == "Press a number from 0 to 3, or choose an answer."
    press("0")
    assert form.question_page.progress.text() == "Question 2 of 9"
    assert form.question_page.hint.text() == ""


def test_large_buttons_and_back_answer_by_click_as_well(qtbot, client_mode, handed,
                                                        services) -> None:  # noqa: ANN001
    form = opened(qtbot, client_mode, handed.id, MeasureKind.GAD7)
    page = form.question_page
    assert not page.back_button.isEnabled()  # nothing before the first question
    page.answers[2].click()
    page.back_button.click()
    assert page.progress.text() == "Question 1 of 7" and page.answers[2].property("chosen")
    for _ in range(7):
        page.answers[0].click()
    assert form.state.on_review
    form.review_page.back_button.click()  # from the review: the last question
    assert page.progress.text() == "Question 7 of 7"
    page.answers[1].click()
    form.review_page.submit_button.click()
    [record] = services.measures.for_client(handed.id)
    assert record.result.answers == (0, 0, 0, 0, 0, 0, 1) and record.result.difficulty is None


def test_nothing_of_another_client_or_of_the_notes_is_anywhere_in_client_mode(
        qtbot, client_mode, handed, marker, wired) -> None:  # noqa: ANN001
    wired.window.show()
    form = opened(qtbot, client_mode, handed.id, MeasureKind.PHQ9)

    def seen() -> list[str]:
        texts = [text for window in visible_windows() for text in every_text(window)]
        return [text for text in texts if marker.split()[1] in text or "Morgan" in text]

    assert visible_windows() == [form]  # the main window is hidden while the client fills
    assert seen() == []
    press(*"000000000")
    assert form.state.on_review and seen() == []
    form.ask_therapist()
    assert seen() == []
    press(Qt.Key.Key_Escape)
    press(Qt.Key.Key_Return)
    assert form.submitted and seen() == []
    assert all(marker not in text for text in every_text(form))  # hidden pages as well


SHORTCUTS = ("Ctrl+Q", "Ctrl+L", "Ctrl+N", "Ctrl+W", "F1", "F2", "F5", "F9", "F11",
             "Ctrl+Shift+F", "Ctrl+Shift+S", "Ctrl+,", "Ctrl+Shift+M", "Ctrl+Shift+R",
             "Ctrl+Shift+H", "Alt+F4", "Ctrl+Return")


def test_no_key_of_the_main_window_reaches_through_and_escape_and_close_do_not_leave(
        qtbot, client_mode, handed, wired) -> None:  # noqa: ANN001
    form = opened(qtbot, client_mode, handed.id, MeasureKind.GAD7)
    popped: list[str] = []

    def close_any_other_window() -> None:  # a key that got through would open one and wait
        for widget in visible_windows():
            if widget is not form:
                popped.append(widget.windowTitle() or type(widget).__name__)
                if widget is not wired.window:
                    widget.close()

    watch = QTimer(form)
    watch.timeout.connect(close_any_other_window)
    watch.start(20)
    press("1")
    for page in ("question", "review"):
        for key in SHORTCUTS:
            QTest.keySequence(QApplication.focusWidget(), key)
        press(Qt.Key.Key_Escape)
        assert form.isVisible() and client_mode.active and popped == []
        if page == "question":
            assert form.question_page.progress.text() == "Question 2 of 7"
            press(*"111111")
            assert form.state.on_review
    assert not wired.idle_lock.is_locked and not wired.window.isVisible()
    assert form.state.on_review and form.state.answers == (1,) * 7
    form.close()  # Alt+F4 through the window manager: a close request
    QApplication.sendEvent(form, QCloseEvent())
    assert form.isVisible() and client_mode.active
    watch.stop()


def test_the_passphrase_brings_the_app_back_and_a_wrong_one_is_refused_calmly(
        qtbot, practice_checked_mode, handed, services, wired) -> None:  # noqa: ANN001
    mode = practice_checked_mode
    form = opened(qtbot, mode, handed.id, MeasureKind.GAD7)
    saved = []
    mode.submitted.connect(lambda client, measure: saved.append((client, measure)))
    press(*"2222222", Qt.Key.Key_Return)
    [record] = services.measures.for_client(handed.id)
    assert saved == []  # the follow-up waits for the therapist, never in front of the client
    type_passphrase(form, "not the passphrase")
    qtbot.waitUntil(lambda: form.thanks_page.message.text() == WRONG_PASSPHRASE, timeout=10_000)
    assert mode.active and form.isVisible() and not wired.window.isVisible()
    assert form.thanks_page.passphrase.hasSelectedText()  # typing again replaces it
    type_passphrase(form, PASSPHRASE)
    qtbot.waitUntil(lambda: not mode.active, timeout=10_000)
    assert saved == [(handed.id, record.id)]
    assert mode.form is None and visible_windows() == [wired.window]
    assert mode.outcome == "The GAD-7 the client filled on the laptop is saved."


def test_the_therapist_can_leave_before_submit_and_nothing_is_saved(
        qtbot, client_mode, handed, services, wired) -> None:  # noqa: ANN001
    form = opened(qtbot, client_mode, handed.id, MeasureKind.PHQ9)
    left = []
    client_mode.left_unsaved.connect(lambda client, words: left.append((client, words)))
    press("1", "1")
    form.question_page.therapist_button.click()
    assert form.pages.currentWidget() is form.leave_page
    assert "will not be kept" in form.leave_page.hint.text()
    press(Qt.Key.Key_Escape)  # back to the questions, where it was
    assert form.question_page.progress.text() == "Question 3 of 9"
    form.question_page.therapist_button.click()
    type_passphrase(form, "1234")
    qtbot.waitUntil(lambda: form.leave_page.message.text() == WRONG_PASSPHRASE)
    assert client_mode.active
    type_passphrase(form, PASSPHRASE)
    qtbot.waitUntil(lambda: not client_mode.active)
    assert services.measures.for_client(handed.id) == []
    assert left == [(handed.id, "The PHQ-9 was left before it was submitted: nothing of it was "
                                "saved. Hand the laptop over again to fill it.")]
    assert client_mode.outcome == left[0][1] and wired.window.isVisible()


def test_hand_to_client_waits_for_the_passphrase_and_says_whether_a_form_was_submitted(
        qtbot, client_mode, handed, services) -> None:  # noqa: ANN001
    def fill_and_return() -> None:
        form = client_mode.form
        assert form is not None and form.isVisible()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
        press(*"0000000", Qt.Key.Key_Return)
        type_passphrase(form, PASSPHRASE)

    reported: list[tuple] = []
    client_mode.submitted.connect(lambda *ids: reported.append((*ids, client_mode.active)))
    client_mode.left_unsaved.connect(lambda *said: reported.append(said))
    QTimer.singleShot(0, fill_and_return)
    assert client_mode.hand_to_client(handed.id, MeasureKind.GAD7) is True
    [record] = services.measures.for_client(handed.id)
    assert not client_mode.active and reported == [(handed.id, record.id, False)]

    def leave() -> None:
        assert client_mode.form is not None
        qtbot.waitUntil(lambda: QApplication.activeWindow() is client_mode.form)
        client_mode.form.ask_therapist()
        type_passphrase(client_mode.form, PASSPHRASE)

    QTimer.singleShot(0, leave)
    assert client_mode.hand_to_client(handed.id, MeasureKind.GAD7) is False
    assert len(services.measures.for_client(handed.id)) == 1
    assert reported[1] == (handed.id, client_mode.outcome) and "nothing of it was saved" in reported[1][1]


def test_answers_that_could_not_be_stored_stay_on_screen_to_try_again(
        qtbot, client_mode, handed, services, monkeypatch) -> None:  # noqa: ANN001
    form = opened(qtbot, client_mode, handed.id, MeasureKind.GAD7)
    press(*"3333333")

    def full_disk(*_args, **_kwargs):  # noqa: ANN002, ANN003, ANN202
        raise OSError("database or disk is full")

    with monkeypatch.context() as patch:
        patch.setattr(services.measures, "add", full_disk)
        press(Qt.Key.Key_Return)
    assert form.review_page.message.text() == SAVE_FAILED and not form.submitted
    assert form.state.answers == (3,) * 7
    press(Qt.Key.Key_Return)
    [record] = services.measures.for_client(handed.id)
    assert record.total == 21 and form.submitted


def test_a_window_left_in_view_takes_no_key_not_even_an_application_wide_one(
        qtbot, client_mode, handed) -> None:  # noqa: ANN001
    other = QDialog()  # a dialog is left where it is (hiding one would end its loop)
    other.setWindowTitle("Another window")
    qtbot.addWidget(other)
    fired: list[bool] = []
    QShortcut(QKeySequence("Ctrl+N"), other, lambda: fired.append(True),
              context=Qt.ShortcutContext.ApplicationShortcut)
    other.show()
    QTest.qWaitForWindowExposed(other)
    form = opened(qtbot, client_mode, handed.id, MeasureKind.GAD7)
    QTest.keySequence(QApplication.focusWidget(), "Ctrl+N")
    assert fired == [] and client_mode.active
    assert QApplication.activeModalWidget() is form


def test_a_minimised_form_comes_straight_back(qtbot, client_mode, handed) -> None:  # noqa: ANN001
    form = opened(qtbot, client_mode, handed.id, MeasureKind.GAD7)
    form.showMinimized()
    qtbot.waitUntil(lambda: form.isFullScreen() and not form.isMinimized())


def test_enter_presses_the_focused_button_and_on_the_review_submits(qtbot, client_mode, handed,
                                                                   services) -> None:  # noqa: ANN001
    form = opened(qtbot, client_mode, handed.id, MeasureKind.GAD7)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # from the question to the first answer
    assert QApplication.focusWidget() is form.question_page.answers[0]
    form.question_page.answers[2].setFocus()
    press(Qt.Key.Key_Return)
    assert form.state.answers[0] == 2 and form.question_page.progress.text() == "Question 2 of 7"
    press(*"000000")
    form.review_page.lines[0].setFocus()
    press(Qt.Key.Key_Enter)  # the keypad's Enter on a line: that question, to change
    assert form.question_page.progress.text() == "Question 1 of 7"
    press("1")
    assert QApplication.focusWidget() is form.review_page.submit_button
    press(Qt.Key.Key_Return)
    [record] = services.measures.for_client(handed.id)
    assert record.result.answers == (1, 0, 0, 0, 0, 0, 0)


def test_a_passphrase_that_cannot_be_checked_is_said_and_the_form_stays(
        qtbot, wired, services, handed, clock) -> None:  # noqa: ANN001
    def unreadable(_typed: str) -> bool:
        raise OSError("the practice's check file cannot be read")

    mode = ClientMode(services, wired.window, wired.tasks, clock=clock, confirms=unreadable)
    try:
        form = opened(qtbot, mode, handed.id, MeasureKind.GAD7)
        form.ask_therapist()
        type_passphrase(form, PASSPHRASE)
        qtbot.waitUntil(lambda: form.leave_page.message.text() == CHECK_FAILED)
        assert mode.active and form.leave_page.unlock_button.isEnabled()
    finally:
        mode.end()
