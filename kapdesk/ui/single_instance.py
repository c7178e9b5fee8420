"""One copy of KAPDesk per practice folder, through a QLockFile in that folder.

A lock left by a crashed copy is stale (its process is gone) and QLockFile
takes it over; a lock held by a live copy means "KAPDesk is already open".
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile

LOCK_NAME = "kapdesk.lock"
ALREADY_OPEN = "KAPDesk is already open on this practice. Use the window that is already running."


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

    def release(self) -> None:
        self._lock.unlock()
