"""The session screens at 1280x800 with a realistic session, saved as pictures.

They must fit a small laptop screen without clipping. Look at the pictures:
with KAPDESK_SCREENSHOT_DIR=docs the README's screenshots are refreshed
(docs/pre-dose.png, docs/room-view.png, docs/room-view-dimmed.png,
docs/debrief.png, docs/discharge.png, docs/room-alert-and-end.png); otherwise they go to the test's
temporary folder.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kapdesk.core.builtin_scripts import ESKETAMINE, KAP_SUBLINGUAL
from kapdesk.core.clients import ClientDraft
from kapdesk.core.clock import FakeClock
from kapdesk.core.vitals import VitalsReading
from kapdesk.services import open_services
from tests.helpers.course_records import everything_ready
from tests.helpers.screenshots import save_screen, screenshot_folder
from tests.helpers.session_window import fill_vitals, open_window

SIZE = (1280, 800)
MIN = 60


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    return screenshot_folder(tmp_path)



def test_the_session_screens_fit_1280x800(practice, qtbot, shots) -> None:  # noqa: ANN001
    clock = FakeClock(dt.datetime(2026, 3, 12, 14, 0).timestamp())
    services = open_services(practice, clock)
    client = services.clients.add(ClientDraft(
        "Alex M.", intention="To meet the grief for my father gently, and let my body rest."))
    everything_ready(services, client.id)
    wired = open_window(qtbot, services)
    window = wired.window
    view = wired.session_flow.start(client.id, KAP_SUBLINGUAL)
    pre = view.pre_dose
    clock.advance(3 * MIN + 20)
    fill_vitals(pre.vitals, "126", "82", "70", "98")
    pre.vitals.submit()
    for item in ("Eye mask ready", "Music ready", "Phones silenced"):
        pre.checkboxes[item].click()
    view.controller.tick()
    assert window.size().toTuple() == SIZE
    assert save_screen(window, shots, "pre-dose.png").size().toTuple() == SIZE
    clock.advance(2 * MIN)
    pre.checkboxes["Ride home arranged"].click()
    pre.record_dose()
    room = view.room
    for minutes, note in ((4, "Lying down, eye mask on, blanket"), (19, "Breathing slower, hands open"),
                          (31, "Smiled; said “like floating in warm water”")):
        clock.advance(minutes * MIN - (clock.now() - view.controller.state().dose_at))
        room.note_edit.setText(note)
        room.save_note()
    room.tags.buttons[1].click()
    clock.advance(10 * MIN + 7)
    view.controller.tick()
    assert "40-minute BP" in room.reminders.first_card().title.text()
    assert window.size().toTuple() == SIZE and room.minimumSizeHint().height() <= SIZE[1]
    save_screen(window, shots, "room-view.png")
    room.dim.cycle()
    save_screen(window, shots, "room-view-dimmed.png")
    room.dim.clear()
    view.show_debrief()
    save_screen(window, shots, "debrief.png")
    view.show_discharge()
    save_screen(window, shots, "discharge.png")


def test_a_crowded_room_still_fits_800_pixels(practice, qtbot, shots) -> None:  # noqa: ANN001
    """Two reminders, a safety alert and the end question all at once."""
    clock = FakeClock(dt.datetime(2026, 3, 12, 9, 30).timestamp())
    services = open_services(practice, clock)
    client = services.clients.add(ClientDraft("Jordan P."))
    wired = open_window(qtbot, services)
    window = wired.window
    view = wired.session_flow.start(client.id, ESKETAMINE)
    view.show_room()
    clock.advance(16 * MIN)  # pre-dose BP overdue, pulse oximeter due
    view.controller.tick()
    room = view.room
    assert len(room.reminders.cards) == 2
    room.controller.record_vitals(VitalsReading(186, 112, 96))
    room.end_button.click()
    assert room.alert.isVisible() and room.confirm.isVisible()
    assert window.size().toTuple() == SIZE
    # The alert under the client's name and the phase strip, the question under the music.
    assert room.alert.geometry().top() >= room.strip.geometry().bottom()
    assert room.confirm.geometry().top() >= room.music_slot.geometry().bottom()
    save_screen(window, shots, "room-alert-and-end.png")
    # End stays where it was, under the question: a double click on End cancels.
    assert room.confirm.geometry().bottom() < room.end_button.geometry().top()
    room.end_button.click()
    assert not room.confirm.isVisible()
