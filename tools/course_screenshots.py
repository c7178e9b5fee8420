"""Screenshots of the course of care, made offscreen, for docs/ and for looking.

    .venv/bin/python tools/course_screenshots.py [--out docs]

Writes course-of-care.png (the demo's A. M.: the course at a glance with her
doses and her PHQ-9's and GAD-7's lanes, what she is owed, the keys),
due-list.png (the main window with What is due across the demo practice,
overdue first) and grounding.png (the 5-4-3-2-1 grounding screen over a
running session, the room at its dimmest). A throwaway practice in a
temporary folder; no screen needed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from kapdesk.app import build_demo_content, build_main_window  # noqa: E402
from kapdesk.services import open_services  # noqa: E402
from tools.shots import demo_client_page, make_pictures, scratch_practice, shoot  # noqa: E402


def course_of_care(out: Path) -> None:
    with demo_client_page() as page:
        shoot(page.course_card, out / "course-of-care.png")


def due_list(out: Path) -> None:
    with scratch_practice() as practice:
        services = open_services(practice)
        build_demo_content(services)
        wired = build_main_window(services, demo=False)
        wired.window.resize(1280, 800)
        shoot(wired.window, out / "due-list.png")
        wired.window.close()


def grounding(out: Path) -> None:
    """A session in the journey, the room dimmed to its darkest, grounding at its third step."""
    from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
    from kapdesk.core.clients import ClientDraft
    from kapdesk.core.clock import FakeClock

    with scratch_practice() as practice:
        clock = FakeClock()
        services = open_services(practice, clock)
        wired = build_main_window(services, demo=False)
        wired.window.resize(1280, 800)
        wired.window.show()  # laid out first: the veil and the grounding screen follow its size
        QApplication.processEvents()
        client = services.clients.add(ClientDraft("Alex M.", intention="To rest and let go."))
        view = wired.session_flow.start(client.id, KAP_SUBLINGUAL)
        clock.advance(120)
        for box in view.pre_dose.checkboxes.values():
            box.setChecked(True)
        view.pre_dose.go_on_anyway()  # no course of care recorded: the dose needs a reason
        view.pre_dose.override_edit.setText("A practice run for the pictures")
        view.pre_dose.record_dose()
        clock.advance(25 * 60)  # well into the journey
        view.controller.tick()
        room = view.room
        while room.dim.next_level_name != "off":  # F9 to the darkest the room goes
            room.dim_button.click()
        room.toggle_grounding()
        QApplication.processEvents()
        for _ in range(2):  # Space, Space: "Notice three things you can feel"
            QTest.keyClick(room.grounding, Qt.Key.Key_Space)
        shoot(wired.window, out / "grounding.png")
        wired.music.controller.close()
        wired.window.close()


def main() -> None:
    make_pictures(__doc__.splitlines()[0], course_of_care, due_list, grounding)


if __name__ == "__main__":
    main()
