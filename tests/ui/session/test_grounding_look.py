"""The grounding screen as seen in the dark: its words lie straight on the near-black,
with no lighter box behind them, and its help line is still readable."""

from __future__ import annotations

from PySide6.QtGui import QColor

pytest_plugins = ("tests.helpers.session_fixtures",)
BACKGROUND = QColor("#0c0a09")


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + \
        0.0722 * channel(colour.blueF())


def test_no_box_behind_the_words_even_with_the_room_at_its_darkest(room, qtbot) -> None:  # noqa: ANN001
    while room.dim.next_level_name != "off":
        room.dim_button.click()
    room.toggle_grounding()
    screen = room.grounding
    qtbot.waitUntil(screen.isVisible)
    image = screen.grab().toImage()
    for label in (screen.number, screen.words, screen.help):
        corner = label.geometry().topLeft()  # the label's own corner, where no letter is
        assert image.pixelColor(corner.x() + 1, corner.y() + 1) == BACKGROUND, label.objectName()
    help_colour = screen.help.palette().color(screen.help.foregroundRole())
    ratio = (_luminance(help_colour) + 0.05) / (_luminance(BACKGROUND) + 0.05)
    assert ratio >= 4.5
