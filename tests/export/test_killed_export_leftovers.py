"""The temporary file an export killed with SIGKILL leaves is removed by the next export to
that folder and at the app's next start; a temporary file still being written never is."""

from __future__ import annotations

import os

import pytest

from kapdesk.atomic_file import remove_stale_temps
from tests.helpers.constants import PASSPHRASE
from tests.helpers.practice_builder import BuildSpec, build_practice
from tests.helpers.processes import app_env, run_module
from tests.helpers.stopped_process import kill_at, temp_files

pytestmark = pytest.mark.slow

STOP = "atomic-file-before-rename"


def killed_export(data_dir, target, home) -> list[str]:  # noqa: ANN001
    env = app_env(home, PASSPHRASE)
    assert kill_at(STOP, ["export", "--data-dir", str(data_dir), "--client", "1", "--json",
                          str(target), "--quiet"], env)
    return temp_files(target.parent)


def test_the_next_export_to_the_folder_removes_what_a_killed_one_left(practice, tmp_path) -> None:  # noqa: ANN001
    build_practice(practice.engine, BuildSpec(clients=1, sessions_per_client=2, notes_per_session=3))
    practice.close()
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("not ours")
    left = killed_export(practice.data_dir, out / "record.json", tmp_path / "home")
    assert len(left) == 1 and left[0].startswith(".record.json.")
    assert not (out / "record.json").exists()  # never half-written

    done = run_module("export", "--data-dir", str(practice.data_dir), "--client", "1", "--csv",
                      str(out / "record.csv"), "--quiet", env=app_env(tmp_path / "home", PASSPHRASE))
    assert done.returncode == 0, done.stderr
    assert temp_files(out) == [] and sorted(p.name for p in out.iterdir()) == ["notes.txt", "record.csv"]


def test_the_app_start_removes_it_and_a_write_under_way_is_kept(qtbot, practice, tmp_path) -> None:  # noqa: ANN001
    from kapdesk.ui.common.tasks import TaskRunner
    from kapdesk.ui.shell.leftovers import tidy_leftovers

    build_practice(practice.engine, BuildSpec(clients=1, sessions_per_client=1, notes_per_session=2))
    practice.close()
    out = tmp_path / "out"
    out.mkdir()
    left = killed_export(practice.data_dir, out / "record.json", tmp_path / "home")
    under_way = out / f".report.pdf.{os.getpid()}-abc123.tmp"  # this process is writing it
    under_way.write_bytes(b"%PDF-")
    assert len(left) == 1

    tasks = TaskRunner(threads=1)
    tidy_leftovers(tasks, [practice.data_dir, out])
    assert tasks.wait()
    qtbot.waitUntil(lambda: not tasks.busy, timeout=5_000)
    assert temp_files(out) == [under_way.name]
    assert remove_stale_temps(out) == []  # nothing of a live writer is ever removed
    tasks.shut_down()
