"""The grounding screen on a real display, by real keys (issue 14): in a running
session's room Ctrl+G covers the room with a very large 5 and its words (read by
the accessibility bus, and drawn: there is ink where the number is), Space steps
on to 3, Backspace back to 4, letters typed stay on the screen and never become a
note, Ctrl+G closes it and the room has the keys again; the practice file's
session log holds the opening and the closing with how many steps were seen."""

from __future__ import annotations

import pytest

from tests.desktop.flows import ROOM, note_texts, practice_of, to_room, wait_event, wait_keys_in_room

pytestmark = pytest.mark.slow
SCREEN = "Grounding exercise"


def count_says(app) -> str:  # noqa: ANN001
    """The big number on the grounding screen as the accessibility bus reads it ("" if none)."""
    node = app.tree().find("Count", exact=False)
    return "" if node is None else node.says()


def test_ctrl_g_opens_grounding_space_steps_and_ctrl_g_closes_it_logged(make_app):  # noqa: ANN001
    app = to_room(make_app)
    wait_keys_in_room(app, "the room to have the keys")
    app.key("ctrl+g")
    screen = app.wait_node(SCREEN)
    tree = app.wait_words("Notice five things you can see.")
    assert "5" in count_says(app), tree.describe()
    number = tree.find("Count", exact=False)
    assert number.h >= screen.h // 6, "the number is not very large"
    assert app.ink(number) > 0.05, "nothing drawn where the number should be"
    app.shot("grounding-5")
    wait_event(app, "grounding_opened")

    app.key("space", "space")
    app.wait_words("Notice three things you can feel in your body.")
    assert "3" in count_says(app)
    app.shot("grounding-3")
    app.key("BackSpace")
    app.wait_words("Notice four things you can hear.")
    app.type("abc")  # letters while the screen is up: not a note
    app.wait_words("Notice four things you can hear.")
    assert app.tree().find(SCREEN) is not None

    app.key("ctrl+g")
    app.wait_for(lambda: app.tree().find(SCREEN) is None, "the grounding screen to close")
    stored = wait_event(app, "grounding_closed")
    wait_keys_in_room(app, "the room to have the keys again")
    assert app.tree().find(ROOM) is not None
    note = app.tree().find("Note", "text")
    assert note is not None and note.text == "", "letters typed on the grounding screen became a note"
    app.shot("room-after-grounding")
    [opened] = stored.of_kind("grounding_opened")
    [closed] = stored.of_kind("grounding_closed")
    assert opened.seq < closed.seq and closed.data == {"steps_seen": 2}  # 5, 4, 3, back to 4
    assert note_texts(stored) == []
    assert stored.ended_at is None  # the session runs on
    assert practice_of(app).session().of_kind("note") == []
