"""A real KAPDesk process that dims the room and acknowledges an alert, for the kill -9 test.

    KAPDESK_PASSPHRASE=... python tests/e2e/room_state_driver.py DATA_DIR start|resume

Built like silence_driver.py: the practice, `Services` and `build_main_window`
on the real clock, offscreen. `start` starts a session for the first client,
ticks the checklist, records the dose, saves a reading at alert level in the
room, acknowledges the alert with F12, presses F9 twice (dimmer) and prints
`ready <room>` once all of it is stored; then it runs until killed. `resume`
presses Resume on the offer the start-up shows, prints `resumed <room>` and
exits. <room> is `dim=<level> veiled=<bool> alert=<bool>`.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from room_driver import run_driver, say  # beside this script



def room_words(room) -> str:  # noqa: ANN001
    return (f"dim={room.dim.level_name} veiled={room.dim.isVisible()} "
            f"alert={room.alert.isVisible()}")


def start(app: QApplication, wired, services) -> int:  # noqa: ANN001
    from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
    from kapdesk.core.events import EventKind

    client = services.clients.list()[0]
    view = wired.session_flow.start(client.id, KAP_SUBLINGUAL)
    for box in view.pre_dose.checkboxes.values():
        box.click()
    view.pre_dose.go_on_anyway()  # the client has no course of care recorded: a reason
    view.pre_dose.override_edit.setText("A practice run, no client in the room")
    view.pre_dose.record_dose()
    app.processEvents()
    room = view.room
    for key, text in zip(("systolic", "diastolic", "heart_rate"), ("186", "112", "96")):
        room.vitals.fields[key].setText(text)
    room.vitals.submit()
    say(f"alert {room_words(room)}")
    QTest.keyClick(room, Qt.Key.Key_F12)
    QTest.keyClick(room, Qt.Key.Key_F9)
    QTest.keyClick(room, Qt.Key.Key_F9)
    kinds = [e.kind for e in services.sessions.events(view.session_id)]
    if EventKind.ALERT_SEEN in kinds and kinds.count(EventKind.DIM_CHANGED) == 2:
        say(f"ready {room_words(room)}")
    return app.exec()


def resume(app: QApplication, wired) -> int:  # noqa: ANN001
    wired.window.stack.currentWidget().resume_button.click()
    app.processEvents()
    say(f"resumed {room_words(wired.session_flow.view.room)}")
    wired.music.controller.close()
    return 0


if __name__ == "__main__":
    sys.exit(run_driver(sys.argv[1:], start, resume))
