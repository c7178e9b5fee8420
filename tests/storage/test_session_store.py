"""The session store: durable events, recovery of open sessions, the append-only guarantee."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
from kapdesk.core.clients import ClientDraft
from kapdesk.core.events import EventKind
from kapdesk.core.runner import SessionRunner
from kapdesk.storage.clients import ClientStore
from kapdesk.storage.practice import open_practice
from kapdesk.storage.sessions import SessionStore
from tests.helpers.constants import PASSPHRASE


@pytest.fixture
def running(practice, clock):
    client = ClientStore(practice, clock).add(ClientDraft("R. T."))
    store = SessionStore(practice, clock)
    session_id = store.create(client.id, KAP_SUBLINGUAL)
    runner = SessionRunner(KAP_SUBLINGUAL, clock, store.sink(session_id))
    runner.start(client.id)
    return store, session_id, runner


def test_events_survive_reopening_in_order(running, practice, data_dir, clock):
    store, session_id, runner = running
    clock.advance(90)
    runner.add_note("Settling in, breathing slowly")
    runner.add_tag("water")
    practice.close()
    reopened = open_practice(data_dir, PASSPHRASE)
    try:
        events = SessionStore(reopened, clock).events(session_id)
    finally:
        reopened.close()
    assert [e.kind for e in events] == [EventKind.SESSION_STARTED, EventKind.NOTE, EventKind.TAG]
    assert [e.seq for e in events] == [1, 2, 3]
    assert events[1].data["text"] == "Settling in, breathing slowly"


def test_an_unended_session_is_offered_with_the_time_the_app_was_last_alive(running, clock):
    store, session_id, runner = running
    clock.advance(600)
    store.keep_alive(session_id)
    clock.advance(45)
    [open_session] = store.open_sessions()
    assert open_session.session_id == session_id
    assert open_session.client_name == "R. T."
    assert open_session.down_since == pytest.approx(clock.now() - 45)


def test_an_ended_session_is_not_offered_for_resume(running, clock):
    store, _session_id, runner = running
    clock.advance(60)
    runner.end()
    assert store.open_sessions() == []


def test_a_resumed_runner_continues_the_sequence(running, clock):
    store, session_id, _runner = running
    clock.advance(30)
    resumed = SessionRunner(KAP_SUBLINGUAL, clock, store.sink(session_id), events=store.events(session_id))
    resumed.add_note("after the restart")
    assert [e.seq for e in store.events(session_id)] == [1, 2]


def test_the_log_refuses_edits_and_deletions(running, practice):
    _store, session_id, runner = running
    runner.add_note("original words")
    with practice.engine.begin() as connection, pytest.raises(sa.exc.DatabaseError, match="append-only"):
        connection.exec_driver_sql("UPDATE session_events SET data = '{}' WHERE kind = 'note'")
    with practice.engine.begin() as connection, pytest.raises(sa.exc.DatabaseError, match="append-only"):
        connection.exec_driver_sql("DELETE FROM session_events")


def test_a_signed_session_takes_only_addenda(running, clock):
    store, session_id, runner = running
    clock.advance(60)
    runner.end()
    store.sign(session_id, "Dr. Rivera")
    with pytest.raises(sa.exc.DatabaseError, match="signed session"):
        store.sink(session_id).append(EventKind.NOTE, clock.now(), {"text": "late edit"})
    addendum = store.sink(session_id).append(EventKind.ADDENDUM, clock.now(),
                                             {"text": "Client called: slept well.", "author": "Dr. Rivera"})
    assert addendum.kind is EventKind.ADDENDUM
    assert store.events(session_id)[-1].data["text"] == "Client called: slept well."


def test_a_failed_commit_leaves_the_runner_unchanged(running, practice):
    _store, _session_id, runner = running
    before = runner.events
    practice.engine.dispose()
    with practice.engine.begin() as connection:
        connection.exec_driver_sql("CREATE TRIGGER refuse BEFORE INSERT ON session_events "
                                   "BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    with pytest.raises(sa.exc.DatabaseError):
        runner.add_note("this cannot be stored")
    assert runner.events == before


def test_open_sessions_are_found_through_their_own_index(practice) -> None:  # noqa: ANN001
    import sqlalchemy as sa

    with practice.engine.connect() as connection:
        plan = connection.execute(sa.text(
            "EXPLAIN QUERY PLAN SELECT sessions.id FROM sessions JOIN clients "
            "ON clients.id = sessions.client_id WHERE sessions.ended_at IS NULL "
            "ORDER BY sessions.started_at DESC")).all()
    assert any("ix_sessions_open" in str(row) for row in plan)
