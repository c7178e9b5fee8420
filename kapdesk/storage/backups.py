"""Making a checked, encrypted backup of the practice, thinning old ones, copying one to a second folder.

The copy is made with SQLite's online backup on a connection of its own,
into `NAME.partial`, keyed with the practice's own passphrase: it is as
encrypted as the practice and opens with the same passphrase. The figures it
is checked against (clients, sessions, events, schema) are read inside the
same read transaction as the copy, so a session writing notes meanwhile
changes neither: the copy is the practice as it was at that one moment.
Only after the copy was re-opened and checked (backup_check.py) is it renamed
into place; one that fails is renamed `...failed.kapdesk`, kept aside and
listed, never counted. The practice itself is only read.

No Qt here: the app runs `back_up` in its one task runner, the command line
calls it directly.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kapdesk.core.backup_schedule import Retention, backups_to_keep
from kapdesk.core.clock import Clock
from kapdesk.core.practice_settings import BackupSettings
from kapdesk.storage.backup_copies import copy_newest
from kapdesk.storage.backup_check import CopyProblem, check_copy, open_keyed, read_counts
from kapdesk.storage.backup_files import (AUTOMATIC, BEFORE_UPGRADE, CHECKED, FAILED, PARTIAL,
                                          BackupInfo, failed_path, list_backups, new_backup_path,
                                          partial_path, remove_backup, write_note)
from kapdesk.storage.files import BACKUP_DIR, db_path_in

PAGES_PER_STEP = 1024  # 4 MiB a step: a cancel point and a progress report every few ms
FAILED_KEPT = 3  # failed copies are evidence, not records: the newest few are enough
STALE_PARTIAL_S = 24 * 3600

Report = Callable[[int, int], None]  # pages done, pages in all


@dataclass(frozen=True)
class BackupReport:
    """What one backup run did: the backup, what thinning removed, calm notes for the screen."""

    backup: BackupInfo
    removed: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def make_backup(db_path: Path, passphrase: str, folder: Path, clock: Clock, kind: str = AUTOMATIC,
                progress: Report | None = None, pages_per_step: int = PAGES_PER_STEP,
                name: str | None = None) -> BackupInfo:
    """One backup of the database at `db_path` in `folder`, checked; failed ones kept aside.

    `name`: the backup's file name (the one before an upgrade names its schema),
    else the next free `practice-STAMP.kapdesk`.
    """
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    made_at = clock.now()
    target, partial = _claim_name(folder, made_at) if name is None else _claim(folder / name)
    try:
        counts = _copy(db_path, passphrase, partial, progress, pages_per_step)
    except BaseException:
        for leftover in (partial, Path(f"{partial}-journal")):
            leftover.unlink(missing_ok=True)  # a copy cut short (a cancel, a full disk) is nothing
        raise
    try:
        check_copy(partial, passphrase, counts)
    except CopyProblem as problem:
        aside = failed_path(target)
        os.replace(partial, aside)
        info = BackupInfo(aside, made_at, aside.stat().st_size, FAILED, kind, counts,
                          f"The backup is not whole: {problem}.")
        write_note(info)
        return info
    _fsync(partial)
    os.replace(partial, target)
    info = BackupInfo(target, made_at, target.stat().st_size, CHECKED, kind, counts)
    write_note(info)
    return info


def _claim_name(folder: Path, made_at: float) -> tuple[Path, Path]:
    """A backup's name and its `.partial`, created here and exclusively: a backup made in
    the same second by another process (the command line beside the app) keeps its own."""
    for _attempt in range(10):
        target = new_backup_path(folder, made_at)
        partial = partial_path(target)
        try:
            os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            continue
        return target, partial
    raise FileExistsError(f"no free backup name in {folder}")


def _claim(target: Path) -> tuple[Path, Path]:
    """`target`'s `.partial`, created exclusively; FileExistsError if the name is taken."""
    if target.exists() or failed_path(target).exists():
        raise FileExistsError(f"a backup named {target.name} is already there")
    partial = partial_path(target)
    os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    return target, partial


def _copy(db_path: Path, passphrase: str, partial: Path, progress: Report | None,
          pages_per_step: int):  # noqa: ANN202 - Counts
    source = open_keyed(db_path, passphrase)
    target = None
    try:
        target = open_keyed(partial, passphrase)
        target.execute("PRAGMA synchronous = FULL")
        # One read transaction holds the figures and the copy to the same moment.
        source.execute("BEGIN")
        counts = read_counts(source)

        def step(_status: int, remaining: int, total: int) -> None:
            if progress is not None:
                progress(total - remaining, total)

        source.backup(target, pages=pages_per_step, progress=step)
        source.execute("ROLLBACK")
        # A backup is one self-contained file: no -wal beside it to lose or to mix up.
        target.execute("PRAGMA journal_mode = DELETE")
    finally:
        if target is not None:
            target.close()
        source.close()
    return counts


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def thin_backups(folder: Path, retention: Retention, today: dt.date) -> list[Path]:
    """Remove the checked backups the retention rule no longer keeps, and all but the newest
    FAILED_KEPT failed ones. Backups taken before an upgrade are never thinned here."""
    backups = list_backups(folder)
    checked = {info.path: dt.datetime.fromtimestamp(info.made_at) for info in backups
               if info.checked and info.kind != BEFORE_UPGRADE}
    keep = backups_to_keep(checked, today, retention)
    failed = [info.path for info in backups if info.status == FAILED]
    removed = [path for path in checked if path not in keep] + failed[FAILED_KEPT:]
    for path in removed:
        remove_backup(path)
    return removed


def _stale_partials(folder: Path, now: float) -> list[Path]:
    """Remove the copies a backup killed midway left (a day old: none is still being written)."""
    stale = [path for path in folder.glob(f"*{PARTIAL}*")  # and a -journal beside one
             if path.stat().st_mtime < now - STALE_PARTIAL_S]
    for path in stale:
        path.unlink(missing_ok=True)
    return stale


def backup_folder(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUP_DIR


def back_up(data_dir: Path, passphrase: str, clock: Clock, settings: BackupSettings,
            today: dt.date, kind: str = AUTOMATIC, progress: Report | None = None) -> BackupReport:
    """A backup run as the app makes it: a checked backup in the practice's backups folder,
    the old ones thinned, and the newest checked one copied to the second folder, if set."""
    folder = backup_folder(data_dir)
    info = make_backup(db_path_in(data_dir), passphrase, folder, clock, kind, progress)
    retention = Retention(settings.daily, settings.weekly, settings.monthly)
    notes, removed = [], []
    try:
        removed = thin_backups(folder, retention, today) + _stale_partials(folder, clock.now())
    except OSError:
        notes.append(f"Older backups in {folder} could not be removed; they are kept, and "
                     "removing them will be tried again with the next backup.")
    if settings.second_folder:
        second = Path(settings.second_folder).expanduser()
        notes += copy_newest(folder, second, passphrase)
        with contextlib.suppress(OSError):  # the drive went away meanwhile: the next run retries
            if second.is_dir():
                thin_backups(second, retention, today)
    return BackupReport(info, removed, notes)
