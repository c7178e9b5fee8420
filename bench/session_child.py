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


def main(data_dir: Path, seconds: float) -> None:
    from kapdesk.app import Services, build_main_window
    from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
    from kapdesk.core.clients import ClientDraft
    from kapdesk.storage.practice import create_practice
    from kapdesk.ui.theme import style_sheet

    app = QApplication([sys.argv[0]])
    app.setStyleSheet(style_sheet())
    practice = create_practice(data_dir, os.environ["KAPDESK_PASSPHRASE"])
    services = Services(practice)
    client = services.clients.add(ClientDraft("Bench client"))
    window = build_main_window(services, demo=False)
    window.resize(1280, 800)
    window.show()
    window.session_flow.start(client.id, KAP_SUBLINGUAL).show_room()
    measure(app, seconds)
    practice.close()


def measure(app: QApplication, seconds: float) -> None:
    """Run the event loop for `seconds` and print the CPU time it used."""
    started = time.process_time()
    QTimer.singleShot(int(seconds * 1000), app.quit)
    app.exec()
    print(f"cpu_s={time.process_time() - started:.4f}", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), float(sys.argv[2]))
