"""Helpers for the session screen tests (the fixtures are in session_fixtures.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kapdesk.app import WiredWindow, build_main_window
from kapdesk.core.events import MUSIC_KINDS, Event, EventKind
from kapdesk.ui.common.theme import style_sheet

INTENTION = "To meet the grief gently and let my body rest."


def stored(services, view, kind: EventKind | None = None) -> list[Event]:  # noqa: ANN001
    """The session's events as read back from the practice database."""
    events = services.sessions.events(view.session_id)
    return [e for e in events if kind is None or e.kind is kind]


def care_kinds(services, view) -> list[EventKind]:  # noqa: ANN001
    """The stored event kinds, leaving out the music's (the app's music follows the session)."""
    return [e.kind for e in stored(services, view) if e.kind not in MUSIC_KINDS]


MUSIC_LINES = ("Track started: ", "Track failed: ", "Audio output lost")


def log_lines(room) -> list[str]:  # noqa: ANN001
    """The room log's lines without the music's own ("Track started: …" and the like)."""
    return [text for text in room.log.texts()
            if not text.split("   ", 1)[-1].startswith(MUSIC_LINES)]


def fill_vitals(entry, systolic: str, diastolic: str, heart_rate: str = "72",  # noqa: ANN001
                spo2: str = "") -> None:
    for key, text in zip(("systolic", "diastolic", "heart_rate", "spo2"),
                         (systolic, diastolic, heart_rate, spo2)):
        entry.fields[key].setText(text)


def take_baseline(panel, systolic: str = "122", diastolic: str = "78") -> None:  # noqa: ANN001
    """Save a baseline blood pressure on the before-the-dose page (one of the readiness pieces)."""
    fill_vitals(panel.vitals, systolic, diastolic, "68", "98")
    panel.vitals.submit()


def dose_anyway(panel, reason: str = "Baseline taken on the clinic's own monitor") -> None:  # noqa: ANN001
    """Record the default dose through "Go on anyway" (Ctrl+G) with a written reason:
    for a client not ready, or when no baseline blood pressure is in the session."""
    panel.go_on_anyway()
    panel.override_edit.setText(reason)
    panel.record_dose()


def tick_checklist(panel) -> None:  # noqa: ANN001
    """Tick every set-and-setting item on the before-the-dose page (each tick is stored)."""
    for box in panel.checkboxes.values():
        if not box.isChecked():
            box.click()


def open_window(qtbot, services) -> WiredWindow:  # noqa: ANN001
    """The app's main window, shown, active, at the size of a small laptop screen."""
    wired = build_main_window(services, demo=False)
    window = wired.window
    window.setStyleSheet(style_sheet())
    # A window with a session on it refuses a plain close (it asks first): at
    # the end of a test it is closed the way the therapist confirms it, so no
    # window, and no question's hold on Esc, outlives its test.
    qtbot.addWidget(window, before_close_func=close_confirmed)
    window.resize(1280, 800)
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.activateWindow()
    return wired


def close_confirmed(window) -> None:  # noqa: ANN001
    """Close as "Close KAPDesk" does: the session, if any, stays open in the practice."""
    window.close_bar.close_button.click()


def process_dies(wired: WiredWindow) -> None:
    """As if the app's process stopped: nothing in its window (session, music) acts again."""
    from PySide6.QtCore import QTimer

    for timer in wired.window.findChildren(QTimer):
        timer.stop()
    wired.session_flow.view = None
    wired.window.hide()


def type_keys(text: str) -> None:
    """Type `text` as a person would: each key to whichever widget has the focus then."""
    from PySide6.QtWidgets import QApplication

    for char in text:
        target = QApplication.focusWidget() or QApplication.activeWindow()
        assert target is not None, "no widget to take the keys"
        if char == "\n":
            QTest.keyClick(target, Qt.Key.Key_Return)
        else:
            QTest.keyClick(target, char)


def press(key, modifier=None) -> None:  # noqa: ANN001
    """One key (a Qt.Key) to the focused widget."""
    from PySide6.QtWidgets import QApplication

    target = QApplication.focusWidget() or QApplication.activeWindow()
    assert target is not None, "no widget to take the keys"
    QTest.keyClick(target, key, modifier or Qt.KeyboardModifier.NoModifier)


def settle(room, clock) -> None:  # noqa: ANN001
    """The room on screen for a moment, as when a person looks, then presses a tag key."""
    from PySide6.QtWidgets import QApplication

    from kapdesk.ui.session.room_keys import SETTLE_S

    QApplication.processEvents()  # the room's first event-loop turn
    clock.advance(SETTLE_S + 0.2)
    assert not room.typing.tag_keys_held()
