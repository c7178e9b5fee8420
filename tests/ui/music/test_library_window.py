"""The music library dialog: the folder scan in the background, playlists,
and the music of each phase with its fit against the scripts' phases."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kapdesk.core.builtin_scripts import BUILTIN_SCRIPTS
from kapdesk.storage.music import MusicStore
from kapdesk.storage.settings import SettingsStore
from kapdesk.core.tasks import Task
from kapdesk.ui.common.tasks import TaskRunner
from kapdesk.ui.music import folder_scan as folder_scan_module
from kapdesk.ui.music.folder_scan import folder_scan
from kapdesk.ui.music.library_window import MusicLibraryDialog
from tests.helpers.audio_files import write_garbage, write_tone

CATALOG = [
    {"file": "a.wav", "title": "Arrival", "duration_s": 300.0, "suggested_phase": "check-in"},
    {"file": "b.wav", "title": "Settling", "duration_s": 600.0, "suggested_phase": "dissolve"},
    {"file": "c.wav", "title": "Deep", "duration_s": 960.0, "suggested_phase": "journey"},
    {"file": "d.wav", "title": "Wide", "duration_s": 960.0, "suggested_phase": "journey"},
    {"file": "e.wav", "title": "Home", "duration_s": 480.0, "suggested_phase": "return"},
]


@pytest.fixture
def store(practice, clock, tmp_path: Path) -> MusicStore:  # noqa: ANN001
    folder = tmp_path / "bundled"
    folder.mkdir()
    (folder / "catalog.json").write_text(json.dumps(CATALOG), "utf-8")
    for entry in CATALOG:
        write_tone(folder / entry["file"], 0.2, rate=8000)
    return MusicStore(practice, clock, folder, SettingsStore(practice))


@pytest.fixture
def tasks(qtbot):  # noqa: ANN001, ANN201
    """The app's task runner, as the main window would hand it to the library."""
    runner = TaskRunner()
    yield runner
    runner.wait()
    runner.deleteLater()


@pytest.fixture
def dialog(qtbot, store: MusicStore, tasks: TaskRunner):  # noqa: ANN001, ANN201
    made = MusicLibraryDialog(store, lambda: BUILTIN_SCRIPTS, tasks)
    made.view.playlists._confirm = lambda _parent, _question: True
    qtbot.addWidget(made)
    made.show()
    return made


@pytest.fixture
def own_music(tmp_path: Path) -> Path:
    folder = tmp_path / "own"
    (folder / "album").mkdir(parents=True)
    for number in range(40):
        write_tone(folder / "album" / f"{number:02d} piece.flac", 0.3, rate=8000,
                   title=f"Piece {number}", artist="Quiet Ensemble")
    write_garbage(folder / "half a download.mp3")
    return folder


def test_adding_a_folder_scans_in_the_background_with_progress(dialog, store, own_music,  # noqa: ANN001
                                                               qtbot) -> None:
    tracks = dialog.view.tracks
    dialog.view.tabs.setCurrentWidget(tracks)
    before = tracks.track_count()
    progress: list[tuple[int, int]] = []
    started = time.perf_counter()
    job = tracks.scan(own_music)
    returned_after = time.perf_counter() - started
    assert job is not None
    tracks.scan_progressed.connect(lambda done, total: progress.append((done, total)))
    assert returned_after < 0.05  # the GUI thread only started the worker
    assert tracks.progress.isVisible() and tracks.cancel_button.isVisible()
    assert not tracks.add_button.isEnabled()
    assert tracks.scan(own_music) is None  # one scan at a time
    with qtbot.waitSignal(tracks.scan_finished, timeout=20_000) as finished:
        pass
    outcome = finished.args[0]
    assert outcome.error is None and not outcome.cancelled
    assert outcome.added == 40
    assert progress and progress[-1] == (41, 41)
    assert tracks.track_count() == before + 40
    assert not tracks.progress.isVisible() and tracks.add_button.isEnabled()
    assert "40 tracks found" in tracks.status.text()
    assert "“half a download.mp3”" in tracks.status.text()
    # The playlist builder and the phases see the new tracks at once.
    assert dialog.view.playlists.library.count() == before + 40


