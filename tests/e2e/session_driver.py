"""A real KAPDesk process with a session running, for the kill -9 recovery test.

    KAPDESK_PASSPHRASE=... python tests/e2e/session_driver.py DATA_DIR LABEL [--check]

It builds the app's own pieces on the real clock: the practice, `Services`,
`build_main_window` (whose start-up offers to resume an open session — the
same code path as the app), the session flow and the room view, offscreen.
If a session is open it is resumed through the offer's Resume button;
otherwise a new one is started for the practice's first client.

On opening it prints what the resumed screen shows:
    opened elapsed=<s> first_at=<epoch> wall=<epoch> clock=<the room's clock line>
    shown <note text>        (every note line in the room's log)
    gap <log line>           (every app-down gap in the log)
    ready
Then, unless --check, it types notes into the real note field, one per timer
shot, and prints `committed <text>` only once the note's line is in the log,
which the log only shows after the commit returned. It runs until killed.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

NOTE_PREFIX = "note "
TYPE_EVERY_MS = 10


def say(line: str) -> None:
    print(line, flush=True)


def open_session(wired, services):  # noqa: ANN001, ANN201
    """Resume through the offer the app shows at start-up, or start a new session."""
    from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
    from kapdesk.ui.session.resume import ResumeOffer

    offer = wired.window.stack.currentWidget()
    if isinstance(offer, ResumeOffer):
        offer.resume_button.click()
        return wired.session_flow.view
    client = services.clients.list()[0]
    view = wired.session_flow.start(client.id, KAP_SUBLINGUAL)
    view.show_room()
    return view


def report_opened(view) -> None:  # noqa: ANN001
    state = view.controller.state()
    first_at = view.controller.runner.events[0].at
    say(f"opened elapsed={state.session_elapsed_s:.3f} first_at={first_at:.3f} "
        f"wall={time.time():.3f} clock={view.room.face.clocks.text()}")
    for text in view.room.log.texts():
        if NOTE_PREFIX in text:
            say("shown " + text[text.index(NOTE_PREFIX):])
        if "Gap — " in text:  # the gap line, worded as Records words it
            say("gap " + text)
    say("ready")


class NoteTyper:
    """Types numbered notes into the room's note field, as fast as the timer allows."""

    def __init__(self, room, label: str) -> None:  # noqa: ANN001
        self.room, self.label, self.count = room, label, 0
        self.timer = QTimer(room)
        self.timer.setObjectName("driverNoteTyper")
        self.timer.setInterval(TYPE_EVERY_MS)
        self.timer.timeout.connect(self.type_one)

    def type_one(self) -> None:
        self.count += 1
        text = f"{NOTE_PREFIX}{self.label}-{self.count}"
        self.room.note_edit.setText(text)
        QTest.keyClick(self.room.note_edit, Qt.Key.Key_Return)
        if self.room.log.texts()[-1].endswith(text):
            say(f"committed {text}")


def main(argv: list[str]) -> int:
    from kapdesk.app import build_main_window
    from kapdesk.services import open_services
    from kapdesk.storage.practice import open_practice

    data_dir, label, check = Path(argv[0]), argv[1], "--check" in argv
    app = QApplication.instance() or QApplication([sys.argv[0]])
    practice = open_practice(data_dir, os.environ["KAPDESK_PASSPHRASE"])
    services = open_services(practice)
    wired = build_main_window(services, demo=False)
    wired.window.resize(1280, 800)
    wired.window.show()
    view = open_session(wired, services)
    report_opened(view)
    if check:
        practice.close()
        return 0
    typer = NoteTyper(view.room, label)
    typer.timer.start()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
