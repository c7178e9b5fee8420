"""The Qt adapter around the music `Player`: it owns the player, ticks it,
follows the session's phases and keeps the session log told.

* Ticking: a parented, named 200 ms timer runs only while something is
  playing or fading (and for the first seconds of a silence, until the fade
  has held), so an idle app never wakes up for music.
* Following the session (`attach`): on `phase_changed`, and when its phase
  watch wakes at a planned phase boundary, it asks `kapdesk.core.phase_music`
  what the phase gets (keep the music, fade over to a slot's playlist at what
  volume, or fade to silence) and gives the player that command. At the
  session's end it fades to silence.
* The silence key belongs to the session: a session opens with the silence
  its log has (`phase_music.silence_toggle`), and its silence ends with it.
* Record: every player event goes to `SessionRunner.record_music`, so the
  log holds what played when; the session controller's `event_committed` is
  then emitted so the room's log shows it like any other stored event.
* The master volume (`set_volume`): applied to the player, kept in its
  `VolumeMemory` so the next session, even after a restart, starts where the
  therapist left the slider.
* The checkpoint chime (`chime`, when the therapist has turned it on): played
  over the music at the master volume; with no music the sound output is
  opened for it and released again once it has died away.
* Faults: audio must never disturb the timer or the notes. Every call into
  the player, the library and the log is caught and logged here; a player
  that cannot open becomes the silent one with a calm `problem` sentence.

The player is opened lazily, at the first session or preview: pygame and
numpy are not on the start-up path.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from kapdesk.audio.player import Player, PlayerEvent, PlayerState, Track
from kapdesk.audio.silent import NO_OUTPUT_MESSAGE, SilentPlayer
from kapdesk.core.clock import Clock
from kapdesk.core.phase_music import (Play, SlotMusic, WatchStep, keeps_playing, music_after,
                                      music_for_slot, phase_watch, phase_watch_step,
                                      silence_toggle, tried_out)
from kapdesk.core.practice_settings import PracticeSettings
from kapdesk.storage.music import StoredPlaylist

log = logging.getLogger(__name__)

TICK_MS = 200
#: After the silence key the player needs ticks until its fade (1.5 s) has
#: reached silence and it holds; then ticking stops until music comes back.
SILENCE_TICKS_S = 2.5
#: How long a skipped-file note stays in the strip.
NOTE_MS = 20_000

#: The practice's default crossfade and phase fade, for when its settings cannot be read.
DEFAULT_FADES = (float(PracticeSettings().crossfade_s), float(PracticeSettings().phase_fade_s))

PlayerFactory = Callable[[Callable[[PlayerEvent], None], float, float], "tuple[Player, str | None]"]
FadeSettings = Callable[[], "tuple[float, float]"]


class MusicLibrary(Protocol):
    """What the controller needs from `storage.music.MusicStore`."""

    def slot_playlist(self, slot: str | None) -> tuple[SlotMusic | None, StoredPlaylist | None]: ...
    def playlist_after(self, playlist_id: int) -> StoredPlaylist | None: ...


class VolumeMemory(Protocol):
    """Where the master volume is kept between sessions (0 to 1)."""

    def load(self) -> float: ...
    def save(self, volume: float) -> None: ...


def default_player_factory(clock: Clock) -> PlayerFactory:
    def make(on_event: Callable[[PlayerEvent], None], crossfade_s: float,
             phase_fade_s: float) -> tuple[Player, str | None]:
        from kapdesk.audio.factory import open_player

        return open_player(clock, on_event, crossfade_s=crossfade_s, phase_fade_s=phase_fade_s)
    return make


def tracks_of(playlist: StoredPlaylist) -> list[Track]:
    return [Track(path=t.path, title=t.title, duration_s=t.duration_s) for t in playlist.tracks]


class MusicController(QObject):
    now_playing_changed = Signal(str)  # the title heard now, "" when none
    state_changed = Signal(object)  # PlayerState
    volume_changed = Signal(float)  # master volume 0..1
    note = Signal(str)  # a file skipped, in words ("" clears)
    problem_changed = Signal(str)  # no sound output, in words

    def __init__(self, clock: Clock, library: MusicLibrary,
                 fade_settings: FadeSettings = lambda: DEFAULT_FADES,
                 player_factory: PlayerFactory | None = None,
                 volume_memory: VolumeMemory | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("musicController")
        self._clock, self._library, self._fade_settings = clock, library, fade_settings
        self._factory = player_factory or default_player_factory(clock)
        self._player: Player | None = None
        self._phase_fade_s = DEFAULT_FADES[1]
        self._problem: str | None = None
        self._session: Any = None  # the SessionController followed
        self._runner: Any = None  # where events are recorded; outlives a closed session's fade
        self._slot: str | None = None  # the slot playing (None: silence)
        self._silenced_at: float | None = None
        self._now_playing = ""
        self._shown_state: PlayerState | None = None
        self._ticking = False
        self._tick_timer = QTimer(self)
        self._tick_timer.setObjectName("musicTick")
        self._tick_timer.setInterval(TICK_MS)
        self._tick_timer.timeout.connect(self.tick)
        # The session screen announces phases only while it is on screen; this
        # wakes once at the planned end of each phase so the music follows a
        # minimised window too.
        self._phase_timer = QTimer(self)
        self._phase_timer.setObjectName("musicPhaseWatch")
        self._phase_timer.setSingleShot(True)
        self._phase_timer.timeout.connect(self._watch_phase)
        self._phase_index: int | None = None
        self._volume_memory = volume_memory
        # The kind of player event that only carries over a known state (the kept
        # volume, the silence of a resumed log): not recorded, not announced.
        self._carrying: str | None = None
        self._master_volume = self._recall_volume()  # kept here: the output is closed while idle
        self._chime_until = 0.0  # monotonic time the last chime has died away
        self._note_timer = QTimer(self)
        self._note_timer.setObjectName("musicNoteClear")
        self._note_timer.setSingleShot(True)
        self._note_timer.timeout.connect(lambda: self.note.emit(""))

    # --- reading --------------------------------------------------------------------

    @property
    def tick_timer(self) -> QTimer:
        return self._tick_timer

    @property
    def phase_timer(self) -> QTimer:
        return self._phase_timer

    @property
    def player(self) -> Player:
        """The player, opened on first use."""
        if self._player is None:
            self._open_player()
        assert self._player is not None
        return self._player

    @property
    def problem(self) -> str | None:
        return self._problem

    @property
    def state(self) -> PlayerState:
        return self._player.state if self._player is not None else PlayerState.STOPPED

    @property
    def now_playing(self) -> str:
        return self._now_playing

    @property
    def volume(self) -> float:
        return self._player.volume if self._player is not None else self._master_volume

    @property
    def slot(self) -> str | None:
        return self._slot

    # --- the player's life ------------------------------------------------------------

    def _open_player(self) -> None:
        crossfade_s, self._phase_fade_s = self._read_fades()
        try:
            self._player, problem = self._factory(self._on_player_event, crossfade_s,
                                                  self._phase_fade_s)
        except Exception:  # noqa: BLE001 - no sound is never a reason to stop
            log.exception("Opening the music player failed")
            self._player, problem = SilentPlayer(NO_OUTPUT_MESSAGE), NO_OUTPUT_MESSAGE
        self._set_problem(problem)
        self._apply_kept_volume(self._player)

    def _apply_kept_volume(self, player: Player) -> None:
        """Give a newly opened player the master volume: a level carried over, not a
        change to log again (and no `_sync`, which would close the idle output at once)."""
        if self._master_volume == 1.0:
            return
        self._carrying = "volume_changed"
        try:
            player.set_volume(self._master_volume)
        except Exception:  # noqa: BLE001 - see the module docstring
            log.exception("Setting the music volume failed")
        finally:
            self._carrying = None

    def _release_output(self) -> None:
        """Close the sound output while nothing plays.

        An open SDL device mixes silence on its own thread (about 1 ms of CPU
        every second), for hours in a phase without music; the player is
        opened again, in a few milliseconds, when music is next wanted.
        """
        player, self._player = self._player, None
        try:
            player.close()
        except Exception:  # noqa: BLE001 - see the module docstring
            log.exception("Closing the idle sound output failed")

    def _read_fades(self) -> tuple[float, float]:
        try:
            crossfade_s, phase_fade_s = self._fade_settings()
            return float(crossfade_s), float(phase_fade_s)
        except Exception:  # noqa: BLE001 - defaults rather than no music
            log.exception("Reading the music fade settings failed")
            return DEFAULT_FADES

    def refresh_settings(self) -> None:
        """Pick up changed crossfade and phase-fade settings (between sessions)."""
        crossfade_s, phase_fade_s = self._read_fades()
        if self._player is None:
            return
        self._safely(self._player.set_crossfade, crossfade_s)
        if phase_fade_s != self._phase_fade_s and self.state is PlayerState.STOPPED:
            # The player takes its phase fade when opened; reopen while idle.
            self._safely(self._player.close)
            self._player = None
            self._open_player()

    def close(self) -> None:
        """At app exit: stop at once and release the sound output."""
        self._tick_timer.stop()
        self._phase_timer.stop()
        self._ticking = False
        if self._player is not None:
            self._safely(self._player.close)
        self._runner = self._session = None

    # --- following a session --------------------------------------------------------------

    def attach(self, session: Any) -> None:
        """Follow a `SessionController` (connect before its `begin()`)."""
        self.detach()
        self.refresh_settings()
        self._session, self._runner = session, session.runner
        self._slot = None
        _ = self.player  # open now, so a missing device is said before the first phase
        self._match_silence(session)
        session.phase_changed.connect(self.follow_phase)
        session.ended.connect(self.session_ended)
        self._sync()

    def _match_silence(self, session: Any) -> None:
        """Put the silence key where the session's log has it, before any music.
        The log already says which, so the toggle is not recorded again."""
        try:
            wanted = bool(session.state().music_silenced)
        except Exception:  # noqa: BLE001 - see the module docstring
            log.exception("Reading the session's silence failed")
            return
        kind = silence_toggle(wanted, self.state is PlayerState.SILENCED)
        if kind is not None:
            self._toggle_quietly(kind)

    def _toggle_quietly(self, kind: str) -> None:
        """The silence key, turned to carry a known state over: `kind` is not recorded."""
        self._carrying = kind
        try:
            self._safely(self.player.toggle_silence)
        finally:
            self._carrying = None

    def detach(self) -> None:
        """The session view closed. Its closing fade is still recorded in its log."""
        session, self._session = self._session, None
        if session is None:
            return
        self._phase_timer.stop()
        self._phase_index = None
        for signal, slot in ((session.phase_changed, self.follow_phase),
                             (session.ended, self.session_ended)):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass  # already gone with its object
        if self.state is PlayerState.SILENCED:
            # The silence belongs to its session. Held, it kept an idle output
            # open (mixing silence) and the next music waiting for the key; what
            # it holds stops unheard, and the key is lifted without a record.
            self._safely(self.player.stop)
            self._toggle_quietly("music_resumed")
        if self.state is not PlayerState.STOPPED:
            self.fade_to_silence()
        else:
            self._runner = None

    def follow_phase(self, index: int) -> None:
        try:
            state = self._runner.state()
            if state.ended:
                self.session_ended()
                return
            slot = self._runner.script.phases[index].music_slot
        except Exception:  # noqa: BLE001 - see the module docstring
            log.exception("Following the session's phase failed")
            return
        self._phase_index = index
        self._arm_phase_watch(state)
        if keeps_playing(self._slot, slot, self.state is not PlayerState.STOPPED):
            return
        self._slot = slot
        self.play_slot(slot)

    def session_ended(self) -> None:
        self._phase_timer.stop()
        self.fade_to_silence()

    def _arm_phase_watch(self, state: Any) -> None:
        wait_s = None if self._session is None else phase_watch(state)
        if wait_s is None:
            self._phase_timer.stop()
        else:
            self._phase_timer.start(round(wait_s * 1000))

    def _watch_phase(self) -> None:
        try:
            state = self._runner.state()
        except Exception:  # noqa: BLE001
            log.exception("Reading the session's phase failed")
            return
        step = phase_watch_step(state, self._phase_index)
        if step is WatchStep.END:
            self.session_ended()
        elif step is WatchStep.FOLLOW:
            self.follow_phase(state.phase_index)
        else:
            self._arm_phase_watch(state)

    # --- commands -------------------------------------------------------------------------

    def play_slot(self, slot: str | None) -> None:
        """Fade over to the slot's playlist, or to silence if it has none."""
        try:
            music, playlist = self._library.slot_playlist(slot)
        except Exception:  # noqa: BLE001
            log.exception("Reading the music for slot %r failed", slot)
            music, playlist = None, None
        play = music_for_slot(music, playlist, self._phase_fade_s)
        if play is None:
            self._slot = slot
            self.fade_to_silence()
            return
        self._play(play)

    def play_playlist(self, playlist: StoredPlaylist, volume: float = 1.0) -> None:
        """Play one playlist on its own (the library's "Play" to try it out)."""
        self._slot = None
        self._play(tried_out(playlist, volume))

    def _play(self, play: Play[StoredPlaylist]) -> None:
        when_done = self._going_on(play) if play.goes_on else "loop"
        self._safely(self.player.play_playlist, tracks_of(play.playlist), volume=play.volume,
                     fade_in_s=play.fade_in_s, when_done=when_done, name=play.playlist.name)

    def _going_on(self, play: Play[StoredPlaylist]) -> Callable[[], None]:
        """What the player calls when the slot's playlist runs out: the next one."""
        def go_on() -> None:
            try:
                following = self._library.playlist_after(play.playlist.id)
            except Exception:  # noqa: BLE001
                log.exception("Finding the playlist after %r failed", play.playlist.name)
                following = None
            self._play(music_after(play, following, self.player.crossfade_s))
        return go_on

    def fade_to_silence(self) -> None:
        if self.state is not PlayerState.STOPPED:
            self._safely(self.player.fade_out, self._phase_fade_s)

    def stop(self) -> None:
        if self._player is not None:
            self._safely(self._player.stop)

    def toggle_silence(self) -> None:
        """The silence key: silent within 2 s; pressed again, the music comes back."""
        self._safely(self.player.toggle_silence)

    def next_track(self) -> None:
        self._safely(self.player.next)

    def previous_track(self) -> None:
        self._safely(self.player.previous)

    def chime(self) -> None:
        """The soft checkpoint chime; silent under the silence key or with no sound output."""
        def ring() -> None:
            length_s = self.player.chime()
            if length_s > 0:
                self._chime_until = max(self._chime_until, self._clock.monotonic() + length_s)

        self._safely(ring)

    def set_volume(self, volume: float) -> None:
        player = self.player  # an idle output opens at the old level, so the change is logged
        self._master_volume = volume
        self._safely(player.set_volume, volume)  # and is closed again if nothing plays
        self.volume_changed.emit(self.volume)
        if self._volume_memory is not None:
            try:
                self._volume_memory.save(volume)
            except Exception:  # noqa: BLE001 - the music plays on at the new level
                log.exception("Keeping the music volume for the next session failed")

    def _recall_volume(self) -> float:
        if self._volume_memory is None:
            return 1.0
        try:
            return self._volume_memory.load()
        except Exception:  # noqa: BLE001 - full volume rather than no music
            log.exception("Reading the kept music volume failed")
            return 1.0

    def tick(self) -> None:
        if self._player is not None:
            self._safely(self._player.tick)
        else:
            self._sync()

    # --- plumbing ---------------------------------------------------------------------------

    def _safely(self, action: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """Run a player command; a fault is logged, never raised into the session."""
        try:
            action(*args, **kwargs)
        except Exception:  # noqa: BLE001 - see the module docstring
            log.exception("A music command failed: %s", getattr(action, "__name__", action))
        self._sync()

    def _sync(self) -> None:
        """Tick only while it matters; tell the views what changed."""
        state = self.state
        if state is PlayerState.SILENCED:
            if self._silenced_at is None:
                self._silenced_at = self._clock.monotonic()
            ticking = self._clock.monotonic() - self._silenced_at < SILENCE_TICKS_S
        else:
            self._silenced_at = None
            ticking = state is not PlayerState.STOPPED
        chiming = self._clock.monotonic() < self._chime_until
        ticking = ticking or chiming  # a tick after the chime releases the output
        # Tracked here rather than asked of the timer: a steady tick makes no
        # call into Qt at all unless something changed (cheap, and see
        # tests/test_pyside_refcounts.py for why fewer calls is also safer).
        if ticking != self._ticking:
            self._ticking = ticking
            self._tick_timer.start() if ticking else self._tick_timer.stop()
        if state is PlayerState.STOPPED and self._session is None:
            self._runner = None  # a closed session's last fade is recorded; let it go
        if state is PlayerState.STOPPED and self._problem is None and not chiming and \
                self._player is not None and not isinstance(self._player, SilentPlayer):
            self._release_output()
        playing = self._player.current_track if self._player is not None else None
        self._set_now_playing(playing.title if playing is not None else "")
        if state is not self._shown_state:
            self._shown_state = state
            self.state_changed.emit(state)

    def _on_player_event(self, event: PlayerEvent) -> None:
        if event.kind == self._carrying:
            return
        self._record(event)
        if event.kind == "track_failed":
            name = Path(str(event.data.get("path") or "")).name or "a track"
            reason = str(event.data.get("message") or "It cannot be played.")
            # A file that broke off after playing a while was not "skipped".
            played = bool(event.data.get("played_s"))
            self.note.emit(f"“{name}” stopped early: {reason}" if played else
                           f"Skipped “{name}”: {reason}")
            self._note_timer.start(NOTE_MS)
        elif event.kind == "output_lost":
            self._set_problem(str(event.data.get("message") or NO_OUTPUT_MESSAGE))
        elif event.kind == "volume_changed":
            self.volume_changed.emit(float(event.data.get("volume", self.volume)))

    def _record(self, event: PlayerEvent) -> None:
        runner = self._runner
        if runner is None:
            return
        try:
            stored = runner.record_music(event.kind, dict(event.data))
        except Exception:  # noqa: BLE001 - a lost music line must not stop the session
            log.exception("Recording the music event %s failed", event.kind)
            return
        session = self._session
        if session is not None and session.runner is runner:
            session.event_committed.emit(stored)

    def _set_now_playing(self, title: str) -> None:
        if title != self._now_playing:
            self._now_playing = title
            self.now_playing_changed.emit(title)

    def _set_problem(self, problem: str | None) -> None:
        if problem != self._problem:
            self._problem = problem
            self.problem_changed.emit(problem or "")
