"""Which parts of a clock line a new second repaints."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont

from kapdesk.ui.session.clock_text import ClockText, changed_spans


def _laid_out(qapp):  # noqa: ANN001, ANN202
    font = QFont()
    font.setPixelSize(40)
    text = ClockText()
    text.use(font, QColor("#f3e4cf"), 1.0)
    return text


def test_a_new_second_repaints_only_around_the_digit_that_changed(qapp) -> None:  # noqa: ANN001
    text = _laid_out(qapp)
    before, after = text.layout("9:46"), text.layout("9:45")
    [(start, end)] = changed_spans(before, after)
    last = after[-1]
    assert start <= last[1] and end >= last[1] + last[2]  # the last digit, ink and all
    assert start > after[-2][1]  # not the digits before it
    assert changed_spans(after, text.layout("9:45")) == []


def test_a_line_that_shrinks_or_shifts_is_repainted_where_it_was_and_where_it_is(
        qapp) -> None:  # noqa: ANN001
    text = _laid_out(qapp)
    wide, narrow = text.layout("10:00"), text.layout("9:59")
    [(start, end)] = changed_spans(wide, narrow)  # every piece moved: one merged range
    assert start <= 0 and end >= wide[-1][1] + wide[-1][2]
    clocks = text.layout("Session 1:05   ·   0:12 since the dose")
    later = text.layout("Session 1:06   ·   0:13 since the dose")
    spans = changed_spans(clocks, later)
    assert len(spans) == 2 and spans[0][1] < spans[1][0]  # two clocks, two places, in order
