"""Checkpoint due times and standings, and which checkpoint a vitals reading answers."""

from __future__ import annotations

import pytest

from kapdesk.core.checkpoints import (
                                      VITALS_EARLY_S, Anchors, Resolution, checkpoint_statuses, due_at, next_due, status_at,
                                      vitals_checkpoint_answered,
                                      )
from kapdesk.core.script import Checkpoint

BASELINE = Checkpoint("base", "Baseline BP", "vitals", "session", 0, grace_s=600)
BP40 = Checkpoint("bp40", "40-minute BP", "vitals", "dose", 2400)
DISCHARGE = Checkpoint("dis", "Discharge BP", "vitals", "phase", 0, phase_index=4)
SEDATION = Checkpoint("sed", "Sedation check", "check", "dose", 2400)
ALL = (BASELINE, BP40, DISCHARGE, SEDATION)

STARTED = Anchors(started_at=1000.0)
DOSED = Anchors(started_at=1000.0, dose_at=1700.0, phase_starts={0: 1000.0, 1: 1600.0})


def test_due_times_follow_their_anchor() -> None:
    assert due_at(BASELINE, STARTED) == 1000.0
    assert due_at(BP40, STARTED) is None  # no dose yet
    assert due_at(BP40, DOSED) == 1700.0 + 2400
    assert due_at(DISCHARGE, DOSED) is None  # discharge not reached
    assert due_at(DISCHARGE, Anchors(1000.0, None, {4: 9000.0})) == 9000.0
    assert due_at(Checkpoint("x", "X", "check", "phase", 5), DOSED) is None  # no phase_index


@pytest.mark.parametrize("t, status", [
    (4099.0, "upcoming"), (4100.0, "due"), (4399.9, "due"), (4400.0, "overdue"),
])
def test_status_moves_from_upcoming_to_overdue(t: float, status: str) -> None:
    assert status_at(BP40, DOSED, None, t).status == status


def test_resolved_checkpoints_keep_their_resolution() -> None:
    done = status_at(BP40, DOSED, Resolution("done", 4200.0), 9999.0)
    assert (done.status, done.resolved_at, done.is_open) == ("done", 4200.0, False)
    gone = status_at(BP40, STARTED, Resolution("dismissed", 1200.0, "no dose"), 9999.0)
    assert (gone.status, gone.reason, gone.due_at) == ("dismissed", "no dose", None)


def test_waiting_until_the_anchor_happens() -> None:
    status = status_at(DISCHARGE, DOSED, None, 5000.0)
    assert status.status == "waiting" and status.overdue_at is None and status.is_open


def test_next_due_is_the_earliest_open_timed_checkpoint() -> None:
    statuses = checkpoint_statuses(ALL, DOSED, {"base": Resolution("done", 1100.0)}, 3000.0)
    assert [s.status for s in statuses] == ["done", "upcoming", "waiting", "upcoming"]
    nxt = next_due(statuses)
    assert nxt is not None and nxt.checkpoint is BP40  # ties keep script order
    assert next_due(checkpoint_statuses((DISCHARGE,), DOSED, {}, 0.0)) is None


def test_a_reading_answers_a_due_or_overdue_vitals_checkpoint() -> None:
    assert vitals_checkpoint_answered(ALL, STARTED, {}, 1200.0) == "base"
    assert vitals_checkpoint_answered(ALL, STARTED, {}, 99999.0) == "base"  # overdue still counts
    assert vitals_checkpoint_answered(ALL, STARTED, {"base": Resolution("done", 1)}, 1200) is None


def test_a_reading_up_to_five_minutes_early_counts() -> None:
    due = 1700.0 + 2400
    resolved = {"base": Resolution("done", 1100.0)}
    assert vitals_checkpoint_answered(ALL, DOSED, resolved, due - VITALS_EARLY_S) == "bp40"
    assert vitals_checkpoint_answered(ALL, DOSED, resolved, due - VITALS_EARLY_S - 1) is None


def test_the_nearest_checkpoint_wins_so_a_late_baseline_is_not_faked() -> None:
    # Baseline never taken; 40 min after the dose a reading is the 40-minute one.
    assert vitals_checkpoint_answered(ALL, DOSED, {}, 1700.0 + 2400) == "bp40"
    # Equally near: the earlier one.
    both = (Checkpoint("a", "A", "vitals", "session", 0), Checkpoint("b", "B", "vitals",
                                                                     "session", 200))
    assert vitals_checkpoint_answered(both, STARTED, {}, 1100.0) == "a"


def test_checks_are_not_answered_by_vitals() -> None:
    assert vitals_checkpoint_answered((SEDATION,), DOSED, {}, 4100.0) is None


def test_an_ended_sessions_checkpoints_are_final_never_upcoming() -> None:
    from kapdesk.core.checkpoints import final_status

    ended_at = 1700.0 + 1800  # half an hour after the dose
    standings = {s.checkpoint.id: final_status(s) for s in checkpoint_statuses(
        ALL, DOSED, {"base": Resolution("done", 1100.0)}, ended_at)}
    assert standings == {"base": "done", "bp40": "not reached", "dis": "not reached",
                         "sed": "not reached"}
    late = {s.checkpoint.id: final_status(s) for s in checkpoint_statuses(
        ALL, DOSED, {"sed": Resolution("dismissed", 4200.0, "asleep")}, 1700.0 + 3000)}
    assert late == {"base": "missed", "bp40": "missed", "dis": "not reached", "sed": "dismissed"}
