"""Consent to touch in the room (issue 12): a small line, always there, in words;
its absence said rather than left blank; legible under the darkest veil; never
repainted by the second's tick."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
from kapdesk.core.clients import ClientDraft
from kapdesk.core.consent import TouchConsent
from tests.helpers.course_records import TODAY, consent
from tests.helpers.stubs import PaintSpy

pytest_plugins = ("tests.helpers.session_fixtures",)


def room_of(wired, services, touch: TouchConsent | None, given: bool = True):  # noqa: ANN001, ANN201
    client = services.clients.add(ClientDraft("Sam R."))
    if given:
        services.consents.add(consent(client.id, touch=touch), TODAY)
    view = wired.session_flow.start(client.id, KAP_SUBLINGUAL)
    view.show_room()
    return view.room


def test_the_limits_in_words_stand_in_the_top_row(room) -> None:  # noqa: ANN001
    assert room.touch.text() == "Touch: hand on shoulder"
    assert room.touch.isVisible()
    assert room.touch.accessibleName() == "Consent to touch: Touch: hand on shoulder"
    # Beside the client's name, above the phase strip: in sight, out of the way.
    assert room.touch.geometry().bottom() <= room.strip.geometry().top()


def test_no_touch_says_none(wired, services) -> None:  # noqa: ANN001
    assert room_of(wired, services, TouchConsent(False)).touch.text() == "Touch: none"


def test_no_consent_recorded_is_said_not_left_blank(wired, services) -> None:  # noqa: ANN001
    room = room_of(wired, services, None, given=False)
    assert room.touch.text() == "Touch: no consent recorded" and room.touch.isVisible()


def test_a_consent_without_touch_asked_is_said_too(wired, services) -> None:  # noqa: ANN001
    assert room_of(wired, services, None).touch.text() == "Touch: no consent recorded"


def _contrast(image: QImage) -> float:
    """The WCAG contrast between the brightest and darkest pixel of `image`."""
    def luminance(color: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
        return (0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF())
                + 0.0722 * channel(color.blueF()))
    values = [luminance(image.pixelColor(x, y))
              for x in range(0, image.width(), 2) for y in range(image.height())]
    return (max(values) + 0.05) / (min(values) + 0.05)


def test_legible_under_the_darkest_veil_as_the_clients_name_is(room) -> None:  # noqa: ANN001
    room.dim.set_level("dimmer")
    QApplication.processEvents()
    shot = room.grab().toImage()
    touch = _contrast(shot.copy(room.touch.geometry()))
    title = _contrast(shot.copy(room.title.geometry()))
    assert touch >= title and touch >= 1.8, (touch, title)


def test_the_tick_never_repaints_it(room, clock, qtbot) -> None:  # noqa: ANN001
    room.controller.tick()
    QApplication.processEvents()
    spy = PaintSpy()
    QApplication.instance().installEventFilter(spy)
    try:
        for _second in range(3):
            clock.advance(1)
            room.controller.tick()
            qtbot.waitUntil(lambda: bool(spy.painted), timeout=1000)
            QApplication.processEvents()
    finally:
        QApplication.instance().removeEventFilter(spy)
    assert spy.painted and "touchLine" not in spy.painted
