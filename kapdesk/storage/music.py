"""The music library and playlists in the practice database, and which
playlist each music slot of a script plays.

* Tracks: the bundled ones (registered from `assets/music/catalog.json` the
  first time the library is used, stored as ``bundled/<file>`` so a moved or
  reinstalled app still finds them) and those found by scanning the
  therapist's folders (stored by absolute path, upserted on every rescan).
  A track whose file went missing stays (playlists refer to it) and is
  reported, not forgotten; a track leaves the library only when the therapist
  removes the folder it came from (`remove_folder`), and then leaves its
  playlists too. Past sessions keep their own record of what played.
* Playlists: a name, a volume and tracks in order.
* Slots: the setting ``music_slots`` maps each slot a script phase can name
  ("check-in", "dissolve", "journey", "return") to
  ``{"playlist_id", "volume", "when_done": "loop" | "next"}``, read as
  `kapdesk.core.phase_music.SlotMusic` (where the rules that use it live). The first use
  of the library makes one playlist per slot from the bundled catalog's
  ``suggested_phase``, so the first session needs nothing else.

Core, not ORM, like the other stores: small queries, plain frozen records.
Storage sits beside `kapdesk.audio`, not above it, so scan results come in
as anything shaped like `audio.library.LibraryTrack` (`ScannedTrack`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

import sqlalchemy as sa

from kapdesk.core.clock import Clock
from kapdesk.core.phase_music import DEFAULT_SLOT_VOLUME, SLOTS, WHEN_DONE, SlotMusic
from kapdesk.core.volume import clamp_volume
from kapdesk.storage.practice import Practice
from kapdesk.storage.settings import SettingsStore
from kapdesk.storage.tables import library_tracks, music_folders, playlist_items, playlists

SLOT_LABELS = {"check-in": "Check-in", "dissolve": "Dissolve", "journey": "Journey",
               "return": "Return"}
MUSIC_SLOTS_KEY = "music_slots"
#: Set once the default playlists were made, so a therapist who deletes them
#: does not find them back at the next start.
DEFAULTS_MADE_KEY = "music_defaults_made"
BUNDLED_PREFIX = "bundled/"
CATALOG = "catalog.json"
DEFAULT_PLAYLIST_VOLUME = 1.0  # the bundled tracks are levelled to each other


class MusicStoreError(ValueError):
    """A library change that cannot be made; the message says why."""


@dataclass(frozen=True)
class StoredTrack:
    id: int
    path: Path  # where the file is now (bundled ones resolved into the assets)
    title: str
    artist: str
    album: str
    duration_s: float
    bundled: bool
    folder_id: int | None = None

    def exists(self) -> bool:
        return self.path.is_file()


@dataclass(frozen=True)
class StoredPlaylist:
    id: int
    name: str
    volume: float
    tracks: tuple[StoredTrack, ...]

    @property
    def duration_s(self) -> float:
        return sum(track.duration_s for track in self.tracks)

    def missing(self) -> tuple[StoredTrack, ...]:
        """Tracks whose file is not there any more."""
        return tuple(track for track in self.tracks if not track.exists())


class ScannedTrack(Protocol):
    """What a folder scan found about one file (`audio.library.LibraryTrack`)."""

    @property
    def path(self) -> Path: ...
    @property
    def title(self) -> str: ...
    @property
    def artist(self) -> str | None: ...
    @property
    def album(self) -> str | None: ...
    @property
    def duration_s(self) -> float: ...


@dataclass(frozen=True)
class CatalogEntry:
    file: str
    title: str
    duration_s: float
    suggested_phase: str | None


@dataclass(frozen=True)
class FolderUse:
    """What removing a music folder would take away with it."""

    folder_id: int
    path: Path
    tracks: int
    playlists: tuple[str, ...]  # names of the playlists that hold some of its tracks


@dataclass(frozen=True)
class ScanSaved:
    added: int
    updated: int


def read_catalog(folder: Path) -> list[CatalogEntry]:
    """The bundled catalog; an absent or unreadable one is an empty list (the
    app must open even if an install lost its music)."""
    try:
        raw = json.loads((folder / CATALOG).read_text("utf-8"))
    except (OSError, ValueError):
        return []
    entries = []
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, Mapping) and isinstance(item.get("file"), str):
            phase = item.get("suggested_phase")
            entries.append(CatalogEntry(
                item["file"], str(item.get("title") or Path(item["file"]).stem),
                float(item.get("duration_s") or 0.0), phase if phase in SLOTS else None))
    return entries


class MusicStore:
    """The practice's music. `bundled_dir` is where the bundled tracks and
    their catalog are (`kapdesk.assets.music_dir()` in the app); the slots
    and the first-run defaults are kept in the practice's `settings`."""

    def __init__(self, practice: Practice, clock: Clock, bundled_dir: Path | None,
                 settings: SettingsStore) -> None:
        self._engine = practice.engine
        self._settings = settings
        self._clock = clock
        self._bundled_dir = bundled_dir
        self._ready = False

    # --- first use ----------------------------------------------------------------

    def ensure_ready(self) -> None:
        """Register the bundled tracks (new ones too, after an update) and, the
        very first time, make the default playlists and slots."""
        if self._ready:
            return
        catalog = read_catalog(self._bundled_dir) if self._bundled_dir else []
        with self._engine.begin() as connection:
            ids = {entry.file: self._upsert(connection, BUNDLED_PREFIX + entry.file, {
                "title": entry.title, "duration_s": entry.duration_s, "bundled": True,
                "folder_id": None})[0] for entry in catalog}
        self._ready = True
        if not self._settings.get(DEFAULTS_MADE_KEY, False):
            self._make_defaults(catalog, ids)

    def _make_defaults(self, catalog: Sequence[CatalogEntry], ids: Mapping[str, int]) -> None:
        slots = {}
        for slot in SLOTS:
            files = [entry.file for entry in catalog if entry.suggested_phase == slot]
            playlist_id = None
            if files:
                playlist_id = self.create_playlist(SLOT_LABELS[slot], DEFAULT_PLAYLIST_VOLUME)
                self.set_items(playlist_id, [ids[file] for file in files])
            slots[slot] = SlotMusic(slot, playlist_id, DEFAULT_SLOT_VOLUME[slot]).to_dict()
        self._settings.set(MUSIC_SLOTS_KEY, slots)
        self._settings.set(DEFAULTS_MADE_KEY, True)

    # --- folders and tracks ----------------------------------------------------------

    def folders(self) -> list[tuple[int, Path]]:
        with self._engine.connect() as connection:
            rows = connection.execute(sa.select(music_folders.c.id, music_folders.c.path)
                                      .order_by(music_folders.c.path)).all()
        return [(row.id, Path(row.path)) for row in rows]

    def add_folder(self, folder: str | Path) -> int:
        """The folder's id (the existing one if it was added before)."""
        self.ensure_ready()
        path = str(Path(folder).expanduser().resolve())
        with self._engine.begin() as connection:
            found = connection.execute(sa.select(music_folders.c.id)
                                       .where(music_folders.c.path == path)).scalar()
            if found is not None:
                return found
            return connection.execute(sa.insert(music_folders).values(
                path=path, added_at=self._clock.now())).inserted_primary_key[0]

    def folder_use(self, folder_id: int) -> FolderUse:
        """How many tracks the folder brought and which playlists use them."""
        with self._engine.connect() as connection:
            path = connection.execute(sa.select(music_folders.c.path)
                                      .where(music_folders.c.id == folder_id)).scalar()
            if path is None:
                raise MusicStoreError("That music folder is no longer in the library.")
            tracks = connection.execute(sa.select(sa.func.count()).select_from(library_tracks)
                                        .where(library_tracks.c.folder_id == folder_id)).scalar()
            names = connection.execute(
                sa.select(playlists.c.name).distinct()
                .join(playlist_items, playlist_items.c.playlist_id == playlists.c.id)
                .join(library_tracks, library_tracks.c.id == playlist_items.c.track_id)
                .where(library_tracks.c.folder_id == folder_id)
                .order_by(playlists.c.name)).scalars().all()
        return FolderUse(folder_id, Path(path), int(tracks or 0), tuple(names))

    def remove_folder(self, folder_id: int) -> None:
        """Take the folder and its tracks out of the library (and out of the
        playlists that held them, closing the gaps). The files stay on disk."""
        with self._engine.begin() as connection:
            track_ids = sa.select(library_tracks.c.id).where(library_tracks.c.folder_id == folder_id)
            touched = connection.execute(sa.select(playlist_items.c.playlist_id).distinct()
                                         .where(playlist_items.c.track_id.in_(track_ids))
                                         ).scalars().all()
            connection.execute(sa.delete(playlist_items)
                               .where(playlist_items.c.track_id.in_(track_ids)))
            connection.execute(sa.delete(library_tracks)
                               .where(library_tracks.c.folder_id == folder_id))
            if not connection.execute(sa.delete(music_folders)
                                      .where(music_folders.c.id == folder_id)).rowcount:
                raise MusicStoreError("That music folder is no longer in the library.")
            for playlist_id in touched:
                _renumber(connection, playlist_id)

    def save_scan(self, folder_id: int, found: Iterable[ScannedTrack]) -> ScanSaved:
        """Store what a scan found, in one transaction; rows are matched by path."""
        self.ensure_ready()
        added = updated = 0
        with self._engine.begin() as connection:
            for track in found:
                _id, new = self._upsert(connection, str(track.path),
                                        _scanned_values(track, folder_id))
                added, updated = added + new, updated + (not new)
        return ScanSaved(added, updated)

    def tracks(self) -> list[StoredTrack]:
        """Every track: bundled first, then by artist, album and title."""
        self.ensure_ready()
        with self._engine.connect() as connection:
            rows = connection.execute(sa.select(library_tracks)).mappings().all()
        found = [self._track(row) for row in rows]
        # The bundled ones in the catalog's (file name) order, then the therapist's.
        return sorted(found, key=lambda t: (not t.bundled, "" if t.bundled else t.artist.casefold(),
                                            "" if t.bundled else t.album.casefold(),
                                            "" if t.bundled else t.title.casefold(), str(t.path)))

    @staticmethod
    def _upsert(connection: sa.Connection, stored_path: str,
                values: dict[str, Any]) -> tuple[int, bool]:
        """(the track's id, whether the row is new)."""
        found = connection.execute(sa.select(library_tracks.c.id)
                                   .where(library_tracks.c.path == stored_path)).scalar()
        if found is not None:
            connection.execute(sa.update(library_tracks)
                               .where(library_tracks.c.id == found).values(**values))
            return found, False
        return connection.execute(sa.insert(library_tracks).values(
            path=stored_path, **values)).inserted_primary_key[0], True

    def _track(self, row: Mapping[str, Any]) -> StoredTrack:
        return StoredTrack(row["id"], self._resolve(row["path"]), row["title"], row["artist"],
                           row["album"], float(row["duration_s"]), bool(row["bundled"]),
                           row["folder_id"])

    def _resolve(self, stored_path: str) -> Path:
        if stored_path.startswith(BUNDLED_PREFIX):
            base = self._bundled_dir or Path("bundled-music-unavailable")
            return base / stored_path[len(BUNDLED_PREFIX):]
        return Path(stored_path)

    # --- playlists ----------------------------------------------------------------------

    def playlists(self) -> list[StoredPlaylist]:
        """Every playlist with its tracks, in the order they were made."""
        self.ensure_ready()
        with self._engine.connect() as connection:
            heads = connection.execute(sa.select(playlists).order_by(playlists.c.id)).mappings().all()
            items = connection.execute(
                sa.select(playlist_items.c.playlist_id, library_tracks)
                .join(library_tracks, library_tracks.c.id == playlist_items.c.track_id)
                .order_by(playlist_items.c.playlist_id, playlist_items.c.position)).mappings().all()
        tracks: dict[int, list[StoredTrack]] = {}
        for row in items:
            tracks.setdefault(row["playlist_id"], []).append(self._track(row))
        return [StoredPlaylist(head["id"], head["name"], float(head["volume"]),
                               tuple(tracks.get(head["id"], ()))) for head in heads]

    def playlist(self, playlist_id: int) -> StoredPlaylist | None:
        return next((p for p in self.playlists() if p.id == playlist_id), None)

    def create_playlist(self, name: str, volume: float = DEFAULT_PLAYLIST_VOLUME) -> int:
        self.ensure_ready()
        name = _playlist_name(name)
        with self._engine.begin() as connection:
            return connection.execute(sa.insert(playlists).values(
                name=name, volume=clamp_volume(volume), created_at=self._clock.now())
            ).inserted_primary_key[0]

    def rename_playlist(self, playlist_id: int, name: str) -> None:
        self._update_playlist(playlist_id, name=_playlist_name(name))

    def set_playlist_volume(self, playlist_id: int, volume: float) -> None:
        self._update_playlist(playlist_id, volume=clamp_volume(volume))

    def set_items(self, playlist_id: int, track_ids: Sequence[int]) -> None:
        """Replace the playlist's tracks with these, in this order (repeats allowed)."""
        with self._engine.begin() as connection:
            self._require_playlist(connection, playlist_id)
            known = set(connection.execute(sa.select(library_tracks.c.id).where(
                library_tracks.c.id.in_(set(track_ids)))).scalars())
            unknown = [track_id for track_id in track_ids if track_id not in known]
            if unknown:
                raise MusicStoreError("A chosen track is no longer in the library; "
                                      "look at the list again.")
            connection.execute(sa.delete(playlist_items)
                               .where(playlist_items.c.playlist_id == playlist_id))
            if track_ids:
                connection.execute(sa.insert(playlist_items), [
                    {"playlist_id": playlist_id, "position": position, "track_id": track_id}
                    for position, track_id in enumerate(track_ids)])

    def delete_playlist(self, playlist_id: int) -> None:
        """Delete it; a slot that played it falls silent (playlist None)."""
        with self._engine.begin() as connection:
            self._require_playlist(connection, playlist_id)
            connection.execute(sa.delete(playlist_items)
                               .where(playlist_items.c.playlist_id == playlist_id))
            connection.execute(sa.delete(playlists).where(playlists.c.id == playlist_id))
        slots = self.slots()
        for slot, music in slots.items():
            if music.playlist_id == playlist_id:
                self.set_slot(replace(music, playlist_id=None))

    def _update_playlist(self, playlist_id: int, **values: Any) -> None:
        with self._engine.begin() as connection:
            if not connection.execute(sa.update(playlists).where(playlists.c.id == playlist_id)
                                      .values(**values)).rowcount:
                raise MusicStoreError("That playlist no longer exists.")

    @staticmethod
    def _require_playlist(connection: sa.Connection, playlist_id: int) -> None:
        if connection.execute(sa.select(playlists.c.id)
                              .where(playlists.c.id == playlist_id)).scalar() is None:
            raise MusicStoreError("That playlist no longer exists.")

    # --- slots ----------------------------------------------------------------------------

    def slots(self) -> dict[str, SlotMusic]:
        """Every slot's music; a slot never set, or pointing at a deleted
        playlist, reads as its default volume with no playlist."""
        self.ensure_ready()
        stored = self._settings.get(MUSIC_SLOTS_KEY, {})
        stored = stored if isinstance(stored, Mapping) else {}
        with self._engine.connect() as connection:
            existing = set(connection.execute(sa.select(playlists.c.id)).scalars())
        result = {}
        for slot in SLOTS:
            music = SlotMusic.from_value(slot, stored.get(slot))
            if music.playlist_id not in existing:
                music = replace(music, playlist_id=None)
            result[slot] = music
        return result

    def set_slot(self, music: SlotMusic) -> None:
        self.ensure_ready()
        if music.slot not in SLOTS:
            raise MusicStoreError(f"“{music.slot}” is not one of the kinds of phase music.")
        if music.when_done not in WHEN_DONE:
            raise MusicStoreError("When a playlist runs out it either starts again or "
                                  "goes on to the next playlist.")
        stored = self._settings.get(MUSIC_SLOTS_KEY, {})
        stored = dict(stored) if isinstance(stored, Mapping) else {}
        stored[music.slot] = replace(music, volume=clamp_volume(music.volume)).to_dict()
        self._settings.set(MUSIC_SLOTS_KEY, stored)

    def slot_playlist(self, slot: str | None) -> tuple[SlotMusic | None, StoredPlaylist | None]:
        """The slot's settings and its playlist (None for no slot or no playlist)."""
        if slot is None:
            return None, None
        music = self.slots().get(slot) or SlotMusic.from_value(slot, None)
        playlist = self.playlist(music.playlist_id) if music.playlist_id is not None else None
        return music, playlist

    def playlist_after(self, playlist_id: int) -> StoredPlaylist | None:
        """The next playlist with tracks, in library order, wrapping round
        (for a slot whose `when_done` is "next"); None if there is no other."""
        every = [p for p in self.playlists() if p.tracks]
        ids = [p.id for p in every]
        if playlist_id not in ids or len(every) < 2:
            return None
        return every[(ids.index(playlist_id) + 1) % len(every)]

    def minutes_for_slot(self, slot: str) -> float | None:
        """Minutes of music in the slot's playlist; None when it has none."""
        _music, playlist = self.slot_playlist(slot)
        return None if playlist is None else playlist.duration_s / 60.0

    def missing_tracks(self, track_ids: Iterable[int] | None = None) -> list[StoredTrack]:
        """Library tracks whose file is gone (all, or among `track_ids`)."""
        wanted = None if track_ids is None else set(track_ids)
        return [t for t in self.tracks() if (wanted is None or t.id in wanted) and not t.exists()]


def _renumber(connection: sa.Connection, playlist_id: int) -> None:
    """Positions 0, 1, 2 ... again after items were taken out of a playlist."""
    rows = connection.execute(sa.select(playlist_items.c.id).where(
        playlist_items.c.playlist_id == playlist_id).order_by(playlist_items.c.position)).scalars()
    for position, item_id in enumerate(list(rows)):
        # Far out of the way first: (playlist, position) is unique.
        connection.execute(sa.update(playlist_items).where(playlist_items.c.id == item_id)
                           .values(position=-1 - position))
    connection.execute(sa.update(playlist_items)
                       .where(playlist_items.c.playlist_id == playlist_id)
                       .values(position=-1 - playlist_items.c.position))


def _scanned_values(track: ScannedTrack, folder_id: int) -> dict[str, Any]:
    return {"title": track.title[:300], "artist": (track.artist or "")[:300],
            "album": (track.album or "")[:300], "duration_s": track.duration_s,
            "bundled": False, "folder_id": folder_id}


def _playlist_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise MusicStoreError("Give the playlist a name.")
    if len(name) > 200:
        raise MusicStoreError("A playlist name can be at most 200 characters.")
    return name
