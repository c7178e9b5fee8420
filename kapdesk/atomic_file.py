"""Writing files so that they are either whole or absent, never half-written.

A file helper for every layer that writes a file the practice depends on:
storage (the practice's description beside its database) and export (the
reports and records a therapist saves). It sits at the top of the package and
imports nothing of kapdesk, so that neither of those layers reaches into the
other to use it (the crash point a test stops it at is kapdesk/crash_points.py's
hook, repeated here in four lines for that reason).

The bytes go to a temporary file beside the target, are flushed to the disk,
and the temporary file is renamed over the target (an atomic step on the same
file system). If the process dies at any moment, the target is either the old
file, the new file, or absent, and a stray `.tmp` file is all that can remain.
That stray file is named after the process that wrote it
(`.NAME.PID-RANDOM.tmp`), and the next write into the same folder, or the
app's next start (for the practice folder and the usual export folder),
removes those whose process is gone (`remove_stale_temps`). A temporary file
of an export that is still being written, by this process or another, is
never touched.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

#: kapdesk/crash_points.py's variable: a test kills the writer at the named moment.
_STOP_AT_ENV = "KAPDESK_STOP_AT"


@contextlib.contextmanager
def atomic_writer(target: Path) -> Iterator[BinaryIO]:
    """Yield a binary file; on a clean exit it replaces `target` in one step."""
    target = Path(target)
    remove_stale_temps(target.parent)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.{os.getpid()}-",
                                    suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _reached("atomic-file-before-rename")  # a test kills the process here (kill -9)
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    _fsync_directory(target.parent)


def write_atomic(target: Path, data: bytes) -> None:
    with atomic_writer(target) as handle:
        handle.write(data)


def _fsync_directory(directory: Path) -> None:
    # Makes the rename itself durable; not every platform allows it.
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


#: `.NAME.PID-RANDOM.tmp`, as atomic_writer names its temporary files.
_TEMP_NAME = re.compile(r"^\..+\.(\d+)-[A-Za-z0-9_]+\.tmp$")
#: Where a process cannot be asked whether it lives (Windows), a temporary file
#: this old is taken to be left over: no export takes a day.
_STALE_AFTER_S = 24 * 3600


def remove_stale_temps(folder: Path) -> list[Path]:
    """Remove the temporary files a killed writer left in `folder`; the ones removed.

    Only files named as atomic_writer names them, and only when the process
    that wrote them is gone: anything else in the folder is never touched.
    """
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        match = _TEMP_NAME.match(name)
        if match is None or _writer_lives(int(match.group(1)), Path(folder) / name):
            continue
        with contextlib.suppress(OSError):
            os.unlink(Path(folder) / name)
            removed.append(Path(folder) / name)
    return removed


def _writer_lives(pid: int, path: Path) -> bool:
    if pid == os.getpid():
        return True  # this process's own writes: one may be under way on another thread
    if sys.platform == "win32":  # os.kill would end the process there, not ask about it
        with contextlib.suppress(OSError):
            return time.time() - path.stat().st_mtime < _STALE_AFTER_S
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process: alive
    return True


def _reached(name: str) -> None:
    """crash_points.reached, for this module alone (see the module docstring)."""
    if os.environ.get(_STOP_AT_ENV) == name:
        print(f"kapdesk: stopped at {name}", file=sys.stderr, flush=True)
        while True:  # until the test's SIGKILL
            time.sleep(60)
