"""The display ticks only while the session is on screen, and only from state."""

from __future__ import annotations

from PySide6.QtCore import Qt

pytest_plugins = ("tests.ui.session_fixtures",)


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


def test_no_ticking_when_another_view_is_in_front(window, room, client) -> None:  # noqa: ANN001
    window.show_view(window.clients_view)
    assert not room.controller.display_active
    window.session_flow.choose_script(client.id)  # one session at a time: it comes back
    assert window.stack.currentWidget() is window.session_flow.view
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
