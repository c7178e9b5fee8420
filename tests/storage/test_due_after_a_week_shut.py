"""What is due, read from the encrypted practice, when the fake clock jumps a week as a
laptop shut on Monday and opened the next Monday would: both items owed after the dose
are read back overdue, none lapsed, none doubled."""

from __future__ import annotations

from kapdesk.core.course_due import DueKind, DueStatus, due_list
from kapdesk.services import Services
from tests.helpers.practice_builder import live_session

HOUR = 3600.0
DAY = 86400.0


def test_a_week_shut_reads_back_what_became_overdue_and_nothing_lapsed(services: Services, clock, client_id: int) -> None:  # noqa: ANN001
    session_id, runner = live_session(services.practice, clock, client_id)
    runner.record_dose("ketamine", 150, "sublingual")
    clock.advance(2 * HOUR)
    runner.end()
    before = {e.item for e in services.due.open_items()}
    assert {i.status(clock.now()) for i in before} == {DueStatus.COMING}
    clock.advance(7 * DAY + HOUR)  # the lid shut, then opened a week on
    now = clock.now()
    after = due_list([e.item for e in services.due.open_items()], now).items
    assert set(after) == before  # the same two, not lapsed, not doubled
    assert [(i.kind, i.session_id, i.status(now)) for i in after] == [
        (DueKind.CHECK_IN, session_id, DueStatus.OVERDUE),
        (DueKind.INTEGRATION, session_id, DueStatus.OVERDUE)]
