"""The take-home sheet from the discharge page: Ctrl+T saves it, Ctrl+Shift+T opens it."""

from __future__ import annotations

import pypdf
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kapdesk.core.events import EventKind
from kapdesk.core.take_home import TakeHomeSettings
from kapdesk.storage.practice_settings_store import save_take_home
from kapdesk.ui.session.take_home import FOLDER

pytest_plugins = ("tests.helpers.session_fixtures",)
CTRL = Qt.KeyboardModifier.ControlModifier


def pdf_text(path) -> str:  # noqa: ANN001
    return " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(path).pages)


def test_ctrl_t_on_the_discharge_page_saves_the_sheet_with_the_music_and_no_notes(
        room, session, services, clock) -> None:  # noqa: ANN001
    save_take_home(services.settings, TakeHomeSettings("Rest today.", "Dr Ana Rivera, 555 0101"))
    controller = room.controller
    controller.add_note("Client wept about her brother")
    controller.runner.record_music(EventKind.TRACK_STARTED, {"path": "/m/x.ogg", "title": "Weightless",
                                                             "playlist": "Journey"})
    clock.advance(90 * 60)
    QTest.keyClick(room, Qt.Key.Key_F11)
    page = session.discharge
    assert page.take_home_button.isVisible() and not page.open_sheet_button.isVisible()
    QTest.keyClick(page, Qt.Key.Key_T, CTRL)
    [sheet] = (services.practice.data_dir / FOLDER).iterdir()
    text = pdf_text(sheet)
    assert "Weightless" in text and "Rest today." in text and "Dr Ana Rivera, 555 0101" in text
    assert "brother" not in text and "wept" not in text
    assert "Take-home sheet saved" in page.message.text() and sheet.name in page.message.text()
    assert page.open_sheet_button.isVisible()
    QTest.keyClick(page, Qt.Key.Key_T, CTRL)  # a second sheet never overwrites the first
    assert len(list((services.practice.data_dir / FOLDER).iterdir())) == 2


def test_ctrl_shift_t_hands_the_saved_sheet_to_the_viewer(room, session, services) -> None:  # noqa: ANN001
    opened = []
    QTest.keyClick(room, Qt.Key.Key_F11)
    page = session.discharge
    page.take_home.open_file = lambda path: opened.append(path) or True
    page.write_take_home()
    QTest.keyClick(page, Qt.Key.Key_T, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert opened == [page.take_home.last]


def test_a_disk_that_refuses_says_so_in_words_and_the_session_goes_on(room, session, services) -> None:  # noqa: ANN001
    page = session.discharge
    (services.practice.data_dir / FOLDER).write_text("a file where the folder should be")
    page.write_take_home()
    assert "could not be saved" in page.message.text() and "Ctrl+T again" in page.message.text()
    assert not page.open_sheet_button.isVisible()
    assert not room.controller.state().ended


def test_the_saved_message_leaves_the_page_whole_at_a_laptops_size(room, session, wired, qtbot) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QAbstractButton, QApplication

    wired.window.resize(1200, 740)  # the real display's window (1280x800 with a title bar)
    QTest.keyClick(room, Qt.Key.Key_F11)
    page = session.discharge
    QTest.keyClick(page, Qt.Key.Key_T, CTRL)
    QApplication.processEvents()
    assert "Take-home sheet saved" in page.message.text()
    squeezed = [(b.accessibleName(), b.size().toTuple(), b.sizeHint().toTuple())
                for b in page.findChildren(QAbstractButton) if b.isVisible()
                and (b.width() < b.sizeHint().width() or b.height() < b.sizeHint().height())]
    assert squeezed == []  # every button and check box shown whole, none cut off
    assert page.message.height() < 4 * page.message.fontMetrics().height()  # a line or two
