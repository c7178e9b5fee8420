"""When the window locks itself: after a time without keyboard or mouse input, or on request.

A laptop left open in the office must not show every client to whoever walks
by. Between sessions, after `minutes` without input (the practice's setting,
5 by default; 0 turns it off) the window is covered by the lock screen.
During a running session idling locks only if the practice asked for it (a
setting of its own, off by default, or a longer time: a therapist sitting
still beside a client for twenty minutes is not away). Ctrl+L locks at once,
between sessions and during one; so does the operating system's screen lock
where Qt can see it. A lock during a session keeps the session
(core/session_lock.py says what stays on screen).

Idle time is measured on both clocks and the longer counts: the monotonic
clock cannot be fooled by a changed system clock, but on a laptop it may
stand still while the lid is shut, so an hour asleep is an hour idle by the
wall clock, and the window locks as soon as it wakes. A wall clock set back
only shortens the wall reading, and the monotonic one still counts.
"""

from __future__ import annotations

from dataclasses import dataclass

from kapdesk.core.clock import Clock

DEFAULT_MINUTES = 5
MINUTES_RANGE = (0, 240)  # 0 = off; four hours is already as good as off
#: During a running session: off unless the practice sets a time.
DEFAULT_SESSION_MINUTES = 0
SESSION_MINUTES_RANGE = (0, 240)
#: How soon to look again while idling cannot lock (its setting off): the
#: setting may change, and a session may begin or end.
LOOK_AGAIN_IDLE_OFF_S = 60.0
#: Never look again sooner than this: a timer firing in a tight loop costs more
#: than locking a second late.
LEAST_LOOK_AGAIN_S = 1.0


@dataclass(frozen=True)
class Moment:
    """One reading of both clocks: when the last input came, or now."""

    wall: float
    mono: float

    @classmethod
    def of(cls, clock: Clock) -> Moment:
        return cls(clock.now(), clock.monotonic())


@dataclass(frozen=True)
class IdleVerdict:
    """Whether to lock now, and otherwise in how many seconds to ask again."""

    lock: bool
    look_again_s: float  # meaningless when `lock` (the lock screen takes over)


def idle_seconds(last_input: Moment, now: Moment) -> float:
    """How long nothing was typed or clicked: the longer of the two clocks' readings."""
    return max(0.0, now.mono - last_input.mono, now.wall - last_input.wall)


def lock_minutes(between_sessions: int, during_session: int, session_running: bool,
                 between_seconds: int | None = None) -> float:
    """Which setting counts now, in minutes (0 = idling does not lock). Between sessions a
    time set in seconds (practice_settings.IDLE_LOCK_SECONDS) counts instead of the minutes."""
    if session_running:
        return during_session
    return between_seconds / 60 if between_seconds else between_sessions


def first_look_s(minutes: float) -> float:
    """The first look after the window is up: a minute in, or sooner when the time set is shorter."""
    if minutes <= 0:
        return LOOK_AGAIN_IDLE_OFF_S
    return max(LEAST_LOOK_AGAIN_S, min(LOOK_AGAIN_IDLE_OFF_S, minutes * 60.0))


def idle_verdict(last_input: Moment, now: Moment, minutes: float) -> IdleVerdict:
    """Lock when `minutes` (lock_minutes' choice) have passed without input; else when to look again."""
    if minutes <= 0:
        return IdleVerdict(False, LOOK_AGAIN_IDLE_OFF_S)
    limit = minutes * 60.0
    idle = idle_seconds(last_input, now)
    if idle >= limit:
        return IdleVerdict(True, 0.0)
    return IdleVerdict(False, max(LEAST_LOOK_AGAIN_S, limit - idle))



# --- the operating system's screen lock, as far as Qt shows it ------------------------
#: Application states (Qt's names, lower case, without "Application") that mean
#: the app was put out of sight by the system: a phone-like suspend, or macOS
#: hiding it. "inactive" is not among them: it is also only another app taking
#: the focus, which must not lock the room's screen.
LOCKING_APP_STATES = frozenset({"suspended", "hidden"})


def locks_on_app_state(state: str) -> bool:
    """Whether the app's new state means it was put away by the system."""
    return state in LOCKING_APP_STATES


def locks_on_unexposed(visible: bool, minimised: bool) -> bool:
    """A shown, not minimised main window that is no longer on screen: covered by the
    system's lock screen or screen saver (macOS tells Qt so), or its desktop put away."""
    return visible and not minimised


def locks_on_screen_saver(active: bool) -> bool:
    """The desktop's screen saver or screen lock came on (Linux, over D-Bus): lock too, so
    the app is locked when the desktop is unlocked; its going off unlocks nothing."""
    return active


#: Windows: the message a window that asked (WTSRegisterSessionNotification) gets
#: when the session changes, and the change that means the session was locked
#: (Win+L, or the lock after the screen saver): WinUser.h and WtsApi32.h.
WM_WTSSESSION_CHANGE = 0x02B1
WTS_SESSION_LOCK = 0x7


def locks_on_windows_message(message: int, wparam: int) -> bool:
    """Windows told the app its session was locked: lock too. Unlocking it (WTS_SESSION_UNLOCK)
    and every other session change (a log-on elsewhere, a remote connection) unlock nothing."""
    return message == WM_WTSSESSION_CHANGE and wparam == WTS_SESSION_LOCK


#: What `xscreensaver-command -watch` prints, first word of a line, when the screen is
#: blanked by the screen saver or locked ("UNBLANK" and "RUN" lock nothing).
XSCREENSAVER_LOCKING = frozenset({"BLANK", "LOCK"})


def locks_on_xscreensaver_line(line: str) -> bool:
    """xscreensaver said it blanked or locked the screen: lock too, as for the D-Bus screen savers."""
    words = line.split()
    return bool(words) and words[0] in XSCREENSAVER_LOCKING
