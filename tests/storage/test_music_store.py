"""The music library in the encrypted practice: bundled tracks, scanned
folders, playlists, and the music of each slot."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from kapdesk.assets import music_dir
from kapdesk.audio.library import scan_folder
from kapdesk.core.phase_music import DEFAULT_SLOT_VOLUME, SLOTS, SlotMusic
from kapdesk.storage.music import MusicStore, MusicStoreError, read_catalog
from kapdesk.storage.practice import open_practice
from kapdesk.storage.settings import SettingsStore
from tests.helpers.audio_files import write_garbage, write_tone
from tests.helpers.constants import PASSPHRASE

CATALOG = [
    {"file": "a.ogg", "title": "Arrival", "duration_s": 120.0, "suggested_phase": "check-in"},
    {"file": "b.ogg", "title": "Settling", "duration_s": 300.0, "suggested_phase": "dissolve"},
    {"file": "c.ogg", "title": "Deep", "duration_s": 900.0, "suggested_phase": "journey"},
    {"file": "d.ogg", "title": "Wide", "duration_s": 960.0, "suggested_phase": "journey"},
    {"file": "e.ogg", "title": "Home", "duration_s": 480.0, "suggested_phase": "return"},
]


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    folder = tmp_path / "bundled"
    folder.mkdir()
    (folder / "catalog.json").write_text(json.dumps(CATALOG), "utf-8")
    for entry in CATALOG:
        (folder / entry["file"]).write_bytes(b"not really music, only here")
    return folder


@pytest.fixture
def store(practice, clock, bundled: Path) -> MusicStore:  # noqa: ANN001
    return MusicStore(practice, clock, bundled, SettingsStore(practice))


def test_first_use_registers_the_bundled_tracks(store: MusicStore, bundled: Path) -> None:
    tracks = store.tracks()
    assert [t.title for t in tracks] == ["Arrival", "Settling", "Deep", "Wide", "Home"]
    assert all(t.bundled and t.exists() for t in tracks)
    assert {t.path for t in tracks} == {bundled / e["file"] for e in CATALOG}


def test_first_use_makes_a_playlist_per_slot_from_the_catalog(store: MusicStore) -> None:
    slots = store.slots()
    assert set(slots) == set(SLOTS)
    names = {}
    for slot, music in slots.items():
        playlist = store.playlist(music.playlist_id)
        assert playlist is not None
        names[slot] = (playlist.name, [t.title for t in playlist.tracks])
        assert music.volume == DEFAULT_SLOT_VOLUME[slot]
        assert music.when_done == "loop"
    assert names["journey"] == ("Journey", ["Deep", "Wide"])
    assert names["dissolve"] == ("Dissolve", ["Settling"])
    assert names["return"] == ("Return", ["Home"])
    # The debrief is quiet; the journey the fullest.
    assert slots["return"].volume < slots["dissolve"].volume < slots["journey"].volume
    assert store.minutes_for_slot("journey") == pytest.approx(31.0)


def test_the_bundled_library_that_ships_gives_every_slot_music(practice, clock) -> None:  # noqa: ANN001
    store = MusicStore(practice, clock, music_dir(), SettingsStore(practice))
    catalog = read_catalog(music_dir())
    assert len(store.tracks()) == len(catalog) >= 5
    for slot in ("dissolve", "journey", "return"):
        _music, playlist = store.slot_playlist(slot)
        assert playlist is not None and playlist.tracks and not playlist.missing()


def test_defaults_are_made_once_and_deleting_them_sticks(practice, clock, bundled) -> None:  # noqa: ANN001
    store = MusicStore(practice, clock, bundled, SettingsStore(practice))
    journey = store.slots()["journey"].playlist_id
    store.delete_playlist(journey)
    assert store.slots()["journey"].playlist_id is None
    again = MusicStore(practice, clock, bundled, SettingsStore(practice))  # the next start of the app
    assert journey not in [p.id for p in again.playlists()]
    assert len(again.playlists()) == 3
    assert len(again.tracks()) == len(CATALOG)  # registered again, not duplicated


def test_a_new_bundled_track_after_an_update_is_registered(practice, clock, bundled) -> None:  # noqa: ANN001
    MusicStore(practice, clock, bundled, SettingsStore(practice)).tracks()
    entries = CATALOG + [{"file": "f.ogg", "title": "New", "duration_s": 60.0,
                          "suggested_phase": "return"}]
    (bundled / "catalog.json").write_text(json.dumps(entries), "utf-8")
    titles = [t.title for t in MusicStore(practice, clock, bundled, SettingsStore(practice)).tracks()]
    assert "New" in titles and len(titles) == len(entries)


def test_a_missing_or_broken_catalog_is_no_music_not_a_crash(practice, clock, tmp_path) -> None:  # noqa: ANN001
    (tmp_path / "catalog.json").write_text("{not json", "utf-8")
    store = MusicStore(practice, clock, tmp_path, SettingsStore(practice))
    assert store.tracks() == []
    assert all(music.playlist_id is None for music in store.slots().values())
    assert MusicStore(practice, clock, None, SettingsStore(practice)).playlists() == []


def test_a_scanned_folder_is_stored_and_a_rescan_updates_not_duplicates(
        store: MusicStore, tmp_path: Path) -> None:
    folder = tmp_path / "music"
    (folder / "album").mkdir(parents=True)
    write_tone(folder / "album" / "one.flac", 1.0, rate=8000, title="Tide", artist="Sea")
    write_tone(folder / "two.wav", 0.5, rate=8000)
    write_garbage(folder / "broken.mp3")
    folder_id = store.add_folder(folder)
    assert store.add_folder(folder) == folder_id
    result = scan_folder(folder)
    saved = store.save_scan(folder_id, result.tracks)
    assert (saved.added, saved.updated) == (2, 0)
    mine = [t for t in store.tracks() if not t.bundled]
    assert [(t.title, t.artist) for t in mine] == [("two", ""), ("Tide", "Sea")]
    assert all(t.folder_id == folder_id for t in mine)
    assert mine[1].duration_s == pytest.approx(1.0, abs=0.05)
    again = store.save_scan(folder_id, scan_folder(folder).tracks)
    assert (again.added, again.updated) == (0, 2)
    assert store.folders() == [(folder_id, folder.resolve())]


def test_removing_a_folder_takes_its_tracks_out_of_the_library_and_playlists(
        store: MusicStore, tmp_path: Path) -> None:
    folder = tmp_path / "music"
    folder.mkdir()
    write_tone(folder / "one.flac", 0.5, rate=8000, title="Tide")
    write_tone(folder / "two.flac", 0.5, rate=8000, title="Shore")
    folder_id = store.add_folder(folder)
    store.save_scan(folder_id, scan_folder(folder).tracks)
    ids = {t.title: t.id for t in store.tracks()}
    evening = store.create_playlist("Evening")
    store.set_items(evening, [ids["Tide"], ids["Home"], ids["Shore"], ids["Deep"]])
    use = store.folder_use(folder_id)
    assert (use.path, use.tracks, use.playlists) == (folder.resolve(), 2, ("Evening",))

    store.remove_folder(folder_id)
    assert store.folders() == []
    assert {t.title for t in store.tracks()} == {"Arrival", "Settling", "Deep", "Wide", "Home"}
    assert [t.title for t in store.playlist(evening).tracks] == ["Home", "Deep"]
    store.set_items(evening, [ids["Deep"], ids["Home"]])  # positions stay usable
    assert (folder / "one.flac").is_file()  # the files stay where they are
    with pytest.raises(MusicStoreError, match="no longer in the library"):
        store.remove_folder(folder_id)


def test_playlists_keep_their_order_volume_and_name(store: MusicStore, practice, data_dir,  # noqa: ANN001
                                                    clock, bundled) -> None:
    ids = {t.title: t.id for t in store.tracks()}
    playlist_id = store.create_playlist("  Evening  ", volume=0.6)
    store.set_items(playlist_id, [ids["Home"], ids["Deep"], ids["Home"]])
    store.rename_playlist(playlist_id, "Evening calm")
    store.set_playlist_volume(playlist_id, 1.7)
    practice.close()
    reopened = open_practice(data_dir, PASSPHRASE)
    try:
        playlist = MusicStore(reopened, clock, bundled, SettingsStore(reopened)).playlist(playlist_id)
    finally:
        reopened.close()
    assert playlist is not None
    assert playlist.name == "Evening calm"
    assert playlist.volume == 1.0  # clamped
    assert [t.title for t in playlist.tracks] == ["Home", "Deep", "Home"]
    assert playlist.duration_s == 480 + 900 + 480


def test_set_items_replaces_and_refuses_unknown_tracks(store: MusicStore) -> None:
    ids = [t.id for t in store.tracks()]
    playlist_id = store.create_playlist("Short")
    store.set_items(playlist_id, ids[:3])
    with pytest.raises(MusicStoreError):
        store.set_items(playlist_id, [ids[0], 99_999])
    assert [t.id for t in store.playlist(playlist_id).tracks] == ids[:3]  # unchanged
    store.set_items(playlist_id, [])
    assert store.playlist(playlist_id).tracks == ()


def test_playlist_names_must_be_given(store: MusicStore) -> None:
    with pytest.raises(MusicStoreError, match="name"):
        store.create_playlist("   ")
    with pytest.raises(MusicStoreError, match="no longer exists"):
        store.rename_playlist(4242, "Ghost")


def test_slots_are_stored_as_one_setting(store: MusicStore, practice) -> None:  # noqa: ANN001
    playlist_id = store.create_playlist("Mine")
    store.set_slot(SlotMusic("return", playlist_id, 0.3, "next"))
    stored = SettingsStore(practice).get("music_slots")
    assert stored["return"] == {"playlist_id": playlist_id, "volume": 0.3, "when_done": "next"}
    assert store.slots()["return"] == SlotMusic("return", playlist_id, 0.3, "next")
    with pytest.raises(MusicStoreError):
        store.set_slot(SlotMusic("afterglow", playlist_id, 0.3))
    with pytest.raises(MusicStoreError):
        store.set_slot(SlotMusic("return", playlist_id, 0.3, "shuffle"))


def test_a_damaged_slot_setting_reads_as_defaults(store: MusicStore, practice) -> None:  # noqa: ANN001
    store.slots()
    SettingsStore(practice).set("music_slots", {"journey": {"playlist_id": "x", "volume": True,
                                                            "when_done": 3}, "return": 7})
    slots = store.slots()
    assert slots["journey"] == SlotMusic("journey", None, DEFAULT_SLOT_VOLUME["journey"], "loop")
    assert slots["return"].playlist_id is None


def test_the_next_playlist_wraps_and_skips_empty_ones(store: MusicStore) -> None:
    every = store.playlists()
    empty = store.create_playlist("Nothing yet")
    assert store.playlist_after(every[-1].id).id == every[0].id
    assert store.playlist_after(every[0].id).id == every[1].id
    assert store.playlist_after(empty) is None


def test_missing_files_are_reported(store: MusicStore, bundled: Path, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    write_tone(folder / "gone.wav", 0.5, rate=8000)
    store.save_scan(store.add_folder(folder), scan_folder(folder).tracks)
    (folder / "gone.wav").unlink()
    (bundled / "c.ogg").unlink()
    assert sorted(t.title for t in store.missing_tracks()) == ["Deep", "gone"]
    journey = store.slot_playlist("journey")[1]
    assert [t.title for t in journey.missing()] == ["Deep"]


def test_a_slot_can_be_left_silent(store: MusicStore) -> None:
    store.set_slot(replace(store.slots()["dissolve"], playlist_id=None))
    music, playlist = store.slot_playlist("dissolve")
    assert music is not None and playlist is None
    assert store.minutes_for_slot("dissolve") is None
    assert store.slot_playlist(None) == (None, None)
