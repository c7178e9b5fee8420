"""Automatic backups in the running app: after a session closes, on the timer, at quit,
never while the client lies still, always in the task runner."""

from __future__ import annotations

from kapdesk.core.backup_schedule import INTERVAL_S, Trigger
from kapdesk.core.clients import ClientDraft
from kapdesk.storage.backup_files import CHECKED

pytest_plugins = ("tests.helpers.session_fixtures",)


def backups_made(services) -> list[str]:  # noqa: ANN001
    return [info.status for info in services.backups.backups()]


def test_a_closed_session_is_backed_up_in_the_task_runner(qtbot, wired, services, room) -> None:  # noqa: ANN001
    with qtbot.waitSignal(wired.backups.backed_up, timeout=20_000) as made:
        room.controller.end()
    report = made.args[0]
    assert report.backup.status == CHECKED and report.backup.counts.sessions == 1
    assert backups_made(services) == [CHECKED]
    assert wired.backups.last_report is report  # what Settings -> Backups says on opening
    assert wired.backups.timer.isActive() and wired.backups.timer.objectName() == "backupTimer"


def test_the_timer_backs_up_only_after_a_change_and_never_while_the_client_lies_still(
        qtbot, wired, services, room, clock) -> None:  # noqa: ANN001
    # The room is in the dose and then the journey phase: the client lies still.
    clock.advance(2 * INTERVAL_S)
    assert wired.backups.consider(Trigger.TIMER) is False
    assert backups_made(services) == []
    with qtbot.waitSignal(wired.backups.backed_up, timeout=20_000):
        room.controller.end()
    assert not wired.backups.consider(Trigger.TIMER)  # nothing written since
    services.clients.add(ClientDraft("R. T."))
    assert not wired.backups.consider(Trigger.TIMER)  # written, but not 30 minutes yet
    clock.advance(INTERVAL_S)
    with qtbot.waitSignal(wired.backups.backed_up, timeout=20_000):
        assert wired.backups.consider(Trigger.TIMER)
    assert backups_made(services) == [CHECKED, CHECKED]


def test_quitting_after_a_change_makes_the_backup_before_the_practice_closes(wired, services) -> None:  # noqa: ANN001
    wired.backups.at_quit()
    assert backups_made(services) == []  # nothing written since the practice opened
    services.clients.add(ClientDraft("A. M."))
    wired.backups.at_quit()
    assert backups_made(services) == [CHECKED]
