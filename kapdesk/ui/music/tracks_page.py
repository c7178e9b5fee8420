"""The "Tracks" page of the music library: every track with its length, and
the folders of the therapist's own music, added and removed here.

Adding a folder scans it as a task of the app's runner (`folder_scan`), with
a progress bar and a Cancel button; the dialog stays responsive throughout. Tracks whose
file has gone missing stay listed (playlists refer to them), marked missing.
Removing a folder asks first, saying how many tracks leave the library and
which playlists lose some; the files themselves stay on disk.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QHeaderView, QListWidget,
                               QListWidgetItem, QProgressBar, QPushButton, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from kapdesk.storage.music import FolderUse, MusicStore, MusicStoreError, StoredTrack
from kapdesk.ui.common.form_controls import (Confirm, ask, hint_label, live_hint, section_heading,
                                             set_hint)
from kapdesk.ui.common.tasks import Task, TaskRunner
from kapdesk.ui.music.folder_scan import ScanOutcome, folder_scan
from kapdesk.ui.common.widgets import action_button

COLUMNS = ("Title", "Artist", "Album", "Length", "From")
MISSING_COLOUR = "#9a3b2f"
NO_FOLDERS = "No folders of your own yet."


def count_text(count: int, noun: str, plural: str | None = None) -> str:
    """"1 track", "2 tracks", "no tracks"."""
    if count == 0:
        return f"no {plural or noun + 's'}"
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def removal_question(use: FolderUse) -> str:
    """What removing a folder would do, asked before doing it."""
    if use.tracks == 0:
        text = "Nothing of it is in the library now"
    elif use.tracks == 1:
        text = "Its one track leaves the library"
    else:
        text = f"Its {use.tracks} tracks leave the library"
    if use.playlists:
        names = ", ".join(f"“{name}”" for name in use.playlists)
        text += f" and {'the playlist' if len(use.playlists) == 1 else 'the playlists'} {names}"
    return (f"Remove the folder “{use.path}” from the music library? {text}. "
            "The files stay where they are on this computer.")


def clock_length(seconds: float) -> str:
    """5:07, or 1:32:05 for a track over an hour."""
    whole = int(round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def source_text(track: StoredTrack) -> str:
    if track.bundled:
        return "Comes with KAPDesk"
    return str(track.path.parent)


class TracksPanel(QWidget):
    tracks_changed = Signal()
    scan_progressed = Signal(int, int)  # files read, files in all
    scan_finished = Signal(object)  # ScanOutcome, after the list shows it

    def __init__(self, store: MusicStore, tasks: TaskRunner, confirm: Confirm = ask,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("musicTracks")
        self._store = store
        self._tasks = tasks
        self._confirm = confirm
        self.scan_task: Task | None = None
        self._build()
        self.refresh()

    def _build(self) -> None:
        self.add_button = action_button("Add a music folder…", "Ctrl+O", self.choose_folder, self)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Scan progress")
        self.progress.setTextVisible(True)
        self.progress.setFormat("%v of %m files")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel the scan")
        self.cancel_button.clicked.connect(self.cancel_scan)
        for widget in (self.progress, self.cancel_button):
            widget.hide()
        self.status = live_hint("Folder status")
        self.folder_list = QListWidget()
        self.folder_list.setAccessibleName("Your music folders")
        self.folder_list.setMaximumHeight(96)
        self.folder_list.currentRowChanged.connect(lambda _row: self._update_folder_button())
        self.remove_folder_button = action_button("Remove folder…", None, self.remove_folder,
                                                  self)
        self.remove_folder_button.setAccessibleName("Remove the chosen folder from the library")
        self.tree = QTreeWidget()
        self.tree.setObjectName("trackTree")
        self.tree.setAccessibleName("Tracks")
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSortingEnabled(False)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Interactive)
        self.tree.setColumnWidth(4, 220)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        row.addStretch(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(hint_label(
            "KAPDesk comes with its own calm, wordless music. Add folders of your own "
            "(OGG, MP3, FLAC, WAV); the files stay where they are."))
        layout.addLayout(row)
        layout.addWidget(self.status)
        folders = QHBoxLayout()
        folders.addWidget(self.folder_list, 1)
        side = QVBoxLayout()
        side.addWidget(self.remove_folder_button)
        side.addStretch(1)
        folders.addLayout(side)
        layout.addWidget(section_heading("Your music folders"))
        layout.addLayout(folders)
        layout.addWidget(section_heading("Every track"))
        layout.addWidget(self.tree, 1)

    # --- the list ---------------------------------------------------------------------

    def refresh(self) -> None:
        self.tree.clear()
        tracks = self._store.tracks()
        missing = 0
        items = []
        for track in tracks:
            gone = not track.exists()
            missing += gone
            title = f"{track.title}   (file missing)" if gone else track.title
            item = QTreeWidgetItem([title, track.artist, track.album,
                                    clock_length(track.duration_s), source_text(track)])
            item.setData(0, Qt.ItemDataRole.UserRole, track.id)
            item.setTextAlignment(3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(4, str(track.path))
            if gone:
                item.setForeground(0, QBrush(QColor(MISSING_COLOUR)))
                item.setToolTip(0, f"Not found: {track.path}")
            items.append(item)
        self.tree.addTopLevelItems(items)
        if missing and not self.status.text():
            set_hint(self.status, f"{missing} file{'s are' if missing != 1 else ' is'} "
                                  f"missing and will be skipped.")
        self._fill_folders(Counter(track.folder_id for track in tracks))

    def _fill_folders(self, per_folder: Counter) -> None:
        current = self.current_folder_id()
        self.folder_list.blockSignals(True)
        self.folder_list.clear()
        for folder_id, path in self._store.folders():
            item = QListWidgetItem(f"{path}   ·   {count_text(per_folder[folder_id], 'track')}")
            item.setData(Qt.ItemDataRole.UserRole, folder_id)
            self.folder_list.addItem(item)
        if not self.folder_list.count():
            empty = QListWidgetItem(NO_FOLDERS)
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.folder_list.addItem(empty)
        rows = [self.folder_list.item(r).data(Qt.ItemDataRole.UserRole)
                for r in range(self.folder_list.count())]
        self.folder_list.setCurrentRow(rows.index(current) if current in rows else
                                       (0 if rows[0] is not None else -1))
        self.folder_list.blockSignals(False)
        self._update_folder_button()

    def current_folder_id(self) -> int | None:
        item = self.folder_list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def _update_folder_button(self) -> None:
        self.remove_folder_button.setEnabled(self.current_folder_id() is not None
                                             and self.scan_task is None)

    def remove_folder(self) -> None:
        """Ask, then take the chosen folder and its tracks out of the library."""
        folder_id = self.current_folder_id()
        if folder_id is None or self.scan_task is not None:
            return
        try:
            use = self._store.folder_use(folder_id)
            if not self._confirm(self, removal_question(use)):
                return
            self._store.remove_folder(folder_id)
        except MusicStoreError as error:
            set_hint(self.status, str(error))
        else:
            set_hint(self.status, f"Removed “{use.path}” from the library; "
                                f"its files are still on this computer.")
        self.refresh()
        self.tracks_changed.emit()

    def track_count(self) -> int:
        return self.tree.topLevelItemCount()

    # --- adding a folder ----------------------------------------------------------------

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Choose a folder of music")
        if folder:
            self.scan(Path(folder))

    def scan(self, folder: Path) -> Task | None:
        """Start scanning `folder` in the background (one scan at a time)."""
        if self.scan_task is not None:
            return None
        self.progress.setRange(0, 0)  # busy until the files are counted
        self.progress.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.add_button.setEnabled(False)
        self._update_folder_button()
        set_hint(self.status, f"Looking for music in {folder}…")
        # Owned by this page: if it is freed first, the scan stops and tells it nothing.
        self.scan_task = self._tasks.run(folder_scan(folder, self._store), on_done=self._scanned,
                                         on_failed=lambda message: self._scan_failed(folder, message),
                                         on_progress=self._progressed, owner=self,
                                         name="music folder scan")
        return self.scan_task

    def cancel_scan(self) -> None:
        if self.scan_task is not None:
            self.scan_task.cancel()
            self.cancel_button.setEnabled(False)
            set_hint(self.status, "Stopping after the current file…")

    def stop_scan(self) -> None:
        """Cancel and wait for the scan (the dialog is closing): at most the file being read."""
        task = self.scan_task
        if task is not None:
            task.cancel()
            task.wait()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if self.cancel_button.isEnabled():
            set_hint(self.status, f"Reading {done} of {total} files…")
        self.scan_progressed.emit(done, total)

    def _scan_failed(self, folder: Path, message: str) -> None:
        # The scan returns its own failures and its cancel as outcomes and
        # never raises; this is only for trouble outside it.
        self._scanned(ScanOutcome(folder, None, error=message))

    def _scanned(self, outcome: ScanOutcome) -> None:
        self.scan_task = None
        self.progress.hide()
        self.cancel_button.hide()
        self.add_button.setEnabled(True)
        set_hint(self.status, outcome.summary())
        self.refresh()
        self.tracks_changed.emit()
        self.scan_finished.emit(outcome)
