"""The backups in a folder: their names, and the small note beside each one.

A backup is `practice-YYYYmmdd-HHMMSS.kapdesk` (UTC, `-2`, `-3` ... when two
fall in one second); one that failed its check is renamed
`practice-...failed.kapdesk` and kept aside. The backups taken before a
schema upgrade (practice.py) are `practice-...-schemaNNNN.kapdesk`.

Beside each backup, `practice-....json` says when it was made, its size, its
counts, its schema and whether it was checked, so a list of backups needs no
passphrase and decrypts nothing. It holds no client data. A backup without
its note (one taken before an upgrade, or a note lost) is still listed, as
not checked.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from kapdesk.atomic_file import write_atomic

CHECKED = "checked"
FAILED = "failed"
UNCHECKED = "not checked"

AUTOMATIC = "automatic"
BY_HAND = "made by hand"
BEFORE_UPGRADE = "before an upgrade"

SUFFIX = ".kapdesk"
PARTIAL = ".partial"
NAME = re.compile(r"^practice-(\d{8}-\d{6})(?:-(\d+))?(?:-schema(\w+))?(\.failed)?\.kapdesk$")
STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class Counts:
    """What a practice held at one moment: the figures a backup is checked against."""

    clients: int
    sessions: int
    events: int
    schema: str
    # The audit trail's newest seal in the copy ("" before the trail, or none yet):
    # a later trail that does not go through it has lost entries.
    audit_head: str = ""


@dataclass(frozen=True)
class BackupInfo:
    """One backup as the list shows it."""

    path: Path
    made_at: float  # UTC seconds
    size: int
    status: str  # CHECKED, FAILED or UNCHECKED
    kind: str  # AUTOMATIC, BY_HAND or BEFORE_UPGRADE
    counts: Counts | None = None
    problem: str = ""  # why it failed, in words

    @property
    def checked(self) -> bool:
        return self.status == CHECKED


def new_backup_path(folder: Path, made_at: float) -> Path:
    """A name in `folder` that no backup (nor a failed one) has yet."""
    stamp = dt.datetime.fromtimestamp(made_at, dt.timezone.utc).strftime(STAMP)
    for number in range(1, 1000):
        name = f"practice-{stamp}{'' if number == 1 else f'-{number}'}"
        taken = [folder / f"{name}{SUFFIX}", folder / f"{name}.failed{SUFFIX}",
                 folder / f"{name}{SUFFIX}{PARTIAL}"]
        if not any(path.exists() for path in taken):
            return folder / f"{name}{SUFFIX}"
    raise FileExistsError(f"too many backups named practice-{stamp} in {folder}")


def partial_path(path: Path) -> Path:
    return path.with_name(path.name + PARTIAL)


def failed_path(path: Path) -> Path:
    return path.with_name(path.name.removesuffix(SUFFIX) + ".failed" + SUFFIX)


def note_path(path: Path) -> Path:
    """The note beside a backup."""
    return path.with_name(path.name.removesuffix(SUFFIX) + ".json")


def write_note(info: BackupInfo) -> None:
    body = {"format": "kapdesk-backup", "version": 1, "file": info.path.name,
            "made_at": info.made_at,
            "made_at_utc": dt.datetime.fromtimestamp(info.made_at, dt.timezone.utc).isoformat(),
            "size": info.size, "status": info.status, "kind": info.kind,
            "counts": asdict(info.counts) if info.counts else None, "problem": info.problem}
    write_atomic(note_path(info.path), json.dumps(body, indent=1).encode("utf-8"))


def list_backups(folder: Path) -> list[BackupInfo]:
    """Every backup in `folder`, newest first (none if the folder is not there)."""
    try:
        paths = [path for path in Path(folder).iterdir() if NAME.match(path.name)]
    except OSError:
        return []
    found = [info for info in map(read_backup, paths) if info is not None]
    return sorted(found, key=lambda info: (info.made_at, info.path.name), reverse=True)


def read_backup(path: Path) -> BackupInfo | None:
    """A backup, from its note when the note is there and readable, else from its name."""
    match = NAME.match(path.name)
    try:
        size = path.stat().st_size
    except OSError:
        return None
    if match is None:
        return None
    stamp = dt.datetime.strptime(match.group(1), STAMP).replace(tzinfo=dt.timezone.utc)
    status = FAILED if match.group(4) else UNCHECKED
    kind = BEFORE_UPGRADE if match.group(3) else AUTOMATIC
    named = BackupInfo(path, stamp.timestamp(), size, status, kind)
    noted = _from_note(named)
    if noted is None:
        return named
    # The name has the last word on failure: a file renamed as failed stays failed.
    return replace(noted, size=size, status=FAILED if match.group(4) else noted.status)


def _from_note(named: BackupInfo) -> BackupInfo | None:
    try:
        body = json.loads(note_path(named.path).read_text("utf-8"))
        counts = body.get("counts")
        return replace(named, made_at=float(body["made_at"]), status=str(body["status"]),
                       kind=str(body["kind"]), problem=str(body.get("problem") or ""),
                       counts=Counts(**counts) if counts else None)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def remove_backup(path: Path) -> None:
    """A backup and its note, gone (thinning; never the practice itself)."""
    path.unlink(missing_ok=True)
    note_path(path).unlink(missing_ok=True)
