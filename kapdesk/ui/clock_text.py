"""Clock text drawn from cached pieces: cheap to repaint once a second.

The room's count-down is set in ~120 px digits. Qt caches glyphs only up to
about 64 px; larger ones are rasterised from their outlines on every paint,
with the font's hinting program run each time. That, and shaping the string
anew each second, was most of what a quiet session cost to draw.

`ClockText` splits a text into pieces (each digit alone; every run of other
characters, like ":" or " since the dose", whole, so the font's kerning
within a run stays as Qt lays it out), draws each piece once into a
transparent pixmap, and afterwards only places those pixmaps. The pieces a
clock uses are few (ten digits and a handful of words), so the cache stays
small; it is cleared when the font, colour or pixel ratio changes.
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPixmap

_PIECES = re.compile(r"\d|\D+")
# Room for strokes that reach past a piece's advance (italic overhang, antialiasing).
_PAD = 4
# A clock's texts use a few dozen pieces; a bound keeps an odd caller from growing it.
_MAX_PIECES = 256


class ClockText:
    """Draws short, often-changing text from per-piece pixmaps."""

    def __init__(self) -> None:
        self._key: tuple[str, int, float] | None = None
        self._font = QFont()
        self._metrics = QFontMetricsF(self._font)
        self._line_height = self._metrics.ascent() + self._metrics.descent()
        self._color = QColor()
        self._dpr = 1.0
        self._pieces: dict[str, tuple[QPixmap, float]] = {}  # piece -> (pixmap, advance)

    def use(self, font: QFont, color: QColor, dpr: float) -> None:
        """Draw with this font and colour at this device pixel ratio from now on."""
        key = (font.key(), color.rgba(), dpr)
        if key != self._key:
            self._key, self._font, self._color, self._dpr = key, QFont(font), QColor(color), dpr
            self._metrics = QFontMetricsF(self._font)
            self._line_height = self._metrics.ascent() + self._metrics.descent()
            self._pieces.clear()

    def line_height(self) -> float:
        return self._line_height

    def draw(self, painter: QPainter, left: float, top: float, text: str) -> None:
        """Draw `text` with its line's top-left corner at (left, top)."""
        x, y = left - _PAD, round(top)
        for piece in _PIECES.findall(text):
            pixmap, advance = self._pieces.get(piece) or self._piece(piece)
            painter.drawPixmap(round(x), y, pixmap)
            x += advance

    def _piece(self, piece: str) -> tuple[QPixmap, float]:
        cached = self._pieces.get(piece)
        if cached is None:
            if len(self._pieces) >= _MAX_PIECES:
                self._pieces.clear()
            cached = self._pieces[piece] = self._render(piece)
        return cached

    def _render(self, piece: str) -> tuple[QPixmap, float]:
        advance = self._metrics.horizontalAdvance(piece)
        width = math.ceil(advance) + 2 * _PAD
        height = math.ceil(self.line_height())
        pixmap = QPixmap(round(width * self._dpr), round(height * self._dpr))
        pixmap.setDevicePixelRatio(self._dpr)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setFont(self._font)
        painter.setPen(self._color)
        painter.drawText(QPointF(_PAD, self._metrics.ascent()), piece)
        painter.end()
        return pixmap, advance
