"""Filling the course forms as a therapist does: keys on the question the cursor is on,
clicks on the large answers, Ctrl+S to save, Escape to leave."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def keys(*typed: str) -> None:
    """Each key typed into whatever has the focus, as the form moves the cursor on."""
    for key in typed:
        QTest.keyClicks(focused(), key)


def save(form: QWidget) -> None:
    QTest.keyClick(focused() if form.isAncestorOf(focused()) else form, Qt.Key.Key_S,
                   Qt.KeyboardModifier.ControlModifier)


def escape() -> None:
    QTest.keyClick(focused(), Qt.Key.Key_Escape)


def type_into(widget: QWidget, text: str) -> None:
    widget.setFocus()
    QTest.keyClicks(widget, text)


def answers_by_keys(values: Sequence[int]) -> None:
    """A paper form's answers typed one key a question, from the question the cursor is on."""
    keys(*(str(value) for value in values))