def test_the_scan_runs_in_another_thread(store, own_music, tasks, qtbot, monkeypatch) -> None:  # noqa: ANN001
    import threading

    threads: list[str] = []
    real_scan = folder_scan_module.scan_folder

    def noting(folder, progress, cancelled):  # noqa: ANN001, ANN202
        def note(done: int, total: int) -> None:
            threads.append(threading.current_thread().name)
            progress(done, total)

        return real_scan(folder, note, cancelled)

    monkeypatch.setattr(folder_scan_module, "scan_folder", noting)
    done: list = []
    with qtbot.waitSignal(tasks.idle, timeout=20_000):
        tasks.run(folder_scan(own_music, store), on_done=done.append)
    assert done and done[0].added == 40
    assert threads and all(name != threading.main_thread().name for name in threads)


def test_a_cancelled_scan_keeps_what_it_found_and_says_so(store, own_music) -> None:  # noqa: ANN001
    task = Task(folder_scan(own_music, store))
    task.cancel()  # before the first file: nothing is read
    outcome = task.perform().result
    assert outcome.cancelled and outcome.added == 0
    assert outcome.summary().startswith("Scan stopped")


def test_cancel_in_the_dialog_stops_the_scan(dialog, own_music, qtbot) -> None:  # noqa: ANN001
    tracks = dialog.view.tracks
    tracks.scan(own_music)
    tracks.cancel_button.click()
    assert tracks.status.text() == "Stopping after the current file…"
    assert not tracks.cancel_button.isEnabled()
    with qtbot.waitSignal(tracks.scan_finished, timeout=20_000):
        pass
    assert tracks.add_button.isEnabled()


def test_a_folder_that_is_gone_is_said_in_words(dialog, tmp_path, qtbot) -> None:  # noqa: ANN001
    tracks = dialog.view.tracks
    with qtbot.waitSignal(tracks.scan_finished, timeout=20_000) as finished:
        tracks.scan(tmp_path / "nowhere")
    assert finished.args[0].error is not None
    assert tracks.status.text() == ("The folder could not be added: "
                                    "The music folder cannot be found.")


def test_closing_the_dialog_waits_for_the_worker(dialog, own_music) -> None:  # noqa: ANN001
    job = dialog.view.tracks.scan(own_music)
    dialog.close()
    assert job.ended and job.cancelled


def test_a_missing_file_is_marked_in_the_list(dialog, store) -> None:  # noqa: ANN001
    gone = store.tracks()[2]
    gone.path.unlink()
    dialog.view.tracks.refresh()
    item = dialog.view.tracks.tree.topLevelItem(2)
    assert item.text(0) == "Deep   (file missing)"
    assert item.text(3) == "16:00" and item.text(4) == "Comes with KAPDesk"


def test_building_a_playlist(dialog, store) -> None:  # noqa: ANN001
    panel = dialog.view.playlists
    dialog.view.tabs.setCurrentWidget(panel)
    panel.new_name.setText("Evening")
    panel.create_button.click()
    assert panel.current().name == "Evening"
    assert panel.new_name.text() == ""
    for row in (4, 2, 0):  # Home, Deep, Arrival
        panel.library.item(row).setSelected(True)
    panel.add_button.click()
    assert [t.title for t in panel.current().tracks] == ["Arrival", "Deep", "Home"]
    panel.items.setCurrentRow(2)
    panel.up_button.click()
    assert [t.title for t in panel.current().tracks] == ["Arrival", "Home", "Deep"]
    assert panel.items.currentRow() == 1
    panel.remove_button.click()
    assert [t.title for t in panel.current().tracks] == ["Arrival", "Deep"]
    panel.volume.setValue(60)
    panel.name_edit.setText("Evening calm")
    panel.name_edit.editingFinished.emit()
    stored = [p for p in store.playlists() if p.name == "Evening calm"]
    assert len(stored) == 1 and stored[0].volume == pytest.approx(0.6)
    assert "21 min of music in 2 tracks" in panel.length_label.text()
    assert dialog.view.slots.rows["journey"].playlist.findText("Evening calm") > 0
    panel.delete_button.click()
    assert "Evening calm" not in [p.name for p in store.playlists()]


def test_a_nameless_playlist_is_refused_in_words(dialog) -> None:  # noqa: ANN001
    panel = dialog.view.playlists
    count = panel.playlist_list.count()
    panel.new_name.setText("   ")
    panel.create_button.click()
    assert panel.playlist_list.count() == count
    assert panel.length_label.text() == "Give the playlist a name."


