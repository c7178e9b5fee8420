"""A real process exporting a large record is killed with SIGKILL mid-export: the target
file is never half-written (absent, or the previous export untouched)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys

import pytest

from tests.helpers.constants import PASSPHRASE
from tests.helpers.practice_builder import BuildSpec, build_practice
from tests.helpers.processes import REPO, TIMEOUT_S, app_env

# The child exports through the real functions; halfway through (by its own
# progress callback) it says so and waits, so the kill lands mid-export for sure.
CHILD = r"""
import sys
from pathlib import Path
from kapdesk.core.clock import SystemClock
from kapdesk.export.record import RecordReader
from kapdesk.services import open_services
from kapdesk.storage.practice import open_practice

data_dir, kind, target, number = sys.argv[1], sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
practice = open_practice(Path(data_dir), sys.argv[5])
services = open_services(practice, SystemClock())
source = RecordReader(services.review, services.clients)
told = []

def progress(done, total):
    if not told and total and done * 2 >= total and done < total:
        told.append(True)
        print("halfway", flush=True)
        sys.stdin.readline()  # the test kills us here

if kind == "pdf":
    from PySide6.QtGui import QGuiApplication
    from kapdesk.export.pdf_report import write_session_pdf
    app = QGuiApplication(["child"])
    write_session_pdf(source.session_record(number), target, 0.0, progress=progress)
elif kind == "json":
    from kapdesk.export.json_export import write_json
    write_json(source.client_record(number), target, 0.0, progress=progress)
else:
    from kapdesk.export.csv_export import write_events_csv
    write_events_csv(source.client_record(number), target, progress=progress)
print("finished", flush=True)
"""


@pytest.fixture
def big(practice):  # noqa: ANN001, ANN201
    built = build_practice(practice.engine, BuildSpec(clients=1, sessions_per_client=12,
                                                      notes_per_session=40))
    long = build_practice(practice.engine, BuildSpec(clients=1, sessions_per_client=1,
                                                     notes_per_session=300, seed=3))
    practice.close()  # the child opens it, as another process would
    return built.client_ids[0], long.session_ids[0]


def export_killed_halfway(data_dir, kind: str, target, number: int, home) -> list[str]:  # noqa: ANN001
    """Run the child, kill it with SIGKILL halfway; the names left in the target's folder."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data_dir), kind, str(target), str(number), PASSPHRASE],
        cwd=REPO, env=app_env(home), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    try:
        line = child.stdout.readline().strip()
        assert line == "halfway", (line, child.stderr.read() if child.poll() is not None else "")
        partial = [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]
        assert partial, "the export is under way in a temporary file beside the target"
        child.send_signal(signal.SIGKILL)
        assert child.wait(TIMEOUT_S) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(TIMEOUT_S)
        for pipe in (child.stdin, child.stdout, child.stderr):
            pipe.close()
    return sorted(p.name for p in target.parent.iterdir())


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["json", "csv", "pdf"])
def test_a_kill_mid_export_leaves_no_partial_file(data_dir, big, tmp_path, kind) -> None:
    client_id, long_session = big
    out = tmp_path / "out"
    out.mkdir()
    target = out / f"record.{kind}"
    left = export_killed_halfway(data_dir, kind, target, long_session if kind == "pdf" else client_id,
                                 tmp_path / "home")
    assert target.name not in left
    assert all(name.startswith(f".{target.name}.") and name.endswith(".tmp") for name in left)


@pytest.mark.slow
def test_a_kill_mid_export_leaves_the_previous_export_whole(data_dir, big, tmp_path) -> None:
    client_id, _long = big
    out = tmp_path / "out"
    out.mkdir()
    target = out / "record.json"
    previous = json.dumps({"format": "kapdesk-record", "sessions": []})
    target.write_text(previous)
    export_killed_halfway(data_dir, "json", target, client_id, tmp_path / "home")
    assert target.read_text() == previous
