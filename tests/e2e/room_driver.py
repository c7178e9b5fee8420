"""What the kill -9 drivers share: the app's window on a practice, then `start` or `resume`.

A driver script (silence_driver.py, room_state_driver.py) gives its own
`start(app, wired, services)` and `resume(app, wired)`; `run_driver` opens
the practice named on the command line with KAPDESK_PASSPHRASE, builds the
app's own main window on the real clock, offscreen (`wired`, the app's
`WiredWindow`), and calls the one the command line asks for.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication


def say(line: str) -> None:
    print(line, flush=True)


def run_driver(argv: list[str], start: Callable[..., int], resume: Callable[..., int]) -> int:
    from kapdesk.app import build_main_window
    from kapdesk.services import open_services
    from kapdesk.storage.practice import open_practice

    app = QApplication.instance() or QApplication([sys.argv[0]])
    practice = open_practice(Path(argv[0]), os.environ["KAPDESK_PASSPHRASE"])
    services = open_services(practice)
    wired = build_main_window(services, demo=False)
    wired.window.resize(1280, 800)
    wired.window.show()
    try:
        return start(app, wired, services) if argv[1] == "start" else resume(app, wired)
    finally:
        practice.close()
