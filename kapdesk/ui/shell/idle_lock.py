"""The idle lock: the window covered until the practice passphrase is typed.

After the practice's minutes without keyboard or mouse input (core/idle_lock.py
says when: 5 by default between sessions, off by default during one), at once
on Ctrl+L, and when the operating system hides the app (see "The system's
screen lock" below for what Qt lets us see), the main window's content is
taken out of the window and a lock screen put in its place (lock_screen.py): dark, calm,
"KAPDesk is locked", the passphrase field with the focus. Nothing of the
views behind is in the window's widget tree while it is locked (they are kept
aside, whole), so neither the eye nor a screen reader finds a client there;
the window title names no client. Every other window left open (Settings, a
library, a question) is covered the same way (lock_covers.py) and given back
as it was. Unlocking checks the practice passphrase on the app's task runner
(a key derivation, ~0.1 s: the screen keeps answering); a wrong one is said
calmly and the field stays. After unlock the same view, selection and focus
are back.

Locked during a running session, the lock keeps the session: the room is out
of the window but goes on (its controller is ticked by the lock once a
second, so phases change, checkpoints fall due, the chime and the music
follow), keep-alive keeps being written (crash recovery sees a live
session), and the lock screen shows what core/session_lock.py lets through:
the phase, the count-down, what is due and a safety alert, never the
client's name or notes. F1 still silences the music.

While locked nothing else is entered: `InputWatch` lets keys and clicks reach
only the lock screens (and F1 the music); every other key, shortcut and click
is dropped, Esc included (it would cancel a covered dialog).

The system's screen lock, as far as Qt shows it. Qt has no "the session was
locked" signal; what it does report is used (core/idle_lock.py holds the
rule): the application state turning Suspended or Hidden (the system put
the app away: macOS's Hide), and the main window no longer exposed while it
is shown and not minimised. On macOS the Cocoa plugin follows the window's
occlusion state, which the screen lock and the screen saver clear, so both
lock the app there. On Linux/X11 a screen locker or screen saver draws over
the windows without unmapping them (Qt sees at most the focus going,
"inactive", which is also only another app being clicked and must not lock
the room); the desktops that announce it on D-Bus (KDE, GNOME, Xfce, LXQt:
screen_saver_watch.py) lock the app; xscreensaver, which says nothing on
D-Bus, is read through its own `xscreensaver-command -watch`
(xscreensaver_watch.py); a locker that announces nothing anywhere (i3lock,
slock, xsecurelock, xlock) is NOT seen. On Windows, Win+L moves to the
secure desktop and Qt again sees only "inactive"; the session-lock
notification (WTS_SESSION_LOCK) is read by a native event filter
(windows_session_watch.py: written, not yet run on Windows). On Wayland the compositor
decides. There the idle lock covers it: the system's lock takes all input,
so the minutes run out behind it, and the window is locked when it wakes.
A window unmapped with its desktop (X11, switching workspace) locks too.

`InputWatch` is an event filter on the QApplication: for every event it only
compares the type and, for input, stores the monotonic time (it runs for
every event of the app, so it does little else). It takes Ctrl+L before any
page's shortcut (the review's session page focuses its log with Ctrl+L).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QWindow
from PySide6.QtWidgets import QApplication, QWidget

from kapdesk.core.clock import Clock
from kapdesk.core.idle_lock import (Moment, first_look_s, idle_verdict, lock_minutes,
                                    locks_on_app_state, locks_on_unexposed)
from kapdesk.core.session_lock import locked_session
from kapdesk.core.tasks import Progress
from kapdesk.core.vitals import VitalThresholds
from kapdesk.ui.shell.lock_covers import WindowCover, windows_to_cover
from kapdesk.ui.shell.screen_saver_watch import ScreenSaverWatch
from kapdesk.ui.shell.windows_session_watch import WindowsSessionWatch
from kapdesk.ui.shell.xscreensaver_watch import XScreenSaverWatch
from kapdesk.ui.shell.lock_screen import (CHECK_FAILED, CHECKING, LOCKED_HINT, LOCKED_TITLE,  # noqa: F401
                                          WRONG_PASSPHRASE, LockScreen, inside_lock)

if TYPE_CHECKING:
    from kapdesk.services import Services
    from kapdesk.ui.common.tasks import TaskRunner
    from kapdesk.ui.session.controller import SessionController
    from kapdesk.ui.shell.main_window import MainWindow

LOCK_KEY = "Ctrl+L"
SILENCE_KEY = Qt.Key.Key_F1  # the music strip's key, kept under the lock
#: How often the lock ticks a running session's controller (the room, out of
#: the window, no longer ticks it): the count-down's grain.
SESSION_TICK_MS = 1000

_INPUT = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TabletPress})
_KEYS = frozenset({QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride})
_ALL_KEYS = frozenset({QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride})
_POINTER = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
                      QEvent.Type.MouseButtonDblClick, QEvent.Type.Wheel, QEvent.Type.ContextMenu,
                      QEvent.Type.TouchBegin, QEvent.Type.TabletPress})
_PLAIN = Qt.KeyboardModifier.NoModifier


def _is_lock_key(event: QEvent) -> bool:
    if not isinstance(event, QKeyEvent) or event.key() != Qt.Key.Key_L:
        return False
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return modifiers == Qt.KeyboardModifier.ControlModifier


@dataclass(frozen=True)
class RunningSession:
    """The session on screen, as the lock needs it: its controller and the alert limits."""

    controller: SessionController
    thresholds: VitalThresholds


class InputWatch(QObject):
    """Notes when the person last typed, clicked or moved the mouse; hands Ctrl+L to `on_lock_key`.

    `on_lock_key(receiver)` answers whether it took the key (the receiver is
    the object Qt delivers it to); if not, the key goes on as usual. While
    `locked()` it also keeps input to the lock screens (module docstring),
    hands F1 to `on_silence`, and tells `on_unexposed(window)` when a window
    stops being on screen.
    """

    def __init__(self, clock: Clock, on_lock_key: Callable[[QObject], bool],
                 parent: QObject | None = None, locked: Callable[[], bool] = lambda: False,
                 on_silence: Callable[[], None] = lambda: None,
                 on_unexposed: Callable[[QWindow], None] = lambda _window: None) -> None:
        super().__init__(parent)
        self._now, self._monotonic = clock.now, clock.monotonic
        self._on_lock_key = on_lock_key
        self._locked, self._on_silence, self._on_unexposed = locked, on_silence, on_unexposed
        self._wall, self._mono = self._now(), self._monotonic()

    @property
    def last_input(self) -> Moment:
        return Moment(self._wall, self._mono)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind in _INPUT:  # two clock readings, nothing more: this runs for every mouse move
            self._wall, self._mono = self._now(), self._monotonic()
        if kind in _KEYS and _is_lock_key(event) and self._on_lock_key(watched):
            # The override keeps any page's Ctrl+L shortcut from firing; the
            # key press that follows is the one that locks.
            if kind == QEvent.Type.ShortcutOverride:
                event.accept()
            return True
        if kind == QEvent.Type.Expose and isinstance(watched, QWindow) and not watched.isExposed():
            self._on_unexposed(watched)
            return False
        if (kind in _ALL_KEYS or kind in _POINTER) and isinstance(watched, QWidget) and self._locked():
            return self._keep_to_the_lock(watched, event, kind)
        return False

    def _keep_to_the_lock(self, watched: QWidget, event: QEvent, kind: QEvent.Type) -> bool:
        """While locked: True (dropped) unless the input is for a lock screen; F1 silences."""
        if kind in _POINTER:
            return not inside_lock(watched)
        assert isinstance(event, QKeyEvent)
        key, plain = event.key(), event.modifiers() == _PLAIN
        if key == SILENCE_KEY and plain:
            if kind == QEvent.Type.KeyPress and not event.isAutoRepeat():
                self._on_silence()
        elif key != Qt.Key.Key_Escape and inside_lock(watched):
            if kind == QEvent.Type.ShortcutOverride:
                event.accept()  # the passphrase field's key, never an app shortcut
                return True
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()
        return True


class IdleLock(QObject):
    """Locks the app when idle, on Ctrl+L or when the system hides it; unlocks on the passphrase.

    `minutes()` reads the minutes that apply now (asked at each look, so a
    change of setting, or a session beginning, applies without a restart),
    `session()` gives the running session or None, `confirms(passphrase)`
    checks the practice passphrase (it may take a fraction of a second: it
    runs on `tasks`), `silence()` is F1's (the music's silence key).
    """

    locked = Signal()
    unlocked = Signal()

    def __init__(self, window: MainWindow, clock: Clock, minutes: Callable[[], float],
                 session: Callable[[], RunningSession | None], confirms: Callable[[str], bool],
                 tasks: TaskRunner, silence: Callable[[], None] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("idleLock")
        self._window, self._clock = window, clock
        self._minutes, self._session, self._confirms = minutes, session, confirms
        self._silence = silence
        self._tasks = tasks
        self._kept: QWidget | None = None  # the window's content while it is locked
        self._focus: QWidget | None = None
        self._title = ""
        self._covers: list[WindowCover] = []
        self._running: RunningSession | None = None  # the session kept going under the lock
        self.screen = LockScreen()
        self.screen.unlock_requested.connect(lambda text: self._check(self.screen, text))
        # Input is kept to the lock only while the locked window is shown: a
        # window closed while locked (the app quitting) holds nothing back.
        self.watch = InputWatch(clock, self._lock_key, self,
                                locked=lambda: self.is_locked and self._window.isVisible(),
                                on_silence=self._silence_music, on_unexposed=self._unexposed)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self.watch)
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._app_state_changed)
        self.screen_saver = ScreenSaverWatch(self)  # Linux desktops' screen saver, over D-Bus
        self.screen_saver.started.connect(self.lock)
        self.xscreensaver = XScreenSaverWatch(self)  # a bare X11 desktop's xscreensaver
        self.xscreensaver.started.connect(self.lock)
        self.windows_session = WindowsSessionWatch(window, self)  # Win+L
        self.windows_session.locked.connect(self.lock)
        self.timer = QTimer(self)
        self.timer.setObjectName("idleLockTimer")
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.check)
        self.session_tick = QTimer(self)
        self.session_tick.setObjectName("lockedSessionTick")
        self.session_tick.setInterval(SESSION_TICK_MS)
        self.session_tick.timeout.connect(self._tick_session)
        # The first look comes a minute in, by when the practice is long open (sooner
        # when the practice set a shorter time).
        self.timer.start(int(first_look_s(minutes()) * 1000))

    @property
    def is_locked(self) -> bool:
        return self._kept is not None

    @property
    def covers(self) -> list[WindowCover]:
        return list(self._covers)

    def check(self) -> bool:
        """Ask the rule; lock if it says so, else look again when it says. True if it locked."""
        if self.is_locked:
            return False
        verdict = idle_verdict(self.watch.last_input, Moment.of(self._clock), self._minutes())
        if verdict.lock:
            return self.lock()
        self.timer.start(int(verdict.look_again_s * 1000))
        return False

    def lock(self) -> bool:
        """Cover the window and every other one now; True if it is locked by this call."""
        if self.is_locked:
            return False
        window = self._window
        self.timer.stop()
        _close_popups()  # an open list or menu would stay over the lock, showing its choices
        self._focus = window.focusWidget()
        self._title = window.windowTitle()
        modal = QApplication.activeModalWidget()
        self._kept = window.takeCentralWidget()  # out of the window's tree, whole
        self.screen.reset()
        self._keep_session_going()
        window.setCentralWidget(self.screen)
        self.screen.show()
        window.setWindowTitle(f"{self._title} — locked")
        self._covers = [WindowCover(other, self._cover_screen) for other in windows_to_cover(window)]
        self._focus_the_lock(modal)
        self.locked.emit()
        return True

    # --- what goes on under the lock ---------------------------------------------

    def _keep_session_going(self) -> None:
        running = self._session()
        self._running = running
        if running is None:
            self.screen.show_session(None)
            return
        running.controller.state_changed.connect(self._show_session)
        self._show_session(running.controller.state())
        self.session_tick.start()

    def _show_session(self, state: object) -> None:
        if self._running is not None:
            view = locked_session(state, self._running.thresholds)  # type: ignore[arg-type]
            self.screen.show_session(view)

    def _tick_session(self) -> None:
        if self._running is not None:
            self._running.controller.tick()  # publishes: the panel, the music, the checks follow

    def _silence_music(self) -> None:
        if self._silence is not None and self._running is not None:
            self._silence()

    # --- the operating system hiding the app ------------------------------------

    def _app_state_changed(self, state: Qt.ApplicationState) -> None:
        if locks_on_app_state(state.name.removeprefix("Application").lower()):
            self.lock()

    def _unexposed(self, handle: QWindow) -> None:
        # macOS only: there a screen lock or screen saver unexposes the window. On X11
        # a window being minimised also passes through "not exposed", and its state
        # says "minimised" only later, so there the rule would lock a window that
        # was merely minimised (seen on a real display with a window manager).
        if QGuiApplication.platformName() != "cocoa":
            return
        if self.is_locked or handle is not self._window.windowHandle():
            return
        # Asked again once the event is handled: a window being hidden or
        # minimised passes through "not exposed" on its way.
        QTimer.singleShot(0, self, self._lock_if_still_unexposed)

    def _lock_if_still_unexposed(self) -> None:
        window = self._window
        handle = window.windowHandle()
        if handle is not None and not handle.isExposed() and \
                locks_on_unexposed(visible=window.isVisible(), minimised=window.isMinimized()):
            self.lock()

    # --- unlocking ---------------------------------------------------------------------

    def _cover_screen(self) -> LockScreen:
        screen = LockScreen()
        screen.unlock_requested.connect(lambda text: self._check(screen, text))
        return screen

    def _focus_the_lock(self, modal: QWidget | None) -> None:
        """The passphrase field where the keyboard is: a covered modal dialog's, else the window's."""
        for cover in self._covers:
            if cover.target is modal and cover.screen is not None:
                cover.screen.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        self.screen.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)

    def _lock_key(self, receiver: QObject) -> bool:
        """Ctrl+L in the main window or a window over it locks; while locked it is taken too.

        It locks at the key's shortcut override; the key press that follows
        (and any Ctrl+L while locked) is taken too, so it reaches no page.
        """
        if not isinstance(receiver, QWidget) or not self._window.isVisible() or not self._ours(receiver):
            return False
        return self.is_locked or self.lock()

    def _ours(self, widget: QWidget) -> bool:
        """Whether `widget` is in the main window or in a window opened over it (a dialog)."""
        top: QWidget | None = widget.window()
        while top is not None:
            if top is self._window:
                return True
            parent = top.parentWidget()
            top = parent.window() if parent is not None else None
        return False

    def _screens(self) -> list[LockScreen]:
        return [self.screen, *(cover.screen for cover in self._covers if cover.screen is not None)]

    def _check(self, asking: LockScreen, passphrase: str) -> None:
        for screen in self._screens():
            screen.set_checking(True)
        asking.say(CHECKING)
        confirms = self._confirms

        def work(_progress: Progress) -> bool:  # on a worker thread: a key derivation
            return confirms(passphrase)

        self._tasks.run(work, on_done=lambda ok: self._checked(asking, ok),
                        on_failed=lambda _message: self._check_failed(asking),
                        owner=self.screen, name="unlock")

    def _checked(self, asking: LockScreen, confirmed: bool) -> None:
        if not self.is_locked:
            return
        if confirmed:
            self._unlock()
            return
        for screen in self._screens():
            screen.set_checking(False)
        if asking in self._screens():
            asking.refused()

    def _check_failed(self, asking: LockScreen) -> None:
        if self.is_locked:
            for screen in self._screens():
                screen.set_checking(False)
            if asking in self._screens():
                asking.refused(CHECK_FAILED)

    def _unlock(self) -> None:
        window, kept, focus = self._window, self._kept, self._focus
        assert kept is not None
        if self._running is not None:
            self.session_tick.stop()
            self._running.controller.state_changed.disconnect(self._show_session)
            self._running = None
        for cover in reversed(self._covers):
            cover.give_back()
        self._covers = []
        window.takeCentralWidget()  # the lock screen, kept for the next time
        self.screen.hide()
        self.screen.reset()
        self._kept, self._focus = None, None
        window.setCentralWidget(kept)
        kept.show()  # a widget taken out of a window comes back hidden
        window.setWindowTitle(self._title)
        if focus is not None and kept.isAncestorOf(focus) and focus.isVisible():
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self.unlocked.emit()
        self.check()


def _close_popups() -> None:
    for _ in range(10):  # a popup opened from a popup closes with it; ten is more than any nesting
        popup = QApplication.activePopupWidget()
        if popup is None:
            return
        popup.close()


def running_session_of(flow, services: Services) -> RunningSession | None:  # noqa: ANN001 - a SessionFlow
    """The session on screen with the practice's alert limits, or None between sessions."""
    view = flow.view
    if view is None:
        return None
    from kapdesk.storage.practice_settings_store import load

    return RunningSession(view.controller, load(services.settings).vital_thresholds)


