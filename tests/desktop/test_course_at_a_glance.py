"""The course at a glance on the client's page, on a real display, by real keys (issue
14): a client with a preparation session, two doses, an integration session and a
check-in; W, Y and M zoom the course view (the screen reader hears what is in the
stretch shown), Down chooses entry after entry, Enter on the second dose opens its
session in Records, the right one; Esc goes back."""

from __future__ import annotations

import pytest

from kapdesk.core.talk_sessions import TalkKind
from kapdesk.ui.review.wording import day_and_time
from tests.desktop.flows import CLIENT, practice_of
from tests.desktop.practice_file import seed_dosed_session, seed_practice, seed_talk

pytestmark = pytest.mark.slow
VIEW = "The course at a glance"


def view_says(app) -> str:  # noqa: ANN001
    """What the course view tells a screen reader: the stretch shown, or the entry chosen."""
    node = app.tree().find(VIEW)
    return "" if node is None else node.description


def wait_view(app, words: str) -> str:  # noqa: ANN001
    return app.wait_for(lambda: words in (said := view_says(app)) and said,
                        f"the course view to say {words!r}")


def test_zoom_choose_the_second_dose_and_open_it_in_records(make_app):  # noqa: ANN001
    app = make_app()
    seed_practice(app.data_dir, app.passphrase, (CLIENT,))
    seed_talk(app.data_dir, app.passphrase, CLIENT, TalkKind.PREPARATION, days_ago=40)
    first = seed_dosed_session(app.data_dir, app.passphrase, CLIENT, ended_hours_ago=20 * 24)
    seed_talk(app.data_dir, app.passphrase, CLIENT, TalkKind.INTEGRATION, days_ago=18, after_dose=first)
    second = seed_dosed_session(app.data_dir, app.passphrase, CLIENT, ended_hours_ago=6 * 24)
    seed_talk(app.data_dir, app.passphrase, CLIENT, TalkKind.CHECK_IN, days_ago=5, after_dose=second)
    app.start()
    app.wait_node(CLIENT, "list item")
    app.wait_focus(lambda node: node.name in (CLIENT, "Client list"), "the client list")
    app.key("Return")
    app.wait_node(f"Client: {CLIENT}")
    view = app.wait_node(VIEW)
    app.wait_words("Next: dosing session 3 of 6 planned; 2 given so far.")
    # The view's left margin (the lanes' names): a click there gives it the keys, opens nothing.
    app.click_at(view.x + 30, view.y + 12)
    app.wait_focus(lambda node: node.name == VIEW, "the course view")

    whole = wait_view(app, "The whole course:")
    for entry in ("Preparation session", "Dosing session", "Integration session",
                  "Follow-up check-in", "PHQ-9"):
        assert entry in whole, (entry, whole)
    app.key("y")
    assert "Preparation session" in wait_view(app, "A year:")
    app.key("m")
    month = wait_view(app, "A month:")
    assert "Preparation session" not in month  # 40 days ago: outside the month shown
    assert month.count("Dosing session") == 2, month
    app.shot("course-month")

    # Down steps through what the month shows, oldest first: the first dose, the
    # integration session after it, then the second dose.
    app.key("Down")
    wait_view(app, "Dosing session, ")
    app.key("Down")
    wait_view(app, "Integration session, ")
    app.key("Down")
    chosen = wait_view(app, "Dosing session, ")
    assert "ketamine 200 mg" in chosen, chosen
    app.shot("second-dose-chosen")

    app.key("Return")
    stored = {session.id: session for session in practice_of(app).sessions()}
    started = stored[second].events[0].at
    tree = app.wait_node(f"Session: {CLIENT} — {day_and_time(started)}")
    assert tree is not None
    tree = app.wait_words(f"Records › {CLIENT}")
    assert tree.find(f"Session: {CLIENT} — {day_and_time(stored[first].events[0].at)}") is None
    app.shot("records-second-dose")

    app.key("Escape")  # back to the client's history in Records
    app.wait_for(lambda: app.tree().find(f"Session: {CLIENT} — {day_and_time(started)}") is None,
                 "the session page to close")
    app.wait_words("Records")
    app.key("Escape")  # and to the clients
    app.wait_node("Add client", "push button")
    assert app.alive()
