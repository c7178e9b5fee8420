"""The "Playlists" page of the music library: make playlists from the tracks,
order them, set each playlist's volume, and try one out.

Every change is stored at once (there is no Save button to forget). Left:
the playlists; middle: the chosen playlist's tracks in order; right: the
library, from which selected tracks are added to the end of the playlist.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QSlider, QVBoxLayout, QWidget)

from kapdesk.storage.music import MusicStore, MusicStoreError, StoredPlaylist
from kapdesk.ui.common.form_controls import live_hint, section_heading, set_hint
from kapdesk.ui.music.controller import MusicController
from kapdesk.ui.common.form_controls import Confirm, ask
from kapdesk.ui.music.tracks_page import clock_length, count_text
from kapdesk.ui.common.widgets import action_button



def minutes_text(seconds: float) -> str:
    minutes = round(seconds / 60)
    return "under 1 min" if minutes == 0 and seconds > 0 else f"{minutes} min"


class PlaylistsPanel(QWidget):
    playlists_changed = Signal()

    def __init__(self, store: MusicStore, music: MusicController | None = None,
                 confirm: Confirm = ask, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("musicPlaylists")
        self._store, self._music, self._confirm = store, music, confirm
        self._playlists: list[StoredPlaylist] = []
        self._build()
        self._lay_out()
        self.refresh()

    # --- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.playlist_list = _list("Playlists", QAbstractItemView.SelectionMode.SingleSelection)
        self.playlist_list.currentRowChanged.connect(lambda _row: self._show_current())
        self.new_name = QLineEdit()
        self.new_name.setAccessibleName("New playlist name")
        self.new_name.setPlaceholderText("New playlist name")
        self.new_name.returnPressed.connect(self.create)
        self.create_button = action_button("Create", None, self.create, self)
        self.create_button.setAccessibleName("Create playlist")
        self.delete_button = action_button("Delete", None, self.delete, self)
        self.delete_button.setAccessibleName("Delete playlist")
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName("Playlist name")
        self.name_edit.editingFinished.connect(self.rename)
        self.items = _list("Tracks in this playlist",
                           QAbstractItemView.SelectionMode.SingleSelection)
        self.up_button = action_button("Move up", "Alt+Up", lambda: self.move(-1), self)
        self.up_button.setAccessibleName("Move the chosen track up")
        self.down_button = action_button("Move down", "Alt+Down", lambda: self.move(1), self)
        self.down_button.setAccessibleName("Move the chosen track down")
        self.remove_button = action_button("Remove", "Del", self.remove, self)
        self.remove_button.setAccessibleName("Remove the chosen track from this playlist")
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setAccessibleName("Playlist volume")
        self.volume.setRange(0, 100)
        self.volume.setPageStep(10)
        self.volume.setTracking(False)
        self.volume.valueChanged.connect(self.set_volume)
        self.volume_text = live_hint("Playlist volume")
        self.volume_text.setProperty("role", "")
        self.length_label = live_hint("Playlist length")
        self.play_button = action_button("Play", None, self.play, self)
        self.play_button.setAccessibleName("Play this playlist now")
        self.stop_button = action_button("Stop", None, self.stop, self)
        self.stop_button.setAccessibleName("Stop the music")
        self.play_button.setToolTip("Listen to this playlist now, to check it before a session.")
        self.play_button.setVisible(self._music is not None)
        self.stop_button.setVisible(self._music is not None)
        self.library = _list("Library tracks", QAbstractItemView.SelectionMode.ExtendedSelection)
        self.library.itemDoubleClicked.connect(lambda _item: self.add_selected())
        self.add_button = action_button("← Add to playlist", "Ctrl+Return", self.add_selected, self)

    def _lay_out(self) -> None:
        left = QVBoxLayout()
        left.addWidget(section_heading("Playlists"))
        left.addWidget(self.playlist_list, 1)
        left.addWidget(self.new_name)
        buttons = QHBoxLayout()
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.delete_button)
        left.addLayout(buttons)
        middle = QGridLayout()
        middle.addWidget(QLabel("Name"), 0, 0)
        middle.addWidget(self.name_edit, 0, 1, 1, 3)
        middle.addWidget(self.items, 1, 0, 1, 4)
        middle.setRowStretch(1, 1)
        order = QHBoxLayout()
        for button in (self.up_button, self.down_button, self.remove_button):
            order.addWidget(button)
        middle.addLayout(order, 2, 0, 1, 4)
        middle.addWidget(QLabel("Volume"), 3, 0)
        middle.addWidget(self.volume, 3, 1, 1, 2)
        middle.addWidget(self.volume_text, 3, 3)
        middle.addWidget(self.length_label, 4, 0, 1, 4)
        listen = QHBoxLayout()
        listen.addWidget(self.play_button)
        listen.addWidget(self.stop_button)
        listen.addStretch(1)
        middle.addLayout(listen, 5, 0, 1, 4)
        right = QVBoxLayout()
        right.addWidget(section_heading("Library"))
        right.addWidget(self.library, 1)
        right.addWidget(self.add_button)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(18)
        layout.addLayout(left, 3)
        layout.addLayout(middle, 5)
        layout.addLayout(right, 4)

    # --- showing --------------------------------------------------------------------------

    def refresh(self, select_id: int | None = None) -> None:
        current = self.current()
        select_id = select_id if select_id is not None else (current.id if current else None)
        self._playlists = self._store.playlists()
        self.playlist_list.blockSignals(True)
        self.playlist_list.clear()
        for playlist in self._playlists:
            count = len(playlist.tracks)
            item = QListWidgetItem(f"{playlist.name}\n{count_text(count, 'track')}"
                                   f" · {minutes_text(playlist.duration_s)}")
            item.setData(Qt.ItemDataRole.UserRole, playlist.id)
            self.playlist_list.addItem(item)
        ids = [p.id for p in self._playlists]
        row = ids.index(select_id) if select_id in ids else (0 if ids else -1)
        self.playlist_list.setCurrentRow(row)
        self.playlist_list.blockSignals(False)
        self.library.clear()
        for track in self._store.tracks():
            item = QListWidgetItem(f"{track.title} — {clock_length(track.duration_s)}")
            item.setData(Qt.ItemDataRole.UserRole, track.id)
            item.setToolTip(str(track.path))
            self.library.addItem(item)
        self._show_current()

    def current(self) -> StoredPlaylist | None:
        row = self.playlist_list.currentRow()
        return self._playlists[row] if 0 <= row < len(self._playlists) else None

    def _show_current(self, item_row: int = -1) -> None:
        playlist = self.current()
        has = playlist is not None
        for widget in (self.name_edit, self.items, self.volume, self.delete_button,
                       self.add_button, self.up_button, self.down_button, self.remove_button,
                       self.play_button):
            widget.setEnabled(has)
        self.name_edit.setText(playlist.name if playlist else "")
        self.items.clear()
        for number, track in enumerate(playlist.tracks if playlist else (), start=1):
            gone = "   (file missing)" if not track.exists() else ""
            self.items.addItem(f"{number}.  {track.title} — {clock_length(track.duration_s)}{gone}")
        if item_row >= 0:
            self.items.setCurrentRow(item_row)
        self.volume.blockSignals(True)
        self.volume.setValue(round((playlist.volume if playlist else 1.0) * 100))
        self.volume.blockSignals(False)
        set_hint(self.volume_text, f"{self.volume.value()}%")
        set_hint(self.length_label, _length_words(playlist))

    # --- changing -------------------------------------------------------------------------

    def create(self) -> None:
        name = self.new_name.text()
        if self._store_change(lambda: self._created(self._store.create_playlist(name))):
            self.new_name.clear()

    def _created(self, playlist_id: int) -> None:
        self.refresh(select_id=playlist_id)

    def rename(self) -> None:
        playlist = self.current()
        if playlist is not None and self.name_edit.text().strip() != playlist.name:
            self._store_change(lambda: self._store.rename_playlist(playlist.id,
                                                                   self.name_edit.text()))

    def delete(self) -> None:
        playlist = self.current()
        if playlist is not None and self._confirm(
                self, f"Delete the playlist “{playlist.name}”? Its tracks stay in the library; "
                      f"a phase that played it will be silent until you choose another."):
            self._store_change(lambda: self._store.delete_playlist(playlist.id))

    def set_volume(self, value: int) -> None:
        playlist = self.current()
        set_hint(self.volume_text, f"{value}%")
        if playlist is not None:
            self._store_change(lambda: self._store.set_playlist_volume(playlist.id, value / 100))

    def add_selected(self) -> None:
        playlist = self.current()
        picked = sorted(self.library.selectedItems(), key=self.library.row)  # in library order
        chosen = [item.data(Qt.ItemDataRole.UserRole) for item in picked]
        if playlist is not None and chosen:
            ids = [t.id for t in playlist.tracks] + chosen
            self._store_change(lambda: self._store.set_items(playlist.id, ids))

    def remove(self) -> None:
        playlist, row = self.current(), self.items.currentRow()
        if playlist is not None and 0 <= row < len(playlist.tracks):
            ids = [t.id for t in playlist.tracks]
            del ids[row]
            self._store_change(lambda: self._store.set_items(playlist.id, ids),
                               item_row=min(row, len(ids) - 1))

    def move(self, step: int) -> None:
        playlist, row = self.current(), self.items.currentRow()
        target = row + step
        if playlist is None or not (0 <= row < len(playlist.tracks)) \
                or not (0 <= target < len(playlist.tracks)):
            return
        ids = [t.id for t in playlist.tracks]
        ids[row], ids[target] = ids[target], ids[row]
        self._store_change(lambda: self._store.set_items(playlist.id, ids), item_row=target)

    def play(self) -> None:
        playlist = self.current()
        if self._music is not None and playlist is not None and playlist.tracks:
            self._music.play_playlist(playlist)

    def stop(self) -> None:
        if self._music is not None:
            self._music.stop()

    def _store_change(self, change: Callable[[], object], item_row: int = -1) -> bool:
        try:
            change()
        except MusicStoreError as error:
            set_hint(self.length_label, str(error))
            return False
        self.refresh()
        if item_row >= 0:
            self.items.setCurrentRow(item_row)
        self.playlists_changed.emit()
        return True


def _length_words(playlist: StoredPlaylist | None) -> str:
    if playlist is None:
        return "No playlists yet: type a name and press Create."
    count = len(playlist.tracks)
    if not count:
        return "Empty: select tracks in the library and add them."
    text = f"{minutes_text(playlist.duration_s)} of music in {count_text(count, 'track')}"
    return text + ("; played in this order, one flowing into the next." if count > 1 else ".")


def _list(name: str, mode: QAbstractItemView.SelectionMode) -> QListWidget:
    widget = QListWidget()
    widget.setAccessibleName(name)
    widget.setSelectionMode(mode)
    return widget
