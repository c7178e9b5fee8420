"""Help → About KAPDesk: the version, where the practice lives, and the licences inside."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

import kapdesk
from kapdesk.licences import shipped_licences
from kapdesk.services import open_services
from kapdesk.ui.shell import about
from kapdesk.ui.shell.about import DEMO_PLACE, AboutDialog, practice_place
from kapdesk.ui.shell.header_editors import connect_library_actions
from kapdesk.ui.shell.main_window import ABOUT_KEY, MainWindow

KAPDESK = Path(kapdesk.__file__).resolve().parent


def about_box(qtbot, place: str = "Your practice is kept, encrypted, in /x") -> AboutDialog:  # noqa: ANN001
    dialog = AboutDialog(place, shipped_licences())
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def rows(dialog: AboutDialog) -> list[str]:
    return [dialog.components.item(i).text() for i in range(dialog.components.count())]


def test_the_licence_list_names_qt_and_pygame_with_their_lgpl(qtbot) -> None:  # noqa: ANN001
    listed = rows(about_box(qtbot))
    assert len(listed) >= 9
    pyside = next(row for row in listed if row.startswith("PySide6"))
    pygame = next(row for row in listed if row.startswith("pygame "))
    assert "LGPL" in pyside and "Qt 6" in pyside
    assert "LGPL" in pygame


def test_it_says_the_version_and_where_the_practice_lives(qtbot, tmp_path) -> None:  # noqa: ANN001
    dialog = about_box(qtbot, practice_place(tmp_path / "KAPDesk", demo=False))
    texts = [label.text() for label in dialog.findChildren(about.QLabel)]
    assert f"Version {kapdesk.__version__}" in texts
    assert str(tmp_path / "KAPDesk") in dialog.place_label.text()
    assert practice_place(tmp_path, demo=True) == DEMO_PLACE


def test_keys_and_names(qtbot) -> None:  # noqa: ANN001
    dialog = about_box(qtbot)
    assert dialog.components.hasFocus() or dialog.focusWidget() is dialog.components
    assert dialog.components.accessibleName() == "Components and their licences"
    assert dialog.close_button.accessibleName() == "Close About KAPDesk"
    assert dialog.place_label.accessibleName() == "Where the practice lives"
    QTest.keyClick(dialog.components, Qt.Key.Key_Down)
    assert dialog.components.currentRow() == 1
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_enter_closes_it(qtbot) -> None:  # noqa: ANN001
    dialog = about_box(qtbot)
    QTest.keyClick(dialog.components, Qt.Key.Key_Return)
    assert not dialog.isVisible()


def test_the_title_in_the_header_opens_it_by_click_and_by_key(qtbot) -> None:  # noqa: ANN001
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    button = window.about_button
    assert button.accessibleName() == "About KAPDesk"
    assert button.shortcut().toString() == ABOUT_KEY == "Ctrl+Shift+H"
    assert "Ctrl+Shift+H" in button.toolTip()
    assert not button.icon().isNull()
    with qtbot.waitSignal(window.about_requested, timeout=1000):
        button.click()
    with qtbot.waitSignal(window.about_requested, timeout=2000):
        QTest.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


def test_its_key_is_taken_by_nothing_else() -> None:
    users = [path.relative_to(KAPDESK).as_posix() for path in KAPDESK.rglob("*.py")
             if "Ctrl+Shift+H" in path.read_text("utf-8")]
    assert users == ["ui/shell/main_window.py"]


def test_the_header_opens_it_on_the_practice_folder(qtbot, practice, clock, monkeypatch) -> None:  # noqa: ANN001
    window = MainWindow()
    qtbot.addWidget(window)
    shown: list[AboutDialog] = []
    monkeypatch.setattr(AboutDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    connect_library_actions(window, open_services(practice, clock))
    window.about_requested.emit()
    assert len(shown) == 1 and shown[0].parent() is window
    assert str(practice.data_dir) in shown[0].place_label.text()
    assert shown[0].components.count() >= 9


def test_each_component_shows_its_licence_text_beside_the_list(qtbot) -> None:  # noqa: ANN001
    dialog = about_box(qtbot)
    listed = rows(dialog)
    assert "PSF-2.0" in dialog.licence_text.toPlainText()  # Python: no file here, its stated licence
    dialog.components.setCurrentRow(next(i for i, row in enumerate(listed) if row.startswith("soundfile")))
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in dialog.licence_text.toPlainText()
    assert dialog.licence_text.isReadOnly() and dialog.licence_text.accessibleName() == "Licence text"
    QTest.keyClick(dialog.components, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.licence_text
    QTest.keyClick(dialog.licence_text, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.close_button


def test_the_list_is_read_ahead_off_the_screen_so_about_opens_at_once(qtbot, practice, clock,  # noqa: ANN001
                                                                     monkeypatch) -> None:
    """Reading every package's metadata takes ~140 ms the first time: the app does it on
    its task runner after start-up, and the About box then opens from what was read."""
    import threading

    from kapdesk import licences
    from kapdesk.ui.common.tasks import TaskRunner
    from kapdesk.ui.shell import header_editors

    reads: list[bool] = []  # one per reading: was it on the GUI thread?
    real = licences.shipped_licences

    def counted():  # noqa: ANN202
        reads.append(threading.current_thread() is threading.main_thread())
        return real()

    monkeypatch.setattr(licences, "shipped_licences", counted)
    monkeypatch.setattr(header_editors, "LICENCES_PREREAD_MS", 0)  # "after start-up", without waiting
    monkeypatch.setattr(AboutDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    shown: list[AboutDialog] = []
    window = MainWindow()
    qtbot.addWidget(window)
    tasks = TaskRunner(parent=window)
    connect_library_actions(window, open_services(practice, clock), tasks=tasks)
    qtbot.waitUntil(lambda: reads == [False] and not tasks._running, timeout=10_000)
    window.about_requested.emit()
    assert reads == [False]  # read once, off the GUI thread; opening read nothing more
    assert shown[0].components.count() >= 9
