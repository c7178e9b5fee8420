"""The music library, reached from the main window's header between sessions.

Three pages: the music of each phase (first: it is what a session plays),
the playlists, and the tracks with their folders. Each page stores its
changes at once and tells the others, so a new playlist appears in the
phase choices and a scanned folder in the playlist builder. Closing the
dialog stops a running scan and any music being tried out.
"""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QTabWidget, QVBoxLayout, QWidget

from kapdesk.storage.music import MusicStore
from kapdesk.ui.common.form_controls import editor_style
from kapdesk.ui.music.controller import MusicController
from kapdesk.ui.common.form_controls import Confirm, ask
from kapdesk.ui.common.tasks import TaskRunner
from kapdesk.ui.music.playlists_page import PlaylistsPanel
from kapdesk.ui.music.phase_music_page import Scripts, SlotsPanel
from kapdesk.ui.music.tracks_page import TracksPanel
from kapdesk.ui.common.widgets import action_button, wrapped_label

_STYLE = """
QTabWidget::pane { border: 1px solid #d8d0c3; border-radius: 8px; padding: 12px; top: -1px; }
QTabBar::tab { padding: 8px 18px; border: 1px solid #d8d0c3; border-bottom: none;
               border-top-left-radius: 8px; border-top-right-radius: 8px;
               background: #e6e0d6; margin-right: 4px; color: #4a443d; }
QTabBar::tab:selected { background: #f3efe8; font-weight: 600; color: #2e2a25; }
QProgressBar { border: 1px solid #cfc6b8; border-radius: 6px; background: #fbf9f5;
               text-align: center; min-height: 22px; }
QProgressBar::chunk { background: #9fb8ad; border-radius: 5px; }
QSlider::groove:horizontal { height: 6px; background: #ddd4c6; border-radius: 3px; }
QSlider::sub-page:horizontal { background: #5b7f73; border-radius: 3px; }
QSlider::handle:horizontal { background: #fbfaf7; border: 1px solid #4c6c61; width: 16px;
                             margin: -6px 0; border-radius: 8px; }
"""


class MusicLibraryView(QWidget):
    def __init__(self, store: MusicStore, scripts: Scripts, tasks: TaskRunner,
                 music: MusicController | None = None, confirm: Confirm = ask,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("musicLibrary")
        self.setAccessibleName("Music library")
        self.slots = SlotsPanel(store, scripts)
        self.playlists = PlaylistsPanel(store, music, confirm)
        self.tracks = TracksPanel(store, tasks, confirm)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(False)
        self.tabs.addTab(self.slots, "Music for each phase")
        self.tabs.addTab(self.playlists, "Playlists")
        self.tabs.addTab(self.tracks, "Tracks and folders")
        self.tracks.tracks_changed.connect(self.playlists.refresh)
        self.tracks.tracks_changed.connect(self.slots.refresh)
        self.playlists.playlists_changed.connect(self.slots.refresh)
        self.close_button = action_button("Close", None, self._close_window, self)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(wrapped_label("Music", "title", "Music"))
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

    def shut(self) -> None:
        """Stop a scan and any music being tried out."""
        self.tracks.stop_scan()
        self.playlists.stop()

    def _close_window(self) -> None:
        self.window().close()


class MusicLibraryDialog(QDialog):
    def __init__(self, store: MusicStore, scripts: Scripts, tasks: TaskRunner,
                 music: MusicController | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("KAPDesk — Music")
        self.setAccessibleName("Music")
        self.setStyleSheet(editor_style() + _STYLE)
        self.view = MusicLibraryView(store, scripts, tasks, music, parent=self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.resize(1180, 720)
        # Open on the page tabs, not on Close (Qt's pick) nor on a combo box
        # whose arrow keys would change the music at once: arrows move between
        # pages, Tab goes into the page.
        self.view.tabs.tabBar().setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        self.view.shut()
        super().closeEvent(event)

    def reject(self) -> None:
        self.view.shut()
        super().reject()


def open_music_library(store: MusicStore, scripts: Scripts, tasks: TaskRunner,
                       music: MusicController | None, parent: QWidget) -> MusicLibraryDialog:
    """Show the library, window-modal, without blocking (the scan runs meanwhile in `tasks`)."""
    dialog = MusicLibraryDialog(store, scripts, tasks, music, parent)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
