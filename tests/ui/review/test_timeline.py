"""A session's timeline: one axis for phases, music, notes, tags and vitals; selection
shows what was playing; zoom; pauses and the app's gaps; the log beside it."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kapdesk.core.events import EventKind
from kapdesk.core.review_model import playing_at
from tests.helpers.practice_builder import T0, add_client
from tests.helpers.review_rig import MIN, TRACKS, demo_session

pytest_plugins = ("tests.helpers.review_fixtures",)


def open_demo(area, practice, **options):  # noqa: ANN001, ANN003, ANN201
    client = add_client(practice.engine, "Maya A.")
    made = demo_session(practice, client, T0 - 7 * 86_400, **options)
    area.show_session(made.session_id)
    return area.session, made


def test_the_timeline_holds_phases_music_notes_tags_and_vitals_on_one_axis(area, practice) -> None:  # noqa: ANN001
    view, made = open_demo(area, practice)
    data = view.timeline.data
    phases = view.record.script.phases
    assert [s.label for s in data.phases] == [phases[s.phase_index].name
                                              for s in view.record.state.phase_spans]
    assert [s.label for s in data.phases][-1] == "Debrief"  # ended before the discharge phase
    assert [s.label for s in data.music] == [title for _m, title in TRACKS]
    assert len(data.lane("notes")) == 6 + 1  # the demo's six notes and the debrief
    assert [p.text for p in data.lane("tags")] == ["Tag: talking", "Tag: tearful", "Tag: water",
                                                    "Tag: eye mask off"]
    assert [(v.systolic, v.diastolic) for v in data.vitals] == [(128, 82), (146, 92), (126, 80)]
    assert data.doses == (made.dose_at - made.started,)
    first_note = data.lane("notes")[0]
    assert round((first_note.at_s - data.doses[0]) / MIN) == 4  # "4 minutes after the dose"
    assert view.title_label.text().startswith("Maya A. — ")
    assert "ketamine 150 mg sublingual lozenge" in view.facts_label.text()
    # The log beside it: one line per mark, in time order.
    # One line per mark, and, as in the room's log, a line where each phase began.
    phase_starts = len(view.record.state.phase_spans) - 1
    assert view.log_list.count() == len(view.record.marks) + phase_starts
    cello = next(m for m in view.record.marks if "cello" in m.text)
    assert "Tearful when the cello came in" in view.log_list.item(view.row_of(cello.seq)).text()


def test_selecting_a_note_in_the_log_shows_what_was_playing(area, practice) -> None:  # noqa: ANN001
    view, _made = open_demo(area, practice)
    marks = view.record.marks
    mark = next(m for m in marks if "cello" in m.text)
    view.log_list.setCurrentRow(view.row_of(mark.seq))
    assert view.timeline.selected == mark.seq
    playing = playing_at(view.record.music, mark.at)
    assert playing is not None and playing.title == "Cello and rain"
    # The record's one time convention: the clock, and +h:mm after the dose (22 minutes here).
    assert "Cello and rain" in view.moment_label.text() and " +0:22," in view.moment_label.text()
    assert view.moment_label.accessibleName().startswith("Selected moment: At ")


def test_clicking_a_mark_on_the_timeline_selects_it_and_shows_the_music(qtbot, area, practice) -> None:  # noqa: ANN001
    view, _made = open_demo(area, practice)
    timeline = view.timeline
    note = next(p for p in timeline.data.lane("notes") if "workshop" in p.text)
    y = timeline.lane_rect("notes").center().y()
    with qtbot.waitSignal(timeline.mark_selected) as picked:
        qtbot.mouseClick(timeline.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(round(timeline.x_of(note.at_s)), round(y)))
    assert picked.args == [note.seq]
    assert view.selected_seq() == note.seq
    assert "Warm light" in view.moment_label.text()  # +47 min after the dose: the fifth track
    # Left and Right walk the marks in time order, log and timeline together.
    timeline.setFocus()
    QTest.keyClick(timeline, Qt.Key.Key_Right)
    following = timeline.data.points[[p.seq for p in timeline.data.points].index(note.seq) + 1]
    assert timeline.selected == following.seq == view.selected_seq()


def test_a_click_between_marks_selects_nothing(qtbot, area, practice) -> None:  # noqa: ANN001
    view, _made = open_demo(area, practice)
    timeline = view.timeline
    rect = timeline.lane_rect("phases")
    qtbot.mouseClick(timeline.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(round(rect.center().x()), round(rect.center().y())))
    assert timeline.selected is None and view.selected_seq() is None
    assert "Select a note" in view.moment_label.text()


def test_zoom_with_keys_and_buttons_keeps_the_selection_in_view(qtbot, area, practice) -> None:  # noqa: ANN001
    view, _made = open_demo(area, practice)
    timeline = view.timeline
    fit = timeline.px_per_min
    assert abs(fit - timeline.fit_px_per_min()) < 1e-6
    assert timeline.horizontalScrollBar().maximum() == 0  # the whole session fits
    note = timeline.data.lane("notes")[-2]
    view.select(note.seq)
    timeline.setFocus()
    for _ in range(4):
        QTest.keyClick(timeline, Qt.Key.Key_Plus)
    assert timeline.px_per_min > 4 * fit
    assert timeline.horizontalScrollBar().maximum() > 0
    x = timeline.x_of(note.at_s)
    assert 84 <= x <= timeline.viewport().width()  # zoomed about the selected note
    view.zoom_out_button.click()
    assert timeline.px_per_min < 4 * fit * 1.5
    QTest.keyClick(timeline, Qt.Key.Key_0)
    assert abs(timeline.px_per_min - fit) < 1e-6
    QTest.keyClick(timeline, Qt.Key.Key_Minus)  # never narrower than the whole session
    assert abs(timeline.px_per_min - fit) < 1e-6


def test_pauses_are_shaded_and_the_app_down_time_is_a_gap(qtbot, area, practice) -> None:  # noqa: ANN001
    view, _made = open_demo(area, practice, pause=True, gap_min=8)
    data = view.timeline.data
    assert len(data.pauses) == 1 and round(data.pauses[0].end_s - data.pauses[0].start_s) == 4 * MIN
    assert [g.label for g in data.gaps] == ["app down 8 min"]
    gap = data.gaps[0]
    # Nothing was recorded while the app was down: no mark falls inside the gap.
    assert not [p for p in data.points if gap.start_s < p.at_s < gap.end_s
                and p.kind is not EventKind.APP_RECOVERED]
    assert "App down 8 min" in view.flags_label.text()
    # The phase band stops at the gap: its middle is not the band's colour.
    image = view.timeline.grab().toImage()
    x = round((view.timeline.x_of(gap.start_s) + view.timeline.x_of(gap.end_s)) / 2)
    band = view.timeline.lane_rect("phases")
    inside = image.pixelColor(x, round(band.center().y())).name()
    before = image.pixelColor(round(view.timeline.x_of(gap.start_s)) - 6, round(band.center().y()))
    assert inside != before.name()


def test_a_session_without_music_or_vitals_says_so(area, practice, clock) -> None:  # noqa: ANN001
    from tests.helpers.practice_builder import live_session

    client = add_client(practice.engine)
    session_id, runner = live_session(practice, clock, client)
    clock.advance(5 * MIN)
    runner.add_note("Settling in.")
    clock.advance(5 * MIN)
    runner.end()
    area.show_session(session_id)
    view = area.session
    view.select(view.record.marks[0].seq)
    assert "no music was recorded" in view.moment_label.text()
    assert view.timeline.data.vitals == () and view.timeline.data.music == ()
    assert view.flags_label.text() == "Checks: Baseline BP missed"  # no vitals: in plain words
    assert not view.timeline.grab().isNull()


def test_ctrl_wheel_zooms_about_the_pointer_and_the_wheel_scrolls(area, practice) -> None:  # noqa: ANN001
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    view, _made = open_demo(area, practice)
    timeline = view.timeline
    fit = timeline.px_per_min

    def wheel(x: float, steps: int, modifiers: Qt.KeyboardModifier) -> None:
        position = QPointF(x, timeline.lane_rect("notes").center().y())
        event = QWheelEvent(position, timeline.viewport().mapToGlobal(position), QPoint(0, 0),
                            QPoint(0, 120 * steps), Qt.MouseButton.NoButton, modifiers,
                            Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(timeline.viewport(), event)

    x = timeline.x_of(30 * MIN)
    wheel(x, 1, Qt.KeyboardModifier.ControlModifier)
    wheel(x, 1, Qt.KeyboardModifier.ControlModifier)
    assert timeline.px_per_min > 2 * fit
    assert abs(timeline.x_of(30 * MIN) - x) <= 1  # the minute under the pointer stays there
    before = timeline.horizontalScrollBar().value()
    wheel(x, -1, Qt.KeyboardModifier.NoModifier)  # a plain wheel scrolls along the axis
    assert timeline.horizontalScrollBar().value() > before


def test_the_log_lists_what_the_room_showed_with_times_after_the_dose(area, practice) -> None:  # noqa: ANN001
    view, made = open_demo(area, practice, pause=True)
    lines = [view.log_list.item(row).text() for row in range(view.log_list.count())]
    assert any(line.endswith("Paused") for line in lines)
    assert any(line.endswith("Resumed") for line in lines)
    assert any("Session started" in line for line in lines)
    journey = lines.index(next(line for line in lines if "Lying-down journey began" in line))
    assert "+0:" in lines[journey].split("—")[0]  # the journey began after the dose
    assert view.legend_label.text() == "Times: clock time; +0:42 = 42 minutes after the dose"
    cello = next(line for line in lines if "cello" in line)
    assert " +0:" in cello.split("Note")[0]  # after the dose: the clock time, then +h:mm
    before = lines[0]
    assert "+" not in before.split("   ")[0]  # before the dose: no "+" at all
    assert not any("_" in line or "None" in line for line in lines)


def test_the_zoom_buttons_are_reached_with_tab_and_named(area, practice) -> None:  # noqa: ANN001
    view, _made = open_demo(area, practice)
    for button, name in ((view.zoom_out_button, "Zoom out"), (view.zoom_in_button, "Zoom in"),
                         (view.fit_button, "Fit the session to the width")):
        assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
        assert button.accessibleName() == name
    assert view.flags_label.accessibleName().startswith("Flags: ")
    assert view.title_label.accessibleName() == f"Session: {view.title_label.text()}"
