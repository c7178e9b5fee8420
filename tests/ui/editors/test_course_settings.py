"""Settings → Course settings on a real encrypted practice: the contraindication list
edited and saved as a new version while an earlier screening keeps its words, problems
refused in words (a duplicate or empty item, an unknown placeholder, a cut-off out of
range), the defaults restored, Escape asking first, accessible names, the Settings
dialog's button and key, and a picture to look at."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QComboBox, QDialog, QLineEdit,
                               QPlainTextEdit)

from kapdesk.core.clients import ClientDraft
from kapdesk.core.consent import DEFAULT_TEMPLATE, NO_TOUCH, ClientConsent, ConsentHow, consent_verdict
from kapdesk.core.measures import DEFAULT_SAFETY_TEXT, MeasureSettings
from kapdesk.core.practice_settings import PracticeSettings
from kapdesk.core.readiness import ReadinessSettings
from kapdesk.core.screening import (DEFAULT_CONTRAINDICATIONS, ContraindicationItem, ItemKind,
                                    ScreeningSettings, screening_verdict)
from kapdesk.services import open_services
from kapdesk.storage.practice_settings_store import load_readiness, save_readiness
from kapdesk.ui.common.theme import style_sheet
from kapdesk.ui.editors.course_button import COURSE_KEY
from kapdesk.ui.editors.course_settings import (DISCARD_QUESTION, CourseSettingsDialog,
                                                course_start, edit_course_settings,
                                                save_course_changes)
from kapdesk.ui.editors.settings import SettingsDialog
from tests.helpers.accessibility import unread_labels
from tests.helpers.course_records import TODAY, UTC, clear_screening
from tests.helpers.screenshots import save_screen, screenshot_folder

DEFAULT_WORDS = [item.text for item in DEFAULT_CONTRAINDICATIONS.items]


@pytest.fixture
def services(practice, clock):  # noqa: ANN001, ANN201
    return open_services(practice, clock)


def open_dialog(qtbot, services, confirm=lambda _parent, _question: True) -> CourseSettingsDialog:  # noqa: ANN001
    dialog = CourseSettingsDialog(course_start(services, UTC),
                                  lambda changes: save_course_changes(services, changes),
                                  confirm=confirm)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def words(dialog: CourseSettingsDialog) -> list[str]:
    return [edit.text() for edit in dialog.list_editor.text_edits()]


def test_an_edited_list_is_saved_as_a_new_version_and_old_screenings_keep_their_words(
        qtbot, services) -> None:  # noqa: ANN001
    client = services.clients.add(ClientDraft("Maya R.")).id
    screening = services.screenings.add(clear_screening(client), TODAY)

    def edit_and_save(dialog: QDialog) -> int:
        assert isinstance(dialog, CourseSettingsDialog)
        qtbot.addWidget(dialog)
        editor = dialog.list_editor
        assert editor.version_label.text() == "Version 1: the list shipped with KAPDesk, not edited yet."
        assert "Screenings already recorded keep version 1's words" in editor.saving_label.text()
        editor.rows[4].text_edit.setText("Glaucoma of any kind")  # reworded
        editor.rows[9].remove_button.click()  # COPD
        editor.new_edit.setText("Seizure disorder")
        editor.new_kind.setCurrentIndex(1)  # needs medical clearance
        editor.new_edit.returnPressed.emit()
        editor.rows[-1].up_button.click()  # above Hyperthyroidism
        editor.rows[0].kind_combo.setCurrentIndex(1)
        dialog.save_button.click()
        return dialog.result()

    assert edit_course_settings(services, run_dialog=edit_and_save, tz=UTC)
    saved = services.documents.contraindications()
    assert saved.version == 2
    assert [item.text for item in saved.items] == [
        *DEFAULT_WORDS[:4], "Glaucoma of any kind", *DEFAULT_WORDS[5:9], "Seizure disorder",
        "Hyperthyroidism"]
    assert saved.items[4].key == "glaucoma"  # reworded, still answered by earlier screenings
    assert saved.items[0].kind is ItemKind.CLEARANCE
    assert saved.item("seizure_disorder").kind is ItemKind.CLEARANCE
    course = services.course.course(client)
    answered = course.answered_list(course.screening)
    assert answered.version == 1 and [item.text for item in answered.items] == DEFAULT_WORDS
    # Read against the new list, the new item was never asked: it needs clearance.
    verdict = screening_verdict(screening, saved, TODAY)
    assert "Seizure disorder (not asked in this screening)" in verdict.words
    # Opened again, it says which version it shows and when it was made.
    again = open_dialog(qtbot, services)
    assert again.list_editor.version_label.text() == "Version 2, made 2026-01-01 00:00."
    assert "Screenings already recorded keep version 2's words" in again.list_editor.saving_label.text()


def test_a_duplicate_or_empty_item_is_refused_in_words_and_nothing_is_saved(qtbot, services) -> None:  # noqa: ANN001
    dialog = open_dialog(qtbot, services)
    rows = dialog.list_editor.rows
    rows[1].text_edit.setText(" history of KETAMINE abuse or dependence ")
    rows[2].text_edit.setText("   ")
    assert rows[1].problem.text() == "The same words as item 1."
    assert rows[2].problem.text() == "Type the words, or remove this item."
    assert rows[1].problem.isVisible() and not rows[0].problem.isVisible()
    assert rows[1].text_edit.property("problem") is True
    shown = dialog.problems_label.text()
    assert "Contraindications: Item 3 has no text." in shown
    assert "\u201chistory of KETAMINE abuse or dependence\u201d is on the list twice." in shown
    dialog.pages.setCurrentIndex(2)
    dialog.save_button.click()
    assert dialog.isVisible() and dialog.pages.currentIndex() == 0  # back to the problem
    assert services.documents.contraindications().version == 1
    rows[1].text_edit.setText("Active psychosis or mania")
    rows[2].remove_button.click()
    assert not dialog.problems_label.isVisible() and not dialog.problems()


def test_a_consent_template_with_an_unknown_placeholder_is_refused(qtbot, services) -> None:  # noqa: ANN001
    dialog = open_dialog(qtbot, services)
    editor = dialog.consent_editor
    editor.template_edit.setPlainText("I, {client}, agree. {date}")
    assert editor.problem_label.text() == (
        "Unknown placeholder {client}; the text may use {client_name}, {therapist_name}, {date}.")
    assert editor.preview.toPlainText() == "The preview appears once the text has no problems."
    dialog.save_button.click()
    assert dialog.isVisible() and dialog.pages.currentIndex() == 1
    assert services.documents.consent_document().version == 1
    editor.title_edit.setText("Consent to KAP at Harbour Practice")
    editor.template_edit.setPlainText("I, {client_name}, consent with {therapist_name} on {date}.")
    assert editor.preview.toPlainText() == ("Consent to KAP at Harbour Practice\n\n"
                                            "I, Sam Sample, consent with the therapist on 2026-01-01.")
    dialog.save_button.click()
    assert not dialog.isVisible()
    saved = services.documents.consent_document()
    assert (saved.version, saved.title, saved.published_on) == (2, "Consent to KAP at Harbour Practice",
                                                                TODAY)


def test_the_consent_page_says_what_core_will_say_to_earlier_consents(qtbot, services) -> None:  # noqa: ANN001
    services.settings.set("therapist_name", "Dr. A. Lee")
    dialog = open_dialog(qtbot, services)
    said = " ".join(label.text() for label in dialog.consent_editor.findChildren(type(dialog.problems_label)))
    earlier = ClientConsent(1, 1, TODAY, ConsentHow.PAPER, NO_TOUCH)
    verdict = consent_verdict(earlier, replace(services.documents.consent_document(), version=2))
    assert "The practice's consent is now version 2: ask the client to consent again." in verdict.words
    assert ("\u201cThe practice's consent is now version 2: ask the client to consent again.\u201d"
            in said)
    assert "Saving a change makes version 2" in said
    assert "I, Sam Sample, have talked with Dr. A. Lee" in dialog.consent_editor.preview.toPlainText()
    assert dialog.consent_editor.template() == DEFAULT_TEMPLATE


def test_a_cut_off_out_of_range_is_refused_beside_its_field(qtbot, services) -> None:  # noqa: ANN001
    dialog = open_dialog(qtbot, services)
    editor = dialog.values_editor
    editor.boxes["pcl5_cutoff"].setValue(0)
    editor.boxes["rescreen_months"].setValue(40)
    assert editor.problem_labels["pcl5_cutoff"].text() == "0 is not a whole number from 1 to 80."
    assert editor.problem_labels["rescreen_months"].text() == "40 is not a whole number from 1 to 36."
    assert editor.boxes["pcl5_cutoff"].property("problem") is True
    assert not editor.problem_labels["gad7_remission_below"].isVisible()
    editor.safety_edit.setPlainText("  ")
    assert "The text for PHQ-9 question 9 is empty" in editor.problem_labels["item9_safety_text"].text()
    dialog.save_button.click()
    assert dialog.isVisible() and dialog.pages.currentIndex() == 2
    assert load_readiness(services.settings) == ReadinessSettings()
    editor.boxes["pcl5_cutoff"].setValue(31)
    editor.boxes["rescreen_months"].setValue(12)
    editor.safety_edit.setPlainText("Call Dr Kay before the client leaves.")
    dialog.save_button.click()
    stored = services.course.settings()
    assert stored.screening.rescreen_months == 12 and stored.measures.pcl5_cutoff == 31
    assert stored.measures.item9_safety_text == "Call Dr Kay before the client leaves."


def test_restore_defaults_brings_back_the_labelled_defaults(qtbot, services) -> None:  # noqa: ANN001
    services.documents.save_contraindications(DEFAULT_CONTRAINDICATIONS.items[:3])
    save_readiness(services.settings, ReadinessSettings(
        screening=ScreeningSettings(12),
        measures=MeasureSettings(pcl5_cutoff=31, phq9_remission_below=4,
                                 item9_safety_text="Call Dr Kay."),
        phq9_max_age_days=30))
    dialog = open_dialog(qtbot, services)
    assert words(dialog) == DEFAULT_WORDS[:3]
    dialog.list_editor.restore_button.click()
    assert words(dialog) == DEFAULT_WORDS
    values = dialog.values_editor
    assert values.boxes["rescreen_months"].value() == 12
    for name in ("rescreen_months", "pcl5_cutoff", "phq9_remission_below", "item9_safety_text"):
        values.restore_buttons[name].click()
    dialog.save_button.click()
    assert not dialog.isVisible()
    restored = services.documents.contraindications()
    assert restored.version == 3 and restored.items == DEFAULT_CONTRAINDICATIONS.items
    stored = services.course.settings()
    assert stored.screening == ScreeningSettings() and stored.measures == MeasureSettings()
    assert stored.measures.item9_safety_text == DEFAULT_SAFETY_TEXT
    assert stored.phq9_max_age_days == 30  # not on this page: carried through


def test_escape_asks_before_dropping_typed_changes(qtbot, services) -> None:  # noqa: ANN001
    asked: list[str] = []

    def keep(_parent, question: str) -> bool:  # noqa: ANN001
        asked.append(question)
        return False

    dialog = open_dialog(qtbot, services, confirm=keep)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and asked == []  # nothing typed: it just closes
    dialog = open_dialog(qtbot, services, confirm=keep)
    dialog.values_editor.boxes["rescreen_months"].setValue(9)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and asked == [DISCARD_QUESTION]
    dialog.cancel_button.click()  # the deliberate way out
    assert not dialog.isVisible()
    assert services.course.settings().screening.rescreen_months == 6


def test_alt_and_a_number_opens_each_page(qtbot, services) -> None:  # noqa: ANN001
    dialog = open_dialog(qtbot, services)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    for key, page in ((Qt.Key.Key_3, 2), (Qt.Key.Key_2, 1), (Qt.Key.Key_1, 0)):
        qtbot.keyClick(dialog, key, Qt.KeyboardModifier.AltModifier)
        assert dialog.pages.currentIndex() == page


def test_every_control_has_an_accessible_name(qtbot, services) -> None:  # noqa: ANN001
    dialog = open_dialog(qtbot, services)
    dialog.list_editor.new_edit.setText("Seizure disorder")
    dialog.list_editor.add_typed()
    controls = [*dialog.findChildren(QAbstractButton), *dialog.findChildren(QLineEdit),
                *dialog.findChildren(QComboBox), *dialog.findChildren(QAbstractSpinBox),
                *dialog.findChildren(QPlainTextEdit)]
    unnamed = [type(c).__name__ for c in controls
               if c.isVisibleTo(dialog) and not c.accessibleName()
               and not isinstance(c.parent(), (QAbstractSpinBox, QComboBox))]
    assert unnamed == []
    names = {c.accessibleName() for c in controls}
    assert {"Item 12: words", "Item 12: kind", "Move item 12 up", "Remove item 12",
            "Restore default: Screening is due again after"} <= names
    for page in range(3):
        dialog.pages.setCurrentIndex(page)
        assert unread_labels(dialog) == []


def test_settings_opens_the_course_settings_by_its_button_and_key(qtbot) -> None:  # noqa: ANN001
    opened: list[object] = []
    dialog = SettingsDialog(PracticeSettings(), open_course=opened.append)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # a window's keys reach it when it is the active one
    assert dialog.course_button.shortcut().toString() == COURSE_KEY
    assert dialog.course_button.accessibleName() == "Course settings"
    qtbot.keyClick(dialog, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: opened == [dialog])  # a button's key clicks after its press shows
    plain = SettingsDialog(PracticeSettings())
    qtbot.addWidget(plain)
    assert plain.course_button is None


def test_a_picture_of_the_course_settings(qtbot, qapp, services, tmp_path) -> None:  # noqa: ANN001
    services.documents.save_contraindications(
        (*DEFAULT_CONTRAINDICATIONS.items,
         ContraindicationItem("seizure_disorder", "Seizure disorder", ItemKind.CLEARANCE)))
    qapp.setStyleSheet(style_sheet())  # as the app looks (app.py sets it on the application)
    try:
        dialog = open_dialog(qtbot, services)
        dialog.list_editor.rows[4].text_edit.setText("Glaucoma of any kind")
        image = save_screen(dialog, screenshot_folder(tmp_path), "course-settings.png")
    finally:
        qapp.setStyleSheet("")
    assert image.width() >= 1000 and image.height() >= 650
    assert dialog.list_editor.version_label.text() == "Version 2, made 2026-01-01 00:00."


def test_enter_in_a_field_neither_presses_a_button_nor_saves(qtbot, services) -> None:  # noqa: ANN001
    dialog = open_dialog(qtbot, services)
    editor = dialog.list_editor
    qtbot.keyClick(editor.rows[0].text_edit, Qt.Key.Key_Return)
    assert words(dialog) == DEFAULT_WORDS and dialog.isVisible()
    editor.new_edit.setText("Seizure disorder")
    qtbot.keyClick(editor.new_edit, Qt.Key.Key_Return)  # adds the item, and only that
    assert words(dialog) == [*DEFAULT_WORDS, "Seizure disorder"] and dialog.isVisible()
    qtbot.keyClick(dialog.values_editor.boxes["rescreen_months"], Qt.Key.Key_Return)
    assert dialog.isVisible() and services.documents.contraindications().version == 1


def test_after_the_dose_saves_the_windows_and_the_take_home_words(qtbot, services) -> None:  # noqa: ANN001
    from kapdesk.core.course_due import CourseWindows
    from kapdesk.storage.practice_settings_store import load_course_windows, load_take_home

    dialog = open_dialog(qtbot, services)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    page = dialog.after_dose_editor
    assert dialog.pages.currentWidget() is page
    page.boxes["check_in_hours"].setValue(48)
    page.boxes["doses_per_week"].setValue(9)
    assert "Most dosing sessions in any 7 days: give a number from 1 to 7." in dialog.problems_label.text()
    dialog.save()
    assert dialog.isVisible() and load_course_windows(services.settings) == CourseWindows()
    page.boxes["doses_per_week"].setValue(1)
    page.contact.setText("Dr Ana Rivera, 555 0101")
    dialog.save()
    assert not dialog.isVisible()
    assert load_course_windows(services.settings) == CourseWindows(check_in_hours=48, doses_per_week=1)
    assert load_take_home(services.settings).contact == "Dr Ana Rivera, 555 0101"
