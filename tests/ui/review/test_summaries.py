"""Session summaries are stored in the background, so the history opens from one query."""

from __future__ import annotations

import sqlalchemy as sa

from kapdesk.app import build_main_window
from kapdesk.core.clients import ClientDraft
from kapdesk.demo.sessions import seed_past_sessions
from kapdesk.services import open_services
from kapdesk.storage.tables import session_summaries


def _stored_summaries(practice) -> int:  # noqa: ANN001
    with practice.engine.connect() as connection:
        return connection.execute(sa.select(sa.func.count()).select_from(session_summaries)).scalar()


def test_a_closed_session_has_every_missing_summary_stored_off_the_gui_thread(qtbot, practice, clock):  # noqa: ANN001
    services = open_services(practice, clock)
    client = services.clients.add(ClientDraft("Alex M."))
    seed_past_sessions(practice, [client.id], clock.now())  # two ended sessions, no summaries yet
    assert _stored_summaries(practice) == 0
    wired = build_main_window(services, demo=False)
    window = wired.window
    qtbot.addWidget(window)
    wired.session_flow.session_closed.emit()
    wired.summaries.wait(timeout=10)
    assert _stored_summaries(practice) == 2


def test_the_start_up_pass_waits_for_a_session_on_screen_to_close(qtbot, practice, clock):  # noqa: ANN001
    from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL

    services = open_services(practice, clock)
    client = services.clients.add(ClientDraft("Alex M."))
    seed_past_sessions(practice, [client.id], clock.now())
    wired = build_main_window(services, demo=False)
    window = wired.window
    qtbot.addWidget(window)
    view = wired.session_flow.start(client.id, KAP_SUBLINGUAL)
    wired.summaries.after_start_up()  # the start-up timer's moment, a session running
    wired.summaries.wait(timeout=10)
    assert _stored_summaries(practice) == 0
    view.controller.end()
    wired.summaries.wait(timeout=10)
    assert _stored_summaries(practice) == 3  # the two earlier ones and this one
    seed_past_sessions(practice, [client.id], clock.now())  # two more, without summaries
    wired.summaries.after_start_up()  # with no session on screen it runs
    wired.summaries.wait(timeout=10)
    assert _stored_summaries(practice) == 5
