"""Backup benchmark: making, checking and restoring a backup of a big practice.

Builds a synthetic encrypted practice (tests/helpers/practice_builder.py; by
default 50 clients x 100 sessions x 50 notes = 250,000 notes, as
bench/review.py), or reuses one kept by `--keep DIR`. Then measures:
- backup_s: one checked backup (storage/backups.make_backup: the online
  copy, then the re-open and both integrity checks), on a worker thread;
- stall_max_ms: the longest a 10 ms ticker on the main thread was held up
  meanwhile (what the GUI thread would feel: the copy must not hold Python's lock);
- check_s: the check alone, on the finished backup;
- restore_s: storage/restore.restore_backup into a copy of the folder.
Prints name=value lines, `backup_s` last.
Usage: python bench/backup.py [--clients 50 --sessions 100 --notes 50] [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import emit  # noqa: E402

from kapdesk.core.clock import SystemClock  # noqa: E402
from kapdesk.storage.backup_check import check_copy  # noqa: E402
from kapdesk.storage.backups import make_backup  # noqa: E402
from kapdesk.storage.practice import create_practice, practice_exists  # noqa: E402
from kapdesk.storage.restore import restore_backup  # noqa: E402
from tests.helpers.practice_builder import BuildSpec, build_practice  # noqa: E402

PASSPHRASE = "bench-passphrase-1"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--notes", type=int, default=50)
    parser.add_argument("--keep", metavar="DIR", help="build the practice here (or reuse it) and keep it")
    args = parser.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kapdesk-backup-"))
    try:
        run(folder, args)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            shutil.rmtree(folder / "bench-backups", ignore_errors=True)
            shutil.rmtree(folder / "bench-restored", ignore_errors=True)


def run(folder: Path, args: argparse.Namespace) -> None:
    data_dir = folder / "practice"
    if not practice_exists(data_dir):
        practice = create_practice(data_dir, PASSPHRASE)
        build_practice(practice.engine, BuildSpec(clients=args.clients, sessions_per_client=args.sessions,
                                                  notes_per_session=args.notes))
        practice.close()
    db_path = data_dir / "practice.kapdesk"
    emit("db_mib", db_path.stat().st_size / 2**20, 1)

    result = {}

    def back_up() -> None:
        started = time.perf_counter()
        result["info"] = make_backup(db_path, PASSPHRASE, folder / "bench-backups", SystemClock())
        result["seconds"] = time.perf_counter() - started

    worker = threading.Thread(target=back_up)
    stall = 0.0
    worker.start()
    while worker.is_alive():
        before = time.perf_counter()
        time.sleep(0.010)
        stall = max(stall, (time.perf_counter() - before - 0.010) * 1000)
    worker.join()
    info = result["info"]
    assert info.checked, info.problem
    emit("events", info.counts.events, 0)
    emit("stall_max_ms", stall, 1)
    started = time.perf_counter()
    check_copy(info.path, PASSPHRASE, info.counts)
    emit("check_s", time.perf_counter() - started, 2)
    restored = folder / "bench-restored"
    shutil.copytree(data_dir, restored)
    started = time.perf_counter()
    restore_backup(info.path, restored, PASSPHRASE, time.time())
    emit("restore_s", time.perf_counter() - started, 2)
    emit("backup_s", result["seconds"], 2)


if __name__ == "__main__":
    main()
