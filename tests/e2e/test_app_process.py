"""The app as a real process: first run, unlock, wrong passphrase, damage, a second copy, a crash, the demo.

Each test starts `python main.py` (about a second each), so they are few and
each checks everything a user would notice about that run: exit code, what
was said on stderr, and what was (not) written to the data folder.
"""

from __future__ import annotations

import os
import random
import subprocess

import pytest

from kapdesk.ui.shell.practice_lock import LOCK_NAME
from tests.helpers.constants import PASSPHRASE
from kapdesk.ui.shell.practice_lock import BROUGHT_FORWARD
from tests.helpers.filesnap import snapshot
from tests.helpers.processes import PYTHON, REPO, TIMEOUT_S, LockHolder, app_env, has_traceback, run_app, run_code

pytestmark = pytest.mark.slow


@pytest.fixture
def home(tmp_path):  # noqa: ANN001, ANN201
    return tmp_path / "home"


def test_version_answers_without_starting_anything(home) -> None:  # noqa: ANN001
    result = run_app("--version", env=app_env(home))
    assert result.returncode == 0
    assert result.stdout.startswith("KAPDesk ")


def test_first_run_creates_the_practice_and_the_second_unlocks_it(data_dir, home) -> None:  # noqa: ANN001
    env = app_env(home, PASSPHRASE)
    folder = data_dir / "new"
    first = run_app("--data-dir", str(folder), "--quit-after-start", env=env)
    assert first.returncode == 0, first.stderr
    assert not has_traceback(first.stderr)
    assert (folder / "practice.kapdesk").stat().st_size > 0
    assert (folder / "practice.kapdesk.json").exists()
    assert not (folder / LOCK_NAME).exists()  # released on the way out

    second = run_app("--data-dir", str(folder), "--quit-after-start", env=env)
    assert second.returncode == 0, second.stderr
    assert not has_traceback(second.stderr)
    assert not (folder / "backups").exists()  # nothing to migrate, so no backup


def test_wrong_passphrase_exits_1_with_a_clear_message_and_writes_nothing(practice, home) -> None:  # noqa: ANN001
    practice.close()
    before = snapshot(practice.data_dir)
    result = run_app("--data-dir", str(practice.data_dir), "--quit-after-start",
                     env=app_env(home, "not-the-passphrase"))
    assert result.returncode == 1
    assert "passphrase does not open this practice" in result.stderr
    assert not has_traceback(result.stderr)
    assert snapshot(practice.data_dir) == before
    assert sorted(os.listdir(practice.data_dir)) == ["practice.kapdesk", "practice.kapdesk.json"]


# Runs the app as main.py does, printing which heavy libraries were loaded when
# the window first painted, and whether the rest was wired before it quit.
_WATCH_FIRST_PAINT = """
import sys
from kapdesk import app
from kapdesk.ui.shell import startup

HEAVY = ("sqlalchemy", "alembic", "pygame")
watch_paint, finish = startup.FirstPaint.__init__, app.finish_main_window

def watching_paint(self, window, after):
    watch_paint(self, window, after)
    loaded = lambda: ",".join(name for name in HEAVY if name in sys.modules)
    self.painted.connect(lambda: print("loaded_at_first_paint=" + loaded(), flush=True))

def finishing(first, services):
    wired = finish(first, services)
    print("wired=" + str(wired.session_flow is not None), flush=True)
    return wired

startup.FirstPaint.__init__, app.finish_main_window = watching_paint, finishing
sys.exit(app.main(sys.argv[1:]))
"""


def test_an_existing_practice_paints_its_client_list_before_the_database_layer_loads(practice, home) -> None:  # noqa: ANN001
    practice.close()
    result = run_code(_WATCH_FIRST_PAINT, "--data-dir", str(practice.data_dir), "--quit-after-start",
                      env=app_env(home, PASSPHRASE))
    assert result.returncode == 0, result.stderr
    assert not has_traceback(result.stderr)
    lines = result.stdout.splitlines()
    assert lines == ["loaded_at_first_paint=", "wired=True"]


@pytest.mark.parametrize("damage", ["random bytes", "cut in half"])
def test_a_damaged_file_is_named_on_stderr_and_left_untouched(practice, home, damage) -> None:  # noqa: ANN001
    practice.close()
    whole = practice.db_path.read_bytes()
    damaged = random.Random(7).randbytes(8192) if damage == "random bytes" else whole[: len(whole) // 2 // 4096 * 4096]
    practice.db_path.write_bytes(damaged)
    before = snapshot(practice.data_dir)
    result = run_app("--data-dir", str(practice.data_dir), "--quit-after-start", env=app_env(home, PASSPHRASE))
    assert result.returncode == 1
    assert str(practice.db_path) in result.stderr
    assert "damaged" in result.stderr
    assert not has_traceback(result.stderr)
    assert practice.db_path.read_bytes() == damaged
    assert snapshot(practice.data_dir) == before
    assert sorted(os.listdir(practice.data_dir)) == ["practice.kapdesk", "practice.kapdesk.json"]


def test_a_second_copy_is_refused_and_a_crashed_copys_lock_is_taken_over(practice, home) -> None:  # noqa: ANN001
    practice.close()
    env = app_env(home, PASSPHRASE)
    holder = LockHolder(practice.data_dir, env)
    try:
        assert holder.state == "locked"
        before = snapshot(practice.data_dir)
        refused = run_app("--data-dir", str(practice.data_dir), "--quit-after-start", env=env)
        assert refused.returncode == 2  # as the README documents
        assert "KAPDesk is already open" in refused.stderr
        assert not has_traceback(refused.stderr)
        assert snapshot(practice.data_dir) == before  # the second copy did not touch the practice
    finally:
        holder.kill_hard()  # the first copy "crashes", leaving its lock file behind
    assert (practice.data_dir / LOCK_NAME).exists()

    after_crash = run_app("--data-dir", str(practice.data_dir), "--quit-after-start", env=env)
    assert after_crash.returncode == 0, after_crash.stderr
    assert "already open" not in after_crash.stderr
    assert not (practice.data_dir / LOCK_NAME).exists()


def test_a_second_copy_brings_the_running_window_forward_without_a_dialog(practice, home) -> None:  # noqa: ANN001
    practice.close()
    env = app_env(home, PASSPHRASE, KAPDESK_REPORT_FIRST_PAINT="1")
    first = subprocess.Popen([PYTHON, str(REPO / "main.py"), "--data-dir", str(practice.data_dir)],
                             cwd=REPO, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        # Blocks until the first copy's window has painted: no sleeping.
        assert first.stdout.readline().startswith("first_paint_at="), first.stderr.read()
        second = run_app("--data-dir", str(practice.data_dir), env=env)
        assert second.returncode == 2
        assert second.stderr == f"kapdesk: {BROUGHT_FORWARD}\n"
        assert second.stdout == ""
        assert first.poll() is None  # the running copy carries on
    finally:
        first.kill()
        first.communicate(timeout=TIMEOUT_S)


def test_demo_starts_and_leaves_nothing_behind(home) -> None:  # noqa: ANN001
    env = app_env(home)  # no passphrase: the demo needs none
    temp = home / "tmp"
    stale = temp / "kapdesk-demo-stale"  # left by a demo that crashed
    stale.mkdir()
    (stale / "practice.kapdesk").write_bytes(b"\0" * 4096)
    result = run_app("--demo", "--quit-after-start", env=env)
    assert result.returncode == 0, result.stderr
    assert not has_traceback(result.stderr)
    assert [path.name for path in temp.iterdir() if path.name.startswith("kapdesk-demo-")] == []
