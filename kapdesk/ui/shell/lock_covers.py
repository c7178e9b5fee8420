"""Other windows left open when the app locks: covered, and given back whole after unlock.

Settings, the script library, the music library, Backups, About and the
app's questions are dialogs of their own, over the main window. Left open
when the lock comes, each would go on showing what it shows. Hiding them is
not an answer: hiding a dialog that runs its own loop (`exec()`, as Settings
does) ends that loop as a Cancel, and its edits would be lost. So each such
window keeps its place and size but its content is taken out of it, whole
(its layout and every widget in it move into a holder that is in no window),
and a lock screen of its own is put in. A modal dialog is where the keyboard
is while it is open, so its cover has the passphrase field too; any of them
unlocks the app. After unlock the content goes back, with what was shown,
what was typed and where the cursor was, exactly as it was.

A window without a layout (none of the app's) is hidden instead, and shown
again after unlock, unless it was answered meanwhile (a dialog closed by
the app while the lock was up stays closed).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QMessageBox, QVBoxLayout, QWidget

from kapdesk.ui.shell.lock_screen import LockScreen


class WindowCover:
    """One window's content kept aside while locked, and its lock screen in its place."""

    def __init__(self, target: QWidget, make_screen: Callable[[], LockScreen]) -> None:
        self.target = target
        self._holder = QWidget()  # never shown: the content waits here
        self._focus = target.focusWidget()
        self._title = target.windowTitle()
        self._shown: list[QWidget] = []
        self._hidden_whole = False
        self._closed = False  # a window hidden whole that was answered meanwhile is not shown again
        self.screen: LockScreen | None = None
        # A question's words are the box's own properties too, not only its labels'.
        self._words = (target.text(), target.informativeText()) if isinstance(target, QMessageBox) else None
        layout = target.layout()
        if isinstance(target, QMainWindow):
            self._central = target.takeCentralWidget()
            self.screen = make_screen()
            target.setCentralWidget(self.screen)
            self.screen.show()
        elif layout is not None:
            self._central = None
            self._shown = [child for child in target.findChildren(
                QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly) if not child.isHidden()]
            self._holder.setLayout(layout)  # the layout and its widgets leave the target
            for child in target.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
                child.setParent(self._holder)  # anything not in the layout too
            self.screen = make_screen()
            cover = QVBoxLayout(target)
            cover.setContentsMargins(0, 0, 0, 0)
            cover.addWidget(self.screen)
            self.screen.show()  # now, not on the next turn: the focus goes to its field
        else:
            self._central = None
            self._hidden_whole = True
            target.hide()
            if isinstance(target, QDialog):
                # Answered while hidden (by the app, say): it stays closed after unlock.
                target.finished.connect(self._answered)
        target.setWindowTitle("KAPDesk is locked")
        if isinstance(target, QMessageBox):
            target.setText("")  # after the content left: it is hidden with it, not by this
            target.setInformativeText("")

    def _answered(self, _result: int) -> None:
        self._closed = True

    def give_back(self) -> None:
        """Put the content back as it was; the cover goes."""
        target = self.target
        target.setWindowTitle(self._title)
        if self._hidden_whole:
            if isinstance(target, QDialog):
                target.finished.disconnect(self._answered)
            if not self._closed:
                target.show()
            return
        if isinstance(target, QMainWindow):
            target.takeCentralWidget().deleteLater()  # the cover
            target.setCentralWidget(self._central)
            if self._central is not None:
                self._central.show()
        else:
            throwaway = QWidget()
            throwaway.setLayout(target.layout())  # the cover's layout and screen go with it
            throwaway.deleteLater()
            children = self._holder.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            layout = self._holder.layout()
            for child in children:
                child.setParent(target)
            if layout is not None:
                target.setLayout(layout)
            for child in self._shown:
                child.show()
        self.screen = None
        if self._words is not None and isinstance(target, QMessageBox):
            target.setText(self._words[0])
            target.setInformativeText(self._words[1])
        if self._focus is not None and target.isAncestorOf(self._focus) and self._focus.isVisible():
            self._focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self._holder.deleteLater()


def windows_to_cover(main: QWidget) -> list[QWidget]:
    """Every other visible target of the app: dialogs, libraries, questions."""
    return [widget for widget in QApplication.topLevelWidgets()
            if widget is not main and widget.isVisible() and widget.isWindow()
            and widget.windowType() not in (Qt.WindowType.ToolTip, Qt.WindowType.Popup)]
