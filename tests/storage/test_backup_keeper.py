"""The open practice's backup keeper: due only when something was written, made and remembered."""

from __future__ import annotations

from kapdesk.core.backup_schedule import INTERVAL_S, Trigger
from kapdesk.core.clients import ClientDraft
from kapdesk.services import open_services
from kapdesk.storage.backup_files import CHECKED


def test_nothing_written_since_opening_needs_no_backup_but_a_closed_session_does(practice, clock) -> None:  # noqa: ANN001
    keeper = open_services(practice, clock).backups
    assert not keeper.due(Trigger.QUIT)
    assert not keeper.due(Trigger.TIMER)
    assert keeper.due(Trigger.SESSION_CLOSED)


def test_a_write_makes_a_backup_due_and_a_backup_makes_it_wait_for_the_next_write_and_30_minutes(
        practice, clock) -> None:  # noqa: ANN001
    services = open_services(practice, clock)
    keeper = services.backups
    services.clients.add(ClientDraft("A. M."))
    assert keeper.due(Trigger.QUIT) and keeper.due(Trigger.TIMER)  # never backed up yet
    report = keeper.back_up()
    assert report.backup.status == CHECKED
    assert keeper.backups() == [report.backup]
    assert not keeper.due(Trigger.QUIT) and not keeper.due(Trigger.TIMER)
    services.clients.add(ClientDraft("R. T."))
    assert keeper.due(Trigger.QUIT)
    assert not keeper.due(Trigger.TIMER)
    clock.advance(INTERVAL_S)
    assert keeper.due(Trigger.TIMER)
    assert not keeper.due(Trigger.TIMER, session_running=True, phase_kind="journey")
    assert keeper.due(Trigger.TIMER, session_running=True, phase_kind="debrief")


def test_what_is_written_during_a_backup_makes_the_next_one_due(practice, clock) -> None:  # noqa: ANN001
    services = open_services(practice, clock)
    services.clients.add(ClientDraft("A. M."))
    written = []

    def write_meanwhile(_done: int, _total: int) -> None:
        if not written:
            written.append(services.clients.add(ClientDraft("Written during the copy")))

    report = services.backups.back_up(progress=write_meanwhile)
    assert report.backup.counts.clients == 1
    assert services.backups.due(Trigger.QUIT)


def test_a_keeper_opened_later_knows_the_last_backup_from_the_list(practice, clock) -> None:  # noqa: ANN001
    services = open_services(practice, clock)
    services.clients.add(ClientDraft("A. M."))
    services.backups.back_up()
    later = open_services(practice, clock).backups
    services.clients.add(ClientDraft("R. T."))
    clock.advance(INTERVAL_S - 1)
    assert not later.due(Trigger.TIMER)
    clock.advance(1)
    assert later.due(Trigger.TIMER)


def test_the_second_folder_is_listed_only_when_set_and_nothing_when_it_is_not_there(
        practice, clock, tmp_path) -> None:  # noqa: ANN001
    from kapdesk.core.practice_settings import BACKUP_SECOND_FOLDER

    services = open_services(practice, clock)
    keeper = services.backups
    assert keeper.second_folder_backups() == (None, [])
    usb = tmp_path / "usb-drive"
    services.settings.set(BACKUP_SECOND_FOLDER, str(usb))
    assert keeper.second_folder_backups() == (usb, [])  # not plugged in: nothing, no error
    usb.mkdir()
    made = keeper.back_up().backup
    folder, copies = keeper.second_folder_backups()
    assert folder == usb
    assert [(copy.path.name, copy.status) for copy in copies] == [(made.path.name, CHECKED)]
