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

A laid-out line (`layout`) says where each piece goes, so when the text
moves on by a second `changed_spans` finds the few pieces that differ (the
last digit, mostly) and only they need repainting: a tick then fills and
blends a digit's worth of pixels instead of the whole line (on an idle
machine, with cold caches, about 40 us of a 600 us tick).
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

# One piece of a laid-out line: (piece, x from the line's left, advance, pixmap).
Placed = tuple[str, float, float, QPixmap]


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

    def layout(self, text: str) -> list[Placed]:
        """Where each piece of `text` goes, from the line's left edge.

        The pixmaps are those of the font and colour in use: after `use`
        changes them, lay the line out again.
        """
        placed: list[Placed] = []
        x = 0.0
        for piece in _PIECES.findall(text):
            pixmap, advance = self._pieces.get(piece) or self._new_piece(piece)
            placed.append((piece, x, advance, pixmap))
            x += advance
        return placed

    def draw(self, painter: QPainter, left: float, top: float, placed: list[Placed],
             x_from: float, x_to: float) -> None:
        """Draw a laid-out line with its top-left corner at (left, top).

        Only pieces whose ink reaches into [x_from, x_to) are drawn: the rest
        of a partly repainted line is already on screen.
        """
        y = round(top)
        for _piece, x, advance, pixmap in placed:
            start = left + x - _PAD
            if start < x_to and start + advance + 2 * _PAD > x_from:
                painter.drawPixmap(round(start), y, pixmap)

    def _new_piece(self, piece: str) -> tuple[QPixmap, float]:
        if len(self._pieces) >= _MAX_PIECES:
            self._pieces.clear()
        self._pieces[piece] = made = self._render(piece)
        return made

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


def changed_spans(old: list[Placed], new: list[Placed]) -> list[tuple[float, float]]:
    """The x ranges (from the line's left, ink included) where two layouts differ.

    A piece that is the same text at the same place in both is left out;
    every other piece, old (to be covered) and new (to be drawn), is in.
    Ranges come in order from the left, overlapping ones merged.
    """
    spans: list[tuple[float, float]] = []
    # Pieces run left to right in both, so the ranges come out in order.
    for (was, was_x, was_advance, _), (now, now_x, now_advance, _) in zip(old, new):
        if was != now or was_x != now_x:
            _add_span(spans, min(was_x, now_x) - _PAD,
                      max(was_x + was_advance, now_x + now_advance) + _PAD)
    shared = min(len(old), len(new))
    for _piece, x, advance, _pixmap in old[shared:] + new[shared:]:  # the longer one's end
        _add_span(spans, x - _PAD, x + advance + _PAD)
    return spans


def _add_span(spans: list[tuple[float, float]], start: float, end: float) -> None:
    if spans and start <= spans[-1][1]:
        spans[-1] = (spans[-1][0], max(spans[-1][1], end))
    else:
        spans.append((start, end))
