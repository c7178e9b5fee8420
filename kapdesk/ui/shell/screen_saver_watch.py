"""The desktop's screen saver and screen lock on Linux, as its D-Bus service announces them.

Qt itself does not see an X11 screen locker (it draws over the windows
without unmapping them). Most Linux desktops announce it on the session bus
instead: `ActiveChanged(true)` from org.freedesktop.ScreenSaver (KDE Plasma,
Xfce's and LXQt's screensavers, on /org/freedesktop/ScreenSaver and
/ScreenSaver) or org.gnome.ScreenSaver (GNOME, /org/gnome/ScreenSaver). When
one says the screen saver or lock started, `started` is emitted and the idle
lock locks the app (core/idle_lock.locks_on_screen_saver holds the rule).

Only signals are listened to: nothing is asked of the service, so a desktop
without one costs nothing and says nothing. Without a session bus (no
DBUS_SESSION_BUS_ADDRESS: a bare X server, a test run) it does nothing at all
rather than let D-Bus try to start one. Not Linux: nothing (macOS and Windows
are idle_lock.py's business).
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import SLOT, QObject, QTimer, Signal, Slot

from kapdesk.core.idle_lock import locks_on_screen_saver

#: (object path, interface) of every ActiveChanged signal listened to.
SCREEN_SAVERS = (
    ("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
)
#: Connected this long after the window is wired: the bus is not needed to
#: show the client list, and connecting to it is not free.
CONNECT_AFTER_MS = 2000


class ScreenSaverWatch(QObject):
    started = Signal()  # the desktop's screen saver or screen lock came on

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screenSaverWatch")
        self.listening = False
        if sys.platform.startswith("linux") and os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
            QTimer.singleShot(CONNECT_AFTER_MS, self, self.listen)

    def listen(self) -> bool:
        """Connect to the session bus's screen-saver signals; True if any was connected."""
        from PySide6.QtDBus import QDBusConnection

        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            return False
        for path, interface in SCREEN_SAVERS:
            if bus.connect("", path, interface, "ActiveChanged", self, SLOT("active_changed(bool)")):
                self.listening = True
        return self.listening

    @Slot(bool)
    def active_changed(self, active: bool) -> None:
        if locks_on_screen_saver(active):
            self.started.emit()
