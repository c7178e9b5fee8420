"""The schema: built from nothing, upgraded from the previous revision with data and a backup,
and a practice from a newer KAPDesk refused untouched."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from kapdesk.core.clients import ClientDraft
from kapdesk.storage import schema
from kapdesk.storage.clients import ClientStore
from kapdesk.storage.engine import make_engine
from kapdesk.storage.errors import NewerPractice
from kapdesk.storage.models import Base
from kapdesk.storage.practice import BACKUP_DIR, backup_practice, db_path_in, open_practice
from tests.helpers.constants import PASSPHRASE
from tests.helpers.filesnap import plaintext_hits, snapshot

MARKER = "ZQ-MIGRATION-PROBE"


def _stored_revision(practice) -> str | None:  # noqa: ANN001
    with practice.engine.connect() as connection:
        return schema.stored_revision(connection)


def test_known_revisions_match_the_migration_scripts_in_order() -> None:
    config = Config()
    config.set_main_option("script_location", str(schema.MIGRATIONS_DIR))
    scripts = ScriptDirectory.from_config(config)
    in_order = tuple(reversed([script.revision for script in scripts.walk_revisions()]))
    assert schema.KNOWN_REVISIONS == in_order
    assert scripts.get_heads() == [schema.HEAD]


def test_a_new_practice_is_at_head_and_matches_the_models(practice) -> None:
    assert _stored_revision(practice) == schema.HEAD
    with practice.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    # The full-text indexes are created by hand (FTS5); they have no model.
    differences = [d for d in differences
                   if not (d[0] == "remove_table"
                           and d[1].name.startswith(("search_index", "course_search_index")))]
    assert differences == []


def test_opening_a_current_practice_takes_no_backup(practice) -> None:
    practice.close()
    open_practice(practice.data_dir, PASSPHRASE).close()
    assert not (practice.data_dir / BACKUP_DIR).exists()


# 0002 is the first revision with sessions; the one before head is what a user upgrading
# from the last release has.
STARTS = sorted({"0002", schema.KNOWN_REVISIONS[-2]})


@pytest.mark.parametrize("previous", STARTS)
def test_upgrade_from_an_earlier_revision_keeps_data_and_backs_up_encrypted(data_dir, clock, previous) -> None:  # noqa: ANN001
    engine = make_engine(db_path_in(data_dir), PASSPHRASE)
    schema.upgrade(engine, target=previous)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO clients (display_name, pronouns, notes, created_at, updated_at) "
            "VALUES (?, 'she/her', 'kept notes', 10.0, 10.0)", (MARKER,))
        connection.exec_driver_sql(
            "INSERT INTO sessions (client_id, script_id, script_name, started_at, last_alive_at) "
            "VALUES (1, 'standard', 'Standard', 20.0, 20.0)")
        assert schema.stored_revision(connection) == previous
    engine.dispose()

    practice = open_practice(data_dir, PASSPHRASE, clock=clock)
    try:
        assert _stored_revision(practice) == schema.HEAD
        [client] = ClientStore(practice, clock).list()
        assert (client.display_name, client.draft.pronouns, client.draft.notes) == (MARKER, "she/her", "kept notes")
        assert client.draft.music_likes == ""  # a column added by 0003, with its default
        with practice.engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT client_id FROM sessions").scalar() == 1
    finally:
        practice.close()

    backups = list((data_dir / BACKUP_DIR).glob("*.kapdesk"))  # each with its note beside it
    assert len(backups) == 1
    assert backups[0].name == f"practice-20260101-000000-schema{previous}.kapdesk"  # the clock's time
    assert plaintext_hits(data_dir, [MARKER]) == []
    # The backup is a whole practice at the old revision, opened by the same passphrase.
    restored = make_engine(backups[0], PASSPHRASE)
    try:
        with restored.connect() as connection:
            assert schema.stored_revision(connection) == previous
            assert connection.exec_driver_sql("SELECT display_name FROM clients").scalar() == MARKER
    finally:
        restored.dispose()


def test_a_backup_is_named_after_the_injected_clock_in_utc(practice, clock) -> None:  # noqa: ANN001
    clock.advance(3 * 3600 + 25 * 60 + 7)  # 2026-01-01 03:25:07 UTC
    first = backup_practice(practice.engine, practice.data_dir, clock)
    assert first.name == f"practice-20260101-032507-schema{schema.HEAD}.kapdesk"
    clock.advance(86_400)
    second = backup_practice(practice.engine, practice.data_dir, clock)
    assert second.name == f"practice-20260102-032507-schema{schema.HEAD}.kapdesk"
    assert sorted(path.name for path in (practice.data_dir / BACKUP_DIR).glob("*.kapdesk")) == [
        first.name, second.name]


def test_a_practice_from_a_newer_kapdesk_is_refused_untouched(practice, clock) -> None:
    ClientStore(practice, clock).add(ClientDraft("Kept as is"))
    with practice.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    practice.close()
    before = snapshot(practice.data_dir)
    with pytest.raises(NewerPractice) as caught:
        open_practice(practice.data_dir, PASSPHRASE)
    message = str(caught.value)
    assert "newer version of KAPDesk" in message
    assert str(practice.db_path) in message
    assert "not been changed" in message
    assert snapshot(practice.data_dir) == before
    assert not (practice.data_dir / BACKUP_DIR).exists()


def test_a_practice_at_0005_with_sessions_gains_the_course_and_loses_nothing(data_dir, clock) -> None:  # noqa: ANN001
    import datetime as dt

    from kapdesk.core.measure_course import FilledBy
    from kapdesk.core.measures import MeasureKind, score
    from kapdesk.services import open_services

    engine = make_engine(db_path_in(data_dir), PASSPHRASE)
    schema.upgrade(engine, target="0005")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO clients (display_name, created_at, updated_at) VALUES (?, 10.0, 10.0)",
            (MARKER,))
        connection.exec_driver_sql(
            "INSERT INTO sessions (client_id, script_id, script_name, started_at, last_alive_at, "
            "ended_at) VALUES (1, 'standard', 'Standard', 20.0, 30.0, 30.0)")
        connection.exec_driver_sql(
            "INSERT INTO session_events (session_id, seq, kind, at, data) "
            "VALUES (1, 1, 'note', 21.0, '{\"text\": \"calm and settled\"}')")
    engine.dispose()

    practice = open_practice(data_dir, PASSPHRASE, clock=clock)
    try:
        services = open_services(practice, clock)
        assert [e.data["text"] for e in services.sessions.events(1)] == ["calm and settled"]
        assert [hit.session_id for hit in services.search.search("settled").hits] == [1]
        record = services.measures.add(1, score(MeasureKind.GAD7, [0] * 7), 40.0, FilledBy.PAPER)
        assert services.course.course(1).measures == (record,)
        assert services.course.readiness_for(1, dt.date(2026, 1, 1)).words.startswith("Not ready")
    finally:
        practice.close()


def test_the_backup_before_an_upgrade_is_checked_and_listed_like_the_others(data_dir, clock) -> None:  # noqa: ANN001
    from kapdesk.storage.backup_files import BEFORE_UPGRADE, CHECKED, list_backups

    engine = make_engine(db_path_in(data_dir), PASSPHRASE)
    schema.upgrade(engine, target=STARTS[-1])
    engine.dispose()
    open_practice(data_dir, PASSPHRASE, clock=clock).close()
    [info] = list_backups(data_dir / BACKUP_DIR)
    assert (info.status, info.kind) == (CHECKED, BEFORE_UPGRADE)
    assert info.counts is not None and info.counts.schema == STARTS[-1]


def test_an_upgrade_whose_backup_fails_its_check_does_not_happen(data_dir, clock, monkeypatch) -> None:  # noqa: ANN001
    from kapdesk.storage import backups
    from kapdesk.storage.backup_check import CopyProblem
    from kapdesk.storage.backup_files import FAILED, list_backups
    from kapdesk.storage.errors import DamagedPractice

    engine = make_engine(db_path_in(data_dir), PASSPHRASE)
    schema.upgrade(engine, target=STARTS[-1])
    engine.dispose()

    def fails(*_args, **_kwargs):  # noqa: ANN002, ANN003, ANN202 - as a copy on a failing disk
        raise CopyProblem("the encryption check found 1 damaged page")

    monkeypatch.setattr(backups, "check_copy", fails)
    with pytest.raises(DamagedPractice, match="did not pass its check"):
        open_practice(data_dir, PASSPHRASE, clock=clock)
    monkeypatch.undo()
    [info] = list_backups(data_dir / BACKUP_DIR)
    assert info.status == FAILED
    engine = make_engine(db_path_in(data_dir), PASSPHRASE)
    try:
        with engine.connect() as connection:
            assert schema.stored_revision(connection) == STARTS[-1]  # not upgraded
    finally:
        engine.dispose()
