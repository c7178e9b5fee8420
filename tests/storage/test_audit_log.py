"""The audit trail in a real encrypted practice: append-only in SQL itself, chained
across reopening, broken by raw edits and named, and the upgrade to it with data."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from kapdesk.core.audit import AuditKind
from kapdesk.core.record_seal import SealState
from kapdesk.services import open_services
from kapdesk.storage import schema
from kapdesk.storage.audit_log import AuditLog
from kapdesk.storage.engine import make_engine
from kapdesk.storage.practice import db_path_in, open_practice
from tests.helpers.constants import PASSPHRASE
from tests.helpers.practice_builder import MIN, add_client, live_session


def _three(audit: AuditLog, clock) -> None:  # noqa: ANN001
    audit.record(AuditKind.UNLOCK)
    clock.advance(60)
    audit.record(AuditKind.CLIENT_OPENED, client_id=1, detail="Maya R.")
    clock.advance(60)
    audit.record(AuditKind.EXPORT, client_id=1, detail="PDF to /home/t/record.pdf")


def test_entries_are_refused_update_and_delete_by_the_database_itself(practice, clock) -> None:
    audit = AuditLog(practice, clock)
    _three(audit, clock)
    for statement in ("UPDATE audit_log SET detail = 'nothing' WHERE id = 2",
                      "DELETE FROM audit_log WHERE id = 3"):
        with pytest.raises(sa.exc.DatabaseError, match="append-only"):
            with practice.engine.begin() as connection:
                connection.exec_driver_sql(statement)
    assert [entry.what for entry in audit.entries()] == [
        "export", "client record opened", "unlocked"]


def test_the_chain_survives_reopening_and_goes_on(practice, clock) -> None:
    _three(AuditLog(practice, clock), clock)
    data_dir = practice.data_dir
    practice.close()
    reopened = open_practice(data_dir, PASSPHRASE)
    try:
        audit = AuditLog(reopened, clock)
        before = audit.head()
        audit.record(AuditKind.SEARCH)
        verdict = audit.verify()
        assert verdict.whole and verdict.count == 4
        assert audit.entries()[0].prev_mac == before and audit.head() == verdict.head
    finally:
        reopened.close()


@pytest.mark.parametrize(("tamper", "problem", "number"), [
    (["UPDATE audit_log SET detail = 'to a printer' WHERE id = 3"], "changed", 3),
    (["DELETE FROM audit_log WHERE id = 2"], "deleted", 3),
    (["UPDATE audit_log SET id = id + 10 WHERE id >= 2",
      "INSERT INTO audit_log (id, at, kind, detail, prev_mac, mac, key_id) "
      "SELECT 2, at, 'unlock', '', mac, 'a forged seal', key_id FROM audit_log WHERE id = 1"], "inserted", 2),
    (["UPDATE audit_log SET id = 100 WHERE id = 2", "UPDATE audit_log SET id = 2 WHERE id = 3",
      "UPDATE audit_log SET id = 3 WHERE id = 100"], "reordered", 2),
])
def test_raw_edits_behind_the_apps_back_are_each_caught(practice, clock, tamper, problem,
                                                        number) -> None:
    audit = AuditLog(practice, clock)
    _three(audit, clock)
    audit.record(AuditKind.BACKUP, detail="to backups/")
    assert audit.verify().whole
    with practice.engine.begin() as connection:
        for table in ("audit_log",):
            connection.exec_driver_sql(f"DROP TRIGGER {table}_no_update")
            connection.exec_driver_sql(f"DROP TRIGGER {table}_no_delete")
        for statement in tamper:
            connection.exec_driver_sql(statement)
    verdict = audit.verify()
    assert (verdict.problem, verdict.broken_at) == (problem, number), verdict.words


def test_an_audit_write_that_fails_leaves_the_action_and_says_so(practice, clock) -> None:
    audit = AuditLog(practice, clock)
    heard = []
    audit.on_unwritten = heard.append
    with practice.engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE audit_log")
    assert audit.record(AuditKind.EXPORT, detail="PDF") is False
    assert heard == audit.unwritten and len(heard) == 1
    assert "“export” was done, but the audit trail could not note it" in heard[0]
    assert "Traceback" not in heard[0] and "sqlite" not in heard[0].lower()


def test_the_upgrade_to_0007_keeps_data_and_seals_what_was_signed(data_dir, clock) -> None:
    engine = make_engine(db_path_in(data_dir), PASSPHRASE)
    schema.upgrade(engine, target="0006")
    with engine.begin() as connection:
        sql = connection.exec_driver_sql
        sql("INSERT INTO clients (display_name, created_at, updated_at) VALUES ('Kept', 1, 1)")
        for session_id, signed in ((1, 500.0), (2, None)):
            sql("INSERT INTO sessions (id, client_id, script_id, script_name, started_at, "
                "ended_at, last_alive_at) VALUES (?, 1, 'standard', 'Standard', 10, 400, 400)",
                (session_id,))
            sql("INSERT INTO session_events (session_id, seq, kind, at, data) "
                "VALUES (?, 1, 'note', 20, '{\"text\": \"kept note\"}')", (session_id,))
            if signed:
                sql("INSERT INTO session_events (session_id, seq, kind, at, data) "
                    "VALUES (?, 2, 'signed', ?, '{\"by\": \"Dr K\"}')", (session_id, signed))
                sql("UPDATE sessions SET signed_at = ?, signed_by = 'Dr K' WHERE id = ?",
                    (signed, session_id))
    engine.dispose()
    practice = open_practice(data_dir, PASSPHRASE, clock=clock)
    try:
        services = open_services(practice, clock)
        assert services.review.session_record(1).seal is SealState.WHOLE
        assert services.review.session_record(2).seal is SealState.NOT_SIGNED
        assert services.review.session_record(1).events[0].data == {"text": "kept note"}
        assert services.audit.verify().whole and services.audit.verify().count == 0
        services.audit.record(AuditKind.UNLOCK)
        assert services.audit.verify().count == 1
    finally:
        practice.close()


def test_a_signed_record_edited_with_its_triggers_dropped_shows_as_altered(practice, clock) -> None:
    services = open_services(practice, clock)
    client = add_client(practice.engine)
    session_id, runner = live_session(practice, clock, client)
    clock.advance(30 * MIN)
    runner.add_note("Calm, eyes closed")
    clock.advance(60 * MIN)
    runner.end()
    services.records.sign(session_id, "Dr. Ana Rivera")
    assert services.review.session_record(session_id).seal is SealState.WHOLE
    assert services.review.altered_sessions() == []

    # What someone with the passphrase and a SQLCipher shell could do.
    import sqlcipher3

    raw = sqlcipher3.connect(str(practice.db_path))
    raw.execute(f"PRAGMA key = '{PASSPHRASE}'")
    raw.execute("DROP TRIGGER session_events_no_update")
    raw.execute("UPDATE session_events SET data = json_set(data, '$.text', 'Agitated') "
                "WHERE session_id = ? AND kind = 'note'", (session_id,))
    raw.commit()
    raw.close()

    record = services.review.session_record(session_id)
    assert record.seal is SealState.ALTERED and record.altered
    assert record.flags[0].label == "ALTERED after signing"
    assert services.review.history()[0].flags[0].label == "ALTERED after signing"
    assert services.review.altered_sessions() == [session_id]
