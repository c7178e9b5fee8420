"""The stores that change records write the audit entry themselves: a signature, an
addendum, a client's details (which fields, never what they say), settings (which keys),
a backup (with the trail's head kept in its note); and what they do stands when the
trail cannot be written."""

from __future__ import annotations

from kapdesk.core.backup_schedule import Trigger
from kapdesk.core.clients import ClientDraft
from kapdesk.core.practice_settings import MUSIC_VOLUME, THERAPIST_NAME
from kapdesk.storage.backup_files import list_backups
from kapdesk.storage.backups import backup_folder
from tests.helpers.practice_builder import MIN, add_client, live_session


def test_signing_and_an_addendum_are_audited_with_their_session(practice, clock, services) -> None:  # noqa: ANN001
    client = add_client(practice.engine)
    session_id, runner = live_session(practice, clock, client)
    clock.advance(60 * MIN)
    runner.end()
    services.records.sign(session_id, "Dr. Ana Rivera")
    services.records.add_addendum(session_id, "Slept well; mild headache next morning.", "Dr. Ana Rivera")
    entries = services.audit.entries()
    assert [(e.what, e.client_id, e.session_id, e.detail) for e in entries] == [
        ("addendum", client, session_id, "by Dr. Ana Rivera"),
        ("signed", client, session_id, "signed by Dr. Ana Rivera")]
    assert not any("headache" in e.detail for e in entries)


def test_client_changes_name_the_fields_never_their_words(services) -> None:  # noqa: ANN001
    added = services.clients.add(ClientDraft("Maya R."))
    services.clients.update(added.id, ClientDraft("Maya R.", notes="Fear of heights"))
    services.clients.set_archived(added.id, True)
    assert [(e.client_id, e.detail) for e in services.audit.entries()] == [
        (added.id, "archived"), (added.id, "notes"), (added.id, "client added")]
    assert not any("heights" in e.detail for e in services.audit.entries())


def test_settings_changed_name_their_keys_and_the_volume_knob_is_not_audited(services) -> None:  # noqa: ANN001
    services.settings.set_many({THERAPIST_NAME: "Dr. Lee", "quick_tags": ["calm"]})
    services.settings.set(THERAPIST_NAME, "Dr. Lee")  # unchanged: nothing to note
    services.settings.set(MUSIC_VOLUME, 0.4)
    assert [(e.what, e.detail) for e in services.audit.entries()] == [
        ("settings changed", "quick_tags, therapist_name")]


def test_a_backup_is_audited_keeps_the_trails_head_and_does_not_call_for_another(
        practice, services) -> None:  # noqa: ANN001
    services.clients.add(ClientDraft("Maya R."))
    head = services.audit.head()
    report = services.backups.back_up()
    assert report.backup.checked and report.backup.counts.audit_head == head
    [noted] = list_backups(backup_folder(practice.data_dir))
    assert noted.counts.audit_head == head  # kept in the backup's note
    newest = services.audit.entries()[0]
    assert newest.what == "backup made" and head[:12] in newest.detail
    assert not services.backups.due(Trigger.QUIT)  # its own entry is not a change to back up


def test_an_action_stands_when_its_audit_entry_cannot_be_written(practice, services) -> None:  # noqa: ANN001
    with practice.engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE audit_log")
    added = services.clients.add(ClientDraft("Maya R."))
    assert services.clients.get(added.id).display_name == "Maya R."
    assert len(services.audit.unwritten) == 1
    assert services.audit.unwritten[0].endswith("Nothing else was affected.")