def keep_idle_lock(window: MainWindow, services: Services, flow, tasks: TaskRunner,  # noqa: ANN001
                   silence: Callable[[], None] | None = None,
                   held: Callable[[], bool] = lambda: False) -> IdleLock:
    """The idle lock of the open practice's window, on its settings and its passphrase.

    `flow` is the app's SessionFlow (which session is on screen); `silence`
    the music's silence key; while `held()` (client mode's form is up) idling
    never locks. The filter goes when the lock does (Qt drops a
    deleted object's filter).
    """
    from kapdesk.storage.audit_log import audited_check  # each unlock and failed unlock is audited
    from kapdesk.core.practice_settings import IDLE_LOCK_SECONDS, idle_lock_seconds
    from kapdesk.storage.practice_settings_store import load_lock_minutes

    def minutes() -> float:
        if held():
            return 0  # the screen is someone else's for now (client mode): no idle lock
        settings = load_lock_minutes(services.settings)
        seconds = idle_lock_seconds(services.settings.get(IDLE_LOCK_SECONDS))
        return lock_minutes(settings.between_sessions, settings.during_session, flow.view is not None,
                            seconds)

    confirms = audited_check(services.records.passphrase_confirms, services.audit, "idle lock")
    return IdleLock(window, services.clock, minutes, lambda: running_session_of(flow, services),
                    confirms, tasks, silence=silence, parent=window)
