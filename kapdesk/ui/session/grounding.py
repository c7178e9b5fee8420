"""The room's grounding screen: 5-4-3-2-1 in very large, calm letters over the room.

Opened and closed by one key (GROUNDING_KEY) in the room; Space steps on,
Backspace steps back. It covers the room's page (a child widget raised over
it, like the dim veil, so the session's timers and the music strip's F1 go on
underneath) and takes the keys while open, so a Space never starts a note.
Readable from the couch in the dimmest setting: warm amber on near-black,
the number a fifth of the height, nothing else on screen but one line of
help at the bottom. Its opening and closing (with how many steps were seen)
go into the session's log through the controller. The steps are core's.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kapdesk.core.grounding import Grounding
from kapdesk.ui.common.widgets import show_text

GROUNDING_KEY = "Ctrl+G"
HELP = "Space: next      Backspace: back      Ctrl+G: back to the session"
# The labels lie straight on the near-black: the room's panel shade behind them would
# show as grey boxes in the dark. The help line at 4.7:1 against it, quiet but readable.
_STYLE = """
QWidget#groundingScreen { background: #0c0a09; }
QLabel#groundingNumber { color: #d9a860; }
QLabel#groundingWords { color: #cdb89a; }
QLabel#groundingHelp { color: #8a7a66; }
QLabel#groundingNumber, QLabel#groundingWords, QLabel#groundingHelp { background: transparent; }
"""


class GroundingScreen(QWidget):
    closed = Signal(int)  # steps seen

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("groundingScreen")
        self.setAccessibleName("Grounding exercise")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._sizes = ""
        self.setStyleSheet(_STYLE)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.state = Grounding()
        self.number = QLabel(self)
        self.number.setObjectName("groundingNumber")
        self.number.setAccessibleName("Count")
        self.words = QLabel(self)
        self.words.setObjectName("groundingWords")
        self.words.setAccessibleName("Grounding step")
        self.words.setWordWrap(True)
        self.help = QLabel(HELP, self)
        self.help.setObjectName("groundingHelp")
        self.help.setAccessibleName("Keys")
        for text in (self.number, self.words, self.help):
            text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 20)
        layout.addStretch(1)
        layout.addWidget(self.number)
        layout.addWidget(self.words)
        layout.addStretch(1)
        layout.addWidget(self.help)
        parent.installEventFilter(self)
        self.hide()

    @property
    def is_open(self) -> bool:
        return self.isVisible()

    def open(self) -> None:
        self.state = Grounding()
        self._show_state()
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def close_screen(self) -> None:
        if not self.isVisible():
            return
        self.hide()
        self.closed.emit(self.state.steps_seen)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() == Qt.Key.Key_Space:
            self.state = self.state.next()
        elif event.key() == Qt.Key.Key_Backspace:
            self.state = self.state.back()
        elif event.key() == Qt.Key.Key_Escape:
            self.close_screen()
            return
        else:
            # Letters are not notes while the screen is up: keep them here.
            event.accept()
            return
        self._show_state()

    def _show_state(self) -> None:
        # Named after what they show: a screen reader reads a label by its name.
        show_text(self.number, self.state.big_text(), "Count")
        self.number.setVisible(bool(self.state.big_text()))
        show_text(self.words, self.state.words(), "Grounding step")
        self._fit_fonts()

    def resizeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit_fonts()

    def _fit_fonts(self) -> None:
        # In the style sheet, not setFont: the room's style sheet sets label sizes,
        # and a style sheet's size wins over a widget's font.
        height = max(self.height(), 200)
        sizes = "".join(f"QLabel#{widget.objectName()} {{ font-size: {max(12, height // share)}px; }}"
                        for widget, share in ((self.number, 5), (self.words, 16), (self.help, 40)))
        if sizes != self._sizes:
            self._sizes = sizes
            self.setStyleSheet(_STYLE + sizes)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(self.parentWidget().rect())
        return False

