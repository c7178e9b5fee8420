"""A large practice for the benchmarks, built once and kept in a cache folder.

`large_practice(notes)` returns the folder of a practice with that many notes
(50 clients x 100 sessions, the notes spread over the sessions, as
`bench/review.py --keep` builds it: tests/helpers/practice_builder.py), built
the first time and reused afterwards. It is built under a staging name and
renamed into place only when complete, so a build that was killed is never
taken for a practice. The cache is `$KAPDESK_BENCH_CACHE`, else
`~/.cache/kapdesk-bench`.
Usage on its own: python bench/large_practice.py [--notes 250000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSPHRASE = "bench-passphrase-1"
CLIENTS = 50
SESSIONS_PER_CLIENT = 100


def cache_folder() -> Path:
    configured = os.environ.get("KAPDESK_BENCH_CACHE")
    return Path(configured) if configured else Path.home() / ".cache" / "kapdesk-bench"


def large_practice(notes: int, cache: Path | None = None) -> Path:
    """The data folder of a practice with `notes` notes (built here the first time)."""
    from kapdesk.storage.files import db_path_in

    folder = (cache or cache_folder()) / f"notes-{notes}"
    data_dir = folder / "practice"
    if db_path_in(data_dir).exists():
        return data_dir
    staging = folder.with_name(folder.name + ".building")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    _build(staging / "practice", notes)
    os.replace(staging, folder)
    return data_dir


def _build(data_dir: Path, notes: int) -> None:
    from kapdesk.storage.practice import create_practice
    from tests.helpers.practice_builder import BuildSpec, build_practice

    started = time.perf_counter()
    practice = create_practice(data_dir, PASSPHRASE)
    per_session = max(1, notes // (CLIENTS * SESSIONS_PER_CLIENT))
    build_practice(practice.engine, BuildSpec(clients=CLIENTS, sessions_per_client=SESSIONS_PER_CLIENT,
                                              notes_per_session=per_session))
    practice.close()  # the last connection folds the write-ahead log into the file
    print(f"large_practice_built_s={time.perf_counter() - started:.1f}", file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--notes", type=int, default=250_000)
    data_dir = large_practice(parser.parse_args().notes)
    size = sum(path.stat().st_size for path in data_dir.iterdir() if path.is_file())
    print(f"{data_dir} ({size / 2**20:.1f} MiB)")


if __name__ == "__main__":
    main()
