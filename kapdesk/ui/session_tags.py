"""Quick tags: one click or one key records an observation such as "tearful".

Keys: the digits 1–9 when the focus is not in a text field (a text field
claims plain digits for itself, so a note starting with "2" can never fire a
tag), and Alt+1–9 at any time, even while typing a note. The digit is shown
on each button. Tags beyond the ninth are click-only.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QVBoxLayout, QWidget

from kapdesk.ui.session_widgets import add_key, key_button, label

COLUMNS = 5
HINT = "Tags: keys 1–9 when not typing, Alt+1–9 always"


class TagBar(QWidget):
    tag_chosen = Signal(str)

    def __init__(self, tags: tuple[str, ...], columns: int = COLUMNS,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tagBar")
        self.setAccessibleName("Quick tags")
        self.buttons: list[QPushButton] = []
        grid = QGridLayout()
        grid.setSpacing(8)
        for position, tag in enumerate(tags):
            button = self._button(tag, position + 1)
            grid.addWidget(button, *divmod(position, columns))
            self.buttons.append(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label(HINT if tags else "No quick tags set up.", "hint", "Tag keys"))
        layout.addLayout(grid)

    def _button(self, tag: str, number: int) -> QPushButton:
        key = str(number) if number <= 9 else None
        button = key_button(tag, key, lambda: self.tag_chosen.emit(tag), self, name="tagButton")
        button.setAccessibleName(f"Tag: {tag}")
        if key:
            add_key(button, f"Alt+{key}")
            button.setToolTip(f"Tag “{tag}”: {key} when not typing, Alt+{key} at any time")
        return button
