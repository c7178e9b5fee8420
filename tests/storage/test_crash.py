"""A copy of KAPDesk killed with SIGKILL mid-work: what was committed is there, and the
-wal it leaves behind holds no plain text either."""

from __future__ import annotations

import subprocess

import pytest

from kapdesk.core.clients import ClientDraft
from kapdesk.storage.clients import ClientStore
from kapdesk.storage.practice import open_practice
from tests.helpers.constants import PASSPHRASE
from tests.helpers.filesnap import plaintext_hits
from tests.helpers.processes import PYTHON, REPO, TIMEOUT_S, app_env

pytestmark = pytest.mark.slow

MARKER = "ZQ-CRASH-PROBE"

_WRITER = """
import sys
from pathlib import Path
from kapdesk.core.clients import ClientDraft
from kapdesk.core.clock import SystemClock
from kapdesk.storage.clients import ClientStore
from kapdesk.storage.practice import create_practice
practice = create_practice(Path(sys.argv[1]), sys.argv[2])
store = ClientStore(practice, SystemClock())
for number in range(3):
    store.add(ClientDraft(f"{sys.argv[3]} {number}", notes=sys.argv[3]))
print("committed", flush=True)
sys.stdin.read()
"""


def test_committed_clients_survive_sigkill_and_the_wal_is_encrypted(data_dir, tmp_path, clock) -> None:  # noqa: ANN001
    writer = subprocess.Popen([PYTHON, "-c", _WRITER, str(data_dir), PASSPHRASE, MARKER], cwd=REPO,
                              env=app_env(tmp_path / "home"), stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "committed"
    finally:
        writer.kill()
        writer.wait(TIMEOUT_S)
        writer.stdin.close()
        writer.stdout.close()
    assert (data_dir / "practice.kapdesk-wal").stat().st_size > 0  # left as the crash left it
    assert plaintext_hits(data_dir, [MARKER]) == []

    practice = open_practice(data_dir, PASSPHRASE)
    try:
        assert [c.display_name for c in ClientStore(practice, clock).list()] == [f"{MARKER} {n}" for n in range(3)]
        ClientStore(practice, clock).add(ClientDraft("after the crash"))
    finally:
        practice.close()
    assert plaintext_hits(data_dir, [MARKER, "after the crash"]) == []
