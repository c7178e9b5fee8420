"""The "Music for each phase" page: which playlist each kind of phase music
plays, how loud, and what happens when it runs out before the phase ends.

A script's phase plays one of four kinds of music (stored as a "slot":
"dissolve", "journey", ...; the therapist reads "Journey music", never
"slot"); this page gives each its playlist. Beside each: how the playlist's
length fits the phases of the scripts that use it ("38 min of music for a
60 min phase"). Changes are stored at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSlider, QVBoxLayout, QWidget

from kapdesk.audio.library import describe_fit
from kapdesk.core.phase_music import SLOTS, SlotMusic
from kapdesk.core.script import Script, music_words
from kapdesk.storage.music import MusicStore, StoredPlaylist
from kapdesk.ui.common.form_controls import hint_label, section_heading
from kapdesk.ui.common.widgets import NamedComboBox
from kapdesk.ui.common.widgets import show_text

NO_PLAYLIST = "Silence (no playlist)"
ABOUT = ("Each phase of a script plays one of these four kinds of music (chosen for the phase "
         "in Scripts); each plays its playlist at its volume. When a phase begins, the old "
         "music fades out and the new fades in.")
WHEN_DONE_CHOICES = (("loop", "Play it again from the start"),
                     ("next", "Go on to the next playlist"))

Scripts = Callable[[], Sequence[Script]]


def fit_lines(scripts: Sequence[Script], slot: str, playlist: StoredPlaylist | None,
              when_done: str) -> str:
    """How the slot's music fits the phases that use it, one line per phase length."""
    phases: dict[int, list[str]] = {}
    for script in scripts:
        for phase in script.phases:
            if phase.music_slot == slot:
                names = phases.setdefault(phase.planned_s, [])
                if phase.name not in names:
                    names.append(phase.name)
    if not phases:
        return f"No phase of a script plays {music_words(slot)} yet."
    if playlist is None or not playlist.tracks:
        return "No music: these phases will be silent (" + \
            ", ".join(n for names in phases.values() for n in names) + ")."
    lines = []
    for planned_s, names in sorted(phases.items()):
        line = f"{describe_fit(playlist.duration_s, planned_s)} ({', '.join(names)})"
        if playlist.duration_s < planned_s:
            line += "; it starts again" if when_done == "loop" else "; then the next playlist"
        lines.append(line)
    return "\n".join(lines)


class SlotRow:
    """The controls of one slot (they sit in the panel's grid)."""

    def __init__(self, slot: str, on_change: Callable[[str], None]) -> None:
        self.slot = slot
        label = music_words(slot)
        self.name = section_heading(label)
        self.playlist = NamedComboBox()
        self.playlist.setAccessibleName(f"{label}: playlist")
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setAccessibleName(f"{label} volume")
        self.volume.setRange(0, 100)
        self.volume.setPageStep(10)
        self.volume.setTracking(False)
        self.volume.setMinimumWidth(140)
        self.volume_text = QLabel()
        self.volume_text.setMinimumWidth(44)
        self.volume_text.setAccessibleName(f"{label} volume")
        self.when_done = NamedComboBox()
        self.when_done.setAccessibleName(f"{label}: when the playlist runs out")
        for value, text in WHEN_DONE_CHOICES:
            self.when_done.addItem(text, value)
        self.fit = hint_label("", f"{label} length")
        self.playlist.currentIndexChanged.connect(lambda _i: on_change(slot))
        self.when_done.currentIndexChanged.connect(lambda _i: on_change(slot))
        self.volume.valueChanged.connect(lambda _v: on_change(slot))
        self.volume.sliderMoved.connect(self._show_volume)

    def _show_volume(self, value: int) -> None:
        show_text(self.volume_text, f"{value}%", f"{music_words(self.slot)} volume")

    def widgets(self) -> list[QWidget]:
        return [self.playlist, self.volume, self.volume_text, self.when_done]

    def show(self, music: SlotMusic, playlists: Sequence[StoredPlaylist], fit: str) -> None:
        for widget in self.widgets():
            widget.blockSignals(True)
        self.playlist.clear()
        self.playlist.addItem(NO_PLAYLIST, None)
        for playlist in playlists:
            self.playlist.addItem(playlist.name, playlist.id)
        self.playlist.setCurrentIndex(max(0, self.playlist.findData(music.playlist_id))
                                      if music.playlist_id is not None else 0)
        self.volume.setValue(round(music.volume * 100))
        self._show_volume(self.volume.value())
        self.when_done.setCurrentIndex(max(0, self.when_done.findData(music.when_done)))
        for widget in self.widgets():
            widget.blockSignals(False)
        show_text(self.fit, fit, f"{music_words(self.slot)} length")

    def music(self) -> SlotMusic:
        return SlotMusic(self.slot, self.playlist.currentData(), self.volume.value() / 100,
                         self.when_done.currentData())


class SlotsPanel(QWidget):
    slots_changed = Signal()

    def __init__(self, store: MusicStore, scripts: Scripts,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("musicSlots")
        self._store, self._scripts = store, scripts
        self.rows = {slot: SlotRow(slot, self._changed) for slot in SLOTS}
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(6)
        for column, heading in enumerate(("", "Playlist", "Volume", "", "When it runs out")):
            if heading:
                grid.addWidget(hint_label(heading), 0, column)
        for index, row in enumerate(self.rows.values()):
            top = 1 + index * 3
            grid.addWidget(row.name, top, 0)
            for column, widget in enumerate(row.widgets(), start=1):
                grid.addWidget(widget, top, column)
            grid.addWidget(row.fit, top + 1, 1, 1, 4)
            if index < len(self.rows) - 1:
                grid.addWidget(_rule(), top + 2, 0, 1, 5)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(4, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(hint_label(ABOUT))
        layout.addSpacing(6)
        layout.addLayout(grid)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        slots = self._store.slots()
        playlists = self._store.playlists()
        by_id = {p.id: p for p in playlists}
        scripts = self._safe_scripts()
        for slot, row in self.rows.items():
            music = slots[slot]
            playlist = by_id.get(music.playlist_id) if music.playlist_id is not None else None
            row.show(music, playlists, fit_lines(scripts, slot, playlist, music.when_done))

    def _changed(self, slot: str) -> None:
        row = self.rows[slot]
        self._store.set_slot(replace(row.music(), slot=slot))
        self.refresh()
        self.slots_changed.emit()

    def _safe_scripts(self) -> Sequence[Script]:
        try:
            return self._scripts()
        except Exception:  # noqa: BLE001 - a script that cannot be read only hides a hint
            return ()


def _rule() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setStyleSheet("color: #ddd4c6;")
    return line
