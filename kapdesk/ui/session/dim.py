"""Screen dimming for a dark room: a see-through veil over the session page.

The laptop's own brightness is out of our reach, so the page is veiled with
translucent black in steps (off, dim, dimmer) by one key. The veil lets every
click and key through and never takes focus. A safety alert lifts it. The
room keeps each step in the session's log (dim_changed), so a room resumed
after a crash opens as dark as it was (`set_level`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from kapdesk.core.events import DIM_LEVELS

LEVELS = (0.0, 0.45, 0.7)  # fraction of light taken away
LEVEL_NAMES = DIM_LEVELS  # the log's words for them


class DimOverlay(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("dimOverlay")
        self.setAccessibleName("Screen dimming")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._step = 0
        parent.installEventFilter(self)
        self.hide()

    @property
    def level(self) -> float:
        return LEVELS[self._step]

    @property
    def level_name(self) -> str:
        return LEVEL_NAMES[self._step]

    @property
    def next_level_name(self) -> str:
        """The level F9 goes to from here: one step darker, from the darkest back to off."""
        return LEVEL_NAMES[(self._step + 1) % len(LEVELS)]

    def cycle(self) -> None:
        self._set_step((self._step + 1) % len(LEVELS))

    def set_level(self, name: str) -> None:
        """Veil to a named level (one of LEVEL_NAMES); an unknown name lifts the veil."""
        self._set_step(LEVEL_NAMES.index(name) if name in LEVEL_NAMES else 0)

    def clear(self) -> None:
        self._set_step(0)

    def _set_step(self, step: int) -> None:
        self._step = step
        self.setAccessibleDescription(f"Dimming {self.level_name}")
        self.setVisible(step > 0)
        if step > 0:
            self.setGeometry(self.parentWidget().rect())
            self.raise_()
            self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(self.parentWidget().rect())
        return False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0, round(255 * self.level)))
        painter.end()
