"""From "the app was started" to "the practice is open": the environment passphrase,
what is said when nobody is there to click, the person's retry, and the demo window."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kapdesk import app as app_module
from kapdesk.app import build_demo_content, build_first_screen, build_main_window, finish_main_window
from kapdesk.core.clients import ClientDraft
from kapdesk.demo.practice import SAMPLE_CLIENTS
from kapdesk.services import open_services
from kapdesk.storage.clients import ClientStore
from kapdesk.storage.first_read import read_first_screen
from kapdesk.storage.practice import adopt_practice, create_practice, practice_exists
from kapdesk.storage.prewarm import KeyedConnection
from kapdesk.ui.shell.main_window import DEMO_TEXT
from kapdesk.ui.shell.passphrase_dialogs import UnlockDialog
from kapdesk.ui.shell.startup import Reporter, obtain_practice
from tests.helpers.constants import PASSPHRASE
from tests.helpers.filesnap import snapshot


@pytest.fixture
def closed_practice(practice, clock):  # noqa: ANN001, ANN201
    ClientStore(practice, clock).add(ClientDraft("A. M."))
    practice.close()
    return practice


def test_env_passphrase_creates_a_practice_in_a_new_folder(data_dir, capsys) -> None:  # noqa: ANN001
    folder = data_dir / "new"
    opened = obtain_practice(folder, PASSPHRASE, Reporter(interactive=False))
    assert opened is not None
    opened.close()
    assert practice_exists(folder)
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("passphrase", ["", "abc"])
def test_a_too_short_env_passphrase_does_not_create_a_practice(data_dir, capsys, passphrase) -> None:  # noqa: ANN001
    folder = data_dir / "new"
    assert obtain_practice(folder, passphrase, Reporter(interactive=False)) is None
    err = capsys.readouterr().err
    assert "at least 8 characters" in err
    assert "Traceback" not in err
    assert not practice_exists(folder)


def test_env_passphrase_unlocks_an_existing_practice(closed_practice, clock) -> None:  # noqa: ANN001
    opened = obtain_practice(closed_practice.data_dir, PASSPHRASE, Reporter(interactive=False))
    assert opened is not None
    try:
        assert [c.display_name for c in ClientStore(opened, clock).list()] == ["A. M."]
    finally:
        opened.close()


def test_wrong_env_passphrase_without_a_person_is_reported_on_stderr(closed_practice, capsys) -> None:  # noqa: ANN001
    before = snapshot(closed_practice.data_dir)
    assert obtain_practice(closed_practice.data_dir, "not-the-passphrase", Reporter(interactive=False)) is None
    assert "kapdesk: That passphrase does not open this practice" in capsys.readouterr().err
    assert snapshot(closed_practice.data_dir) == before


def test_no_passphrase_and_nobody_there_says_how_to_give_one(closed_practice, capsys) -> None:  # noqa: ANN001
    assert obtain_practice(closed_practice.data_dir, None, Reporter(interactive=False)) is None
    assert "KAPDESK_PASSPHRASE" in capsys.readouterr().err


def test_a_damaged_file_is_reported_by_name(closed_practice, capsys) -> None:  # noqa: ANN001
    closed_practice.db_path.write_bytes(b"")
    assert obtain_practice(closed_practice.data_dir, PASSPHRASE, Reporter(interactive=False)) is None
    assert str(closed_practice.db_path) in capsys.readouterr().err
    assert closed_practice.db_path.read_bytes() == b""


def test_with_a_person_there_a_wrong_env_passphrase_leads_to_the_unlock_dialog(closed_practice, qtbot) -> None:  # noqa: ANN001
    seen = []

    def type_the_right_one() -> None:
        dialog = QApplication.activeModalWidget()
        seen.append(dialog)
        dialog.passphrase_edit.setText(PASSPHRASE)
        dialog.confirm_button.click()

    QTimer.singleShot(0, type_the_right_one)  # runs inside the dialog's own event loop
    opened = obtain_practice(closed_practice.data_dir, "not-the-passphrase", Reporter(interactive=True))
    assert opened is not None
    opened.close()
    assert isinstance(seen[0], UnlockDialog)


def test_the_demo_window_says_nothing_is_kept_and_lists_the_sample_clients(qtbot, data_dir) -> None:  # noqa: ANN001
    practice = create_practice(data_dir, "demo-passphrase-123")
    try:
        services = open_services(practice)
        build_demo_content(services)
        wired = build_main_window(services, demo=True)
        window = wired.window
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        assert window.demo_banner.isVisible()
        assert window.demo_banner.text() == DEMO_TEXT == "Demo — nothing is kept"
        assert "Demo" in window.windowTitle()
        model = wired.clients_view.list_view.model()
        assert model.rowCount() == len(SAMPLE_CLIENTS)
    finally:
        practice.close()


def test_the_everyday_window_has_no_demo_banner(qtbot, practice) -> None:  # noqa: ANN001
    wired = build_main_window(open_services(practice), demo=False)
    window = wired.window
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert not window.demo_banner.isVisible()
    assert window.windowTitle() == "KAPDesk"
    assert wired.clients_view.empty_label.isVisible()


def test_the_fast_start_paints_the_list_it_read_then_edits_go_to_the_practice(qtbot, practice, clock) -> None:  # noqa: ANN001
    # The steps app.py takes when the passphrase is known at launch: the
    # window is built and painted on the first read, the rest is wired after.
    store = ClientStore(practice, clock)
    store.add(ClientDraft("B. N."))
    store.add(ClientDraft("A. M."))
    keyed = KeyedConnection(practice.db_path, PASSPHRASE).take()
    first = build_first_screen(None, lambda: dt.date(2026, 11, 26), demo=False)
    window = first.window
    qtbot.addWidget(window)
    first.clients_view.attach_store(read_first_screen(keyed))
    window.show()
    qtbot.waitExposed(window)
    listed = first.clients_view.list_view.model()
    assert [listed.index(row, 0).data() for row in range(listed.rowCount())][:2] == ["A. M.", "B. N."]
    assert first.clients_view.current_client().display_name == "A. M."

    adopted = adopt_practice(practice.data_dir, PASSPHRASE, keyed)
    try:
        wired = finish_main_window(first, open_services(adopted, clock))
        assert wired.window is window and wired.clients_view is first.clients_view
        assert wired.session_flow is not None and wired.music.controller is not None
        wired.clients_view.toggle_archived()  # archives A. M., through the practice's store
        assert [c.display_name for c in ClientStore(adopted, clock).list()] == ["B. N."]
        assert wired.clients_view.current_client().display_name == "B. N."
    finally:
        window.close()
        adopted.close()


def test_a_failure_after_the_first_paint_is_told_and_exits_1(qapp, practice, clock, monkeypatch, capsys) -> None:  # noqa: ANN001
    ClientStore(practice, clock).add(ClientDraft("A. M."))
    practice.close()
    monkeypatch.setattr(qapp, "setStyleSheet", lambda _sheet: None)  # keep the test run's own look

    def broken(first, services):  # noqa: ANN001, ANN202
        raise RuntimeError("wiring failed")

    monkeypatch.setattr(app_module, "finish_main_window", broken)
    args = app_module.parse_args(["--data-dir", str(practice.data_dir), "--quit-after-start"])
    assert app_module.run(args, PASSPHRASE) == app_module.EXIT_PRACTICE_PROBLEM
    err = capsys.readouterr().err
    assert app_module.OPEN_FAILED in err
    assert not (practice.data_dir / "backups").exists()
