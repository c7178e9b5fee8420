"""Note commit latency: the note field's code path vs raw sqlcipher3 inserts.

The app path is what pressing Enter in the note field runs below the widget:
SessionRunner.add_note -> StoredEventSink.append (validation, one transaction
with the event and the session's last-alive time, synchronous=FULL commit).
The floor is 1,000 raw sqlcipher3 inserts of the same rows into the same
table layout, each committed, with the same pragmas, in the same run.
Prints note_commit_p50_ms, note_commit_p99_ms, raw_commit_p99_ms, and last
note_commit_ratio (p99 over p99).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import emit  # noqa: E402

from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL  # noqa: E402
from kapdesk.core.clients import ClientDraft  # noqa: E402
from kapdesk.core.clock import SystemClock  # noqa: E402
from kapdesk.core.runner import SessionRunner  # noqa: E402
from kapdesk.storage.clients import ClientStore  # noqa: E402
from kapdesk.storage.engine import CONNECTION_PRAGMAS  # noqa: E402
from kapdesk.storage.practice import create_practice  # noqa: E402
from kapdesk.storage.sessions import SessionStore  # noqa: E402

NOTES = 1000
PASSPHRASE = "bench-passphrase-1"
TEXT = "Client describes warmth spreading through the chest; breathing slow and even. #{}"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def app_path(folder: Path) -> list[float]:
    practice = create_practice(folder / "app", PASSPHRASE)
    clock = SystemClock()
    client = ClientStore(practice, clock).add(ClientDraft("Bench client"))
    store = SessionStore(practice, clock)
    session_id = store.create(client.id, KAP_SUBLINGUAL)
    runner = SessionRunner(KAP_SUBLINGUAL, clock, store.sink(session_id))
    runner.start(client.id)
    timings = []
    for number in range(NOTES):
        started = time.perf_counter()
        runner.add_note(TEXT.format(number))
        timings.append((time.perf_counter() - started) * 1000)
    practice.close()
    return timings


def raw_path(folder: Path) -> list[float]:
    import sqlcipher3

    practice = create_practice(folder / "raw", PASSPHRASE)  # the same schema and triggers
    practice.close()
    connection = sqlcipher3.connect(str(practice.db_path))
    connection.execute(f"PRAGMA key = '{PASSPHRASE}'")
    for pragma in CONNECTION_PRAGMAS:
        connection.execute(pragma)
    connection.execute("INSERT INTO clients (display_name, created_at, updated_at) VALUES ('c', 0, 0)")
    connection.execute("INSERT INTO sessions (client_id, script_id, script_name, started_at, last_alive_at)"
                       " VALUES (1, 's', 's', 0, 0)")
    connection.commit()
    timings = []
    for number in range(NOTES):
        data = json.dumps({"text": TEXT.format(number)})
        started = time.perf_counter()
        connection.execute("INSERT INTO session_events (session_id, seq, kind, at, data) VALUES (1, ?, 'note', ?, ?)",
                           (number + 1, time.time(), data))
        connection.commit()
        timings.append((time.perf_counter() - started) * 1000)
    connection.close()
    return timings


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="kapdesk-bench-"))
    raw = raw_path(folder)
    app = app_path(folder)
    emit("note_commit_p50_ms", percentile(app, 0.50))
    emit("note_commit_p99_ms", percentile(app, 0.99))
    emit("raw_commit_p50_ms", percentile(raw, 0.50))
    emit("raw_commit_p99_ms", percentile(raw, 0.99))
    emit("note_commit_ratio", percentile(app, 0.99) / percentile(raw, 0.99), 2)


if __name__ == "__main__":
    main()
