"""The before-the-dose page of a client not ready, at 1280x800, saved as a picture
(with KAPDESK_SCREENSHOT_DIR=docs: docs/readiness-panel.png, linked from the
README). It must fit: the readiness lines, the held dose button and the reason box
all on screen at once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QScrollArea

from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
from kapdesk.core.clients import ClientDraft
from kapdesk.core.clock import FakeClock
from kapdesk.core.measure_course import FilledBy
from kapdesk.core.screening import Answer
from kapdesk.services import open_services
from tests.helpers.course_records import NOW, TODAY, clear_screening, phq9
from tests.helpers.screenshots import save_screen, screenshot_folder
from tests.helpers.session_window import open_window

SIZE = (1280, 800)


def test_the_readiness_panel_of_a_client_not_ready_fits_1280x800(practice, qtbot,  # noqa: ANN001
                                                                  tmp_path: Path) -> None:
    clock = FakeClock(dt.datetime(2026, 3, 12, 14, 0).timestamp())
    services = open_services(practice, clock)
    client = services.clients.add(ClientDraft("Alex M.", intention="To rest, and to listen."))
    services.screenings.add(clear_screening(client.id, glaucoma=Answer.UNKNOWN), TODAY)
    services.measures.add(client.id, phq9(2, 2, 1, 1, 1, 0, 1, 0, 1), NOW - 600, FilledBy.CLIENT)
    wired = open_window(qtbot, services)
    view = wired.session_flow.start(client.id, KAP_SUBLINGUAL)
    panel = view.pre_dose
    clock.advance(200)
    QTest.keyClick(panel, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(panel.override_edit, "Consent signed on paper this morning")
    view.controller.tick()
    for widget in (panel.readiness.safety, panel.override_edit, panel.go_on_button,
                   panel.dose_button):
        assert widget.isVisible()
        assert panel.rect().contains(widget.mapTo(panel, widget.rect().bottomRight()))
    # The whole safety text on screen at once: the lines' scroll bar not needed.
    scroll = panel.findChild(QScrollArea, "readinessScroll")
    assert not scroll.verticalScrollBar().isVisible()
    assert wired.window.size().toTuple() == SIZE
    save_screen(wired.window, screenshot_folder(tmp_path), "readiness-panel.png")
