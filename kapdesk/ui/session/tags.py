"""Quick tags: one click or one key records an observation such as "tearful".

Keys: the digits 1–9 while the note field does not have the focus (in a text
field a digit is text, so a note starting with "2" can never fire a tag), and
Alt+1–9 at any time, even while typing a note. The digit is shown on each
button and is the button's own shortcut (a screen reader announces it). Tags
beyond the ninth are click-only.

While `keys_held()` says so (the room is being built or has only just come on
screen), a tag key records nothing: a digit is handed on as text
(`early_text`, the room starts a note with it) and Alt+digit is dropped. Keys
typed blind while the screen was still being built must never become a
permanent tag in an append-only log.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QGridLayout, QPushButton, QVBoxLayout, QWidget

from kapdesk.ui.common.widgets import key_button, label, show_text

COLUMNS = 5
HINT = "Tags: 1–9 when not writing a note, Alt+1–9 always"


def never_held() -> bool:
    return False


class TagBar(QWidget):
    tag_chosen = Signal(str)
    early_text = Signal(str)  # a digit typed while the keys are held: text, not a tag

    def __init__(self, tags: tuple[str, ...], columns: int = COLUMNS,
                 parent: QWidget | None = None,
                 keys_held: Callable[[], bool] = never_held) -> None:
        super().__init__(parent)
        self.setObjectName("tagBar")
        self.setAccessibleName("Quick tags")
        self.keys_held = keys_held
        self.buttons: list[QPushButton] = []
        grid = QGridLayout()
        grid.setSpacing(8)
        for position, tag in enumerate(tags):
            button = self._button(tag, position + 1)
            grid.addWidget(button, *divmod(position, columns))
            self.buttons.append(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        hint = label("", "hint")
        show_text(hint, HINT if tags else "No quick tags set up.", "Tag keys")
        layout.addWidget(hint)
        layout.addLayout(grid)

    def _button(self, tag: str, number: int) -> QPushButton:
        key = str(number) if number <= 9 else None
        button = key_button(tag, key, lambda: self.tag_chosen.emit(tag), self, name="tagButton")
        button.setAccessibleName(f"Tag: {tag}")
        if key:
            button.installEventFilter(_HeldKey(self, key))
            alt = QShortcut(QKeySequence(f"Alt+{key}"), button)
            alt.setContext(Qt.ShortcutContext.WindowShortcut)
            alt.activated.connect(lambda: self._alt_key(button))
            button.setToolTip(f"Tag “{tag}”: {key} when not writing a note, Alt+{key} at any time")
        return button

    def _alt_key(self, button: QPushButton) -> None:
        if button.isEnabled() and not self.keys_held():
            button.click()


class _HeldKey(QObject):
    """Catches a tag button's digit shortcut while the keys are held."""

    def __init__(self, bar: TagBar, key: str) -> None:
        super().__init__(bar)
        self._bar, self._key = bar, key

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Shortcut and self._bar.keys_held():
            self._bar.early_text.emit(self._key)
            return True
        return False
