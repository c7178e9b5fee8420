"""An adverse event and the client's take-home sheet on a real display, by real keys
(issue 14): in the room a note is written, then Ctrl+Shift+A opens the adverse-event
form over the running session, Alt+1 chooses nausea, Alt+M mild, the action typed
and Ctrl+S store it in the session's log; F11 goes to discharge and Ctrl+T saves the
sheet into the practice folder's "Take-home sheets": one PDF, the client's calm
page, with none of what the therapist wrote in the session on it."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from tests.desktop.flows import ROOM, note_texts, to_room, wait_event, wait_keys_in_room

pytestmark = pytest.mark.slow
NOTE = "Spoke of her father's funeral, tearful"
ACTION = "Bowl and water, rested on her side"
FORM = "Record an adverse event"


def test_adverse_event_in_the_room_then_the_take_home_sheet_at_discharge(make_app):  # noqa: ANN001
    app = to_room(make_app)
    wait_keys_in_room(app, "the room to have the keys")
    app.key("F2")
    app.wait_focus(lambda node: node.name == "Note", "the note field")
    app.type(NOTE)
    app.key("Return")
    assert note_texts(wait_event(app, "note")) == [NOTE]
    wait_keys_in_room(app, "the room to have the keys again")

    app.key("ctrl+shift+a")
    app.wait_node(FORM)
    app.key("alt+1")
    app.wait_for(lambda: (box := app.tree().find("Nausea or vomiting", "radio button"))
                 and box.focused, "Nausea or vomiting chosen")
    app.key("alt+m")
    app.wait_for(lambda: (box := app.tree().find("Severity mild", "radio button"))
                 and box.focused, "Mild chosen")
    app.click_at(*app.wait_node("Action taken", "text").centre)
    app.wait_focus(lambda node: node.name == "Action taken", "the action field")
    app.type(ACTION)
    app.shot("adverse-form")
    app.key("ctrl+s")
    stored = wait_event(app, "adverse_event")
    app.wait_for(lambda: app.tree().find(FORM) is None, "the adverse-event form to close")
    app.wait_node(ROOM)
    app.shot("room-after-adverse")
    [adverse] = stored.of_kind("adverse_event")
    assert adverse.data["kind"] == "nausea_or_vomiting" and adverse.data["severity"] == "mild"
    assert adverse.data["action"] == ACTION
    assert stored.ended_at is None  # the session ran on under the form

    app.key("F11")
    app.wait_node("Take-home sheet", "push button")
    app.shot("discharge")
    app.key("ctrl+t")
    app.wait_words("Take-home sheet saved")
    app.shot("take-home-saved")
    sheets = sorted((app.data_dir / "Take-home sheets").glob("*.pdf"))
    assert len(sheets) == 1, sheets
    text = " ".join((page.extract_text() or "") for page in PdfReader(sheets[0]).pages)
    flat = " ".join(text.split())
    assert "Robin" in flat and "Do not drive" in flat, flat  # the client's own page
    for private in (NOTE, "funeral", ACTION, "Nausea", "nausea", "mild", "118"):
        assert private not in flat, f"{private!r} is on the client's take-home sheet"
