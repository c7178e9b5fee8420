"""Before the dose, the course around it: the last dosing sessions summarised where the
dose is chosen, where today's falls in the course, and the practice's pace held like
any readiness piece until a reason is written."""

from __future__ import annotations

from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
from kapdesk.core.measure_course import day_of
from kapdesk.core.readiness import PieceKey
from kapdesk.core.vitals import VitalsReading
from tests.helpers.practice_builder import live_session
from tests.helpers.screenshots import save_screen, screenshot_folder
from tests.helpers.session_window import take_baseline, tick_checklist

pytest_plugins = ("tests.helpers.session_fixtures",)
HOUR = 3600.0


def dosed(services, clock, client_id: int, mg: float) -> None:  # noqa: ANN001
    _session_id, runner = live_session(services.practice, clock, client_id)
    runner.record_vitals(VitalsReading(152, 94, 70))
    runner.record_dose("ketamine", mg, "sublingual")
    clock.advance(2 * HOUR)
    runner.end()


def before_dose(wired, client_id: int):  # noqa: ANN001, ANN201
    view = wired.session_flow.start(client_id, KAP_SUBLINGUAL)
    tick_checklist(view.pre_dose)
    return view.pre_dose


def test_the_last_doses_and_the_course_position_are_shown_where_the_dose_is_chosen(
        wired, services, client, clock) -> None:  # noqa: ANN001
    dosed(services, clock, client.id, 100)
    clock.advance(8 * 24 * HOUR)
    panel = before_dose(wired, client.id)
    take_baseline(panel)
    readiness = panel.readiness
    assert readiness.position.text() == "Dosing session 2 of 6 planned"
    assert "ketamine 100 mg sublingual; peak BP 152/94." in readiness.past_doses.text()
    assert not readiness.lines[PieceKey.PACE].isVisible()  # the pace is fine: no line
    assert readiness.current.ready


def test_a_third_dose_in_seven_days_is_held_until_a_reason_is_written(wired, services, client, clock,  # noqa: ANN001
                                                                     tmp_path) -> None:
    dosed(services, clock, client.id, 100)
    clock.advance(2 * 24 * HOUR)
    dosed(services, clock, client.id, 150)
    clock.advance(24 * HOUR)
    panel = before_dose(wired, client.id)
    take_baseline(panel)
    pace = panel.readiness.lines[PieceKey.PACE]
    assert pace.isVisible()
    assert "2 dosing sessions in the last 7 days" in pace.text()
    assert "at most 2 a week" in pace.text()
    assert not panel.readiness.current.ready
    assert "pace of the doses" in panel.dose_button.text()
    save_screen(wired.window, screenshot_folder(tmp_path), "dose-course.png")


def test_after_three_doses_of_different_strength_the_summary_lists_each_newest_first(
        wired, services, client, clock) -> None:  # noqa: ANN001
    """What the therapist titrates from: three sessions, three doses, each with its day."""
    days = []
    for mg in (100, 125, 150):
        days.append(clock.now())
        dosed(services, clock, client.id, mg)
        clock.advance(7 * 24 * HOUR)
    panel = before_dose(wired, client.id)
    take_baseline(panel)
    readiness = panel.readiness
    assert readiness.position.text() == "Dosing session 4 of 6 planned"
    lines = readiness.past_doses.text().splitlines()
    assert lines[0] == "Last dosing sessions:" and len(lines) == 4
    assert [line.split(": ketamine ")[1].split(" mg")[0] for line in lines[1:]] == ["150", "125", "100"]
    assert [line.split(":")[0] for line in lines[1:]] == [
        f"{day_of(at):%a %d %b %Y}" for at in reversed(days)]
    assert all("peak BP 152/94" in line for line in lines[1:])
    assert not readiness.lines[PieceKey.PACE].isVisible()  # a week apart: within the pace
