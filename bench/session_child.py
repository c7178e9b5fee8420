"""Child of bench/session_cpu.py: the app with a running session on screen.

    KAPDESK_PASSPHRASE=... python bench/session_child.py DATA_DIR SECONDS

Builds the app's own window on a practice with one client, starts a KAP
session and shows the room view, then measures its own CPU time over
SECONDS of wall time and prints cpu_s=. Offscreen, on the real clock.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from _common import open_app_window


def main(data_dir: Path, seconds: float) -> None:
    from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
    from kapdesk.core.clients import ClientDraft

    app, practice, services, wired = open_app_window(data_dir, os.environ["KAPDESK_PASSPHRASE"])
    client = services.clients.add(ClientDraft("Bench client"))
    wired.session_flow.start(client.id, KAP_SUBLINGUAL).show_room()
    measure(app, seconds)
    practice.close()


def measure(app: QApplication, seconds: float) -> None:
    """Run the event loop for `seconds` and print the CPU time it used."""
    started = time.process_time()
    used: list[float] = []

    def stop() -> None:
        # Read before the app quits: what it does at quit (the backup of what
        # changed, the log's checkpoint) is not the running session's cost.
        used.append(time.process_time() - started)
        # exit, not quit: quit asks the windows to close, and a window with a
        # session on it refuses (it asks the therapist first).
        app.exit(0)

    QTimer.singleShot(int(seconds * 1000), stop)
    app.exec()
    print(f"cpu_s={used[0]:.4f}", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), float(sys.argv[2]))
