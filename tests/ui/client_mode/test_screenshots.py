"""Client mode's pages at a laptop's 1366x768, saved as pictures, and what a screen reader reads.

With KAPDESK_SCREENSHOT_DIR=docs the README's picture is refreshed
(docs/client-mode.png: a PCL-5 question, the longest there is, which must
fit whole); the other pages go to the test's temporary folder. Look at them: dark, calm, large,
readable from the couch, nothing of the practice.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QScrollArea

from kapdesk.core.measures import DEFAULT_SETTINGS, MeasureKind
from kapdesk.ui.client_mode.form_window import ClientFormWindow
from tests.helpers.accessibility import unread_labels
from tests.helpers.screenshots import save_screen, screenshot_folder

LAPTOP = (1366, 768)


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    return screenshot_folder(tmp_path)


def shown_form(qtbot, kind: MeasureKind) -> ClientFormWindow:  # noqa: ANN001
    """The form window as a plain window of the laptop's size (full screen needs the screen's)."""
    form = ClientFormWindow(kind, "Thank you, A.", DEFAULT_SETTINGS)
    qtbot.addWidget(form)
    form.release()  # closed by the test's cleanup
    form.resize(*LAPTOP)
    form.show()
    QTest.qWaitForWindowExposed(form)
    return form


def fits_whole(form: ClientFormWindow) -> bool:
    areas = form.pages.currentWidget().findChildren(QScrollArea)
    return all(area.verticalScrollBar().maximum() == 0 for area in areas if area.objectName() == "pageScroll")


def test_the_longest_question_fits_a_laptop_screen_whole(qtbot, shots, tmp_path) -> None:  # noqa: ANN001
    form = shown_form(qtbot, MeasureKind.PCL5)
    for key in "21301003":
        QTest.keyClick(form, key)
    assert form.question_page.progress.text() == "Question 9 of 20"
    image = save_screen(form, shots, "client-mode.png")
    assert (image.width(), image.height()) == LAPTOP and fits_whole(form)
    assert unread_labels(form) == []
    QTest.keyClick(form, Qt.Key.Key_Backspace)
    save_screen(form, tmp_path, "client-mode-answered.png")  # question 8, its answer marked


def test_the_review_thanks_and_therapist_pages_look_calm(qtbot, tmp_path) -> None:  # noqa: ANN001
    form = shown_form(qtbot, MeasureKind.PHQ9)
    for key in "1203110002":
        QTest.keyClick(form, key)
    assert form.state.on_review
    QTest.keyClick(form, Qt.Key.Key_Backspace)  # question 10 again: its answer is read as such
    buttons = [button.accessibleName() for button in form.question_page.answers]
    assert buttons[:4] == ["0: Not difficult at all", "1: Somewhat difficult",
                           "2: Very difficult (your answer)", "3: Extremely difficult"]
    QTest.keyClick(form, "2")
    save_screen(form, tmp_path, "client-mode-review.png")
    assert unread_labels(form) == []
    form.ask_therapist()
    save_screen(form, tmp_path, "client-mode-leave.png")
    form.saved()
    save_screen(form, tmp_path, "client-mode-thanks.png")
    assert unread_labels(form) == []
