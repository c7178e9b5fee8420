"""Client mode on a real display: the laptop handed to the client, by real keys.

The app is client_mode_app.py (the app's own wired window, handing the
laptop over as the client's page will). What a person would notice: the
form covers the whole screen and nothing else of the app is on it or in
the accessible tree (no other client); number keys, Backspace and Enter
fill and submit it; Alt+F4 through the window manager, Escape, Ctrl+Q and
Ctrl+L leave it up; the answers are in the practice file at Submit; a wrong
passphrase is refused calmly and the right one brings KAPDesk back.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.desktop.driver import PASSPHRASE, App
from tests.desktop.practice_file import PracticeFile, seed_practice

pytestmark = pytest.mark.slow

LAUNCHER = Path(__file__).with_name("client_mode_app.py")
HANDED = "Robin Vale"
OTHER = "Quintessa Marlowe-Vey"
FORM = "KAPDesk — questionnaire"


def geometry(app: App, window: str) -> tuple[int, int, int, int]:
    text = app.xdotool("getwindowgeometry", window, check=False)
    x, y = map(int, re.search(r"Position: (-?\d+),(-?\d+)", text).groups())
    w, h = map(int, re.search(r"Geometry: (\d+)x(\d+)", text).groups())
    return x, y, w, h


def screen_size(app: App) -> tuple[int, int]:
    w, h = app.xdotool("getdisplaygeometry").split()
    return int(w), int(h)


def wait_question(app: App, progress: str) -> None:
    app.wait_words(progress)


def test_client_mode_covers_the_screen_keeps_the_client_in_and_the_passphrase_lets_the_therapist_out(
        make_app, data_dir):  # noqa: ANN001
    seed_practice(data_dir, PASSPHRASE, (OTHER, HANDED))
    before = PracticeFile(data_dir, PASSPHRASE).measures(2)  # the seeded course's own forms
    app = make_app(program=LAUNCHER, extra_args=("--client", "2", "--kind", "gad7"))
    app.start(wait_window=False)
    form = app.wait_window(FORM)
    tree = app.wait_words("Feeling nervous, anxious, or on edge")
    assert geometry(app, form) == (0, 0, *screen_size(app)), "the form must cover the whole screen"
    assert app.windows() == [form], "no other window of the app may be on screen"
    assert not tree.mentions("Marlowe") and not tree.mentions("Vale")
    app.shot("question-1")

    app.key("2", "1")
    wait_question(app, "Question 3 of 7")
    app.key("BackSpace")
    wait_question(app, "Question 2 of 7")
    app.key("alt+F4")  # the window manager's close
    app.key("Escape", "ctrl+q", "ctrl+l", "F11")
    app.key("3")  # still the form, still taking the client's keys
    wait_question(app, "Question 3 of 7")
    assert app.alive() and app.windows() == [form]
    app.key("0", "0", "1", "1")
    wait_question(app, "Question 7 of 7")
    app.key("9", "4")  # not answers on the GAD-7: said, not taken
    app.wait_words("Press a number from 0 to 3")
    assert app.tree().mentions("Question 7 of 7")
    app.key("0")
    tree = app.wait_words("Check your answers")
    assert tree.mentions("Not being able to stop or control worrying: Nearly every day")
    app.shot("review")
    assert PracticeFile(data_dir, PASSPHRASE).measures(2) == before  # nothing before Submit

    app.key("Return")
    app.wait_words("Thank you, R.")
    [record] = [m for m in PracticeFile(data_dir, PASSPHRASE).measures(2) if m not in before]
    assert record.result.answers == (2, 3, 0, 0, 1, 1, 0) and record.filled_by.value == "client"
    assert not app.tree().mentions("Vale")
    app.shot("thank-you")

    app.key("alt+F4")
    app.type("not it")
    app.key("Return")
    app.wait_words("That is not the practice passphrase")
    assert app.windows() == [form]
    app.key("ctrl+a")
    app.type(PASSPHRASE)
    app.key("Return")
    main = app.wait_for(lambda: next((w for w in app.windows() if app.window_name(w) == "KAPDesk"), None),
                        "KAPDesk's main window back")
    app.wait_for(lambda: app.windows() == [main], "the form gone")
    app.wait_node(OTHER, "list item")  # the client list again, as the therapist left it
    app.shot("back-in-kapdesk")
    out = app.wait_for(lambda: "returned" in app.stdout.read_text() and app.stdout.read_text(),
                       "hand_to_client to return")
    assert "hand_to_client returned True" in out
    assert "The GAD-7 the client filled on the laptop is saved." in out
