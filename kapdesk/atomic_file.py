"""Writing files so that they are either whole or absent, never half-written.

A file helper for every layer that writes a file the practice depends on:
storage (the practice's description beside its database) and export (the
reports and records a therapist saves). It sits at the top of the package and
imports nothing of kapdesk, so that neither of those layers reaches into the
other to use it.

The bytes go to a temporary file beside the target, are flushed to the disk,
and the temporary file is renamed over the target (an atomic step on the same
file system). If the process dies at any moment, the target is either the old
file, the new file, or absent, and a stray `.tmp` file is all that can remain.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


@contextlib.contextmanager
def atomic_writer(target: Path) -> Iterator[BinaryIO]:
    """Yield a binary file; on a clean exit it replaces `target` in one step."""
    target = Path(target)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
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
