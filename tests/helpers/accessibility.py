"""What a screen reader would read: checks shared by the screens' accessibility tests."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def unread_labels(root) -> list[str]:  # noqa: ANN001
    """Plain-text labels whose accessible name does not carry the words they show."""
    found = []
    for label in root.findChildren(QLabel):
        shown = label.text().replace("&", "") if label.buddy() is not None else label.text()
        text = " ".join(shown.split())
        if (label.isVisibleTo(root) and text and label.textFormat() != Qt.TextFormat.RichText
                and "<" not in text and text not in " ".join(label.accessibleName().split())):
            found.append(f"{label.accessibleName()!r} shows {text!r}")
    return found


def every_text(root) -> list[str]:  # noqa: ANN001 - a QWidget
    """Every text a widget tree shows or names, hidden widgets too: text, placeholder,
    window title, accessible name and description, tool tip (a marker walk)."""
    from PySide6.QtWidgets import QWidget

    found = []
    for each in [root, *root.findChildren(QWidget)]:
        for name in ("text", "placeholderText", "toPlainText", "windowTitle", "accessibleName",
                     "accessibleDescription", "toolTip"):
            method = getattr(each, name, None)
            if callable(method):
                found.append(str(method()))
    return found
