"""At quit the write-ahead log is folded into the practice file and left empty, even while
another connection has the file open, so no -wal holding recent pages stays beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kapdesk.core.clients import ClientDraft
from kapdesk.services import open_services
from kapdesk.storage.backup_check import open_keyed
from kapdesk.storage.practice import PAGE_SIZE
from tests.helpers.constants import PASSPHRASE
from tests.helpers.processes import app_env, run_app


def wal_size(db_path: Path) -> int:
    wal = Path(f"{db_path}-wal")
    return wal.stat().st_size if wal.exists() else 0


def test_closing_empties_the_log_while_another_connection_is_open(practice, clock) -> None:  # noqa: ANN001
    services = open_services(practice, clock)
    for number in range(30):
        services.clients.add(ClientDraft(f"Client {number}", notes="n" * 500))
    assert wal_size(practice.db_path) > 0  # the recent pages are in the log
    other = open_keyed(practice.db_path, PASSPHRASE)  # say, the command line beside the app
    try:
        other.execute("SELECT count(*) FROM clients").fetchone()
        practice.close()
        assert wal_size(practice.db_path) == 0
        assert practice.db_path.stat().st_size % PAGE_SIZE == 0
        assert other.execute("SELECT count(*) FROM clients").fetchone()[0] == 30
    finally:
        other.close()


@pytest.mark.slow
def test_after_the_app_quits_no_log_with_pages_is_left(tmp_path) -> None:  # noqa: ANN001
    data_dir = tmp_path / "practice"
    env = app_env(tmp_path / "home", PASSPHRASE)
    for _start in range(2):  # created, then opened again (the fast path)
        done = run_app("--data-dir", str(data_dir), "--quit-after-start", env=env)
        assert done.returncode == 0, done.stderr
        db_path = data_dir / "practice.kapdesk"
        assert wal_size(db_path) == 0
        assert db_path.stat().st_size > 0 and db_path.stat().st_size % PAGE_SIZE == 0
