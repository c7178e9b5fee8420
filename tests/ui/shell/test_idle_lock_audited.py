"""Each unlock of the idle lock, and each failed one, is written to the audit trail;
so is the unlock that opened the practice."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kapdesk.ui.shell.idle_lock import WRONG_PASSPHRASE
from tests.helpers.constants import PASSPHRASE
from tests.helpers.session_window import open_window

pytest_plugins = ("tests.helpers.session_fixtures",)


def unlock_with(screen, passphrase: str) -> None:  # noqa: ANN001 - a LockScreen
    screen.passphrase.selectAll()
    QTest.keyClicks(screen.passphrase, passphrase)
    QTest.keyClick(screen.passphrase, Qt.Key.Key_Return)


def test_a_failed_and_a_right_unlock_are_each_audited(qtbot, services) -> None:  # noqa: ANN001
    wired = open_window(qtbot, services)
    lock = wired.idle_lock
    assert lock.lock()
    unlock_with(lock.screen, "not-the-passphrase")
    qtbot.waitUntil(lambda: lock.screen.message.text() == WRONG_PASSPHRASE, timeout=10_000)
    unlock_with(lock.screen, PASSPHRASE)
    qtbot.waitUntil(lambda: not lock.is_locked, timeout=10_000)
    entries = services.audit.entries()
    assert [(e.what, e.detail) for e in entries] == [
        ("unlocked", "idle lock"), ("failed unlock", "idle lock"), ("unlocked", "practice opened")]
    assert not any(PASSPHRASE in e.detail or "not-the-passphrase" in e.detail for e in entries)