def test_each_phase_gets_its_playlist_and_volume(dialog, store) -> None:  # noqa: ANN001
    slots = dialog.view.slots
    journey = slots.rows["journey"]
    assert journey.playlist.currentText() == "Journey"
    assert journey.volume.value() == 80
    assert journey.fit.text() == ("32 min of music for a 60 min phase (Lying-down journey, "
                                  "Observation — sedation peak); it starts again")
    journey.playlist.setCurrentIndex(journey.playlist.findText("Dissolve"))
    journey.volume.setValue(55)
    journey.when_done.setCurrentIndex(journey.when_done.findData("next"))
    music = store.slots()["journey"]
    assert (store.playlist(music.playlist_id).name, music.volume, music.when_done) == \
        ("Dissolve", 0.55, "next")
    assert journey.fit.text().startswith("10 min of music for a 60 min phase")
    assert journey.fit.text().endswith("then the next playlist")
    journey.playlist.setCurrentIndex(0)
    assert store.slots()["journey"].playlist_id is None
    assert journey.fit.text().startswith("No music: these phases will be silent")
    assert slots.rows["check-in"].fit.text() == "No phase of a script plays Check-in music yet."


def test_the_return_slot_fits_two_phase_lengths(dialog) -> None:  # noqa: ANN001
    lines = dialog.view.slots.rows["return"].fit.text().splitlines()
    assert lines == ["8 min of music for a 30 min phase (Debrief); it starts again",
                     "8 min of music for a 60 min phase (Observation — settling); "
                     "it starts again"]


def test_the_first_page_is_the_music_of_each_phase(dialog) -> None:  # noqa: ANN001
    assert dialog.view.tabs.currentWidget() is dialog.view.slots
    assert dialog.windowTitle() == "KAPDesk — Music"
    assert [dialog.view.tabs.tabText(i) for i in range(3)] == [
        "Music for each phase", "Playlists", "Tracks and folders"]
    assert dialog.view.tracks.tree.headerItem().text(3) == "Length"
    assert dialog.view.tracks.tree.topLevelItem(0).data(0, Qt.ItemDataRole.UserRole) > 0


def test_a_music_folder_can_be_removed_after_a_question(dialog, store, tmp_path, qtbot) -> None:  # noqa: ANN001
    tracks = dialog.view.tracks
    asked: list[str] = []
    answers = iter([False, True])
    tracks._confirm = lambda _parent, question: asked.append(question) or next(answers)
    assert tracks.folder_list.item(0).text() == "No folders of your own yet."
    assert not tracks.remove_folder_button.isEnabled()
    folder = tmp_path / "evening"
    folder.mkdir()
    write_tone(folder / "only.flac", 0.3, rate=8000, title="Only")
    with qtbot.waitSignal(tracks.scan_finished, timeout=20_000):
        tracks.scan(folder)
    assert tracks.folder_list.item(0).text() == f"{folder.resolve()}   ·   1 track"
    only = next(t.id for t in store.tracks() if t.title == "Only")
    playlist_id = store.create_playlist("Evening")
    store.set_items(playlist_id, [only])

    tracks.remove_folder_button.click()  # answered "No": nothing changes
    assert asked[0] == (f"Remove the folder “{folder.resolve()}” from the music library? Its one "
                        "track leaves the library and the playlist “Evening”. The files stay "
                        "where they are on this computer.")
    assert store.folders() != []
    tracks.remove_folder_button.click()
    assert store.folders() == [] and "Only" not in {t.title for t in store.tracks()}
    assert tracks.status.text().startswith(f"Removed “{folder.resolve()}” from the library")
    assert tracks.track_count() == 5
    assert (folder / "only.flac").is_file()
    assert dialog.view.playlists.library.count() == 5  # the other pages follow


def test_a_playlist_of_one_track_says_one_track(dialog, store) -> None:  # noqa: ANN001
    panel = dialog.view.playlists
    playlist_id = store.create_playlist("Single")
    store.set_items(playlist_id, [store.tracks()[0].id])
    panel.refresh(select_id=playlist_id)
    assert panel.playlist_list.currentItem().text() == "Single\n1 track · 5 min"
    assert panel.length_label.text() == "5 min of music in 1 track."


