"""The display ticks only while the session is on screen, and only from state."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from tests.helpers.stubs import PaintSpy

pytest_plugins = ("tests.helpers.session_fixtures",)


def test_ticking_while_shown_stopping_while_hidden(window, room, qtbot) -> None:  # noqa: ANN001
    controller = room.controller
    assert controller.display_active and controller.tick_timer.isActive()
    window.hide()
    assert not controller.display_active and not controller.tick_timer.isActive()
    window.show()
    qtbot.waitExposed(window)
    assert controller.display_active and controller.tick_timer.isActive()


def test_no_ticking_while_minimised(window, room, qtbot) -> None:  # noqa: ANN001
    controller = room.controller
    window.setWindowState(Qt.WindowState.WindowMinimized)
    qtbot.waitUntil(lambda: not controller.display_active, timeout=1000)
    assert not controller.tick_timer.isActive()
    window.setWindowState(Qt.WindowState.WindowNoState)
    qtbot.waitUntil(lambda: controller.display_active, timeout=1000)
    assert controller.tick_timer.isActive()


def test_a_window_system_minimising_the_window_stops_the_tick(window, room) -> None:  # noqa: ANN001
    """On a desktop a minimised window's widgets still report visible: its state decides."""
    handle = window.windowHandle()
    handle.windowStateChanged.emit(Qt.WindowState.WindowMinimized)  # as the window system says it
    assert room.isVisible()
    assert not room.controller.display_active and not room.controller.tick_timer.isActive()
    handle.windowStateChanged.emit(Qt.WindowState.WindowNoState)
    assert room.controller.display_active and room.controller.tick_timer.isActive()


def test_no_ticking_when_another_view_is_in_front(window, wired, room, client) -> None:  # noqa: ANN001
    window.show_view(wired.clients_view)
    assert not room.controller.display_active
    wired.session_flow.choose_script(client.id)  # one session at a time: it comes back
    assert window.stack.currentWidget() is wired.session_flow.view
    assert room.controller.display_active


def test_coming_back_catches_up_from_the_clock_at_once(window, room, clock, qtbot) -> None:  # noqa: ANN001
    window.hide()
    clock.advance(7 * 60)  # nothing ticks while hidden
    assert room.face.countdown.text() == "10:00"
    window.show()
    qtbot.waitExposed(window)
    assert room.face.countdown.text() == "3:00"


def test_the_screen_is_drawn_from_state_alone(room, clock) -> None:  # noqa: ANN001
    """Many ticks or one: the same instant shows the same thing."""
    for _ in range(50):
        room.controller.tick()
    clock.advance(61)
    room.controller.tick()
    once = (room.face.countdown.text(), room.face.clocks.text())
    for _ in range(50):
        room.controller.tick()
    assert (room.face.countdown.text(), room.face.clocks.text()) == once == \
        ("8:59", "Session 3:01   ·   1:01 since the dose")


def _pixels(widget) -> bytes:  # noqa: ANN001
    image = widget.grab().toImage()
    return bytes(image.constBits())


def test_the_painted_countdown_changes_every_second_and_greys_when_paused(room, clock) -> None:  # noqa: ANN001
    """The count-down is drawn from cached pieces: what is painted must still follow it."""
    countdown = room.face.countdown
    seen = set()
    for _second in range(3):
        room.controller.tick()
        seen.add((countdown.text(), _pixels(countdown)))
        clock.advance(1)
    assert len({text for text, _ in seen}) == len({pixels for _, pixels in seen}) == 3
    running = _pixels(countdown)
    room.controller.toggle_pause()
    assert countdown.property("level") == "paused"
    assert _pixels(countdown) != running  # same digits, the paused colour


def _on_screen(window, widget) -> QImage:  # noqa: ANN001
    """What the window's backing store holds where `widget` is: the repaints as made."""
    corner = widget.mapTo(window, QPoint(0, 0))
    shot = window.screen().grabWindow(window.winId(), corner.x(), corner.y(),
                                      widget.width(), widget.height())
    return shot.toImage().convertToFormat(QImage.Format.Format_RGB32)


def test_ticks_that_repaint_only_what_changed_leave_the_screen_as_a_fresh_paint(
        window, room, clock, qtbot) -> None:  # noqa: ANN001
    """The clocks repaint changed digits, the strip the columns its fill moved over.

    Across seconds, minutes, a pause, an extension and a new phase, the screen
    must equal a fresh paint of each.
    """
    qtbot.waitExposed(window)
    changes = {70: room.controller.toggle_pause, 75: room.controller.toggle_pause,
               200: room.controller.extend, 260: room.controller.skip_phase}
    for second in range(330):
        if second in changes:
            changes[second]()
        clock.advance(1)
        room.controller.tick()
        QApplication.processEvents()
        if second % 43 == 0 or second - 1 in changes:
            for widget in (room.face.countdown, room.face.clocks, room.strip):
                fresh = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
                assert _on_screen(window, widget) == fresh, (second, widget.objectName())


def test_a_tick_repaints_only_the_two_ticking_labels(room, clock, qtbot) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QApplication

    room.controller.tick()
    QApplication.processEvents()
    spy = PaintSpy()
    painted = spy.painted
    QApplication.instance().installEventFilter(spy)
    try:
        clock.advance(1)
        room.controller.tick()
        qtbot.waitUntil(lambda: bool(painted), timeout=1000)
        QApplication.processEvents()
    finally:
        QApplication.instance().removeEventFilter(spy)
    assert sorted(set(painted) - {"phaseStrip"}) == ["countdown", "sessionClocks"]


def test_the_pages_not_shown_catch_up_when_shown(session, clock) -> None:  # noqa: ANN001
    """Before the dose and discharge do not follow the clock while hidden."""
    pre = session.pre_dose
    session.show_room()
    line = pre.clock_line.text()
    clock.advance(125)
    session.controller.tick()
    assert pre.clock_line.text() == line  # hidden: not followed
    session.show_pre_dose()
    assert "session 2:05" in pre.clock_line.text()
    session.show_room()
    session.controller.tick_checklist("Music ready", True)  # events still reach a hidden page
    assert pre.checkboxes["Music ready"].isChecked()
    clock.advance(60)
    session.show_discharge()
    assert "(3 min ago)" in session.discharge.summary.text()
