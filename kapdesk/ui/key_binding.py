"""A key a button is known by, for a screen reader, without the button taking the key.

Some keys belong to the widget that has the cursor or to a page-wide shortcut:
Enter in a vitals field saves the vitals (and Enter in the note field saves
the note), F4 acts on whichever reminder is first. A screen reader learns a
button's key from the button's own shortcut, so the button gets it, switched
off: announced as its key binding, never taking the key from anyone.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton

_PROBE = QKeySequence("Ctrl+Alt+Shift+F35")  # a key nobody has


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
