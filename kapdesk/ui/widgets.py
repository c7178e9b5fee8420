"""Small widget helpers shared by the views: labelled buttons with shortcuts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QPushButton, QWidget


def action_button(text: str, shortcut: str | None, on_click: Callable[[], object],
                  parent: QWidget | None = None, primary: bool = False) -> QPushButton:
    """A button whose shortcut is shown on it and works while its window has focus."""
    sequence = QKeySequence(shortcut) if shortcut else None
    hint = sequence.toString(QKeySequence.SequenceFormat.NativeText) if sequence else ""
    button = QPushButton(f"{text}  [{hint}]" if hint else text, parent)
    button.setAccessibleName(text)
    if sequence is not None:
        button.setShortcut(sequence)
        button.setToolTip(f"{text} ({hint})")
    if primary:
        button.setProperty("primary", True)
    button.clicked.connect(on_click)
    return button


def relabel(button: QPushButton, text: str) -> None:
    """Change an action button's words, keeping its shortcut.

    QPushButton.setText parses '&' mnemonics and so drops any shortcut set
    before; the shortcut is put back, and shown, here.
    """
    sequence = button.shortcut()
    hint = sequence.toString(QKeySequence.SequenceFormat.NativeText)
    button.setText(f"{text}  [{hint}]" if hint else text)
    button.setShortcut(sequence)
    button.setAccessibleName(text)
    if hint:
        button.setToolTip(f"{text} ({hint})")


def wrapped_label(text: str = "", object_name: str = "", accessible_name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if object_name:
        label.setObjectName(object_name)
    if accessible_name:
        label.setAccessibleName(accessible_name)
    return label
