"""The course forms as a screen reader and a tired eye meet them: every control named,
every label read with its words, and pictures of the screening and the measure entry.

With KAPDESK_SCREENSHOT_DIR=docs the README's pictures are refreshed
(docs/screening-form.png, docs/measure-entry.png); otherwise they go to the test's
temporary folder. Look at them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QAbstractButton, QApplication, QAbstractSpinBox, QLineEdit, QPlainTextEdit,
                               QScrollArea, QWidget)

from kapdesk.core.measure_course import FilledBy
from kapdesk.core.measures import MeasureKind, score
from kapdesk.core.screening import Answer
from kapdesk.ui.clients.choice_row import ChoiceRow
from kapdesk.ui.common.theme import style_sheet
from tests.helpers.accessibility import unread_labels
from tests.helpers.course_form_keys import answers_by_keys, keys, type_into
from tests.helpers.course_records import TODAY, clear_screening
from tests.helpers.screenshots import save_screen, screenshot_folder

pytest_plugins = ("tests.helpers.course_form_fixtures",)
CONTROLS = (QAbstractButton, QLineEdit, QPlainTextEdit, QAbstractSpinBox, QScrollArea, ChoiceRow)


def unnamed(form) -> list[str]:  # noqa: ANN001
    return [f"{type(w).__name__} {w.objectName()!r}" for w in form.findChildren(QWidget)
            if isinstance(w, CONTROLS) and not w.accessibleName().strip()
            and not w.objectName().startswith("qt_")]  # Qt's own parts, read through their owner


def test_every_control_of_every_form_is_named(forms, player, services, client_id, clock) -> None:  # noqa: ANN001
    screening = services.screenings.add(clear_screening(client_id, copd=Answer.YES), TODAY)
    phq9 = services.measures.add(client_id, score(MeasureKind.PHQ9, [1] * 9, 1), clock.now(),
                                 FilledBy.PAPER)
    problems: list[str] = []

    def check(form) -> None:  # noqa: ANN001
        form.save()  # the problems' lines shown too
        problems.extend(f"{type(form).__name__}: {line}"
                        for line in unnamed(form) + unread_labels(form))

    for _ in range(8):
        player.then(check)
    forms.record_screening(client_id)
    forms.record_clearance(client_id, screening.id)
    forms.record_consent(client_id)
    for kind in MeasureKind:
        forms.enter_measure(client_id, kind)
    forms.correct_measure(client_id, phq9.id)
    forms.assess_risk(client_id, phq9.id)
    assert len(player.forms) == 8
    assert problems == []


def _themed(form) -> None:  # noqa: ANN001
    """The app's day theme under the form's own additions, as the app sets it."""
    form.setStyleSheet(style_sheet() + form.styleSheet())


def test_screenshots_of_the_screening_and_the_measure_entry(forms, player, services,
                                                            client_id, tmp_path: Path) -> None:  # noqa: ANN001
    folder = screenshot_folder(tmp_path)
    sizes = []

    def screening(form) -> None:  # noqa: ANN001
        _themed(form)
        keys(*"NNNNNN")
        keys("U")
        type_into(form.notes["pregnant_nursing"], "pregnancy test next week")
        type_into(form.by_edit, "Dr. Ana Rivera")
        form.medications.add_button.click()
        type_into(form.medications.rows[0]["name"], "sertraline")
        type_into(form.medications.rows[0]["dose"], "50 mg daily")
        type_into(form.medications.rows[0]["since"], "2023")
        form.rows["hypertension"].setFocus()  # the next to answer, outlined
        QApplication.processEvents()  # the verdict's new line takes its height first
        bar = form.scroll.verticalScrollBar()
        row = form.rows["hypertension"]
        bar.setValue(row.y() + row.height() + 12 - form.scroll.viewport().height())
        sizes.append(save_screen(form, folder, "screening-form.png").size().toTuple())

    def measure(form) -> None:  # noqa: ANN001
        _themed(form)
        answers_by_keys([1, 2, 1, 1, 0, 2])
        form.rows[7].setFocus()
        answers_by_keys([0, 1])
        form.rows[6].setFocus()  # the one left, outlined
        form.scroll.verticalScrollBar().setValue(form.scroll.verticalScrollBar().maximum())
        sizes.append(save_screen(form, folder, "measure-entry.png").size().toTuple())

    player.then(screening).then(measure)
    forms.record_screening(client_id)
    forms.enter_measure(client_id, MeasureKind.PHQ9)
    assert all(width <= 1280 and height <= 800 for width, height in sizes), sizes
