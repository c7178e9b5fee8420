"""The first-run welcome: only on a new practice with a person there; its keys and its demo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtTest import QTest

from kapdesk import app as app_module
from kapdesk.storage.practice import practice_exists
from kapdesk.ui.shell import welcome as welcome_module
from kapdesk.ui.shell.startup import Reporter, welcome_new_practice
from kapdesk.ui.shell.welcome import WelcomeChoice, WelcomeDialog
from tests.helpers.constants import PASSPHRASE
from tests.helpers.stubs import WelcomeSpy


@pytest.fixture
def welcome(qtbot, tmp_path):  # noqa: ANN001, ANN201
    dialog = WelcomeDialog(tmp_path / "backups")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.fixture
def person(monkeypatch):  # noqa: ANN001, ANN201
    """Answers each welcome at once with `person.choice`; `person.shown` lists them."""
    spy = WelcomeSpy(WelcomeChoice.CREATE)
    monkeypatch.setattr(WelcomeDialog, "exec", lambda dialog: spy(dialog))
    return spy


def test_it_says_what_kapdesk_does_and_what_cannot_be_undone(welcome, tmp_path) -> None:  # noqa: ANN001
    names = [point.accessibleName() for point in welcome.points]
    assert names[0].startswith("KAPDesk keeps you company in the room.")
    assert names[1].startswith("Everything stays on this laptop.")
    assert names[2].startswith("A lost passphrase cannot be recovered.")
    assert names[3].startswith("Backups are encrypted too.") and str(tmp_path / "backups") in names[3]
    assert welcome.accessibleName() == welcome.windowTitle() == "Welcome to KAPDesk"


def test_buttons_are_named_and_enter_creates_the_practice(welcome) -> None:  # noqa: ANN001
    assert welcome.focusWidget() is welcome.create_button
    assert [b.accessibleName() for b in (welcome.quit_button, welcome.demo_button, welcome.create_button)] \
        == ["Quit KAPDesk", "Try the demo first", "Create my practice"]
    QTest.keyClick(welcome.focusWidget(), Qt.Key.Key_Return)
    assert welcome.choice is WelcomeChoice.CREATE and not welcome.isVisible()


def test_ctrl_d_tries_the_demo(qtbot, welcome) -> None:  # noqa: ANN001
    assert welcome.demo_button.text() == "Try the demo first  [Ctrl+D]"
    QTest.keyClick(welcome, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not welcome.isVisible())
    assert welcome.choice is WelcomeChoice.DEMO


def test_escape_quits(welcome) -> None:  # noqa: ANN001
    QTest.keyClick(welcome, Qt.Key.Key_Escape)
    assert welcome.choice is WelcomeChoice.QUIT and not welcome.isVisible()


def test_it_is_tall_enough_for_every_word(welcome) -> None:  # noqa: ANN001
    for point in welcome.points:
        assert point.height() >= point.heightForWidth(point.width())


def test_it_shows_on_a_new_practice_when_a_person_is_there(person, data_dir: Path) -> None:
    person.choice = WelcomeChoice.DEMO
    assert welcome_new_practice(data_dir, None, Reporter(interactive=True)) is WelcomeChoice.DEMO
    assert len(person.shown) == 1


def test_it_does_not_show_on_an_existing_practice(person, practice) -> None:  # noqa: ANN001
    assert welcome_new_practice(practice.data_dir, None, Reporter(interactive=True)) is WelcomeChoice.CREATE
    assert person.shown == []


def test_a_hands_free_start_never_waits_for_it(person, data_dir: Path) -> None:
    assert welcome_new_practice(data_dir, None, Reporter(interactive=False)) is WelcomeChoice.CREATE
    assert welcome_new_practice(data_dir, PASSPHRASE, Reporter(interactive=True)) is WelcomeChoice.CREATE
    assert person.shown == []


def test_quit_after_start_on_a_new_folder_prints_and_exits_as_before(qapp, person, data_dir, monkeypatch, capsys) -> None:  # noqa: ANN001
    monkeypatch.setattr(qapp, "setStyleSheet", lambda _sheet: None)
    args = app_module.parse_args(["--data-dir", str(data_dir / "new"), "--quit-after-start"])
    assert app_module.run(args, None) == app_module.EXIT_PRACTICE_PROBLEM
    assert "KAPDESK_PASSPHRASE" in capsys.readouterr().err
    assert person.shown == []


def test_try_the_demo_first_starts_the_demo_and_leaves_the_folder_new(qapp, person, data_dir, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(qapp, "setStyleSheet", lambda _sheet: None)
    person.choice = WelcomeChoice.DEMO
    windows = []
    monkeypatch.setattr(app_module, "_show_and_run", lambda app, args, window: windows.append(window) or 0)
    folder = data_dir / "new"
    assert app_module.run(app_module.parse_args(["--data-dir", str(folder)]), None) == app_module.EXIT_OK
    assert len(person.shown) == 1
    (window,) = windows
    assert window.demo and window.windowTitle() == "KAPDesk — Demo"
    window.close()
    assert not practice_exists(folder)
    # The demo's folder is gone: the window goes too, so none of its timers (the idle
    # lock's, the background check's) reads a practice that is no longer there later on.
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_quitting_at_the_welcome_writes_nothing(qapp, person, data_dir, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(qapp, "setStyleSheet", lambda _sheet: None)
    person.choice = WelcomeChoice.QUIT
    folder = data_dir / "new"
    assert app_module.run(app_module.parse_args(["--data-dir", str(folder)]), None) == app_module.EXIT_OK
    assert not practice_exists(folder)


def test_create_goes_on_to_the_passphrase(qapp, person, data_dir, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(qapp, "setStyleSheet", lambda _sheet: None)
    asked = []
    from kapdesk.ui.shell import passphrase_dialogs

    monkeypatch.setattr(passphrase_dialogs.CreatePracticeDialog, "exec", lambda dialog: asked.append(dialog) or 0)
    folder = data_dir / "new"
    app_module.run(app_module.parse_args(["--data-dir", str(folder)]), None)
    assert len(person.shown) == 1 and len(asked) == 1
    assert not practice_exists(folder)


def test_the_welcome_module_names_its_keys() -> None:
    assert welcome_module.DEMO_KEY == "Ctrl+D"
