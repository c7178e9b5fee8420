"""Widgets every screen builds with: buttons known by a key, labels, cards, named combo boxes.

Two kinds of button. `action_button` is Qt's ordinary button with a shortcut,
for the screens between sessions. `key_button` matters in the room: its key
acts at once (`KeyButton` clicks on the shortcut event) instead of after Qt's
100 ms "animated" click, and the shortcut lives on the button, so it works only
while that button is on screen and enabled: a hidden page's keys can never
fire. Being the button's own shortcut, the key is also what a screen reader
announces as the button's key binding.

`announce_key` is for a button whose key belongs to someone else (Enter in a
vitals field saves the vitals, F4 acts on whichever reminder is first): the
button gets the key as a switched-off shortcut, so a screen reader announces
it, and it never takes the key from anyone.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, SignalInstance
from PySide6.QtGui import QAccessible, QAccessibleInterface, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (QAbstractButton, QAccessibleWidget, QComboBox, QDialogButtonBox, QFrame,
                               QLabel, QPushButton, QStyle, QStyleOption, QVBoxLayout, QWidget)

_PROBE = QKeySequence("Ctrl+Alt+Shift+F35")  # a key nobody has (announce_key)


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


# The events after which a widget's font or colours may differ (room.qss levels):
# what a widget that caches its drawing must draw again after.
RESTYLED = (QEvent.Type.FontChange, QEvent.Type.PaletteChange, QEvent.Type.StyleChange)


def key_hint(key: str) -> str:
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


class KeyButton(QPushButton):
    """A push button whose shortcut clicks at once rather than after an animation."""

    def event(self, event: QEvent) -> bool:  # noqa: D102 - Qt API
        if event.type() == QEvent.Type.Shortcut:
            if self.isEnabled():
                self.on_key()
            return True
        return super().event(event)

    def on_key(self) -> None:
        """What the button's key does: a click, unless a button says otherwise."""
        self.click()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt API
        # QAbstractButton.setText clears a shortcut set before it (mnemonics).
        key = self.shortcut()
        super().setText(text)
        if not key.isEmpty():
            self.setShortcut(key)


def key_button(text: str, key: str | None, on_click: Callable[[], object],
               parent: QWidget | None = None, primary: bool = False,
               name: str = "") -> QPushButton:
    """A button showing its key ("Pause  F5"); the key clicks it at once."""
    button = KeyButton(f"{text}   {key_hint(key)}" if key else text, parent)
    button.setAccessibleName(text)
    button.setAutoDefault(False)  # Enter in a field must never press a session button
    if name:
        button.setObjectName(name)
    if primary:
        button.setProperty("primary", True)
    button.clicked.connect(lambda _checked=False: on_click())
    if key:
        button.setShortcut(QKeySequence(key))
        button.setToolTip(f"{text} ({key_hint(key)})")
    return button


def add_key(button: QPushButton, key: str) -> QShortcut:
    """Another key for the same button (active while the button is visible)."""
    shortcut = QShortcut(QKeySequence(key), button)
    shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
    shortcut.activated.connect(button.click)
    return shortcut


def accept_or_cancel(accept: str, on_accept: Callable[[], object], on_cancel: Callable[[], object],
                     cancel_name: str = "Cancel") -> tuple[QDialogButtonBox, QPushButton]:
    """A dialog's two buttons: `accept` (the default, so Enter presses it; it runs
    `on_accept`, which decides whether the dialog closes) and Cancel (Esc)."""
    buttons = QDialogButtonBox()
    accept_button = buttons.addButton(accept, QDialogButtonBox.ButtonRole.AcceptRole)
    accept_button.setAccessibleName(accept)
    accept_button.setDefault(True)
    cancel = buttons.addButton("Cancel", QDialogButtonBox.ButtonRole.RejectRole)
    cancel.setAccessibleName(cancel_name)
    buttons.accepted.connect(on_accept)
    buttons.rejected.connect(on_cancel)
    return buttons, accept_button


