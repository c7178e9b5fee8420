"""One copy of KAPDesk per practice folder, and a second copy that brings the first forward.

A QLockFile in the practice folder says whether a copy has the practice
open. A lock left by a crashed copy is stale (its process is gone) and is
taken over; a lock held by a live copy means "KAPDesk is already open".

The copy that holds the lock also listens on a local socket named from the
practice folder (`WindowCaller`). A second copy started on the same practice
opens no window and no dialog (a bright box over a dimmed room is the last
thing a session needs): it asks the running copy, over that socket, to bring
its window forward (`bring_running_copy_forward`), says so on stderr and
exits. Nothing here loads QtWidgets until a window is to be raised, so the
second copy works even where no display could be opened.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject

LOCK_NAME = "kapdesk.lock"
ALREADY_OPEN = "KAPDesk is already open on this practice. Use the window that is already running."
BROUGHT_FORWARD = "KAPDesk is already open on this practice; its window was brought forward."
SHOW_REQUEST = b"show\n"
SHOWN_REPLY = b"shown\n"
WAIT_MS = 2000


class PracticeLock:
    def __init__(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._lock = QLockFile(str(data_dir / LOCK_NAME))
        # 0 = never consider a lock stale by age alone: a session can run for
        # hours. Staleness is decided by whether its process still exists.
        self._lock.setStaleLockTime(0)

    def acquire(self) -> bool:
        if self._lock.tryLock(0):
            return True
        if self._lock.error() == QLockFile.LockError.LockFailedError and self._lock.removeStaleLockFile():
            return self._lock.tryLock(0)
        return False

    def held_by_another_copy(self) -> bool:
        """After a failed `acquire`: a live copy holds it (rather than a folder fault)."""
        return self._lock.error() == QLockFile.LockError.LockFailedError

    def release(self) -> None:
        self._lock.unlock()


def socket_name(data_dir: Path) -> str:
    """The local socket's name for a practice folder: the same for every copy of one user."""
    folder = str(Path(data_dir).expanduser().resolve())
    digest = hashlib.sha256(folder.encode("utf-8")).hexdigest()[:20]
    name = f"kapdesk-{os.getuid() if hasattr(os, 'getuid') else 0}-{digest}"
    if os.name != "posix":
        return name
    from PySide6.QtCore import QDir

    # A Unix socket's path has room for about 100 characters; a deep temporary
    # folder would leave the server unable to listen.
    temp = QDir.tempPath()
    return f"{temp if len(temp) + len(name) < 100 else '/tmp'}/{name}"


def bring_running_copy_forward(data_dir: Path) -> bool:
    """Ask the copy that has this practice open to show its window; True once it answered."""
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(socket_name(data_dir))
    if not socket.waitForConnected(WAIT_MS):
        return False
    try:
        socket.write(SHOW_REQUEST)
        if not socket.waitForBytesWritten(WAIT_MS):
            return False
        reply = b""
        while not reply.endswith(b"\n") and socket.waitForReadyRead(WAIT_MS):
            reply += bytes(socket.readAll().data())
        return reply == SHOWN_REPLY
    finally:
        socket.abort()


class WindowCaller(QObject):
    """Listens for a second copy's "show" and brings this copy's window forward."""

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        from PySide6.QtNetwork import QLocalServer

        super().__init__(parent)
        name = socket_name(data_dir)
        # We hold the practice lock, so a socket of that name is a crashed copy's.
        QLocalServer.removeServer(name)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.listening = self._server.listen(name)
        self._server.newConnection.connect(self._take_connections)

    def _take_connections(self) -> None:
        while self._server.hasPendingConnections():
            connection = self._server.nextPendingConnection()
            connection.setParent(self)
            connection.readyRead.connect(lambda c=connection: self._answer(c))
            connection.disconnected.connect(connection.deleteLater)

    def _answer(self, connection) -> None:  # noqa: ANN001 - a QLocalSocket
        if not connection.canReadLine():
            return
        if bytes(connection.readLine().data()) == SHOW_REQUEST:
            bring_forward()
            connection.write(SHOWN_REPLY)
            connection.flush()

    def close(self) -> None:
        self._server.close()


def bring_forward() -> None:
    """Raise and activate the window a person would look for: a dialog being asked, else the main window."""
    from PySide6.QtWidgets import QApplication, QMainWindow

    target = QApplication.activeModalWidget()
    if target is None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()]
        target = windows[0] if windows else None
    if target is None:
        return
    if target.isMinimized():
        target.showNormal()
    target.raise_()
    target.activateWindow()
