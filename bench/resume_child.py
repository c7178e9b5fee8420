"""Child of bench/resume.py: the app's own start-up, then resume (or a new session).

    KAPDESK_PASSPHRASE=... python bench/resume_child.py DATA_DIR resume|new

Runs `kapdesk.app.run` on DATA_DIR as `main.py --data-dir DATA_DIR` would,
offscreen, and watches the screens from outside the app (an application-wide
event filter, and the wired window kept as `finish_main_window` returns it;
no change to the app):
- `resume`: when the resume offer first paints, its Resume button is pressed;
- `new`: once the window is fully wired, a session is started for the first
  client (what the chooser's Start calls) and its room shown.
Then, when the room first paints, F2 is pressed (again each turn of the event
loop until it answers); the room has answered once the note field has the
focus. Prints `opened_ms=` (press to answer) and exits.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

GIVE_UP_MS = 120_000


class Watcher(QObject):
    """Presses what a person would, as soon as it is on screen, and times the answer."""

    def __init__(self, app: QApplication, mode: str) -> None:
        super().__init__()
        self.app, self.mode = app, mode
        self.pressed_at: float | None = None
        self.room_seen = False
        self.wired = None  # the app's WiredWindow, once finish_main_window has run
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() != QEvent.Type.Paint or not isinstance(watched, QWidget):
            return False
        name = watched.objectName()
        if self.pressed_at is None:
            if self.mode == "resume" and name == "resumeOffer":
                self.pressed_at = -1.0
                QTimer.singleShot(0, lambda: self.press_resume(watched))
            elif self.mode == "new":
                self.pressed_at = -1.0
                QTimer.singleShot(0, self.start_new)
        elif name == "roomView" and not self.room_seen:
            self.room_seen = True
            QTimer.singleShot(0, lambda: self.answer(watched))
        return False

    def press_resume(self, offer: QWidget) -> None:
        self.pressed_at = time.perf_counter()
        offer.resume_button.click()

    def start_new(self) -> None:
        if self.wired is None:  # the fast start-up wires sessions just after the first paint
            QTimer.singleShot(1, self.start_new)
            return
        from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL

        client = self.wired.clients_view.current_client()  # the first, selected at start
        self.pressed_at = time.perf_counter()
        self.wired.session_flow.start(client.id, KAP_SUBLINGUAL).show_room()

    def answer(self, room: QWidget) -> None:
        QTest.keyClick(room.window(), Qt.Key.Key_F2)
        if QApplication.focusWidget() is not room.note_edit:
            # Not answering yet (keys held back while the room is being built):
            # press again on the next turn; the wait counts.
            if (time.perf_counter() - self.pressed_at) * 1000 > GIVE_UP_MS:
                raise SystemExit("the room never answered F2")
            QTimer.singleShot(1, lambda: self.answer(room))
            return
        print(f"opened_ms={(time.perf_counter() - self.pressed_at) * 1000:.1f}", flush=True)
        self.app.exit(0)


def main(data_dir: Path, mode: str) -> int:
    import os

    from kapdesk import app as app_module
    from kapdesk.app import parse_args, run

    app = QApplication([sys.argv[0]])
    watcher = Watcher(app, mode)
    finish = app_module.finish_main_window

    def finishing(first, services):  # noqa: ANN001, ANN202
        watcher.wired = finish(first, services)
        return watcher.wired

    app_module.finish_main_window = finishing
    QTimer.singleShot(GIVE_UP_MS, lambda: app.exit(3))
    code = run(parse_args(["--data-dir", str(data_dir)]), os.environ["KAPDESK_PASSPHRASE"])
    del watcher
    return code


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2]))
