"""`python -m kapdesk check` as a script would run it: no terminal, passphrase from the environment."""

from __future__ import annotations

import pytest

from kapdesk.core.clients import ClientDraft
from kapdesk.storage.clients import ClientStore
from tests.helpers.constants import PASSPHRASE
from tests.helpers.filesnap import snapshot
from tests.helpers.processes import app_env, has_traceback, run_module

pytestmark = pytest.mark.slow


@pytest.fixture
def closed_practice(practice, clock):  # noqa: ANN001, ANN201
    store = ClientStore(practice, clock)
    store.add(ClientDraft("A. M."))
    store.add(ClientDraft("R. T."))
    practice.close()
    return practice


def test_check_on_a_sound_practice_reports_and_exits_0(closed_practice, tmp_path) -> None:  # noqa: ANN001
    result = run_module("check", "--data-dir", str(closed_practice.data_dir),
                        env=app_env(tmp_path / "home", PASSPHRASE))
    assert result.returncode == 0, result.stderr
    assert "Practice: sound" in result.stdout
    assert "database integrity: ok" in result.stdout
    assert "encryption integrity: ok" in result.stdout
    assert "clients: 2" in result.stdout
    assert str(closed_practice.data_dir) in result.stdout


def test_check_with_a_wrong_passphrase_in_the_environment_fails_without_prompting(
        closed_practice, tmp_path) -> None:  # noqa: ANN001
    before = snapshot(closed_practice.data_dir)
    result = run_module("check", "--data-dir", str(closed_practice.data_dir),
                        env=app_env(tmp_path / "home", "not-the-passphrase"))
    assert result.returncode == 1
    assert "passphrase does not open this practice" in result.stderr
    assert "Practice passphrase:" not in result.stderr + result.stdout  # no prompt
    assert not has_traceback(result.stderr)
    assert result.stdout == ""
    assert snapshot(closed_practice.data_dir) == before


def test_check_on_a_damaged_file_fails_and_names_it(closed_practice, tmp_path) -> None:  # noqa: ANN001
    whole = closed_practice.db_path.read_bytes()
    closed_practice.db_path.write_bytes(whole[:1000])
    result = run_module("check", "--data-dir", str(closed_practice.data_dir),
                        env=app_env(tmp_path / "home", PASSPHRASE))
    assert result.returncode == 1
    assert str(closed_practice.db_path) in result.stderr
    assert not has_traceback(result.stderr)
    assert closed_practice.db_path.read_bytes() == whole[:1000]


def test_check_without_a_passphrase_or_a_terminal_says_how_to_give_one(closed_practice, tmp_path) -> None:  # noqa: ANN001
    result = run_module("check", "--data-dir", str(closed_practice.data_dir), env=app_env(tmp_path / "home"))
    assert result.returncode == 1
    assert "KAPDESK_PASSPHRASE" in result.stderr
    assert not has_traceback(result.stderr)


def test_check_on_a_folder_without_a_practice_says_so_before_asking_anything(tmp_path) -> None:  # noqa: ANN001
    folder = tmp_path / "nothing-here"
    result = run_module("check", "--data-dir", str(folder), env=app_env(tmp_path / "home"))
    assert result.returncode == 1
    assert f"There is no practice in {folder}" in result.stderr
    assert "passphrase" not in result.stderr.lower()
    assert not folder.exists()
