"""SessionController: signals after storage, the aligned 1 Hz tick, keep-alive."""

from __future__ import annotations

from typing import Any, Mapping

import pytest
from PySide6.QtCore import QTimer

from kapdesk.core.builtin_scripts import ESKETAMINE, KAP_SUBLINGUAL
from kapdesk.core.events import Event, EventKind
from kapdesk.core.runner import SessionRunner
from kapdesk.ui.session.controller import KEEP_ALIVE_MS, SessionController

pytest_plugins = ("tests.helpers.session_fixtures",)
MIN = 60


@pytest.fixture(autouse=True)
def _qt(qapp) -> None:  # noqa: ANN001 - timers need a QApplication
    pass


def make_controller(services, client, clock, script=KAP_SUBLINGUAL):  # noqa: ANN001, ANN201
    session_id = services.sessions.create(client.id, script)
    runner = SessionRunner(script, clock, services.sessions.sink(session_id))
    controller = SessionController(runner, clock, lambda: services.sessions.keep_alive(session_id))
    controller.start(client.id)
    controller.begin()
    return controller, session_id


def test_events_are_signalled_only_after_they_are_stored(services, client, clock) -> None:
    controller, session_id = make_controller(services, client, clock)
    seen: list[tuple[Event, bool]] = []
    controller.event_committed.connect(
        lambda event: seen.append((event, event in services.sessions.events(session_id))))
    controller.add_note("breathing slowly")
    assert [(e.kind, e.data["text"], on_disk) for e, on_disk in seen] == \
        [(EventKind.NOTE, "breathing slowly", True)]


def test_a_failed_write_is_reported_in_words_and_changes_nothing(services, client, clock,
                                                                 monkeypatch) -> None:
    controller, session_id = make_controller(services, client, clock)
    before = services.sessions.events(session_id)

    def broken(self: Any, kind: EventKind, at: float, data: Mapping[str, Any]) -> Event:
        raise OSError("disk I/O error")

    monkeypatch.setattr(type(controller.runner._sink), "append", broken)  # noqa: SLF001
    failures, committed = [], []
    controller.command_failed.connect(failures.append)
    controller.event_committed.connect(committed.append)
    assert controller.add_note("will not be kept") is None
    assert failures[0] == ("Not saved: the disk reported an error. Check that it is connected, "
                           "then press Enter again. Everything recorded before is safe.")
    assert committed == [] and controller.state().notes == ()
    assert services.sessions.events(session_id) == before


def test_refusals_come_back_as_the_runners_words(services, client, clock) -> None:
    controller, _ = make_controller(services, client, clock)
    failures: list[str] = []
    controller.command_failed.connect(failures.append)
    assert controller.add_note("   ") is None
    assert failures == ["The note is empty; nothing was saved."]


def test_the_tick_lands_just_after_each_second_and_is_rearmed_only_when_off(services, client,
                                                                           clock) -> None:
    controller, _ = make_controller(services, client, clock)
    timer = controller.tick_timer
    assert timer.objectName() == "sessionDisplayTick" and timer.parent() is controller
    assert not timer.isActive()  # not shown yet: no ticking
    armed: list[int] = []
    start = timer.start
    timer.start = lambda ms: (armed.append(ms), start(ms))  # what the controller asks of it
    clock.advance(0.3)
    controller.set_display_active(True)
    assert armed == [700 + 5] and timer.isActive()  # to just after the next second
    clock.advance(0.705)
    controller.tick()
    assert armed[-1] == 1000 and not timer.isSingleShot()  # on the second: a steady pace
    for _second in range(5):
        clock.advance(1)
        controller.tick()
    assert len(armed) == 2  # on time: the repeating timer is left alone
    clock.advance(1.4)  # a late tick (the machine slept, the clock was set)
    controller.tick()
    assert armed[-1] == 1000 - 405 + 5
    clock.advance(0.6)
    controller.tick()
    assert armed[-1] == 1000 and len(armed) == 4
    controller.set_display_active(False)
    assert not timer.isActive()
    controller.tick()  # a late timeout while hidden must not re-arm
    assert not timer.isActive()


def test_state_is_published_on_every_tick_from_the_clock_not_counted(services, client,
                                                                     clock) -> None:
    controller, _ = make_controller(services, client, clock)
    states = []
    controller.state_changed.connect(states.append)
    controller.tick()
    clock.advance(7 * MIN + 30)  # no ticks in between: nothing is counted
    controller.tick()
    assert [round(s.session_elapsed_s) for s in states] == [0, 450]
    assert states[-1].phase_remaining_s == 150


def test_phase_changes_are_signalled_once_each_by_time_and_by_skip(services, client,
                                                                   clock) -> None:
    controller, _ = make_controller(services, client, clock)
    phases: list[int] = []
    controller.phase_changed.connect(phases.append)
    clock.advance(10 * MIN)
    controller.tick()
    controller.tick()
    controller.skip_phase()
    assert phases == [1, 2]


def test_begin_announces_the_current_phase_for_the_music(services, client, clock) -> None:
    session_id = services.sessions.create(client.id, KAP_SUBLINGUAL)
    runner = SessionRunner(KAP_SUBLINGUAL, clock, services.sessions.sink(session_id))
    controller = SessionController(runner, clock, lambda: None)
    controller.start(client.id)
    phases: list[int] = []
    controller.phase_changed.connect(phases.append)
    controller.begin()
    assert phases == [0]


def test_a_checkpoint_coming_due_is_signalled_once(services, client, clock) -> None:
    controller, _ = make_controller(services, client, clock, script=ESKETAMINE)
    due: list[str] = []
    controller.checkpoint_came_due.connect(due.append)
    controller.skip_phase()  # into the dose phase: "pulse oximeter on" is due at once
    controller.tick()
    clock.advance(10 * MIN)
    controller.tick()
    assert due == ["pulse-ox"]


def test_dose_moves_on_to_the_dose_phase(services, client, clock) -> None:
    controller, _ = make_controller(services, client, clock)
    clock.advance(3 * MIN)
    controller.record_dose("ketamine", 150, "sublingual lozenge")
    state = controller.state()
    assert state.phase.kind == "dose" and state.dose_at == clock.now()


def test_keep_alive_runs_every_30_s_while_the_session_runs(services, client, clock) -> None:
    controller, session_id = make_controller(services, client, clock)
    timer = controller.keep_alive_timer
    assert timer.objectName() == "sessionKeepAlive" and timer.parent() is controller
    assert timer.isActive() and timer.interval() == KEEP_ALIVE_MS == 30_000
    clock.advance(95)
    timer.timeout.emit()
    [open_session] = services.sessions.open_sessions()
    assert open_session.last_alive_at == clock.now()
    controller.end()
    assert not timer.isActive() and not controller.tick_timer.isActive()


def test_every_timer_is_named_and_parented(services, client, clock) -> None:
    controller, _ = make_controller(services, client, clock)
    names = sorted(t.objectName() for t in controller.findChildren(QTimer))
    assert names == ["sessionDisplayTick", "sessionKeepAlive"]
