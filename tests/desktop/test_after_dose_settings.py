"""Settings → Course settings → After the dose on a real display, by real keys (issue
14): a client dosed 26 hours ago owes a 72-hour check-in, due in two days; Alt+4 opens
the page, the check-in window becomes 24 hours and the take-home sheet's after-care
words are rewritten, Ctrl+S saves; the main window's due list follows at once (the
check-in now overdue), and after the app is started again the practice file and the
list still hold the new window and words."""

from __future__ import annotations

import pytest

from kapdesk.core.practice_settings import COURSE_WINDOWS, TAKE_HOME
from tests.desktop.flows import CLIENT, practice_of
from tests.desktop.practice_file import seed_dosed_session, seed_practice

pytestmark = pytest.mark.slow
HOURS = "Check-in due within (hours of the session's end)"
AFTER_CARE = "After-care words on the take-home sheet"
WORDS = "Rest today. No driving until tomorrow, after sleep. Call us if anything worries you."


def focused_field(app, name: str, role: str):  # noqa: ANN001, ANN201
    """Click a field, then wait until it has the keys (its own focus, not its page tab's)."""
    app.click_at(*app.wait_node(name, role).centre)
    return app.wait_for(lambda: (node := app.tree().find(name, role)) is not None and node.focused
                        and node, f"focus on {name!r}")


def test_the_check_in_window_and_the_take_home_words_by_keys(make_app):  # noqa: ANN001
    app = make_app()
    seed_practice(app.data_dir, app.passphrase, (CLIENT,))
    seed_dosed_session(app.data_dir, app.passphrase, CLIENT, ended_hours_ago=26)
    app.start()
    app.wait_node(CLIENT, "list item")
    app.wait_words("72-hour check-in with R. V. — due by")

    app.key("ctrl+comma")
    app.wait_node("Course settings", "push button")
    app.key("ctrl+k")
    app.wait_node("Contraindication list", exact=False)
    app.key("alt+4")
    app.wait_node(HOURS, "spin button")
    app.wait_words("default 72")
    focused_field(app, HOURS, "spin button")
    app.key("ctrl+a")
    app.type("24")
    app.wait_for(lambda: app.tree().find(HOURS, "spin button").text.startswith("24"), "24 hours typed")
    focused_field(app, AFTER_CARE, "text")
    app.key("ctrl+a")
    app.type(WORDS)
    app.shot("after-dose-page")
    practice = practice_of(app)
    assert practice.setting(COURSE_WINDOWS) is None  # nothing saved before Ctrl+S
    app.key("ctrl+s")
    app.wait_for(lambda: (stored := practice.setting(COURSE_WINDOWS)) is not None
                 and stored["check_in_hours"] == 24, "24 hours stored in the practice file")
    assert practice.setting(TAKE_HOME)["after_care"] == WORDS
    app.wait_for(lambda: app.tree().find(HOURS, "spin button") is None, "the course settings to close")
    app.wait_node("Course settings", "push button")
    app.key("Escape")  # Settings, nothing changed there: closes without asking
    app.wait_for(lambda: app.tree().find("Course settings", "push button") is None, "Settings to close")
    app.wait_words("24-hour check-in with R. V. — overdue")  # ended 26 hours ago
    assert not app.tree().mentions("72-hour check-in")
    app.shot("due-list-24-hours")

    app.stop()
    app.start()
    app.wait_node(CLIENT, "list item")
    app.wait_words("24-hour check-in with R. V. — overdue")
    practice = practice_of(app)
    assert practice.setting(COURSE_WINDOWS)["check_in_hours"] == 24
    assert practice.setting(COURSE_WINDOWS)["integration_days"] == 7  # the others as they were
    assert practice.setting(TAKE_HOME)["after_care"] == WORDS
