"""A real KAPDesk process whose music is silenced with F1, for the kill -9 test.

    KAPDESK_PASSPHRASE=... python tests/e2e/silence_driver.py DATA_DIR start|resume

Built like session_driver.py: the practice, `Services` and
`build_main_window` on the real clock, offscreen, the music on SDL's dummy
driver. `start` starts a session for the first client, records the dose (the
dissolve music begins), presses F1 in the room and prints `silenced` once the
silence is stored; then it runs until killed. `resume` presses Resume on the
offer the start-up shows, prints `resumed state=<music state> heard=<bool>`,
presses F1 and prints `after_f1 state=... heard=...`, and exits.
"""

from __future__ import annotations

import sys

import pygame
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from room_driver import run_driver, say  # beside this script



def heard(wired) -> str:  # noqa: ANN001
    """What the music is doing and whether any of the player's channels sounds."""
    from kapdesk.audio.pygame_output import PLAYER_CHANNELS

    busy = pygame.mixer.get_init() is not None and any(
        pygame.mixer.Channel(i).get_busy() for i in range(PLAYER_CHANNELS))
    return f"state={wired.music.controller.state.value} heard={busy}"


def start(app: QApplication, wired, services) -> int:  # noqa: ANN001
    from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
    from kapdesk.core.events import EventKind

    client = services.clients.list()[0]
    view = wired.session_flow.start(client.id, KAP_SUBLINGUAL)
    for box in view.pre_dose.checkboxes.values():  # every set-and-setting item ticked
        box.click()
    view.pre_dose.go_on_anyway()  # the client has no course of care recorded: a reason
    view.pre_dose.override_edit.setText("A practice run, no client in the room")
    view.pre_dose.record_dose()
    app.processEvents()  # the room and its music strip on screen
    say(f"playing {heard(wired)}")
    QTest.keyClick(view.room, Qt.Key.Key_F1)
    kinds = [e.kind for e in services.sessions.events(view.session_id)]
    if EventKind.MUSIC_SILENCED in kinds:
        say(f"silenced {heard(wired)}")
    return app.exec()


def resume(app: QApplication, wired) -> int:  # noqa: ANN001
    wired.window.stack.currentWidget().resume_button.click()
    app.processEvents()
    view = wired.session_flow.view
    say(f"resumed {heard(wired)}")
    QTest.keyClick(view.room, Qt.Key.Key_F1)
    say(f"after_f1 {heard(wired)}")
    wired.music.controller.close()
    return 0


if __name__ == "__main__":
    sys.exit(run_driver(sys.argv[1:], start, resume))