def test_the_music_of_each_phase_reads_as_words_and_its_controls_by_name(dialog) -> None:  # noqa: ANN001
    from PySide6.QtGui import QAccessible

    slots = dialog.view.slots
    names = []
    for row in slots.rows.values():
        for combo in (row.playlist, row.when_done):
            names.append(QAccessible.queryAccessibleInterface(combo).text(QAccessible.Text.Name))
    assert names == ["Check-in music: playlist", "Check-in music: when the playlist runs out",
                     "Dissolve music: playlist", "Dissolve music: when the playlist runs out",
                     "Journey music: playlist", "Journey music: when the playlist runs out",
                     "Return music: playlist", "Return music: when the playlist runs out"]
    journey = slots.rows["journey"]
    assert journey.name.text() == "Journey music"
    assert journey.volume_text.accessibleName() == "Journey music volume: 80%"
    assert journey.fit.accessibleName().startswith("Journey music length: 32 min of music")
    texts = [label.text() for label in slots.findChildren(QLabel)]
    assert not any("slot" in text.lower() for text in texts)


def test_a_damaged_download_is_named_with_its_reason_after_a_scan(dialog, tmp_path, qtbot) -> None:  # noqa: ANN001
    from tests.helpers.audio_files import truncate_copy, write_overstated_wav

    folder = tmp_path / "downloads"
    folder.mkdir()
    whole = write_tone(tmp_path / "whole.ogg", 10.0)
    truncate_copy(whole, folder / "cut.ogg", 0.5)
    write_overstated_wav(folder / "liar.wav", 0.5, 60.0)
    write_tone(folder / "fine.flac", 0.3, rate=8000)
    tracks = dialog.view.tracks
    with qtbot.waitSignal(tracks.scan_finished, timeout=20_000):
        tracks.scan(folder)
    assert tracks.status.text() == (
        "1 track found in downloads. 2 files were not added. "
        "“cut.ogg”: The file is damaged: it stops before its end; it may be an incomplete "
        "download. “liar.wav”: The file is damaged: it stops after 0.5 s of its 60 s; it may "
        "be an incomplete download.")
    listed = [tracks.tree.topLevelItem(i).text(0) for i in range(tracks.track_count())]
    assert "liar" not in listed and "cut" not in listed


def test_closing_the_main_window_mid_scan_neither_hangs_nor_delivers(qtbot, practice, clock,  # noqa: ANN001
                                                                     own_music, monkeypatch) -> None:
    import threading

    import shiboken6

    from kapdesk.app import build_main_window
    from kapdesk.services import open_services
    from kapdesk.ui.music.tracks_page import TracksPanel

    started, gate, delivered = threading.Event(), threading.Event(), []
    real_scan = folder_scan_module.scan_folder

    def gated(folder, progress, cancelled):  # noqa: ANN001, ANN202
        def hold(done: int, total: int) -> None:
            if done == 0:  # the files are counted; reading them waits for the test
                started.set()
                gate.wait(10)
            progress(done, total)

        return real_scan(folder, hold, cancelled)

    monkeypatch.setattr(folder_scan_module, "scan_folder", gated)
    for name in ("_scanned", "_scan_failed", "_progressed"):
        monkeypatch.setattr(TracksPanel, name, lambda self, *a, name=name: delivered.append(name))
    window = build_main_window(open_services(practice, clock), demo=False).window  # freed by this test
    window.show()
    qtbot.waitExposed(window)
    window.music_requested.emit()  # the header's Music
    dialog = window.findChild(MusicLibraryDialog)
    task = dialog.view.tracks.scan(own_music)
    assert task is not None and started.wait(10)
    assert window.close() and not window.isVisible()
    window.deleteLater()  # the library goes with it
    gate.set()
    qtbot.waitUntil(lambda: not shiboken6.isValid(window), timeout=10_000)  # no hang
    assert not shiboken6.isValid(dialog)
    assert task.wait(10) and task.outcome.succeeded  # a scan always returns what it has
    outcome = task.outcome.result
    assert outcome.error is None and (outcome.cancelled or outcome.added == 40)
    qtbot.wait(20)  # a queued delivery would land here
    assert delivered == []  # nothing reached the library, which is gone with the window
