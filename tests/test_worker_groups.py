"""`pytest -n 2`, the README's command: what must stay in one process does.

xdist is asked for its scheduler as it asks at the start of a run, and that
scheduler is driven as xdist drives it, with two stand-in processes taking
turns: the real-display tests all land in one process (one private desktop,
not two fighting over the CPU), the packaging tests all in one (one build of
the app into build/test-app/), and a file never spans both (its module
fixtures are made once).
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers.stubs import FakeTestProcess
from tests.helpers.worker_groups import ONE_WORKER_FOLDERS, ByFileAndFolder, work_unit

IDS = [
    "tests/audio/test_player_output.py::test_fade_in_rises_to_full_level",
    "tests/audio/test_player_output.py::test_playlist_volume_is_applied",
    "tests/core/test_kap_session.py::test_a[1]",
    "tests/core/test_kap_session.py::test_a[2]",
    "tests/desktop/test_walk.py::test_room_note_tag_vitals_pause_extend_next_phase",
    "tests/desktop/test_walk.py::test_debrief_discharge_and_end",
    "tests/desktop/test_lock.py::test_the_idle_lock_between_sessions_on_the_real_display",
    "tests/e2e/test_cli.py::test_check",
    "tests/packaging/test_built_app.py::test_version_is_the_packages",
    "tests/packaging/test_bundle.py::test_the_folder_is_at_most_250_mb",
    "tests/packaging/test_icons.py::test_the_windows_icon_holds_16_to_256_pixels",
    "tests/storage/test_backups.py::test_one",
    "tests/storage/test_backups.py::test_two",
    "tests/test_layers.py::test_layers",
    "tests/ui/session/test_room.py::TestRoom::test_keys",
    "tests/ui/session/test_room.py::TestRoom::test_notes",
]


def test_xdist_gets_the_grouping_scheduler_from_the_tests_conftest(pytestconfig, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(pytestconfig.option, "tx", ["popen", "popen"])  # as `-n 2` sets them
    monkeypatch.setattr(pytestconfig.option, "dist", "load")
    scheduler = pytestconfig.hook.pytest_xdist_make_scheduler(config=pytestconfig, log=None)
    assert isinstance(scheduler, ByFileAndFolder)


def test_a_folder_kept_whole_is_one_unit_and_any_other_test_goes_with_its_file() -> None:
    assert {work_unit(i) for i in IDS if i.startswith("tests/desktop/")} == {"tests/desktop/"}
    assert {work_unit(i) for i in IDS if i.startswith("tests/packaging/")} == {"tests/packaging/"}
    assert work_unit("tests/ui/session/test_room.py::TestRoom::test_keys") == "tests/ui/session/test_room.py"
    assert work_unit("tests/core/test_kap_session.py::test_a[tests/desktop/x]") == "tests/core/test_kap_session.py"


def test_two_processes_run_every_test_once_with_each_folder_and_file_in_one(pytestconfig,  # noqa: ANN001
                                                                          monkeypatch) -> None:
    monkeypatch.setattr(pytestconfig.option, "tx", ["popen", "popen"])
    scheduler = ByFileAndFolder(pytestconfig)
    first, second = FakeTestProcess("gw0"), FakeTestProcess("gw1")
    for process in (first, second):
        scheduler.add_node(process)
        scheduler.add_node_collection(process, IDS)
    assert scheduler.collection_is_completed
    scheduler.schedule()
    while True:  # each process in turn runs its next test and reports it, as xdist's loop does
        ran = [(process, process.next_test()) for process in (first, second)]
        for process, index in ran:
            if index is not None:
                scheduler.mark_test_complete(process, index)
        if all(index is None for _, index in ran):
            break
    assert scheduler.tests_finished
    assert sorted(first.ran + second.ran) == list(range(len(IDS)))  # each test once
    where = {IDS[i]: process.gateway.id for process in (first, second) for i in process.ran}
    assert first.ran and second.ran
    units: dict[str, set[str]] = {}
    for nodeid, process in where.items():
        units.setdefault(work_unit(nodeid), set()).add(process)
    split = {unit: processes for unit, processes in units.items() if len(processes) > 1}
    assert split == {}
    assert len(units) == len({work_unit(i) for i in IDS})


def test_each_folder_kept_whole_is_there() -> None:  # a folder renamed would lose its grouping
    root = Path(__file__).resolve().parents[1]
    assert ONE_WORKER_FOLDERS == ("tests/desktop/", "tests/packaging/")
    assert all((root / folder / "conftest.py").is_file() for folder in ONE_WORKER_FOLDERS)
