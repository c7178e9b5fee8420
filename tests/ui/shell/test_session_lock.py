"""The lock during a running session keeps the session; other windows left open are covered.

What a person would notice: Ctrl+L in the room covers it, but the phase, the
count-down, what is due and a safety alert stay in view, never the client's
name, intention or notes (the lock screen's whole tree is walked for a marker
in them); the count-down goes on under the lock on the fake clock, a
checkpoint falls due there, keep-alive goes on; F1 still silences the music;
letters typed while locked reach no note; the passphrase gives the room back
as it was. A dialog left open (Settings, run as the app runs it, in its own
loop) is covered, not cancelled, and comes back with what was typed in it; so are the
music library, the scripts and a question.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from kapdesk.audio.player import PlayerState
from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
from kapdesk.core.clients import ClientDraft
from kapdesk.core.events import EventKind
from kapdesk.core.vitals import VitalsReading
from kapdesk.storage.practice_settings_store import load
from kapdesk.ui.editors.settings import SettingsDialog
from kapdesk.ui.shell.idle_lock import LOCKED_TITLE
from tests.helpers.constants import PASSPHRASE
from tests.helpers.screenshots import save_screen, screenshot_folder
from tests.helpers.session_window import dose_anyway, stored, take_baseline, tick_checklist
from tests.ui.shell.test_idle_lock import texts, unlock_with

pytest_plugins = ("tests.helpers.session_fixtures",)

MARKER = "Zephyrine"
NAME = f"{MARKER} Oakhollow-Reyes"


@pytest.fixture
def marked_room(wired, services, clock):  # noqa: ANN001, ANN201 - the room of a marked client, dosed
    client = services.clients.add(ClientDraft(NAME, intention=f"to forgive {MARKER}'s father"))
    view = wired.session_flow.start(client.id, KAP_SUBLINGUAL)
    clock.advance(120)
    tick_checklist(view.pre_dose)
    take_baseline(view.pre_dose)
    dose_anyway(view.pre_dose)  # no screening or consent recorded: the gate asks a reason
    room = view.room
    assert room.controller.add_note(f"{MARKER} spoke of the sea") is not None
    assert any(MARKER in text for text in texts(wired.window, visible_only=True))  # the test can see it
    yield room
    wired.music.controller.close()


def lock_with_ctrl_l() -> None:
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_l_in_the_room_locks_and_keeps_the_session_in_view_without_the_client(  # noqa: ANN001
        qtbot, wired, marked_room) -> None:
    marked_room.focus_room()
    lock_with_ctrl_l()
    lock = wired.idle_lock
    assert lock.is_locked and wired.window.centralWidget() is lock.screen
    panel = lock.screen.session
    assert panel.isVisible()
    phase = marked_room.controller.state().phase.name
    assert panel.phase.text().startswith(phase) and ":" in panel.countdown.text()
    assert not any(MARKER in text for text in texts(lock.screen, visible_only=False))
    assert not any(MARKER in text for text in texts(wired.window, visible_only=True))
    assert MARKER not in wired.window.windowTitle()
    assert LOCKED_TITLE in texts(lock.screen, visible_only=True)
    assert QApplication.focusWidget() is lock.screen.passphrase


def test_the_count_down_checkpoints_and_keep_alive_go_on_under_the_lock(qtbot, wired, marked_room,  # noqa: ANN001
                                                                         clock) -> None:
    lock = wired.idle_lock
    assert lock.lock()
    controller = marked_room.controller
    assert controller.keep_alive_timer.isActive() and lock.session_tick.isActive()
    before = lock.screen.session.countdown.text()
    clock.advance(65)
    lock.session_tick.timeout.emit()  # the lock's one-second tick, on the fake clock
    after = lock.screen.session.countdown.text()
    assert after != before
    remaining = controller.state().phase_remaining_s
    assert after == f"{int(remaining) // 60}:{int(remaining) % 60:02d}" or after.endswith("over") \
        or after.count(":") == 2
    # Forty minutes after the dose the blood pressure check falls due, under the lock.
    clock.advance(40 * 60)
    lock.session_tick.timeout.emit()
    assert "40-minute BP" in lock.screen.session.due.text() and lock.screen.session.due.isVisible()
    assert not any(MARKER in text for text in texts(lock.screen, visible_only=False))


def test_a_safety_alert_stays_in_view_under_the_lock(qtbot, wired, marked_room) -> None:  # noqa: ANN001
    marked_room.controller.record_vitals(VitalsReading(192, 118, 88))
    assert marked_room.alert.isVisibleTo(marked_room)
    lock = wired.idle_lock
    assert lock.lock()
    alert = lock.screen.session.alert
    assert alert.isVisible()
    assert "192/118" in lock.screen.session.alert_text.text()
    assert "Recheck" in lock.screen.session.alert_text.text()
    assert not any(MARKER in text for text in texts(lock.screen, visible_only=False))


def test_f1_silences_the_music_under_the_lock_and_typing_reaches_no_note(qtbot, wired, marked_room,  # noqa: ANN001
                                                                         services) -> None:
    music = wired.music.controller
    assert music.state is PlayerState.PLAYING
    assert wired.idle_lock.lock()
    screen = wired.idle_lock.screen
    QTest.keyClick(screen.passphrase, Qt.Key.Key_F1)
    assert music.state is PlayerState.SILENCED
    QTest.keyClick(screen.passphrase, Qt.Key.Key_F1)
    assert music.state is PlayerState.PLAYING
    notes_before = len(stored(services, marked_room.parent().parent(), EventKind.NOTE))
    QTest.keyClicks(screen.passphrase, "hello")  # goes to the passphrase field only
    for key in (Qt.Key.Key_F2, Qt.Key.Key_F5, Qt.Key.Key_F8, Qt.Key.Key_Escape):
        QTest.keyClick(screen.passphrase, key)
    assert screen.passphrase.text() == "hello"
    assert marked_room.note_edit.text() == "" and not marked_room.controller.state().paused
    assert len(stored(services, marked_room.parent().parent(), EventKind.NOTE)) == notes_before
    screen.passphrase.clear()
    unlock_with(screen, PASSPHRASE)
    qtbot.waitUntil(lambda: not wired.idle_lock.is_locked, timeout=10_000)
    assert marked_room.isVisible() and wired.window.isAncestorOf(marked_room)
    assert not wired.idle_lock.session_tick.isActive()
    assert marked_room.controller.display_active  # the room ticks itself again


def test_settings_left_open_is_covered_not_cancelled_and_comes_back_as_it_was(qtbot, wired,  # noqa: ANN001
                                                                             services) -> None:
    dialog = SettingsDialog(load(services.settings), wired.window)
    seen = {}

    def while_open() -> None:
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        dialog.name_edit.setText(f"Dr {MARKER}")
        dialog.name_edit.setFocus()
        assert wired.idle_lock.lock()
        seen["covered"] = not any(MARKER in text for text in texts(dialog, visible_only=False))
        seen["one cover"] = [cover.target for cover in wired.idle_lock.covers] == [dialog]
        cover = wired.idle_lock.covers[0].screen
        seen["focus"] = QApplication.focusWidget() is cover.passphrase
        QTest.keyClick(cover.passphrase, Qt.Key.Key_Escape)  # would cancel the dialog: dropped
        seen["still open"] = dialog.isVisible()
        unlock_with(cover, PASSPHRASE)
        qtbot.waitUntil(lambda: not wired.idle_lock.is_locked, timeout=10_000)
        seen["back"] = dialog.name_edit.text() == f"Dr {MARKER}" and dialog.name_edit.isVisible()
        seen["focus back"] = QApplication.focusWidget() is dialog.name_edit
        dialog._cancel()

    QTimer.singleShot(0, while_open)
    dialog.exec()
    assert seen == {"covered": True, "one cover": True, "focus": True, "still open": True, "back": True,
                    "focus back": True}


def test_a_question_left_open_is_covered_too(qtbot, wired) -> None:  # noqa: ANN001
    box = QMessageBox(QMessageBox.Icon.Question, "KAPDesk", f"Discard the notes about {MARKER}?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, wired.window)
    box.open()
    qtbot.waitUntil(box.isVisible)
    assert wired.idle_lock.lock()
    assert box.isVisible() and not any(MARKER in text for text in texts(box, visible_only=False))
    unlock_with(wired.idle_lock.screen, PASSPHRASE)
    qtbot.waitUntil(lambda: not wired.idle_lock.is_locked, timeout=10_000)
    assert any(MARKER in text for text in texts(box, visible_only=True))
    box.done(0)


def test_the_session_lock_looks_calm(qtbot, wired, marked_room, tmp_path) -> None:  # noqa: ANN001
    marked_room.controller.record_vitals(VitalsReading(186, 112, 96))
    assert wired.idle_lock.lock()
    wired.window.resize(1200, 780)
    image = save_screen(wired.window, screenshot_folder(tmp_path), "session-lock.png")
    assert not image.isNull()  # looked at: dark, the phase and count-down large, no client


def test_keep_alive_is_written_under_the_lock_and_a_crash_then_resumes_as_usual(qtbot, wired, marked_room,  # noqa: ANN001
                                                                                services, clock) -> None:
    from tests.helpers.session_window import process_dies

    assert wired.idle_lock.lock()
    clock.advance(25 * 60)
    marked_room.controller.keep_alive_timer.timeout.emit()  # the keep-alive's minute, under the lock
    alive_at = clock.now()
    process_dies(wired)  # the laptop crashes while locked
    [left_open] = services.sessions.open_sessions()
    assert left_open.last_alive_at == alive_at  # recovery counts the gap from here, as always
    assert left_open.client_name == NAME


def test_the_music_library_and_the_scripts_left_open_are_covered_and_come_back(qtbot, wired) -> None:  # noqa: ANN001
    from kapdesk.ui.editors.scripts import ScriptLibraryDialog
    from kapdesk.ui.music.library_window import MusicLibraryDialog

    wired.window.music_button.click()
    [library] = [d for d in wired.window.findChildren(MusicLibraryDialog) if d.isVisible()]
    assert any("Journey" in text for text in texts(library, visible_only=True))
    seen = {}

    def while_scripts_open() -> None:
        scripts = next(w for w in QApplication.topLevelWidgets()
                       if isinstance(w, ScriptLibraryDialog) and w.isVisible())
        shown_before = [t for t in texts(scripts, visible_only=True) if "sublingual" in t]
        assert wired.idle_lock.lock()
        seen["covered"] = sorted(type(cover.target).__name__ for cover in wired.idle_lock.covers)
        seen["nothing shown"] = not any("Journey" in t for t in texts(library, visible_only=False)) and \
            not any("sublingual" in t for t in texts(scripts, visible_only=False))
        unlock_with(wired.idle_lock.screen, PASSPHRASE)
        qtbot.waitUntil(lambda: not wired.idle_lock.is_locked, timeout=10_000)
        seen["back"] = bool(shown_before) and \
            [t for t in texts(scripts, visible_only=True) if "sublingual" in t] == shown_before
        scripts.reject()

    QTimer.singleShot(0, while_scripts_open)
    wired.window.scripts_requested.emit()
    assert seen == {"covered": ["MusicLibraryDialog", "ScriptLibraryDialog"], "nothing shown": True,
                    "back": True}
    assert library.isVisible() and any("Journey" in text for text in texts(library, visible_only=True))
    library.reject()
    wired.music.controller.close()


# The offscreen platform cannot raise a popup or grab the keyboard for it, and says so.
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing")
def test_an_open_list_is_closed_by_the_lock(qtbot, wired) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QComboBox

    combo = QComboBox(wired.window)
    combo.addItems([f"{MARKER} one", f"{MARKER} two"])
    combo.show()
    combo.showPopup()
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    assert wired.idle_lock.lock()
    assert QApplication.activePopupWidget() is None
