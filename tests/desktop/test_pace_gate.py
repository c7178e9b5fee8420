"""The pace of the doses on a real display, by real keys (issue 14): a client dosed twice
in the last 7 days (the practice allows 2 a week); a third dosing session's
before-the-dose page names the pace on the readiness panel and holds the dose,
saying why; Ctrl+G "Go on anyway" and a written reason let the dose be given, and the
session's log holds the reason, before the dose, naming the pace."""

from __future__ import annotations

import pytest

from tests.desktop.flows import (CHECKLIST, CLIENT, REASON_BOX, ROOM, choose_script, held_says,
                                 practice_of, save_vitals, tick, wait_event)
from tests.desktop.practice_file import seed_dosed_session, seed_practice

pytestmark = pytest.mark.slow
PACE = "Pace of the dosing sessions"
REASON = "Flying abroad on Monday; the psychiatrist agreed to a third dose this week"


def test_a_third_dose_in_a_week_is_held_until_a_reason_is_written(make_app):  # noqa: ANN001
    app = make_app()
    seed_practice(app.data_dir, app.passphrase, (CLIENT,))
    earlier = [seed_dosed_session(app.data_dir, app.passphrase, CLIENT, ended_hours_ago=hours)
               for hours in (5 * 24, 2 * 24)]
    app.start()
    app.wait_node(CLIENT, "list item")
    choose_script(app)
    tree = app.wait_words("2 dosing sessions in the last 7 days")
    pace = [node for node in tree.named(PACE) if node.showing]
    assert pace and "at most 2 a week" in pace[0].says(), [n.says() for n in pace]
    save_vitals(app, "118", "76", "70")
    app.wait_for(lambda: held_says(app.tree()) == "Dose held — not ready: pace of the doses",
                 "the dose button to name the pace alone")
    tick(app, *CHECKLIST)
    wait_event(app, "checklist_ticked", len(CHECKLIST))
    app.shot("pace-held")

    app.key("ctrl+Return")  # held: says why, records nothing
    app.wait_words(f"Not ready: {PACE}")
    session = practice_of(app).session()
    assert session.id not in earlier and session.of_kind("dose_given") == []

    app.key("ctrl+g")  # Go on anyway: the reason box takes the cursor
    app.wait_focus(lambda node: node.name == REASON_BOX, "the reason box")
    app.type(REASON)
    app.key("Return")
    stored = wait_event(app, "dose_given")
    app.wait_node(ROOM)
    app.shot("room-after-pace-override")
    [override] = stored.of_kind("readiness_overridden")
    [dose] = stored.of_kind("dose_given")
    assert override.seq < dose.seq
    assert override.data["reason"] == REASON and override.data["not_ready"] == [PACE]
    pieces = {piece["key"]: piece["status"] for piece in dose.data["readiness"]["pieces"]}
    assert pieces["pace"] == "failed" and pieces["consent"] == "ready"
