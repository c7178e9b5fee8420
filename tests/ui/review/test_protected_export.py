"""Protect with a password, in Records: the box and its key, the password asked twice, the
file locked and named as such, the audit entry saying so, and Escape writing nothing."""

from __future__ import annotations

import pypdf
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from kapdesk.core.export_password import MISMATCH, TOO_SHORT
from kapdesk.ui.review.export_buttons import NO_PASSWORD
from kapdesk.ui.review.export_password_dialog import ExportPasswordDialog, ask_export_password
from tests.helpers.practice_builder import T0, add_client
from tests.helpers.protected_files import extract
from tests.helpers.review_rig import demo_session, settle

pytest_plugins = ("tests.helpers.review_fixtures",)

PASSWORD = "calm-lake-at-dusk"  # FakeDialogs' answer




def test_the_box_is_unticked_named_and_alt_p_ticks_it_from_any_tab(qtbot, area, export_tab) -> None:  # noqa: ANN001
    bar = export_tab.export_bar
    assert not bar.protect_box.isChecked() and bar.protect_box.accessibleName() == "Protect with a password"
    assert "Alt+P" in bar.protect_box.text() and not bar.protect_hint.isVisible()
    export_tab.tabs.setCurrentIndex(0)
    area.activateWindow()
    qtbot.waitUntil(area.isActiveWindow)
    export_tab.log_list.setFocus()
    QTest.keyClick(export_tab.log_list, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert export_tab.tabs.currentIndex() == 2 and bar.protect_box.isChecked()
    assert bar.protect_hint.isVisible() and ".zip" in bar.protect_hint.text()
    QTest.keyClick(export_tab.log_list, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert not bar.protect_box.isChecked()


def test_a_protected_pdf_opens_only_with_the_password_and_is_audited_so(qtbot, export_tab, dialogs,  # noqa: ANN001
                                                                         services, exports_folder) -> None:
    bar = export_tab.export_bar
    bar.protect_box.setChecked(True)
    dialogs.path = exports_folder / "report.pdf"
    with qtbot.waitSignal(bar.finished, timeout=30_000):
        bar.buttons["pdf"].click()
    assert dialogs.asked == ["path: Export PDF report (KAPDesk session 2025-12-25 #1.pdf)",
                             "password: PDF report"]  # where first, then the password
    reader = pypdf.PdfReader(dialogs.path)
    assert reader.is_encrypted and reader.decrypt("not-the-password") == pypdf.PasswordType.NOT_DECRYPTED
    assert reader.decrypt(PASSWORD) == pypdf.PasswordType.USER_PASSWORD
    assert "Maya A." in " ".join(reader.pages[0].extract_text().split())
    message = bar.message_label.text()
    assert message.startswith(f"Saved {dialogs.path}, protected with your password.")
    assert "Any PDF reader asks for the password" in message and "not encrypted" not in message
    [entry] = [e for e in services.audit.entries() if e.what == "export"]
    assert entry.detail == f"PDF report, protected with a password, to {dialogs.path}"
    assert PASSWORD not in str(services.audit.entries())


def test_a_protected_csv_is_a_zip_that_7zip_opens(qtbot, export_tab, dialogs, exports_folder, tmp_path) -> None:  # noqa: ANN001
    bar = export_tab.export_bar
    bar.protect_box.setChecked(True)
    dialogs.path = exports_folder / "session.csv"  # the name as typed; the zip is named after it
    with qtbot.waitSignal(bar.finished, timeout=10_000) as done:
        bar.buttons["csv"].click()
    assert dialogs.asked[0] == "path: Export CSV (KAPDesk session 2025-12-25 #1.csv.zip)"
    assert done.args == [str(exports_folder / "session.csv.zip")]
    assert [p.name for p in exports_folder.iterdir()] == ["session.csv.zip"]
    opened = extract(exports_folder / "session.csv.zip", PASSWORD, tmp_path / "opened")
    assert opened.returncode == 0, opened.stdout
    assert b"Maya A." in (tmp_path / "opened" / "session.csv").read_bytes()
    message = bar.message_label.text()
    assert "7-Zip (Windows), Keka or The Unarchiver (macOS), or 7z (Linux)" in message


def test_escape_at_the_password_writes_and_audits_nothing(qtbot, export_tab, dialogs, services, exports_folder) -> None:  # noqa: ANN001
    bar = export_tab.export_bar
    bar.protect_box.setChecked(True)
    dialogs.path, dialogs.export_password = exports_folder / "session.json", None
    before = len(services.audit.entries())
    bar.buttons["json"].click()
    assert not bar.busy and list(exports_folder.iterdir()) == []
    assert bar.message_label.text() == NO_PASSWORD
    assert len(services.audit.entries()) == before


def test_the_course_summary_is_protected_from_the_clients_history(qtbot, area, practice, dialogs,  # noqa: ANN001
                                                                  exports_folder) -> None:
    client = add_client(practice.engine, "Maya A.")
    demo_session(practice, client, T0 - 7 * 86_400)
    area.show_history(client)
    settle(qtbot, area)
    bar = area.history.export_bar
    bar.protect_box.setChecked(True)
    dialogs.path = exports_folder / "summary.pdf"
    with qtbot.waitSignal(bar.finished, timeout=20_000):
        bar.buttons["course_pdf"].click()
    reader = pypdf.PdfReader(exports_folder / "summary.pdf")
    assert reader.decrypt(PASSWORD) == pypdf.PasswordType.USER_PASSWORD
    assert "Course summary — Maya A." in " ".join(reader.pages[0].extract_text().split())


# --- the password dialog itself ---------------------------------------------------------


@pytest.fixture
def dialog(qtbot):  # noqa: ANN001, ANN201
    shown = ExportPasswordDialog(None, "PDF report")
    qtbot.addWidget(shown)
    shown.open()
    shown.activateWindow()
    qtbot.waitUntil(shown.isActiveWindow)
    return shown


def enter(dialog: ExportPasswordDialog, password: str, repeat: str) -> None:
    for edit, text in ((dialog.password_edit, password), (dialog.repeat_edit, repeat)):
        edit.selectAll()
        QTest.keyClicks(edit, text)
    QTest.keyClick(dialog.repeat_edit, Qt.Key.Key_Return)


def test_the_dialog_hides_the_letters_until_asked_and_starts_in_the_password(qtbot, dialog) -> None:  # noqa: ANN001
    assert dialog.focusWidget() is dialog.password_edit
    assert {e.echoMode() for e in (dialog.password_edit, dialog.repeat_edit)} == {QLineEdit.EchoMode.Password}
    QTest.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.show_box.isChecked)  # a button's key clicks it with an animation
    assert {e.echoMode() for e in (dialog.password_edit, dialog.repeat_edit)} == {QLineEdit.EchoMode.Normal}
    dialog.show_box.setChecked(False)
    assert dialog.password_edit.echoMode() == QLineEdit.EchoMode.Password


def test_too_short_is_said_beside_the_password_and_the_dialog_stays(qtbot, dialog) -> None:  # noqa: ANN001
    enter(dialog, "seven77", "seven77")
    assert dialog.isVisible() and dialog.password is None
    assert dialog.password_problem.isVisible() and dialog.password_problem.text() == TOO_SHORT
    assert not dialog.repeat_problem.isVisible()
    assert dialog.password_problem.accessibleName() == f"Password problem: {TOO_SHORT}"
    assert dialog.focusWidget() is dialog.password_edit
    QTest.keyClicks(dialog.password_edit, "x")  # typing again clears the words
    assert not dialog.password_problem.isVisible()


def test_a_mismatch_is_said_beside_the_repeat_then_agreeing_accepts(qtbot, dialog) -> None:  # noqa: ANN001
    enter(dialog, PASSWORD, PASSWORD + "s")
    assert dialog.isVisible() and dialog.password is None
    assert dialog.repeat_problem.isVisible() and dialog.repeat_problem.text() == MISMATCH
    assert not dialog.password_problem.isVisible()
    assert dialog.focusWidget() is dialog.repeat_edit
    with qtbot.waitSignal(dialog.accepted):
        enter(dialog, PASSWORD, PASSWORD)
    assert dialog.password == PASSWORD


def test_escape_in_the_export_flow_leaves_no_file(qtbot, export_tab, dialogs, exports_folder) -> None:  # noqa: ANN001
    """The real dialog in the flow: a mismatch first (nothing written yet), then Escape."""
    bar = export_tab.export_bar
    bar.protect_box.setChecked(True)
    dialogs.path = exports_folder / "report.pdf"
    dialogs.ask_export_password = ask_export_password  # the real, modal one
    seen = []

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ExportPasswordDialog):
            QTimer.singleShot(10, drive)
            return
        enter(dialog, PASSWORD, "something-else")
        seen.append((dialog.repeat_problem.text(), sorted(p.name for p in exports_folder.iterdir())))
        QTest.keyClick(dialog.repeat_edit, Qt.Key.Key_Escape)

    QTimer.singleShot(0, drive)
    bar.buttons["pdf"].click()  # returns once the dialog is closed
    assert seen == [(MISMATCH, [])]
    assert list(exports_folder.iterdir()) == [] and not bar.busy
    assert bar.message_label.text() == NO_PASSWORD
