"""replay(): the rules of the session timeline, one at a time, on hand-made logs."""

from __future__ import annotations

from typing import Any

import pytest

from kapdesk.core.events import Event, EventKind
from kapdesk.core.script import Checkpoint, Phase, Script
from kapdesk.core.timeline import Gap, Interval, PhaseSpan, replay, script_from_events

T0 = 1_767_225_600.0
MIN = 60.0
SCRIPT = Script("t", "Test", (Phase("A", 600), Phase("B", 1200), Phase("C", 600)), (
    Checkpoint("base", "Baseline BP", "vitals", "session", 0, grace_s=600),
    Checkpoint("bp40", "40-minute BP", "vitals", "dose", 2400),
    Checkpoint("c-start", "C-start BP", "vitals", "phase", 0, phase_index=2),
    Checkpoint("talk", "Check in", "check", "phase", 300, phase_index=1),
))


class Log:
    """Hand-made session events; times in minutes after T0."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.add(0, EventKind.SESSION_STARTED, script=SCRIPT.to_dict(), client_id=7)

    def add(self, minute: float, kind: EventKind, **data: Any) -> Log:
        self.events.append(Event(len(self.events) + 1, kind, T0 + minute * MIN, data))
        return self

    def at(self, minute: float):  # noqa: ANN201 - SessionState
        return replay(SCRIPT, self.events, T0 + minute * MIN)


def where(state) -> tuple[str, float, float]:  # noqa: ANN001
    return state.phase.name, state.phase_elapsed_s / MIN, state.phase_remaining_s / MIN


def test_before_the_start_nothing_runs() -> None:
    state = replay(SCRIPT, [], T0)
    assert not state.started and state.started_at is None and not state.paused
    assert (state.phase_index, state.phase_elapsed_s, state.phase_remaining_s) == (0, 0.0, 600)
    assert state.session_elapsed_s == 0 and state.progress == 0 and state.next_due is None
    assert state.phase_spans == () and all(c.status == "waiting" for c in state.checkpoints)


def test_phases_hand_over_at_the_exact_instant() -> None:
    log = Log()
    assert where(log.at(9.5)) == ("A", 9.5, 0.5)
    assert where(log.at(10)) == ("B", 0, 20)
    assert where(log.at(10.5)) == ("B", 0.5, 19.5)
    state = log.at(31)
    assert where(state) == ("C", 1, 9)
    assert state.phase_spans == (PhaseSpan(0, T0, T0 + 600), PhaseSpan(1, T0 + 600, T0 + 1800),
                                 PhaseSpan(2, T0 + 1800, None))
    assert state.client_id == 7 and state.started_at == T0 and state.session_elapsed_s == 31 * MIN


def test_the_last_phase_runs_into_overtime() -> None:
    state = Log().at(45)
    assert where(state) == ("C", 15, -5) and state.is_last_phase
    assert state.progress == 1.0 and state.position_s == state.planned_total_s == 2400


def test_pause_stops_the_phase_clock_but_not_session_time() -> None:
    log = Log().add(9, EventKind.PAUSED).add(15, EventKind.RESUMED)
    paused = log.at(12)
    assert paused.paused and where(paused) == ("A", 9, 1)
    assert paused.session_elapsed_s == 12 * MIN
    assert paused.pauses == (Interval(T0 + 9 * MIN, None),)
    assert where(log.at(15.5)) == ("A", 9.5, 0.5)
    state = log.at(16)
    assert where(state) == ("B", 0, 20) and not state.paused
    assert state.pauses == (Interval(T0 + 9 * MIN, T0 + 15 * MIN),)
    assert state.phase_spans[0] == PhaseSpan(0, T0, T0 + 16 * MIN)


def test_repeated_pause_or_stray_resume_changes_nothing() -> None:
    log = Log().add(1, EventKind.RESUMED).add(2, EventKind.PAUSED).add(3, EventKind.PAUSED)
    log.add(4, EventKind.RESUMED).add(5, EventKind.RESUMED)
    state = log.at(6)
    assert where(state) == ("A", 4, 6) and state.pauses == (Interval(T0 + 120, T0 + 240),)


def test_extension_adds_to_the_current_or_a_future_phase_only() -> None:
    log = Log().add(5, EventKind.PHASE_EXTENDED, phase_index=0, seconds=300)
    log.add(6, EventKind.PHASE_EXTENDED, phase_index=2, seconds=120)
    assert where(log.at(14)) == ("A", 14, 1)
    state = log.at(16)
    assert where(state) == ("B", 1, 19)
    assert state.phases_planned_s == (900, 1200, 720) and state.planned_total_s == 2820
    log.add(17, EventKind.PHASE_EXTENDED, phase_index=0, seconds=300)  # A is over: ignored
    assert log.at(18).phases_planned_s == (900, 1200, 720)


def test_extending_the_last_phase_in_overtime() -> None:
    log = Log().add(42, EventKind.PHASE_EXTENDED, phase_index=2, seconds=600)
    assert where(log.at(41)) == ("C", 11, -1)
    assert where(log.at(42)) == ("C", 12, 8) and log.at(42).phase_planned_s == 1200


def test_skip_ends_the_phase_now_and_enters_the_next() -> None:
    log = Log().add(3, EventKind.PHASE_SKIPPED, phase_index=0)
    state = log.at(4)
    assert where(state) == ("B", 1, 19)
    assert state.phase_spans[0] == PhaseSpan(0, T0, T0 + 3 * MIN)


def test_a_stale_skip_is_ignored() -> None:
    # The click meant phase A, but B had already begun: skipping B would surprise.
    log = Log().add(10, EventKind.PHASE_SKIPPED, phase_index=0)
    assert where(log.at(11)) == ("B", 1, 19)


def test_skip_in_the_last_phase_is_ignored() -> None:
    log = Log().add(35, EventKind.PHASE_SKIPPED, phase_index=2)
    assert where(log.at(36)) == ("C", 6, 4)


def test_skip_while_paused_enters_the_next_phase_paused() -> None:
    log = Log().add(2, EventKind.PAUSED).add(4, EventKind.PHASE_SKIPPED, phase_index=0)
    state = log.at(7)
    assert state.paused and where(state) == ("B", 0, 20)
    log.add(8, EventKind.RESUMED)
    assert where(log.at(9)) == ("B", 1, 19)


def test_nothing_advances_after_the_end() -> None:
    log = Log().add(5, EventKind.PAUSED).add(12, EventKind.SESSION_ENDED)
    log.add(13, EventKind.NOTE, text="after the end").add(14, EventKind.PHASE_SKIPPED,
                                                          phase_index=0)
    log.add(15, EventKind.SIGNED, by="Dr A").add(16, EventKind.ADDENDUM, text="x", author="Dr A")
    log.add(16.5, EventKind.TRACK_STOPPED, path="/a.ogg", reason="session ended")
    state = log.at(200)
    assert state.ended and not state.paused and state.ended_at == T0 + 12 * MIN
    assert state.as_of == state.ended_at and state.now == T0 + 200 * MIN
    assert state.session_elapsed_s == 12 * MIN and where(state) == ("A", 5, 5)
    assert state.pauses == (Interval(T0 + 5 * MIN, T0 + 12 * MIN),)
    assert state.phase_spans == (PhaseSpan(0, T0, T0 + 12 * MIN),)
    assert state.notes == () and state.next_due is None
    assert state.signed_by == "Dr A" and state.signed_at == T0 + 15 * MIN
    assert [e.data["text"] for e in state.addenda] == ["x"] and len(state.music) == 1


def test_ended_state_is_the_same_whenever_it_is_read() -> None:
    log = Log().add(50, EventKind.SESSION_ENDED)
    first, later = log.at(50), log.at(5000)
    assert first == type(first)(**{**later.__dict__, "now": first.now})


def test_events_after_now_have_not_happened_yet() -> None:
    log = Log().add(5, EventKind.NOTE, text="a").add(6, EventKind.PAUSED)
    state = log.at(5.5)
    assert [e.data["text"] for e in state.notes] == ["a"] and not state.paused
    assert state == replay(SCRIPT, log.events[:2], T0 + 5.5 * MIN)
    assert not replay(SCRIPT, log.events, T0 - 1).started


def test_events_apply_in_seq_order_whatever_the_list_order() -> None:
    log = Log().add(2, EventKind.PAUSED).add(3, EventKind.RESUMED)
    assert replay(SCRIPT, reversed(log.events), T0 + 600) == log.at(10)


def test_an_event_stamped_before_its_predecessor_counts_at_the_predecessors_time() -> None:
    # The system clock was set back between the two commands.
    log = Log().add(5, EventKind.PAUSED).add(3, EventKind.RESUMED)
    state = log.at(8)
    assert state.pauses == (Interval(T0 + 5 * MIN, T0 + 5 * MIN),) and where(state) == ("A", 8, 2)


def test_time_since_the_dose_is_wall_time_and_follows_the_latest_dose() -> None:
    log = Log()
    assert log.at(5).dose_at is None and log.at(5).since_dose_s is None
    log.add(12, EventKind.DOSE_GIVEN, drug="ketamine", mg=150, route="sublingual",
            given_at=T0 + 11 * MIN)
    log.add(13, EventKind.PAUSED)
    state = log.at(20)
    assert state.dose_at == T0 + 11 * MIN and state.since_dose_s == 9 * MIN  # pause included
    log.add(21, EventKind.DOSE_GIVEN, drug="ketamine", mg=50, route="sublingual",
            given_at=T0 + 21 * MIN)
    assert log.at(25).since_dose_s == 4 * MIN and len(log.at(25).doses) == 2


def test_the_app_being_down_does_not_pause_the_script() -> None:
    log = Log().add(25, EventKind.APP_RECOVERED, down_since=T0 + 8 * MIN)
    state = log.at(26)
    assert state.gaps == (Gap(T0 + 8 * MIN, T0 + 25 * MIN),)
    assert where(state) == ("B", 16, 4) and state.session_elapsed_s == 26 * MIN


def test_progress_counts_planned_time_behind_us() -> None:
    log = Log()
    assert log.at(10).progress == pytest.approx(0.25)
    log.add(11, EventKind.PHASE_EXTENDED, phase_index=1, seconds=1200)
    state = log.at(11)
    assert state.position_s == 660 and state.progress == pytest.approx(660 / 3600)
    log.add(12, EventKind.PHASE_SKIPPED, phase_index=1)  # skipping jumps over B's plan
    assert log.at(12).position_s == 600 + 2400


def test_vitals_answer_the_checkpoint_that_is_due() -> None:
    log = Log()
    assert log.at(1).next_due.checkpoint.id == "base"  # type: ignore[union-attr]
    log.add(3, EventKind.VITALS, systolic=128, diastolic=82, heart_rate=70)
    state = log.at(4)
    base = state.checkpoints[0]
    assert (base.status, base.resolved_at) == ("done", T0 + 3 * MIN)
    assert len(state.vitals) == 1 and state.next_due is None  # "talk" waits for phase B
    assert log.at(11).next_due.checkpoint.id == "talk"  # type: ignore[union-attr]


def test_checkpoint_statuses_follow_their_anchors() -> None:
    log = Log()
    log.add(12, EventKind.DOSE_GIVEN, drug="ketamine", mg=150, route="im", given_at=T0 + 12 * MIN)
    status = {c.checkpoint.id: c for c in log.at(13).checkpoints}
    assert status["base"].status == "overdue" and status["talk"].status == "upcoming"
    assert status["bp40"].due_at == T0 + 52 * MIN and status["bp40"].status == "upcoming"
    assert status["c-start"].status == "waiting" and status["c-start"].due_at is None
    log.add(14, EventKind.PHASE_SKIPPED, phase_index=1)
    assert {c.checkpoint.id: c for c in log.at(14).checkpoints}["c-start"].status == "due"


def test_done_and_dismissed_first_answer_stands() -> None:
    log = Log().add(1, EventKind.CHECKPOINT_DISMISSED, checkpoint_id="base", reason="cuff broken")
    log.add(2, EventKind.CHECKPOINT_DONE, checkpoint_id="base")
    log.add(3, EventKind.CHECKPOINT_DONE, checkpoint_id="no-such-checkpoint")
    log.add(15, EventKind.CHECKPOINT_DONE, checkpoint_id="talk")
    status = {c.checkpoint.id: c for c in log.at(16).checkpoints}
    assert (status["base"].status, status["base"].reason) == ("dismissed", "cuff broken")
    assert status["talk"].status == "done" and status["talk"].resolved_at == T0 + 15 * MIN


def test_a_vitals_reading_too_early_answers_nothing() -> None:
    log = Log().add(0.5, EventKind.CHECKPOINT_DONE, checkpoint_id="base")
    log.add(12, EventKind.DOSE_GIVEN, drug="ketamine", mg=150, route="im", given_at=T0 + 12 * MIN)
    log.add(46, EventKind.VITALS, systolic=140, diastolic=90, heart_rate=80)  # 6 min early
    assert log.at(47).checkpoints[1].status == "upcoming"
    log.add(48, EventKind.VITALS, systolic=141, diastolic=92, heart_rate=82)  # 4 min early
    assert log.at(48).checkpoints[1].status == "done"


def test_the_record_keeps_intention_checklists_debrief_and_music() -> None:
    log = Log().add(1, EventKind.INTENTION_UPDATED, text="to rest")
    log.add(1, EventKind.CHECKLIST_TICKED, item="eye mask", checked=True)
    log.add(2, EventKind.CHECKLIST_TICKED, item="eye mask", checked=False)
    log.add(3, EventKind.TRACK_STARTED, path="/a.ogg", title="A", playlist="Journey")
    log.add(6, EventKind.TRACK_STARTED, path="/b.ogg", title="B", playlist="Journey")
    log.add(6.1, EventKind.TRACK_STOPPED, path="/a.ogg", reason="crossfade")
    log.add(7, EventKind.MUSIC_SILENCED).add(7, EventKind.VOLUME_CHANGED, volume=0.5)
    log.add(30, EventKind.DEBRIEF_SAVED, fields={"sedation": "mild"}, free_text="draft")
    log.add(31, EventKind.DEBRIEF_SAVED, fields={"sedation": "none"}, free_text="final")
    log.add(35, EventKind.DISCHARGE_CHECKED, item="ride home", checked=True)
    log.add(36, EventKind.TAG, tag="nausea").add(36, EventKind.NOTE, text="resting")
    state = log.at(37)
    assert state.intention == "to rest" and state.checklist == {"eye mask": False}
    assert state.now_playing is not None and state.now_playing["title"] == "B"
    assert state.music_silenced and state.volume == 0.5 and len(state.music) == 5
    assert state.debrief == {"fields": {"sedation": "none"}, "free_text": "final"}
    assert state.discharge_checks == {"ride home": True}
    assert [e.data["tag"] for e in state.tags] == ["nausea"] and len(state.notes) == 1
    assert state.last_seq == len(log.events)
    log.add(38, EventKind.TRACK_FAILED, path="/b.ogg", message="truncated")
    assert log.at(38).now_playing is None


def test_the_script_snapshot_can_be_read_back() -> None:
    assert script_from_events(Log().events) == SCRIPT
    assert script_from_events([]) is None


def test_a_script_without_phases_cannot_be_replayed() -> None:
    with pytest.raises(ValueError):
        replay(Script("x", "X", ()), [], T0)