def show_text(widget: QLabel, text: str, role: str) -> None:
    """Show `text` in a label whose accessible name says what it is and what it shows.

    A screen reader reads a label by its accessible name: a fixed name such as
    "Current phase" would hide the phase itself, so the name follows the text.
    """
    widget.setText(text)
    shown = " ".join(text.split())
    widget.setAccessibleName(f"{role}: {shown}" if shown else role)


def label(text: str = "", name: str = "", accessible: str = "", wrap: bool = True) -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(wrap)
    widget.setTextFormat(Qt.TextFormat.PlainText)  # therapist-typed text is never markup
    if name:
        widget.setObjectName(name)
    widget.setAccessibleName(accessible or text or name)
    return widget


def card(title: str, *widgets: QWidget, grow: QWidget | None = None) -> QFrame:
    """A titled panel (room.qss draws it as a slightly lighter card).

    `grow` (one of `widgets`) takes the spare height; otherwise the widgets sit
    at the top. A wrapped label that may run long should be `grow`: nested
    layouts do not always give a word-wrapped label the height it needs.
    """
    frame = QFrame()
    frame.setObjectName("card")
    frame.setAccessibleName(title)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(18, 14, 18, 14)
    layout.setSpacing(10)
    layout.addWidget(label(title, "sectionTitle"))
    for widget in widgets:
        layout.addWidget(widget, 1 if widget is grow else 0)
    if grow is None:
        layout.addStretch(1)
    return frame


def paint_styled_background(widget: QWidget, painter: QPainter) -> None:
    """Fill a widget with its room.qss background.

    For widgets marked WA_OpaquePaintEvent: Qt then repaints only them when
    one of their labels ticks, instead of every widget underneath, which is
    most of the cost of a once-a-second display in a quiet session.
    """
    option = QStyleOption()
    option.initFrom(widget)
    widget.style().drawPrimitive(QStyle.PrimitiveElement.PE_Widget, option, painter, widget)


def set_level(widget: QWidget, level: str) -> None:
    """Colour a widget by a level ("ok", "caution", "alert", "") through room.qss."""
    if widget.property("level") != level:
        widget.setProperty("level", level)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


class _EscapeFilter(QObject):
    def __init__(self, target: QWidget, callback: Callable[[], object]) -> None:
        super().__init__(target)
        self._callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            self._callback()
            return True
        return False


class _WhileShown(QObject):
    def __init__(self, page: QWidget, signal: SignalInstance, slot: Callable[..., object],
                 catch_up: Callable[[], object]) -> None:
        super().__init__(page)
        self._signal, self._slot, self._catch_up = signal, slot, catch_up
        self._listening = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind == QEvent.Type.Show and not self._listening:
            self._listening = True
            self._signal.connect(self._slot)
            self._catch_up()
        elif kind == QEvent.Type.Hide and self._listening:
            self._listening = False
            self._signal.disconnect(self._slot)
        return False


def listen_while_shown(page: QWidget, signal: SignalInstance, slot: Callable[..., object],
                       catch_up: Callable[[], object]) -> None:
    """Connect `slot` to `signal` only while `page` is on screen; `catch_up` on each showing.

    For the once-a-second display tick: a page in the background would
    otherwise be called every second only to find it has nothing to show.
    """
    page.installEventFilter(_WhileShown(page, signal, slot, catch_up))


def on_escape(widget: QWidget, callback: Callable[[], object]) -> None:
    """Escape pressed in `widget` calls `callback`.

    A key filter, not a shortcut: a shortcut on Escape here would be ambiguous
    with the end confirmation's Escape whenever both are on screen.
    """
    widget.installEventFilter(_EscapeFilter(widget, callback))


def announce_key(button: QAbstractButton, key: str | None) -> None:
    """`key` as `button`'s announced key binding (None: none), never acting as a shortcut.

    Call again after the button's setText, which clears a shortcut.
    """
    button.setShortcut(QKeySequence(key) if key else QKeySequence())
    if not key:
        return
    # Shortcut ids are handed out one below the last (Qt's QShortcutMap): the
    # button's is the one just above a probe grabbed at once after it.
    probe = button.grabShortcut(_PROBE)
    button.releaseShortcut(probe)
    button.setShortcutEnabled(probe + 1, False)
