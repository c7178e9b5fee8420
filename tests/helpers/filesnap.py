"""Looking at a data folder as raw bytes on the disk, the way an attacker (or a backup tool) would."""

from __future__ import annotations

import hashlib
from pathlib import Path


def files_under(folder: Path) -> list[Path]:
    return sorted(path for path in Path(folder).rglob("*") if path.is_file())


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` (relative name -> SHA-256 of its bytes)."""
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in files_under(folder)}


def plaintext_hits(folder: Path, markers: list[str]) -> list[tuple[str, str]]:
    """(file, marker) for every marker found in any file, as UTF-8 or UTF-16."""
    hits = []
    for path in files_under(folder):
        data = path.read_bytes()
        for marker in markers:
            encodings = (marker.encode("utf-8"), marker.encode("utf-16-le"), marker.encode("utf-16-be"))
            if any(encoded in data for encoded in encodings):
                hits.append((str(path.relative_to(folder)), marker))
    return hits
