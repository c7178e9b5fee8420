"""The music strip in the session room: what is playing, the silence key,
previous/next and the volume, plus two quiet messages when they apply:

* a calm banner when there is no sound output ("No sound output — the
  session continues without music.");
* a note when a file was skipped (missing, damaged), which clears itself.

The silence key is F1 (F-keys never collide with typing a note; the room
uses F2-F12); a letter such as M is text in the room (it starts a note). The
same key brings the music back; the button says which way it will go. The
buttons are reachable with Tab; a click leaves the focus where it was. The strip only
listens to the `MusicController`'s signals and calls its commands.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QSlider, QWidget

from kapdesk.audio.player import PlayerState
from kapdesk.ui.music.controller import MusicController
from kapdesk.ui.common.widgets import key_button, key_hint, label, show_text
from kapdesk.ui.common.theme import style_sheet

SILENCE_KEY = "F1"
NOTHING_PLAYING = "No music in this phase"


class MusicStrip(QWidget):
    def __init__(self, music: MusicController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("musicStrip")
        self.setAccessibleName("Music")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(style_sheet("music.qss"))
        self.music = music
        self._build()
        self._connect()
        self.show_problem(music.problem or "")
        self.show_now_playing(music.now_playing)
        self.show_state(music.state)
        self.show_volume(music.volume)

    def _build(self) -> None:
        m = self.music
        self.banner = label("", "musicBanner", "Sound output", wrap=False)
        self.banner.hide()
        self.title = label("", "musicTitle", "Now playing", wrap=False)  # show_title fills it
        self.title.setMinimumWidth(120)
        self.note_label = label("", "musicNote", "Music note", wrap=False)
        self.note_label.setMinimumWidth(40)
        self.note_label.hide()
        self.previous_button = key_button("◀◀", None, m.previous_track, self, name="musicButton")
        self.previous_button.setAccessibleName("Previous track")
        self.previous_button.setToolTip("Previous track")
        self.next_button = key_button("▶▶", None, m.next_track, self, name="musicButton")
        self.next_button.setAccessibleName("Next track")
        self.next_button.setToolTip("Next track")
        self.silence_button = key_button("Silence", SILENCE_KEY, m.toggle_silence, self,
                                         name="silenceButton")
        self.volume = QSlider(Qt.Orientation.Horizontal, self)
        self.volume.setObjectName("musicVolume")
        self.volume.setAccessibleName("Music volume")
        self.volume.setRange(0, 100)
        self.volume.setSingleStep(5)
        self.volume.setPageStep(10)
        self.volume.setFixedWidth(150)
        # One volume change (and one log line) per drag, not one per pixel.
        self.volume.setTracking(False)
        self.volume_label = label("", "musicVolumeText", "Volume", wrap=False)
        self.volume_label.setMinimumWidth(40)
        self.volume_word = label("Volume", "musicVolumeText", "Volume", wrap=False)
        for button in (self.previous_button, self.next_button, self.silence_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click keeps the focus where it is
        self._lay_out()

    def _lay_out(self) -> None:
        # One low row: the room is crowded and must still fit a laptop screen.
        # The calm no-sound sentence and a skipped file's note sit in it too.
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 3, 8, 3)
        row.setSpacing(8)
        row.addWidget(label("♪", "musicIcon", "Music", wrap=False))
        row.addWidget(self.title)
        row.addWidget(self.banner, 1)
        row.addWidget(self.note_label, 1)
        self._spacer = QWidget()
        self._spacer.setObjectName("musicSpacer")
        row.addWidget(self._spacer, 1)
        row.addWidget(self.previous_button)
        row.addWidget(self.next_button)
        row.addSpacing(6)
        row.addWidget(self.volume_word)
        row.addWidget(self.volume)
        row.addWidget(self.volume_label)
        row.addSpacing(6)
        row.addWidget(self.silence_button)

    def _connect(self) -> None:
        m = self.music
        m.now_playing_changed.connect(self.show_now_playing)
        m.state_changed.connect(self.show_state)
        m.volume_changed.connect(self.show_volume)
        m.note.connect(self.show_note)
        m.problem_changed.connect(self.show_problem)
        self.volume.valueChanged.connect(lambda value: m.set_volume(value / 100))

    # --- showing --------------------------------------------------------------------

    def show_now_playing(self, title: str) -> None:
        self._title_text = title
        self._show_title(self.music.state)

    def show_state(self, state: PlayerState) -> None:
        silenced = state is PlayerState.SILENCED
        text = f"{'Music back' if silenced else 'Silence'}   {key_hint(SILENCE_KEY)}"
        name = "Bring the music back" if silenced else "Silence the music"
        if self.silence_button.accessibleName() != name:
            self.silence_button.setText(text)
            self.silence_button.setAccessibleName(name)
            self.silence_button.setToolTip(f"{name}: {SILENCE_KEY}")
            self.silence_button.setProperty("silenced", silenced)
            self.silence_button.style().unpolish(self.silence_button)
            self.silence_button.style().polish(self.silence_button)
        self._show_title(state)

    def _show_title(self, state: PlayerState) -> None:
        title = getattr(self, "_title_text", "")
        if state is PlayerState.SILENCED:
            text = f"Silenced — {title}" if title else "Silenced"
        elif state is PlayerState.FADING:
            text = "Fading to silence"
        else:
            text = title or NOTHING_PLAYING
        if self.title.text() != text:
            show_text(self.title, text, "Now playing")
        playing = state in (PlayerState.PLAYING, PlayerState.SILENCED) and bool(title)
        self.previous_button.setEnabled(playing)
        self.next_button.setEnabled(playing)

    def show_volume(self, volume: float) -> None:
        value = round(volume * 100)
        if self.volume.value() != value and not self.volume.isSliderDown():
            self.volume.blockSignals(True)
            self.volume.setValue(value)
            self.volume.blockSignals(False)
        if self.volume_label.text() != f"{value}%":
            show_text(self.volume_label, f"{value}%", "Volume")

    def show_note(self, text: str) -> None:
        self._note_text = text
        self.note_label.setToolTip(text)
        self._elide_note()
        self.note_label.setVisible(bool(text) and not self.banner.isVisibleTo(self))
        self._spacer.setVisible(not self.note_label.isVisibleTo(self)
                                and not self.banner.isVisibleTo(self))

    def show_problem(self, text: str) -> None:
        """No sound output: say so calmly, in place of the controls."""
        show_text(self.banner, text, "Sound output")
        self.banner.setVisible(bool(text))
        for widget in (self.title, self.previous_button, self.next_button, self.volume_word,
                       self.volume, self.volume_label, self.silence_button):
            widget.setVisible(not text)
        self.show_note(getattr(self, "_note_text", ""))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._elide_note()

    def _elide_note(self) -> None:
        """A long note is cut with "…" (the whole of it is in the tooltip)."""
        text = getattr(self, "_note_text", "")
        width = max(40, self.note_label.width())
        shown = self.note_label.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width)
        if self.note_label.text() != shown:
            self.note_label.setText(shown)
            # The whole note, not the cut one, for a screen reader.
            self.note_label.setAccessibleName(f"Music note: {text}" if text else "Music note")
