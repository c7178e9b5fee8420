"""The therapist's music folders: find the tracks, read their length and tags.

`scan_folder` is plain, blocking Python with no Qt: the UI runs it in a worker
thread, shows `progress(done, total)` and may cancel it between files. It never
raises for a bad file; those come back in `ScanResult.problems`, so one broken
download does not hide the rest of a folder.

Tags and durations come from KAPDesk's own header readers
(kapdesk/audio/headers), which read headers only: scanning a folder of long
tracks is quick and decodes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from kapdesk.audio.completeness import missing_sound
from kapdesk.audio.headers import HeaderError, read_header
from kapdesk.audio.player import Track

#: Kept equal to decoder.MUSIC_SUFFIXES (a test checks); not imported from
#: there because the decoder pulls in numpy and soundfile.
MUSIC_SUFFIXES = frozenset({".ogg", ".oga", ".mp3", ".flac", ".wav"})

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class LibraryTrack:
    """One music file found in a folder."""

    path: Path
    title: str
    artist: str | None
    album: str | None
    duration_s: float

    def to_track(self) -> Track:
        return Track(path=self.path, title=self.title, duration_s=self.duration_s)


@dataclass(frozen=True)
class ScanProblem:
    """A file that looked like music but could not be read."""

    path: Path
    message: str


@dataclass(frozen=True)
class ScanResult:
    tracks: tuple[LibraryTrack, ...]
    problems: tuple[ScanProblem, ...]
    cancelled: bool = False


class UnreadableTrack(Exception):
    """`read_track` could not make sense of a file; the message is for people."""


def find_music_files(folder: Path, cancelled: Cancelled = lambda: False) -> list[Path]:
    """Music files under `folder`, recursively, in a stable order. Symlinked
    folders are not followed (they can loop)."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        if cancelled():
            break
        dirs.sort()
        music = (name for name in sorted(files) if Path(name).suffix.lower() in MUSIC_SUFFIXES)
        found.extend(Path(root, name) for name in music)
    return found


def read_track(path: Path) -> LibraryTrack:
    """Duration and tags of one file; raises UnreadableTrack."""
    try:
        header = read_header(path)
    except (HeaderError, OSError) as exc:
        raise UnreadableTrack(_plain_reason(path, exc)) from None
    duration = header.duration_s
    if duration <= 0:
        raise UnreadableTrack("The file has no sound in it; it may be incomplete.")
    cut = missing_sound(path, stated_s=duration)
    if cut is not None:
        # Listed at its stated length it would mislead every fit and playlist.
        raise UnreadableTrack(cut)
    title = header.title or path.stem
    artist, album = header.artist, header.album
    return LibraryTrack(path, title, artist, album, duration)


def scan_folder(
    folder: str | Path,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ScanResult:
    """Every music file under `folder` with its duration and tags.

    `progress(done, total)` is called after each file (and once with done=0);
    `cancelled()` is asked before each file, and a cancelled scan returns what
    it found so far with `cancelled=True`.
    """
    is_cancelled = cancelled or (lambda: False)
    folder = Path(folder)
    if not folder.is_dir():
        return ScanResult((), (ScanProblem(folder, "The music folder cannot be found."),))
    paths = find_music_files(folder, is_cancelled)
    tracks: list[LibraryTrack] = []
    problems: list[ScanProblem] = []
    _report(progress, 0, len(paths))
    for done, path in enumerate(paths, start=1):
        if is_cancelled():
            return ScanResult(tuple(tracks), tuple(problems), cancelled=True)
        try:
            tracks.append(read_track(path))
        except UnreadableTrack as exc:
            problems.append(ScanProblem(path, str(exc)))
        _report(progress, done, len(paths))
    return ScanResult(tuple(tracks), tuple(problems), cancelled=is_cancelled())


class _HasDuration(Protocol):
    @property
    def duration_s(self) -> float | None: ...


def total_duration_s(tracks: Iterable[_HasDuration]) -> float:
    """Seconds of music in `tracks` (unknown durations count as 0)."""
    return sum(track.duration_s or 0.0 for track in tracks)


def describe_fit(music_s: float, phase_s: float) -> str:
    """'38 min of music for a 60 min phase' (minutes rounded to nearest)."""
    return f"{_minutes(music_s)} of music for a {_minutes(phase_s)} phase"


def _minutes(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes == 0 and seconds > 0:
        return "under 1 min"
    return f"{minutes} min"


def _plain_reason(path: Path, exc: BaseException | None) -> str:
    if isinstance(exc, FileNotFoundError):
        return "The file is missing."
    if isinstance(exc, PermissionError):
        return "KAPDesk is not allowed to read this file."
    try:
        if path.stat().st_size == 0:
            return "The file is empty."
    except OSError:
        return "The file cannot be read."
    return "The file is damaged or is not a music file KAPDesk can read."


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)
