"""What happens to the files of some folders while a test runs, as the kernel tells it (inotify).

A listing before and after cannot see a file that was made and removed in
between (say, a plain copy written, encrypted and deleted): the kernel's own
account of every creation, rename and deletion can. Linux only, through libc.
"""

from __future__ import annotations

import ctypes
import os
import struct
from dataclasses import dataclass
from pathlib import Path

IN_MODIFY, IN_CLOSE_WRITE, IN_MOVED_FROM, IN_MOVED_TO = 0x2, 0x8, 0x40, 0x80
IN_CREATE, IN_DELETE = 0x100, 0x200
WATCHED = IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE | IN_DELETE
NAMES = {IN_CREATE: "created", IN_MODIFY: "written", IN_CLOSE_WRITE: "closed",
         IN_MOVED_FROM: "moved away", IN_MOVED_TO: "moved in", IN_DELETE: "deleted"}
_EVENT = struct.Struct("iIII")  # struct inotify_event: wd, mask, cookie, len (then the name)


@dataclass(frozen=True)
class Change:
    folder: Path
    name: str
    what: str  # one of NAMES' values
    cookie: int  # pairs a "moved away" with its "moved in"


class FolderWatch:
    """Watches folders from construction; `changes()` drains what happened since."""

    def __init__(self, *folders: Path) -> None:
        self._libc = ctypes.CDLL(None, use_errno=True)
        self._fd = self._libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        assert self._fd >= 0, os.strerror(ctypes.get_errno())
        self._folders: dict[int, Path] = {}
        for folder in folders:
            wd = self._libc.inotify_add_watch(self._fd, os.fsencode(folder), WATCHED)
            assert wd >= 0, os.strerror(ctypes.get_errno())
            self._folders[wd] = Path(folder)
        self._seen: list[Change] = []

    def changes(self) -> list[Change]:
        while True:
            try:
                data = os.read(self._fd, 1 << 16)
            except BlockingIOError:
                return list(self._seen)
            offset = 0
            while offset < len(data):
                wd, mask, cookie, length = _EVENT.unpack_from(data, offset)
                raw = data[offset + _EVENT.size:offset + _EVENT.size + length]
                offset += _EVENT.size + length
                name = os.fsdecode(raw.rstrip(b"\0"))
                for bit, what in NAMES.items():
                    if mask & bit and wd in self._folders:
                        self._seen.append(Change(self._folders[wd], name, what, cookie))

    def close(self) -> None:
        os.close(self._fd)
