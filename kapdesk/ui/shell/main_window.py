"""The main window: a header, one view at a time, and a quiet status line.

It only hosts views; each view owns its widgets and its behaviour. What it
hosts is declared here (the header, the close bar, the views' stack, and the
header's requests as signals); what the app wires into it (the client list,
the session flow, music, review) is returned by app.finish_main_window as a
`WiredWindow`, never set on the window. It also guards its own close
(close_guard.py): during a session the window does not close at once but
asks, inside the window, what the therapist means to do.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QIcon, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QMainWindow, QPushButton, QStackedWidget, QVBoxLayout,
                               QWidget)

from kapdesk.ui.shell.close_guard import CloseBar
from kapdesk.assets import app_icon_path
from kapdesk.ui.common.widgets import action_button

DEMO_TEXT = "Demo — nothing is kept"
QUIT_KEY = "Ctrl+Q"
# Help -> About KAPDesk (ui/shell/about.py, opened by the wiring). Free everywhere:
# F1 silences the music in the room, and no screen uses Ctrl+Shift+H.
ABOUT_KEY = "Ctrl+Shift+H"
# The size the window opens at (within the screen), and the least it can be
# made: enough for the widest page (the room fits 1024x640, tested in
# tests/ui/session/test_room_sizes.py), so no page is ever cut off and none has to push
# the window wider. Pages never resize the window: only the person does (see _stack).
START_SIZE = (1200, 780)
PAGE_MINIMUM = (1000, 560)


class MainWindow(QMainWindow):
    # Between sessions only: the buttons live in the header, which the session
    # room hides, and a hidden button's shortcut does not fire.
    scripts_requested = Signal()
    settings_requested = Signal()
    music_requested = Signal()
    records_requested = Signal()
    about_requested = Signal()

    def __init__(self, demo: bool = False) -> None:
        super().__init__()
        self.demo = demo  # the About box says where the practice lives
        self.setWindowTitle("KAPDesk — Demo" if demo else "KAPDesk")
        self.setAccessibleName("KAPDesk")
        self.resize(*_start_size())
        self._running_client: Callable[[], str | None] = lambda: None
        self._closing_confirmed = False
        self.close_bar = CloseBar(demo)
        self.close_bar.close_confirmed.connect(self._close_confirmed)
        self.close_bar.dismissed.connect(self._refocus_view)
        self.header = self._build_header(demo)
        self.stack = _stack()
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.close_bar)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(body)
        # Ctrl+Q is the window's own close: between sessions it closes at once,
        # during one it asks first, like the close button.
        QShortcut(QKeySequence(QUIT_KEY), self, self.close)

    def _build_header(self, demo: bool) -> QWidget:
        self.about_button = _title_button(lambda: self.about_requested.emit(), self)
        self.demo_banner = QLabel(DEMO_TEXT)
        self.demo_banner.setObjectName("demoBanner")
        self.demo_banner.setAccessibleName(DEMO_TEXT)
        self.demo_banner.setVisible(demo)
        header = QWidget()
        header_layout = QHBoxLayout(header)
        header_layout.setContentsMargins(20, 14, 20, 0)
        header_layout.addStretch(1)
        header_layout.addWidget(self.demo_banner)
        self.scripts_button = action_button("Scripts", "Ctrl+Shift+S", lambda: self.scripts_requested.emit(), self)
        self.settings_button = action_button("Settings", "Ctrl+,", lambda: self.settings_requested.emit(), self)
        self.music_button = action_button("Music", "Ctrl+Shift+M", lambda: self.music_requested.emit(), self)
        self.records_button = action_button("Records", "Ctrl+Shift+R", lambda: self.records_requested.emit(), self)
        for button in (self.about_button, self.records_button, self.scripts_button, self.music_button,
                       self.settings_button):
            # Reached with Tab (and their keys); a click leaves the focus where
            # it was. show_view puts the first focus in the view, not here.
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        header_layout.insertWidget(0, self.about_button)
        for button in (self.records_button, self.scripts_button, self.music_button, self.settings_button):
            header_layout.addWidget(button)
        return header

    def show_view(self, view: QWidget) -> None:
        if self.stack.indexOf(view) < 0:
            self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        self._refocus_view()

    def _refocus_view(self) -> None:
        if self.isVisible() and self._focus_is_astray() and self.stack.currentWidget() is not None:
            # The view (or its focus proxy) takes it; a page that puts the
            # focus on its own first control has done so already.
            self.stack.currentWidget().setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        # The first focus goes to the view (its focus proxy), not to the first
        # control in Tab order, which is in the header.
        if self.focusWidget() is None and self.stack.currentWidget() is not None:
            self.stack.currentWidget().setFocus(Qt.FocusReason.OtherFocusReason)
        super().showEvent(event)

    def _focus_is_astray(self) -> bool:
        """No control of the shown view has the focus: it is nowhere, hidden, or in the header.

        A page that puts the focus on its own first control keeps it.
        """
        focused = self.focusWidget()  # the window's own, also while another window is active
        return focused is None or not focused.isVisible() or self.header.isAncestorOf(focused)

    def remove_view(self, view: QWidget) -> None:
        self.stack.removeWidget(view)

    def set_header_visible(self, visible: bool) -> None:
        """The session room hides the day header for a calm, dark screen."""
        self.header.setVisible(visible)

    # --- closing ------------------------------------------------------------------

    def guard_close(self, running_client: Callable[[], str | None]) -> None:
        """`running_client()` names the client whose session is open on screen, or None."""
        self._running_client = running_client

    def ask_before_closing(self) -> bool:
        """Show the close question if a session runs; True if it was shown (nothing closes)."""
        client = None if self._closing_confirmed else self._running_client()
        if client is None:
            return False
        self.close_bar.ask(client)
        return True

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if self.ask_before_closing():
            event.ignore()
            return
        super().closeEvent(event)

    def _close_confirmed(self) -> None:
        self._closing_confirmed = True
        self.close_bar.keep()
        self.close()


def _title_button(on_click: Callable[[], object], parent: QWidget) -> QPushButton:
    """The header's title, KAPDesk with its icon, is the way to About KAPDesk.

    A sixth button with its key written on it made the header wider than the
    narrowest window; the title is where people look for an app's About.
    """
    button = QPushButton("KAPDesk", parent)
    button.setObjectName("appTitle")
    button.setIcon(QIcon(str(app_icon_path())))
    button.setIconSize(QSize(30, 30))
    button.setShortcut(QKeySequence(ABOUT_KEY))
    hint = QKeySequence(ABOUT_KEY).toString(QKeySequence.SequenceFormat.NativeText)
    button.setToolTip(f"About KAPDesk ({hint})")
    button.setAccessibleName("About KAPDesk")
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.clicked.connect(on_click)
    return button


def _start_size() -> tuple[int, int]:
    """START_SIZE, or less on a small screen (never less than the pages need)."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return START_SIZE
    room = screen.availableGeometry()
    return (max(PAGE_MINIMUM[0], min(START_SIZE[0], room.width() - 40)),
            min(START_SIZE[1], max(PAGE_MINIMUM[1] + 80, room.height() - 60)))


def _stack() -> QStackedWidget:
    """The views' stack, whose minimum does not follow its pages.

    Left to its pages, the window grew by itself whenever a page with a larger
    minimum was shown (1100, 1133, 1151 px wide); with an explicit minimum
    here, as large as the widest page needs, only the person resizes it.
    """
    stack = QStackedWidget()
    stack.setMinimumSize(*PAGE_MINIMUM)
    return stack
