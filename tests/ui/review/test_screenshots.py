"""The review screens at 1280x800 with demo-like records, saved as pictures.

With KAPDESK_SCREENSHOT_DIR=docs the README's screenshots are refreshed
(docs/review-history.png, docs/review-timeline.png, docs/review-search.png);
otherwise they go to the test's temporary folder. Look at them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kapdesk.core.clients import ClientDraft
from kapdesk.core.clock import FakeClock
from kapdesk.demo.sessions import seed_past_sessions
from kapdesk.services import open_services
from tests.helpers.practice_builder import DAY, BuildSpec, build_practice
from tests.helpers.screenshots import save_screen, screenshot_folder
from tests.helpers.review_rig import demo_session, settle
from tests.helpers.session_window import open_window

SIZE = (1280, 800)


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    return screenshot_folder(tmp_path)


def save(widget, folder: Path, name: str) -> None:  # noqa: ANN001
    image = save_screen(widget, folder, name)
    assert (image.width(), image.height()) == SIZE, "the window must fit a small laptop screen"


def test_the_review_screens_fit_1280x800(practice, qtbot, shots) -> None:  # noqa: ANN001
    now = dt.datetime(2026, 3, 12, 14, 0).timestamp()
    services = open_services(practice, FakeClock(now))
    names = ("Maya Alvarez", "Jonah Brooks", "Priya Chandra")
    ids = [services.clients.add(ClientDraft(name, pronouns="she/her")).id for name in names]
    seed_past_sessions(practice, ids, now)
    build_practice(practice.engine, BuildSpec(clients=4, sessions_per_client=6, notes_per_session=8,
                                              last_session_before=now - 2 * DAY, seed=11))
    latest = demo_session(practice, ids[0], now - 2 * DAY + 3600, gap_min=5)
    wired = open_window(qtbot, services)
    window = wired.window
    window.resize(*SIZE)
    window.records_button.click()
    area = wired.review.area
    settle(qtbot, area)
    assert area.history.model.rowCount() == 31
    save(window, shots, "review-history.png")

    area.show_session(latest.session_id)
    view = area.session
    view.select(next(m.seq for m in view.record.marks if "cello" in m.text))
    assert "Cello and rain" in view.moment_label.text()
    save(window, shots, "review-timeline.png")

    area.focus_search()
    with qtbot.waitSignal(area.search.searched, timeout=10_000,
                          check_params_cb=lambda results: results.query == "father"):
        qtbot.keyClicks(area.search.box, "father")
    settle(qtbot, area)
    assert area.search.model.rowCount() > 3
    save(window, shots, "review-search.png")
