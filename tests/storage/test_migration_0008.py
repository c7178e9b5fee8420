"""An old practice (schema 0007: clients with signed dosing sessions, notes, no course
of care around them) upgraded to the talk sessions and due items of 0008: every client,
session, event and signature kept as it was, the search still finding the old notes,
and the course working at once on the old doses."""

from __future__ import annotations

from kapdesk.core.course_due import DueKind
from kapdesk.core.talk_sessions import TalkKind, TalkSession
from kapdesk.services import open_services
from kapdesk.storage import schema
from kapdesk.storage.engine import make_engine
from kapdesk.storage.practice import BACKUP_DIR, db_path_in, open_practice
from tests.helpers.constants import PASSPHRASE
from tests.helpers.practice_builder import BuildSpec, build_practice

TABLES = ("clients", "sessions", "session_events", "session_summaries")


def everything(connection) -> dict[str, list[tuple]]:  # noqa: ANN001
    names = {row[0] for row in connection.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {table: [tuple(row) for row in connection.exec_driver_sql(
        f"SELECT * FROM {table} ORDER BY rowid")] for table in TABLES if table in names}  # noqa: S608


def test_a_practice_at_0007_with_sessions_keeps_everything_and_owes_after_its_doses(data_dir, clock) -> None:  # noqa: ANN001
    engine = make_engine(db_path_in(data_dir), PASSPHRASE)
    schema.upgrade(engine, target="0007")
    built = build_practice(engine, BuildSpec(clients=3, sessions_per_client=3, notes_per_session=2,
                                             music=False))
    with engine.connect() as connection:
        before = everything(connection)
        note = connection.exec_driver_sql(
            "SELECT json_extract(data, '$.text') FROM session_events WHERE kind = 'note' "
            "ORDER BY rowid LIMIT 1").scalar()
    engine.dispose()
    assert len(before["sessions"]) == 9 and note

    practice = open_practice(data_dir, PASSPHRASE, clock=clock)
    try:
        with practice.engine.connect() as connection:
            assert schema.stored_revision(connection) == schema.HEAD
            assert everything(connection) == before  # row for row, nothing changed
        services = open_services(practice, clock)
        assert built.session_ids[0] in [hit.session_id for hit in
                                        services.search.search(note.split()[0]).hits]
        owed = services.due.open_items()
        latest = {sessions[-1] for sessions in built.sessions_by_client.values()}
        assert {(e.item.session_id, e.item.kind) for e in owed} >= {
            (session_id, kind) for session_id in latest for kind in DueKind}
        client_id, session_id = built.client_ids[0], built.sessions_by_client[built.client_ids[0]][-1]
        services.talks.add(TalkSession(client_id, TalkKind.INTEGRATION, clock.now(), 50,
                                       {"plan": "the heron at the pond"},
                                       after_dose_session=session_id))
        assert (session_id, DueKind.INTEGRATION) not in {(e.item.session_id, e.item.kind)
                                                         for e in services.due.open_items()}
        assert [hit.client_id for hit in services.course_search.search("heron")] == [client_id]
    finally:
        practice.close()
    assert [p.name for p in (data_dir / BACKUP_DIR).glob("*.kapdesk")] == [
        "practice-20260101-000000-schema0007.kapdesk"]
