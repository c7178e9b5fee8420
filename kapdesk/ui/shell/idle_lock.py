"""The idle lock between sessions: the window covered until the practice passphrase is typed.

After the practice's minutes without keyboard or mouse input (core/idle_lock.py
says when; 5 by default, 0 = off), or at once on Ctrl+L, the main window's
content is taken out of the window and a lock screen put in its place: dark,
calm, "KAPDesk is locked", the passphrase field with the focus. Nothing of
the views behind is in the window's widget tree while it is locked (they are
kept aside, whole), so neither the eye nor a screen reader finds a client
there; the window title names no client. Unlocking checks the practice
passphrase on the app's task runner (a key derivation, ~0.1 s: the screen
keeps answering); a wrong one is said calmly and the field stays. After
unlock the same view, selection and focus are back, as they were.

This round locks BETWEEN SESSIONS only: while a session is on screen neither
idling nor Ctrl+L locks. The lock that keeps a running session (its phase,
count-down, what is due and a safety alert visible without the client's
name; the music and F1 going on) is a later round's, as is the operating
system's screen lock and other windows (Music, Scripts, Settings, a dialog)
left open over the main window.

`InputWatch` is an event filter on the QApplication: for every event it only
compares the type and, for input, stores the monotonic time (it runs for
every event of the app, so it does nothing else). It also takes Ctrl+L before
any page's shortcut (the review's session page focuses its log with Ctrl+L):
while the main window shows no session, Ctrl+L is the lock's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget

from kapdesk.core.clock import Clock
from kapdesk.core.idle_lock import LOOK_AGAIN_IDLE_OFF_S, Moment, idle_verdict, may_lock
from kapdesk.core.tasks import Progress
from kapdesk.storage.practice_settings_store import load_idle_lock_minutes
from kapdesk.ui.common.widgets import label, show_text

if TYPE_CHECKING:
    from kapdesk.services import Services
    from kapdesk.ui.common.tasks import TaskRunner
    from kapdesk.ui.shell.main_window import MainWindow

LOCK_KEY = "Ctrl+L"
LOCKED_TITLE = "KAPDesk is locked"
LOCKED_HINT = "Type the practice passphrase and press Enter to go on."
WRONG_PASSPHRASE = "That is not the practice passphrase. Check it and try again."
CHECKING = "Checking…"
CHECK_FAILED = "The passphrase could not be checked just now. Try again."

_INPUT = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TabletPress})
_KEYS = frozenset({QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride})

_STYLE = """
QWidget#lockScreen { background: #17120f; }
QWidget#lockScreen QLabel { background: transparent; color: #e9dcc9; font-size: 17px; }
QWidget#lockScreen QLabel#lockTitle { color: #e9c99b; font-size: 30px; }
QWidget#lockScreen QLabel#lockHint { color: #b09c86; }
QWidget#lockScreen QLabel#lockMessage { color: #e6b567; }
QLineEdit#lockPassphrase { background: #2d241e; color: #e9dcc9; border: 1px solid #5a4a3d;
                           border-radius: 6px; padding: 10px; font-size: 18px; min-width: 360px; }
QLineEdit#lockPassphrase:focus { border-color: #c99558; }
QPushButton#lockUnlock { background: #3a2f28; color: #f0d3a8; border: 1px solid #8a6440;
                         border-radius: 6px; padding: 10px 28px; font-size: 18px; }
