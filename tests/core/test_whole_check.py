"""When the whole practice file is read through in the background (core/whole_check.py)."""

from __future__ import annotations

from kapdesk.core.whole_check import (BY_BACKUP, EVERY_S, WholeCheck, whole_check_due,
                                      whole_check_from)

NOW = 1_767_225_600.0


def test_a_practice_never_read_whole_is_checked_unless_a_session_runs() -> None:
    assert whole_check_due(None, NOW, session_running=False)
    assert not whole_check_due(None, NOW, session_running=True)


def test_a_whole_file_is_read_again_after_a_day() -> None:
    last = WholeCheck(NOW, True)
    assert not whole_check_due(last, NOW + EVERY_S - 1, False)
    assert whole_check_due(last, NOW + EVERY_S, False)
    assert not whole_check_due(last, NOW + EVERY_S, True)


def test_damage_found_is_checked_again_at_every_start() -> None:
    assert whole_check_due(WholeCheck(NOW, False, "3 damaged pages"), NOW + 1, False)


def test_a_clock_set_back_checks_rather_than_waits() -> None:
    assert whole_check_due(WholeCheck(NOW, True), NOW - 3600, False)


def test_the_stored_result_reads_back_and_anything_else_reads_as_never_checked() -> None:
    result = WholeCheck(NOW, False, "it is damaged", BY_BACKUP)
    assert whole_check_from(result.to_data()) == result
    for stored in (None, "ok", {}, {"checked_at": "soon", "whole": True},
                   {"checked_at": NOW, "whole": "yes"}):
        assert whole_check_from(stored) is None
