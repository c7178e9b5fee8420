"""The main window: a header, one view at a time, and a quiet status line.

It only hosts views; each view owns its widgets and its behaviour.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from kapdesk.ui.widgets import action_button, wrapped_label

DEMO_TEXT = "Demo — nothing is kept"


class MainWindow(QMainWindow):
    # Between sessions only: the buttons live in the header, which the session
    # room hides, and a hidden button's shortcut does not fire.
    scripts_requested = Signal()
    settings_requested = Signal()
    music_requested = Signal()
    records_requested = Signal()

    def __init__(self, demo: bool = False) -> None:
        super().__init__()
        self.setWindowTitle("KAPDesk — Demo" if demo else "KAPDesk")
        self.setAccessibleName("KAPDesk")
        self.resize(1100, 720)
        self.title_label = wrapped_label("KAPDesk", "title", "KAPDesk")
        self.demo_banner = QLabel(DEMO_TEXT)
        self.demo_banner.setObjectName("demoBanner")
        self.demo_banner.setAccessibleName(DEMO_TEXT)
        self.demo_banner.setVisible(demo)
        self.header = QWidget()
        header_layout = QHBoxLayout(self.header)
        header_layout.setContentsMargins(20, 14, 20, 0)
        header_layout.addWidget(self.title_label)
        header_layout.addStretch(1)
        header_layout.addWidget(self.demo_banner)
        self.scripts_button = action_button("Scripts", "Ctrl+Shift+S", lambda: self.scripts_requested.emit(), self)
        self.settings_button = action_button("Settings", "Ctrl+,", lambda: self.settings_requested.emit(), self)
        self.music_button = action_button("Music", "Ctrl+Shift+M", lambda: self.music_requested.emit(), self)
        self.records_button = action_button("Records", "Ctrl+Shift+R", lambda: self.records_requested.emit(), self)
        for button in (self.records_button, self.scripts_button, self.music_button, self.settings_button):
            # Reached by their shortcuts or a click; taking focus would make the
            # header, not the client list, the first thing the keyboard lands on.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            header_layout.addWidget(button)
        self.stack = QStackedWidget()
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(body)

    def show_view(self, view: QWidget) -> None:
        if self.stack.indexOf(view) < 0:
            self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)

    def remove_view(self, view: QWidget) -> None:
        self.stack.removeWidget(view)

    def set_header_visible(self, visible: bool) -> None:
        """The session room hides the day header for a calm, dark screen."""
        self.header.setVisible(visible)
