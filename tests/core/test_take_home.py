"""The client's take-home sheet: what is on it, and what never is."""

from __future__ import annotations

import datetime as dt

from kapdesk.core.course_due import CourseWindows
from kapdesk.core.events import EventKind
from kapdesk.core.take_home import (DEFAULT_AFTER_CARE, TakeHomeSettings, first_name,
                                    take_home_problems, take_home_sheet)
from tests.helpers.runner import MIN, make_runner

UTC = dt.timezone.utc


def played_session():
    runner, clock, sink = make_runner()
    runner.add_note("Client spoke of her late father; tearful")  # never on the sheet
    runner.record_music(EventKind.TRACK_STARTED, {"path": "/m/a.ogg", "title": "Weightless",
                                                  "playlist": "Journey"})
    clock.advance(8 * MIN)
    runner.record_music(EventKind.TRACK_STOPPED, {"path": "/m/a.ogg", "reason": "ended"})
    runner.record_music(EventKind.TRACK_STARTED, {"path": "/m/b.ogg", "title": "b", "playlist": "Journey"})
    runner.record_music(EventKind.TRACK_FAILED, {"path": "/m/b.ogg", "message": "unreadable"})
    runner.record_music(EventKind.TRACK_STARTED, {"path": "/m/c.ogg", "title": "Spiegel im Spiegel",
                                                  "playlist": "Journey"})
    clock.advance(10 * MIN)
    runner.record_music(EventKind.MUSIC_SILENCED, {})
    runner.record_music(EventKind.MUSIC_RESUMED, {})
    runner.record_music(EventKind.TRACK_STARTED, {"path": "/m/c.ogg", "title": "Spiegel im Spiegel",
                                                  "playlist": "Journey"})
    clock.advance(60 * MIN)
    runner.end()
    return runner, clock


def test_the_music_heard_once_each_in_order_with_artists_and_no_failed_track():
    runner, _clock = played_session()
    sheet = take_home_sheet(runner.state(), "Maya Rosen", {"/m/c.ogg": "Arvo Pärt"}, tz=UTC)
    assert [(t.title, t.artist) for t in sheet.music] == [("Weightless", ""),
                                                          ("Spiegel im Spiegel", "Arvo Pärt")]


def test_it_greets_by_first_name_dates_the_session_and_times_what_comes_next():
    runner, _clock = played_session()
    state = runner.state()
    sheet = take_home_sheet(state, "Maya Rosen", {}, windows=CourseWindows(check_in_hours=48),
                            tz=UTC)
    assert sheet.first_name == "Maya" and sheet.day == "Thursday 1 January 2026"
    ended = dt.datetime.fromtimestamp(state.ended_at, UTC)
    check_in = ended + dt.timedelta(hours=48)
    assert sheet.check_in.startswith(f"By Saturday 3 January, about {check_in:%H:%M}")
    assert sheet.integration.startswith("By Thursday 8 January")
    assert sheet.contact == "If you are worried or need to talk, call the practice."


def test_nothing_clinical_is_on_it():
    runner, _clock = played_session()
    lines = "\n".join(take_home_sheet(runner.state(), "Maya Rosen", {}, tz=UTC).lines())
    assert "father" not in lines and "tearful" not in lines and "Rosen" not in lines
    assert "mg" not in lines.split() and "PHQ" not in lines


def test_the_practices_words_and_contact():
    runner, _clock = played_session()
    settings = TakeHomeSettings("Rest.\n\nNo driving today.", "Dr Ana Rivera, 555 0101")
    sheet = take_home_sheet(runner.state(), "Maya", {}, settings, tz=UTC)
    assert sheet.after_care == ("Rest.", "No driving today.")
    assert sheet.contact == "If you are worried or need to talk: Dr Ana Rivera, 555 0101"


def test_settings_read_forgivingly_and_checked():
    assert TakeHomeSettings.from_data({"after_care": " ", "contact": 5}) == TakeHomeSettings()
    assert take_home_problems(TakeHomeSettings(after_care=" "))
    assert take_home_problems(TakeHomeSettings(contact="x" * 3000))
    assert take_home_problems(TakeHomeSettings()) == []
    assert "driv" in DEFAULT_AFTER_CARE
    assert first_name("  ") == ""
