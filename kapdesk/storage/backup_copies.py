"""A second copy of the newest checked backup, in a second folder (a USB drive, a network share).

The folder is often not there (the drive is in a drawer, the network is
down): that is a calm note and nothing else, and since each run copies the
newest checked backup the second folder lacks, the next backup retries by
itself. The copy is checked there too, against the figures in the backup's
note, before it counts; a copy that fails is kept aside as failed, as in the
practice's own folder. (backups.py thins the second folder by the same rule.)
"""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path

from kapdesk.storage.backup_check import CopyProblem, check_copy
from kapdesk.storage.backup_files import (FAILED, BackupInfo, failed_path, list_backups,
                                          partial_path, write_note)
from kapdesk.storage.errors import storage_fault


def copy_newest(folder: Path, second: Path, passphrase: str) -> list[str]:
    """Copy the newest checked backup of `folder` into `second`; notes in words (empty: done)."""
    newest = next((info for info in list_backups(folder) if info.checked), None)
    if newest is None:
        return []
    if not second.is_dir():
        return [f"The second backup folder {second} is not there (is its drive connected?). "
                "The backup in the practice folder is made; the copy will be tried again "
                "with the next backup."]
    if (second / newest.path.name).exists():
        return []
    try:
        copied = copy_checked(newest, second, passphrase)
    except OSError as error:
        cause = storage_fault(error) or "the folder could not be written"
        return [f"The backup could not be copied to {second}: {_first_sentence(cause)}. "
                "The backup in the practice folder is made; the copy will be tried again "
                "with the next backup."]
    if copied.status == FAILED:
        return [f"The copy in {second} did not pass its check and was kept aside as "
                f"{copied.path.name}; the backup in the practice folder is fine."]
    return []


def copy_checked(backup: BackupInfo, second: Path, passphrase: str) -> BackupInfo:
    """`backup` copied into `second`, checked against its own figures, then put in place."""
    target = second / backup.path.name
    partial = partial_path(target)
    try:
        shutil.copyfile(backup.path, partial)
        with open(partial, "rb") as handle:
            os.fsync(handle.fileno())
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    try:
        check_copy(partial, passphrase, backup.counts)
    except CopyProblem as problem:
        aside = failed_path(target)
        os.replace(partial, aside)
        info = replace(backup, path=aside, status=FAILED,
                       problem=f"The copy is not whole: {problem}.")
        write_note(info)
        return info
    os.replace(partial, target)
    info = replace(backup, path=target)
    write_note(info)
    return info


def _first_sentence(text: str) -> str:
    return text.split(". ")[0].rstrip(".").lower()
