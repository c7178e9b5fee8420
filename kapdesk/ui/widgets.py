"""Small widget helpers shared by the views: labelled buttons with shortcuts, named combo boxes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleInterface, QKeySequence
from PySide6.QtWidgets import QAccessibleWidget, QComboBox, QLabel, QPushButton, QWidget


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


class NamedComboBox(QComboBox):
    """A combo box a screen reader names by what it is, not by what it holds.

    On Linux, Qt's own accessible combo box answers its name with its current
    text (it leaves the name to a label relation), so four "when it runs out"
    boxes all read "then start it again". This one answers with its
    accessible name and gives its current text as its value.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _install_combo_names()


class _NamedComboAccessible(QAccessibleWidget):
    def text(self, kind: QAccessible.Text) -> str:  # noqa: D102 - Qt API
        combo = self.widget()
        if kind == QAccessible.Text.Name:
            return combo.accessibleName() or combo.currentText()
        if kind == QAccessible.Text.Value:
            return combo.currentText()
        return super().text(kind)


def _named_combo_factory(_key: str, obj: QObject) -> QAccessibleInterface | None:
    if isinstance(obj, NamedComboBox):
        return _NamedComboAccessible(obj, QAccessible.Role.ComboBox)
    return None


_factory_installed: list[bool] = []  # Qt keeps one list of factories per process


def _install_combo_names() -> None:
    if not _factory_installed:
        QAccessible.installFactory(_named_combo_factory)
        _factory_installed.append(True)
