from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from tests.ui.session_helpers import fill_vitals

pytest_plugins = ("tests.ui.session_fixtures",)


def test_shots(room, session, window, clock) -> None:
    clock.advance(70 * 60)
    fill_vitals(room.vitals, "124", "78", "68")
    room.vitals.submit()
    QTest.keyClick(room, Qt.Key.Key_F11)
    window.grab().save("/tmp/record/discharge.png")
