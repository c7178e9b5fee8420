"""A restore killed with SIGKILL at every step between two of its writes, in a real
`python -m kapdesk restore` process: the practice always opens afterwards, whole, as either
the practice that was there (its newest commits, still in the write-ahead log, included) or
the restored backup, never part of each; nothing is lost from the folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kapdesk.core.clients import ClientDraft
from kapdesk.services import open_services
from kapdesk.storage.backup_check import check_copy
from kapdesk.storage.backup_files import BY_HAND, CHECKED
from kapdesk.storage.files import META_NAME, db_path_in
from kapdesk.storage.practice import open_practice
from kapdesk.storage.verifier import read_db_salt, read_verifier
from tests.helpers.constants import PASSPHRASE
from tests.helpers.processes import app_env
from tests.helpers.stopped_process import kill_at

pytestmark = pytest.mark.slow

STEPS = ("restore-backup-checked", "restore-copied", "restore-copy-checked", "restore-log-folded",
         "restore-aside-linked", "restore-moved-aside", "restore-replaced")
OLD = {"Ana B.", "Ben C."}  # the practice as it was: Ben C. added after the backup
RESTORED = {"Ana B."}  # the backup


@pytest.fixture(scope="module")
def crashed_state(tmp_path_factory):  # noqa: ANN001, ANN201
    """A practice whose newest commit is still only in its -wal (as after a crash), and a
    checked backup made before that commit."""
    from kapdesk.core.clock import FakeClock
    from kapdesk.storage.practice import create_practice

    root = tmp_path_factory.mktemp("restore-kill")
    live = root / "live"
    practice = create_practice(live, PASSPHRASE)
    services = open_services(practice, FakeClock())
    services.clients.add(ClientDraft("Ana B."))
    backup = services.backups.back_up(kind=BY_HAND).backup
    assert backup.status == CHECKED
    kept = root / "backup.kapdesk"
    shutil.copy2(backup.path, kept)
    services.clients.add(ClientDraft("Ben C."))
    state = root / "state"
    state.mkdir()
    for name in ("practice.kapdesk", "practice.kapdesk-wal", "practice.kapdesk.json"):
        shutil.copy2(live / name, state / name)  # copied while open: Ben C. is in the -wal
    practice.close()
    assert (state / "practice.kapdesk-wal").stat().st_size > 0
    return state, kept


def names_in(data_dir: Path) -> set[str]:
    practice = open_practice(data_dir, PASSPHRASE)
    try:
        return {client.display_name for client in open_services(practice).clients.list()}
    finally:
        practice.close()


@pytest.mark.parametrize("step", STEPS)
def test_a_restore_killed_at_any_step_leaves_the_old_or_the_restored_practice(
        crashed_state, tmp_path, step) -> None:  # noqa: ANN001
    state, backup = crashed_state
    data_dir = tmp_path / "practice"
    shutil.copytree(state, data_dir)
    env = app_env(tmp_path / "home", PASSPHRASE)

    assert kill_at(step, ["restore", str(backup), "--data-dir", str(data_dir)], env)

    names = names_in(data_dir)
    assert names in (OLD, RESTORED), names
    check_copy(db_path_in(data_dir), PASSPHRASE)  # whole: both integrity checks pass
    # The passphrase check beside it names the file in place (mended at open if the kill
    # came between putting the backup in place and rewriting it).
    verifier = read_verifier(data_dir / META_NAME)
    assert verifier is not None and verifier.db_salt == read_db_salt(db_path_in(data_dir))
    assert verifier.matches(PASSPHRASE)
    aside = sorted(data_dir.glob("practice-replaced-*.kapdesk"))
    if names == RESTORED:
        assert len(aside) == 1 and names_in_copy(aside[0], tmp_path) == OLD  # kept, whole


def test_restoring_again_after_a_kill_finishes_the_job_and_keeps_the_old_practice(
        crashed_state, tmp_path) -> None:  # noqa: ANN001
    state, backup = crashed_state
    data_dir = tmp_path / "practice"
    shutil.copytree(state, data_dir)
    env = app_env(tmp_path / "home", PASSPHRASE)
    assert kill_at("restore-moved-aside", ["restore", str(backup), "--data-dir", str(data_dir)], env)
    assert not kill_at("never", ["restore", str(backup), "--data-dir", str(data_dir)], env)
    assert names_in(data_dir) == RESTORED
    asides = sorted(data_dir.glob("practice-replaced-*.kapdesk"))
    assert any(names_in_copy(path, tmp_path) == OLD for path in asides)  # the old one is kept


def names_in_copy(aside: Path, tmp_path: Path) -> set[str]:
    """The clients in a practice moved aside (with its -wal, if one went with it)."""
    copy = tmp_path / f"open-{aside.stem}-{len(list(tmp_path.iterdir()))}"
    copy.mkdir()
    shutil.copy2(aside, copy / "practice.kapdesk")
    for suffix in ("-wal",):
        if Path(f"{aside}{suffix}").exists():
            shutil.copy2(Path(f"{aside}{suffix}"), copy / f"practice.kapdesk{suffix}")
    return names_in(copy)


def test_after_a_finished_restore_the_file_is_the_backups_content_and_the_old_one_is_aside(
        crashed_state, tmp_path) -> None:  # noqa: ANN001
    state, backup = crashed_state
    data_dir = tmp_path / "practice"
    shutil.copytree(state, data_dir)
    env = app_env(tmp_path / "home", PASSPHRASE)
    assert not kill_at("never", ["restore", str(backup), "--data-dir", str(data_dir)], env)
    # The backup's records (the restored practice's audit trail has the restore's entry too).
    assert names_in_copy(db_path_in(data_dir), tmp_path) == names_in_copy(backup, tmp_path)
    [aside] = data_dir.glob("practice-replaced-*.kapdesk")
    assert names_in_copy(aside, tmp_path) == OLD
