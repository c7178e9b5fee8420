"""KAPDesk's main window on a practice, with the laptop handed to a client at once.

The real-display test of client mode (test_client_mode.py) starts this as
its app: `python tests/desktop/client_mode_app.py --data-dir DIR --client N
--kind phq9`, with KAPDESK_PASSPHRASE set. It opens the practice and builds
the app's own wired main window exactly as the app does, shows it, then
calls `ClientMode.hand_to_client` as the client's page will (the page's
button is another part of issue 12), with the practice's own passphrase
check on the app's task runner. When the call returns it prints
"hand_to_client returned True|False" and the words the app shows, and the
main window stays up, as after any hand-over.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--client", type=int, default=1)
    parser.add_argument("--kind", default="phq9")
    args = parser.parse_args()

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kapdesk.app import build_main_window
    from kapdesk.core.measures import MeasureKind
    from kapdesk.services import open_services
    from kapdesk.storage.practice import open_practice
    from kapdesk.ui.client_mode.hand_over import ClientMode
    from kapdesk.ui.common.theme import style_sheet

    app = QApplication(sys.argv[:1])
    app.setStyleSheet(style_sheet())
    practice = open_practice(args.data_dir, os.environ["KAPDESK_PASSPHRASE"])
    services = open_services(practice)
    wired = build_main_window(services, demo=False)
    mode = ClientMode(services, wired.window, wired.tasks, parent=wired.window)

    def hand_over() -> None:
        returned = mode.hand_to_client(args.client, MeasureKind(args.kind))
        print(f"hand_to_client returned {returned}", flush=True)
        print(mode.outcome, flush=True)

    wired.window.show()
    QTimer.singleShot(300, hand_over)  # once the main window is up, as after a click on it
    code = app.exec()
    wired.tasks.shut_down()
    practice.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