QPushButton#lockUnlock:focus { border-color: #c99558; }
"""


def _is_lock_key(event: QEvent) -> bool:
    if not isinstance(event, QKeyEvent) or event.key() != Qt.Key.Key_L:
        return False
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return modifiers == Qt.KeyboardModifier.ControlModifier


class InputWatch(QObject):
    """Notes when the person last typed, clicked or moved the mouse; hands Ctrl+L to `on_lock_key`.

    `on_lock_key(receiver)` answers whether it took the key (the receiver is
    the object Qt delivers it to); if not, the key goes on as usual.
    """

    def __init__(self, clock: Clock, on_lock_key: Callable[[QObject], bool],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._now, self._monotonic = clock.now, clock.monotonic
        self._on_lock_key = on_lock_key
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
        return False


class LockScreen(QWidget):
    """What the locked window shows: no client, no record, only the way back in."""

    unlock_requested = Signal(str)  # the passphrase typed

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("lockScreen")
        self.setAccessibleName(LOCKED_TITLE)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(_STYLE)
        self.title = label(LOCKED_TITLE, "lockTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = label(LOCKED_HINT, "lockHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("lockPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Practice passphrase")
        self.passphrase.setPlaceholderText("Practice passphrase")
        self.passphrase.returnPressed.connect(self._ask)
        self.unlock_button = QPushButton("Unlock")
        self.unlock_button.setObjectName("lockUnlock")
        self.unlock_button.setAccessibleName("Unlock")
        self.unlock_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.unlock_button.clicked.connect(self._ask)
        self.message = label("", "lockMessage", "Lock message")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setSpacing(18)
        layout.addStretch(2)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addSpacing(10)
        layout.addWidget(self.passphrase, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.message)
        layout.addStretch(3)
        self._checking = False

    def reset(self) -> None:
        self.passphrase.clear()
        self.set_checking(False)
        self.say("")

    def say(self, text: str) -> None:
        show_text(self.message, text, "Lock message")

    def set_checking(self, checking: bool) -> None:
        """While the passphrase is checked, a second Enter does nothing; the field keeps its text."""
        self._checking = checking
        self.unlock_button.setEnabled(not checking)
        self.passphrase.setReadOnly(checking)

    def refused(self) -> None:
        self.set_checking(False)
        self.say(WRONG_PASSPHRASE)
        self.passphrase.selectAll()  # typing again replaces it; nothing to clear by hand
        self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)

    def _ask(self) -> None:
        if self._checking:
            return
        if not self.passphrase.text():
            self.say(LOCKED_HINT)
            self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.unlock_requested.emit(self.passphrase.text())


class IdleLock(QObject):
    """Locks the main window when idle between sessions or on Ctrl+L; unlocks on the passphrase.

    `minutes()` reads the practice's setting (asked at each look, so a change
    applies without a restart), `session_running()` says whether a session is
    on screen, `confirms(passphrase)` checks the practice passphrase (it may
    take a fraction of a second: it runs on `tasks`).
    """

    locked = Signal()
    unlocked = Signal()

    def __init__(self, window: MainWindow, clock: Clock, minutes: Callable[[], int],
                 session_running: Callable[[], bool], confirms: Callable[[str], bool],
                 tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("idleLock")
        self._window, self._clock = window, clock
        self._minutes, self._session_running, self._confirms = minutes, session_running, confirms
        self._tasks = tasks
        self._kept: QWidget | None = None  # the window's content while it is locked
        self._focus: QWidget | None = None
        self._title = ""
        self.screen = LockScreen()
        self.screen.unlock_requested.connect(self._check)
        self.watch = InputWatch(clock, self._lock_key, self)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self.watch)
        self.timer = QTimer(self)
        self.timer.setObjectName("idleLockTimer")
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.check)
        # The first look comes a minute in, by when the practice is long open.
        self.timer.start(int(LOOK_AGAIN_IDLE_OFF_S * 1000))

    @property
    def is_locked(self) -> bool:
        return self._kept is not None

    def check(self) -> bool:
        """Ask the rule; lock if it says so, else look again when it says. True if it locked."""
        if self.is_locked:
            return False
        verdict = idle_verdict(self.watch.last_input, Moment.of(self._clock), self._minutes(),
                               self._session_running())
        if verdict.lock:
            return self.lock()
        self.timer.start(int(verdict.look_again_s * 1000))
        return False

    def lock(self) -> bool:
        """Cover the window now (between sessions only); True if it is locked by this call."""
        if self.is_locked or not may_lock(self._session_running()):
            return False
        window = self._window
        self.timer.stop()
        self._focus = window.focusWidget()
        self._title = window.windowTitle()
        self._kept = window.takeCentralWidget()  # out of the window's tree, whole
        self.screen.reset()
        window.setCentralWidget(self.screen)
        self.screen.show()
        window.setWindowTitle(f"{self._title} — locked")
        self.screen.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)
        self.locked.emit()
        return True

    def _lock_key(self, receiver: QObject) -> bool:
        """Ctrl+L in the main window is the lock's when it may lock; else it goes on as usual.

        It locks at the key's shortcut override; the key press that follows
        (and any Ctrl+L while locked) is taken too, so it reaches no page.
        """
        if not isinstance(receiver, QWidget) or receiver.window() is not self._window:
            return False
        return self.is_locked or self.lock()

    def _check(self, passphrase: str) -> None:
        self.screen.set_checking(True)
        self.screen.say(CHECKING)
        confirms = self._confirms

        def work(_progress: Progress) -> bool:  # on a worker thread: a key derivation
            return confirms(passphrase)

        self._tasks.run(work, on_done=self._checked, on_failed=self._check_failed,
                        owner=self.screen, name="unlock")

    def _checked(self, confirmed: bool) -> None:
        if not self.is_locked:
            return
        if confirmed:
            self._unlock()
        else:
            self.screen.refused()

    def _check_failed(self, _message: str) -> None:
        if self.is_locked:
            self.screen.refused()
            self.screen.say(CHECK_FAILED)

    def _unlock(self) -> None:
        window, kept, focus = self._window, self._kept, self._focus
        assert kept is not None
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


def keep_idle_lock(window: MainWindow, services: Services, session_running: Callable[[], bool],
                   tasks: TaskRunner) -> IdleLock:
    """The idle lock of the open practice's window, on its setting and its passphrase.

    The filter goes when the lock does (Qt drops a deleted object's filter).
    """
    from kapdesk.storage.audit_log import audited_check  # each unlock and failed unlock is audited

    confirms = audited_check(services.records.passphrase_confirms, services.audit, "idle lock")
    return IdleLock(window, services.clock, lambda: load_idle_lock_minutes(services.settings),
                    session_running, confirms, tasks, parent=window)
