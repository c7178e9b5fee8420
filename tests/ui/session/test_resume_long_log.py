"""Resuming a long session: about as quick as a short one (issue 16, item 24), and
its room shows the newest lines.

A session's log reaches thousands of events in a busy two hours with music;
after a crash the therapist waits for the room with a client on the couch.
The room's log was rebuilt line by line, scrolling after each line, and each
scroll laid out every word-wrapped line again: the wait grew with the square
of the log (14.6 s at 2,000 events). These tests count that work, and compare
resuming 2,000 events with 200 on the app's own window, with a ratio generous
enough for a busy machine and far below what a square law gives (above 10).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QStackedWidget, QVBoxLayout, QWidget

from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
from kapdesk.core.clients import ClientDraft
from kapdesk.core.timeline import replay
from kapdesk.core.vitals import VitalThresholds
from kapdesk.ui.session.room_log import SessionLog
from kapdesk.ui.common.theme import style_sheet
from tests.helpers.long_session import session_log, write_open_session
from tests.helpers.session_window import open_window
from tests.helpers.stubs import CountingDelegate

pytest_plugins = ("tests.helpers.session_fixtures",)
MIN = 60


def test_rebuilding_a_long_log_lays_each_line_out_a_few_times_not_once_per_line(qtbot, clock) -> None:  # noqa: ANN001
    events = tuple(session_log(2000, clock.now()))
    log = SessionLog(KAP_SUBLINGUAL, VitalThresholds())
    qtbot.addWidget(log)
    delegate = CountingDelegate(log)
    log.setItemDelegate(delegate)
    log.resize(420, 500)
    log.show()
    log.rebuild(events, replay(KAP_SUBLINGUAL, events, clock.now()))
    QApplication.processEvents()  # the paint, and the layout it needs
    lines = log.count()
    assert lines > 1000
    assert delegate.asked <= 4 * lines  # a line laid out per line added: ~600 each
    last = log.visualItemRect(log.item(lines - 1))
    assert log.viewport().rect().contains(last.bottomLeft())  # scrolled to the newest line


def test_a_long_log_rebuilt_off_screen_is_laid_out_once_when_it_comes_on(qtbot, clock) -> None:  # noqa: ANN001
    """As in a resumed room: built before its window has it, styled, then shown."""
    events = tuple(session_log(2000, clock.now()))
    window = QStackedWidget()
    qtbot.addWidget(window)
    window.setStyleSheet(style_sheet())
    window.resize(1280, 800)
    window.show()
    page = QWidget()
    page.setStyleSheet(style_sheet("room.qss"))
    log = SessionLog(KAP_SUBLINGUAL, VitalThresholds(), page)
    QVBoxLayout(page).addWidget(log)
    delegate = CountingDelegate(log)
    log.setItemDelegate(delegate)
    log.rebuild(events, replay(KAP_SUBLINGUAL, events, clock.now()))
    window.setCurrentIndex(window.addWidget(page))
    QApplication.processEvents()
    lines = log.count()
    assert delegate.asked <= 3 * lines  # four times over, laid out while placed and styled
    last = log.visualItemRect(log.item(lines - 1))
    assert log.viewport().rect().contains(last.center())


def resume_seconds(wired, services, session_id: int) -> float:  # noqa: ANN001
    """Resume one open session as the offer's button does, until the room is painted."""
    [session] = [s for s in services.sessions.open_sessions() if s.session_id == session_id]
    started = time.perf_counter()
    view = wired.session_flow.resume(session)
    QApplication.processEvents()
    took = time.perf_counter() - started
    assert view is not None and view.current_page() is view.room
    # Gone again, as after a crash (see test_session_resume), for the next one.
    for timer in wired.window.findChildren(QTimer):
        timer.stop()
    wired.session_flow.view = None
    return took


def test_resuming_2000_events_takes_about_as_long_as_200(qtbot, services, clock) -> None:  # noqa: ANN001
    short, long_ = (write_open_session(services, services.clients.add(ClientDraft(name)).id,
                                       count, clock.now() - 5 * MIN)
                    for name, count in (("Alex M.", 200), ("Sam K.", 2000)))
    wired = open_window(qtbot, services)
    try:
        resume_seconds(wired, services, short)  # the first import of the session screens
        took_short = min(resume_seconds(wired, services, short) for _ in range(2))
        took_long = min(resume_seconds(wired, services, long_) for _ in range(2))
    finally:
        wired.music.controller.close()
    assert took_long < 5 * took_short, f"200 events: {took_short:.3f} s, 2000: {took_long:.3f} s"


def test_a_resumed_room_opens_its_log_at_the_newest_line(qtbot, services, clock) -> None:  # noqa: ANN001
    client = services.clients.add(ClientDraft("Alex M."))
    write_open_session(services, client.id, 300, clock.now() - 5 * MIN)
    wired = open_window(qtbot, services)
    window = wired.window
    try:
        window.stack.currentWidget().resume_button.click()
        QApplication.processEvents()  # shown and laid out, as the event loop does it
        log = wired.session_flow.view.room.log
        newest = log.item(log.count() - 1)
        assert "Gap — The app was not running" in newest.text()
        assert log.viewport().rect().contains(log.visualItemRect(newest).center())
    finally:
        wired.music.controller.close()
