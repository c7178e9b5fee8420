"""A room resumed after a crash is the room that was left (issue 16): as dark as
it was, an acknowledged alert still acknowledged, an unseen one raised again,
and a log that reads line for line as Records reads the same session."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from kapdesk.core.events import EventKind
from kapdesk.storage.review import ReviewStore
from kapdesk.ui.review import session_text as records
from kapdesk.ui.session.room_log import LOG_LEGEND
from tests.helpers.session_window import fill_vitals, open_window, stored

pytest_plugins = ("tests.helpers.session_fixtures",)
MIN = 60


def crash(wired, clock) -> None:  # noqa: ANN001
    """The process dies: nothing in its window acts again; five minutes pass."""
    for timer in wired.window.findChildren(QTimer):
        timer.stop()
    wired.session_flow.view = None
    wired.window.hide()
    clock.advance(5 * MIN)


def resume(qtbot, services):  # noqa: ANN001, ANN201
    wired = open_window(qtbot, services)
    window = wired.window
    window.stack.currentWidget().resume_button.click()
    return wired.session_flow.view


def high_reading(room, clock) -> None:  # noqa: ANN001
    clock.advance(40 * MIN)
    fill_vitals(room.vitals, "186", "112", "96")
    room.vitals.submit()
    assert room.alert.isVisible()


def test_dimmed_and_alert_seen_stay_so_after_a_crash(wired, room, clock, qtbot, services) -> None:  # noqa: ANN001
    high_reading(room, clock)  # the alert lifts any dimming
    clock.advance(MIN)
    QTest.keyClick(room, Qt.Key.Key_F12)
    assert not room.alert.isVisible()
    [seen] = stored(services, wired.session_flow.view, EventKind.ALERT_SEEN)
    assert seen.data["what"] == "BP 186/112"
    QTest.keyClick(room, Qt.Key.Key_F9)
    QTest.keyClick(room, Qt.Key.Key_F9)
    assert room.dim.level_name == "dimmer"
    assert room.log.texts()[-1].endswith("Screen dimmed further")
    crash(wired, clock)

    view = resume(qtbot, services)
    assert view.room.dim.isVisible() and view.room.dim.level_name == "dimmer"  # not a bright screen
    assert view.room.dim_button.accessibleDescription() == "Dimming dimmer"
    assert not view.room.alert.isVisible()  # seen before the crash: not raised as new
    assert any(line.endswith("Alert seen: BP 186/112 at 00:42 +0:40")
               for line in view.room.log.texts())


def test_an_alert_not_seen_comes_back_on_resume_and_f12_stores_it(wired, room, clock, qtbot,  # noqa: ANN001
                                                                    services) -> None:
    high_reading(room, clock)
    crash(wired, clock)
    view = resume(qtbot, services)
    assert view.room.alert.isVisible()
    assert "186/112" in view.room.alert.message.text()
    QTest.keyClick(view.room, Qt.Key.Key_F12)
    assert not view.room.alert.isVisible()
    [seen] = stored(services, view, EventKind.ALERT_SEEN)
    assert seen.data["vitals_seq"] == stored(services, view, EventKind.VITALS)[-1].seq


def test_a_resumed_log_reads_line_for_line_as_records(wired, room, clock, qtbot,  # noqa: ANN001
                                                       services) -> None:
    clock.advance(20 * MIN)
    room.note_edit.setText("Says it feels like warm water")
    room.save_note()
    QTest.keyClick(room, Qt.Key.Key_1)  # a tag
    QTest.keyClick(room, Qt.Key.Key_F6)  # +5 min
    high_reading(room, clock)
    QTest.keyClick(room, Qt.Key.Key_F12)
    QTest.keyClick(room, Qt.Key.Key_F7)  # moved on early
    crash(wired, clock)

    view = resume(qtbot, services)
    record = ReviewStore(services.practice, services.clock).session_record(view.session_id)
    in_records = [text for _mark, text in records.log_entries(record)]
    assert view.room.log.texts() == in_records
    assert view.room.log.accessibleDescription() == LOG_LEGEND == records.TIME_LEGEND
    words = "\n".join(in_records)
    for line in ("Note — Says it feels like warm water", "Phase extended:", "Phase ended early:",
                 "Vitals — BP 186/112, HR 96", "Alert seen: BP 186/112 at",
                 "Gap — The app was not running from"):
        assert line in words
