"""Where the keys go in the room: one model, made plain by the room's legend.

The room opens with no text field focused, so keys go to the room. Text
typed there (a letter, or anything a focused button or the log leaves alone)
starts a note with it, so no keystroke is lost; F2 also puts the cursor in
the note field. Enter saves the note and gives the keys back to the room
(the room calls `focus_room` once the note is stored); Esc gives them back
keeping the draft. A tag's digit is its button's shortcut, which Qt offers
only while no text field has the focus; Alt+digit tags anywhere.

Keys typed while the room is being built or rebuilt (a resume of a long
session takes a moment) were typed blind. Until SETTLE_S after the room's
first event-loop turn on screen, `tag_keys_held` is true and the tag bar
hands a digit on here as text instead of recording a tag.

When the end question or the alert closes with the focus inside it, the keys
come back to the room rather than to whichever button Qt picks next.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from kapdesk.ui.common.widgets import on_escape

# How long after the room comes on screen a tag digit still counts as typed
# blind (queued while the room was built): longer than the queue takes to
# drain after a slow build, shorter than a person's look-then-press.
SETTLE_S = 0.8
_COMMAND = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
            | Qt.KeyboardModifier.MetaModifier)


class RoomTyping(QObject):
    def __init__(self, room: QWidget, note: QLineEdit, monotonic: Callable[[], float],
                 bars: tuple[QWidget, ...]) -> None:
        super().__init__(room)
        self._room, self._note, self._monotonic = room, note, monotonic
        self._settled_at: float | None = None  # tag keys count from then on; None: not yet
        self._settle_timer = QTimer(self)
        self._settle_timer.setObjectName("roomSettleTimer")
        self._settle_timer.setSingleShot(True)
        self._settle_timer.setInterval(0)  # the first event-loop turn after the build
        self._settle_timer.timeout.connect(self._settle)
        room.installEventFilter(self)
        for bar in bars:
            bar.installEventFilter(self)
        on_escape(note, self.focus_room)

    def focus_room(self) -> None:
        """Keys to the room: tags, and typing that starts a note."""
        self._room.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_note(self) -> None:
        self._note.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def start_note(self, text: str) -> None:
        """Text typed in the room: the note field takes it, and the focus."""
        self.focus_note()
        self._note.end(False)
        self._note.insert(text)

    def tag_keys_held(self) -> bool:
        """Whether a tag key now would have been typed before the room was ready."""
        return self._settled_at is None or self._monotonic() < self._settled_at

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if watched is self._room:
            if kind == QEvent.Type.KeyPress and self._starts_note(event):
                self.start_note(event.text())
                return True
            if kind == QEvent.Type.Show:
                self._settled_at = None
                self._settle_timer.start()
        elif kind == QEvent.Type.Hide and isinstance(watched, QWidget) \
                and watched.isAncestorOf(QApplication.focusWidget()):
            self.focus_room()
        return False

    def _starts_note(self, event: QKeyEvent) -> bool:
        # Reaches the room only if nothing in it took the key (a focused button
        # leaves letters alone; a tag's digit is its shortcut and never gets here).
        text = event.text()
        if event.modifiers() & _COMMAND or not text.isprintable():
            return False
        # A space only goes on with a draft: alone it would start a blank note.
        return bool(text.strip() or self._note.text())

    def _settle(self) -> None:
        self._settled_at = self._monotonic() + SETTLE_S
