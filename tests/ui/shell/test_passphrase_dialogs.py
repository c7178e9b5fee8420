"""Creating a practice and unlocking it: inline messages, retrying, nothing written until it works."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit

from kapdesk.core.clients import ClientDraft
from kapdesk.storage.clients import ClientStore
from kapdesk.storage.errors import DamagedPractice, WrongPassphrase
from kapdesk.storage.practice import create_practice, open_practice, practice_exists
from kapdesk.ui.common.theme import style_sheet
from kapdesk.ui.shell.passphrase_dialogs import LOST_PASSPHRASE_WARNING, CreatePracticeDialog, UnlockDialog
from tests.helpers.constants import PASSPHRASE
from tests.helpers.filesnap import snapshot


@pytest.fixture
def create_dialog(qtbot, data_dir):  # noqa: ANN001, ANN201
    dialog = CreatePracticeDialog(lambda passphrase: create_practice(data_dir, passphrase))
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog
    if dialog.practice is not None:
        dialog.practice.close()


@pytest.fixture
def closed_practice(practice, clock):  # noqa: ANN001, ANN201
    ClientStore(practice, clock).add(ClientDraft("A. M."))
    practice.close()
    return practice


@pytest.fixture
def unlock_dialog(qtbot, closed_practice):  # noqa: ANN001, ANN201
    attempts = []

    def open_with(passphrase: str):  # noqa: ANN202
        attempts.append(passphrase)
        return open_practice(closed_practice.data_dir, passphrase)

    dialog = UnlockDialog(open_with)
    dialog.attempts = attempts
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    if dialog.practice is not None:
        dialog.practice.close()


def _texts(dialog) -> str:  # noqa: ANN001
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


def test_create_warns_that_a_lost_passphrase_cannot_be_recovered(create_dialog) -> None:  # noqa: ANN001
    assert LOST_PASSPHRASE_WARNING in _texts(create_dialog)
    assert "cannot recover" in LOST_PASSPHRASE_WARNING
    assert create_dialog.passphrase_edit.echoMode() == QLineEdit.EchoMode.Password
    assert create_dialog.repeat_edit.echoMode() == QLineEdit.EchoMode.Password


def test_create_refuses_a_short_passphrase_inline(create_dialog, data_dir) -> None:  # noqa: ANN001
    create_dialog.passphrase_edit.setText("short")
    create_dialog.repeat_edit.setText("short")
    create_dialog.confirm_button.click()
    assert "at least 8 characters" in create_dialog.error_label.text()
    assert create_dialog.isVisible() and create_dialog.practice is None
    assert not practice_exists(data_dir)


def test_create_refuses_two_different_passphrases_inline(create_dialog, data_dir) -> None:  # noqa: ANN001
    create_dialog.passphrase_edit.setText(PASSPHRASE)
    create_dialog.repeat_edit.setText(PASSPHRASE + "x")
    create_dialog.confirm_button.click()
    assert "not the same" in create_dialog.error_label.text()
    assert create_dialog.isVisible() and create_dialog.practice is None
    assert not practice_exists(data_dir)


def test_create_with_a_good_passphrase_creates_the_practice(create_dialog, qtbot, data_dir) -> None:  # noqa: ANN001
    create_dialog.passphrase_edit.setText("short")
    create_dialog.repeat_edit.setText("short")
    create_dialog.confirm_button.click()  # a first mistake, then the user gets it right
    create_dialog.passphrase_edit.setText(PASSPHRASE)
    create_dialog.repeat_edit.setText(PASSPHRASE)
    with qtbot.waitSignal(create_dialog.accepted, timeout=5000):
        create_dialog.confirm_button.click()
    assert create_dialog.practice is not None
    assert practice_exists(data_dir)
    create_dialog.practice.close()
    create_dialog.practice = None
    open_practice(data_dir, PASSPHRASE).close()


def test_unlock_with_a_wrong_passphrase_says_so_and_lets_the_user_retry(unlock_dialog, qtbot, clock,
                                                                         closed_practice) -> None:  # noqa: ANN001
    before = snapshot(closed_practice.data_dir)
    unlock_dialog.passphrase_edit.setText("not-the-passphrase")
    unlock_dialog.confirm_button.click()
    assert unlock_dialog.error_label.text() == str(WrongPassphrase())
    assert unlock_dialog.isVisible()
    assert unlock_dialog.result() == 0 and unlock_dialog.practice is None
    assert snapshot(closed_practice.data_dir) == before

    unlock_dialog.passphrase_edit.setText(PASSPHRASE)
    with qtbot.waitSignal(unlock_dialog.accepted, timeout=5000):
        unlock_dialog.confirm_button.click()
    assert not unlock_dialog.isVisible()
    assert [c.display_name for c in ClientStore(unlock_dialog.practice, clock).list()] == ["A. M."]


def test_the_wrong_passphrase_message_shows_every_line(unlock_dialog, qtbot) -> None:  # noqa: ANN001
    unlock_dialog.setStyleSheet(style_sheet())  # the app's fonts: the message wraps to two lines
    unlock_dialog.passphrase_edit.setText("not-the-passphrase")
    unlock_dialog.confirm_button.click()
    label = unlock_dialog.error_label
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))
    assert label.heightForWidth(label.width()) > label.fontMetrics().height() * 1.5  # really two lines
    assert label.geometry().bottom() < unlock_dialog.confirm_button.geometry().top()
    assert label.accessibleName() == f"Problem: {WrongPassphrase()}"


def test_unlock_with_an_empty_field_is_a_wrong_passphrase_not_a_damaged_file(unlock_dialog) -> None:  # noqa: ANN001
    unlock_dialog.confirm_button.click()
    assert unlock_dialog.error_label.text() == str(WrongPassphrase())
    assert unlock_dialog.isVisible() and unlock_dialog.fatal_error is None


def test_pressing_enter_tries_the_passphrase_once(unlock_dialog) -> None:  # noqa: ANN001
    unlock_dialog.passphrase_edit.setText("not-the-passphrase")
    QTest.keyClick(unlock_dialog.passphrase_edit, Qt.Key.Key_Return)
    assert unlock_dialog.attempts == ["not-the-passphrase"]
    assert "does not open" in unlock_dialog.error_label.text()
    assert unlock_dialog.isVisible()


def test_enter_with_the_right_passphrase_unlocks(unlock_dialog, qtbot) -> None:  # noqa: ANN001
    unlock_dialog.passphrase_edit.setText(PASSPHRASE)
    with qtbot.waitSignal(unlock_dialog.accepted, timeout=5000):
        QTest.keyClick(unlock_dialog.passphrase_edit, Qt.Key.Key_Return)
    assert unlock_dialog.attempts == [PASSPHRASE]
    assert unlock_dialog.practice is not None


def test_unlock_on_a_damaged_file_stops_with_the_reason(unlock_dialog, qtbot, closed_practice) -> None:  # noqa: ANN001
    closed_practice.db_path.write_bytes(closed_practice.db_path.read_bytes()[:1000])
    unlock_dialog.passphrase_edit.setText(PASSPHRASE)
    with qtbot.waitSignal(unlock_dialog.rejected, timeout=5000):
        unlock_dialog.confirm_button.click()
    assert isinstance(unlock_dialog.fatal_error, DamagedPractice)
    assert unlock_dialog.practice is None


@pytest.mark.parametrize("which", ["create", "unlock"])
def test_every_control_has_an_accessible_name(which, create_dialog, unlock_dialog) -> None:  # noqa: ANN001
    dialog = create_dialog if which == "create" else unlock_dialog
    controls = dialog.findChildren(QLineEdit) + dialog.findChildren(QAbstractButton)
    assert len(controls) >= 3
    assert all(control.accessibleName() for control in controls), [
        control.text() for control in controls if not control.accessibleName()]
