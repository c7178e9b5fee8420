"""Starting on a practice whose client list page is damaged: said in words naming the practice
and its latest checked backup, exit 1, no traceback, nothing written over the damage."""

from __future__ import annotations

import pytest

from kapdesk.core.clients import ClientDraft
from kapdesk.services import open_services
from kapdesk.storage.backup_files import BY_HAND
from kapdesk.storage.damage import backup_date_words
from kapdesk.storage.files import db_path_in
from tests.helpers.constants import PASSPHRASE
from tests.helpers.damage import damage_table
from tests.helpers.processes import app_env, has_traceback, run_app

pytestmark = pytest.mark.slow


def test_a_damaged_client_list_is_said_at_start(practice, clock, tmp_path) -> None:  # noqa: ANN001
    services = open_services(practice, clock)
    services.clients.add(ClientDraft("Ana B."))
    backup = services.backups.back_up(kind=BY_HAND).backup
    practice.close()
    damaged = damage_table(practice.data_dir, "clients")

    done = run_app("--data-dir", str(practice.data_dir), "--quit-after-start",
                   env=app_env(tmp_path / "home", PASSPHRASE))

    assert done.returncode == 1
    assert not has_traceback(done.stderr)
    assert f"Part of the practice file {db_path_in(practice.data_dir)} is damaged" in done.stderr
    assert backup_date_words(backup.made_at) in done.stderr
    assert db_path_in(practice.data_dir).read_bytes() == damaged
