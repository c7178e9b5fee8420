"""`python -m kapdesk backup` and `restore` as a therapist or a script runs them: real processes."""

from __future__ import annotations

import pytest

from kapdesk.core.clients import ClientDraft
from kapdesk.storage.clients import ClientStore
from kapdesk.storage.practice import open_practice
from tests.helpers.constants import PASSPHRASE
from tests.helpers.filesnap import plaintext_hits, snapshot
from tests.helpers.processes import LockHolder, app_env, has_traceback, run_module

pytestmark = pytest.mark.slow

FIRST, LATER = "QB-CLI-FIRST-CLIENT", "QB-CLI-LATER-CLIENT"


@pytest.fixture
def closed_practice(practice, clock):  # noqa: ANN001, ANN201
    ClientStore(practice, clock).add(ClientDraft(FIRST))
    practice.close()
    return practice


def names_in(data_dir, clock) -> list[str]:  # noqa: ANN001
    practice = open_practice(data_dir, PASSPHRASE)
    try:
        return sorted(client.display_name for client in ClientStore(practice, clock).list())
    finally:
        practice.close()


def test_backup_then_restore_round_trip_keeps_the_replaced_practice(closed_practice, clock, tmp_path) -> None:  # noqa: ANN001
    data_dir = closed_practice.data_dir
    env = app_env(tmp_path / "home", PASSPHRASE)
    made = run_module("backup", "--data-dir", str(data_dir), env=env)
    assert made.returncode == 0, made.stderr
    assert "Backup made and checked:" in made.stdout and "1 clients" in made.stdout
    backup = next((data_dir / "backups").glob("practice-*.kapdesk"))
    assert str(backup) in made.stdout

    later = open_practice(data_dir, PASSPHRASE)
    ClientStore(later, clock).add(ClientDraft(LATER))
    later.close()

    restored = run_module("restore", str(backup), "--data-dir", str(data_dir), env=env)
    assert restored.returncode == 0, restored.stderr
    assert not has_traceback(restored.stderr)
    aside = next(data_dir.glob("practice-replaced-*.kapdesk"))
    assert f"kept, unchanged, as {aside}" in restored.stdout
    assert names_in(data_dir, clock) == [FIRST]  # the practice as it was at the backup

    aside_dir = tmp_path / "aside"
    aside_dir.mkdir()
    aside.rename(aside_dir / "practice.kapdesk")
    assert names_in(aside_dir, clock) == [FIRST, LATER]  # the replaced one, whole
    assert plaintext_hits(data_dir, [FIRST, LATER]) == []


def test_backup_to_a_folder_of_ones_choosing(closed_practice, tmp_path) -> None:  # noqa: ANN001
    usb = tmp_path / "usb"
    usb.mkdir()
    result = run_module("backup", "--data-dir", str(closed_practice.data_dir), "--to", str(usb),
                        env=app_env(tmp_path / "home", PASSPHRASE))
    assert result.returncode == 0, result.stderr
    assert len(list(usb.glob("practice-*.kapdesk"))) == 1
    assert len(list(usb.glob("practice-*.json"))) == 1
    assert not (closed_practice.data_dir / "backups").exists()


def test_backup_to_a_missing_folder_says_so_and_makes_nothing(closed_practice, tmp_path) -> None:  # noqa: ANN001
    result = run_module("backup", "--data-dir", str(closed_practice.data_dir), "--to",
                        str(tmp_path / "not-plugged-in"), env=app_env(tmp_path / "home", PASSPHRASE))
    assert result.returncode == 1
    assert "does not exist" in result.stderr and not has_traceback(result.stderr)


def test_restore_refuses_while_kapdesk_is_open_and_changes_nothing(closed_practice, tmp_path) -> None:  # noqa: ANN001
    env = app_env(tmp_path / "home", PASSPHRASE)
    assert run_module("backup", "--data-dir", str(closed_practice.data_dir), env=env).returncode == 0
    backup = next((closed_practice.data_dir / "backups").glob("practice-*.kapdesk"))
    holder = LockHolder(closed_practice.data_dir, env)
    try:
        assert holder.state == "locked"
        before = snapshot(closed_practice.data_dir)
        result = run_module("restore", str(backup), "--data-dir", str(closed_practice.data_dir), env=env)
        after = snapshot(closed_practice.data_dir)
    finally:
        holder.stop()
    assert result.returncode == 2
    assert "KAPDesk is open on this practice" in result.stderr
    assert after == before


def test_restore_with_a_wrong_passphrase_changes_nothing_and_says_why(closed_practice, tmp_path) -> None:  # noqa: ANN001
    env = app_env(tmp_path / "home", PASSPHRASE)
    assert run_module("backup", "--data-dir", str(closed_practice.data_dir), env=env).returncode == 0
    backup = next((closed_practice.data_dir / "backups").glob("practice-*.kapdesk"))
    before = snapshot(closed_practice.data_dir)
    result = run_module("restore", str(backup), "--data-dir", str(closed_practice.data_dir),
                        env=app_env(tmp_path / "home", "not-the-passphrase"))
    assert result.returncode == 1
    assert "does not open the backup" in result.stderr and "Nothing was changed" in result.stderr
    assert not has_traceback(result.stderr)
    assert "Practice passphrase:" not in result.stderr  # from the environment: no prompt
    assert {k: v for k, v in snapshot(closed_practice.data_dir).items() if k != "kapdesk.lock"} == \
        {k: v for k, v in before.items() if k != "kapdesk.lock"}
