"""Settings → Course settings on a real display, by real keys: Ctrl+, opens Settings,
Ctrl+K the course settings, Alt+3 their screening page; the months typed and Ctrl+S
land in the practice file, and Settings closes with Escape, having nothing to ask."""

from __future__ import annotations

from kapdesk.core.practice_settings import READINESS
from tests.desktop.flows import open_with_client, practice_of


def rescreen_months(app) -> object:  # noqa: ANN001
    stored = practice_of(app).setting(READINESS)
    return None if stored is None else stored["screening"]["rescreen_months"]


def months_field(app):  # noqa: ANN001, ANN201
    return app.tree().find("Screening is due again after", "spin button")


def test_course_settings_change_the_screening_months_by_keys(make_app):  # noqa: ANN001
    app = open_with_client(make_app)
    app.key("ctrl+comma")
    app.wait_node("Course settings", "push button")
    app.key("ctrl+k")
    app.wait_node("Contraindication list", exact=False)
    app.wait_words("Screenings already recorded keep version 1's words")
    app.shot("course-settings-list")
    app.key("alt+3")
    months = app.wait_node("Screening is due again after", "spin button")
    app.wait_words("default 6")
    app.click_at(*months.centre)
    # The field's own focus: Qt also calls the current page's tab "focused" (its
    # accessible tab's state), which is not where the keys go.
    app.wait_for(lambda: months_field(app).focused, "focus on the months field")
    app.key("ctrl+a")
    app.type("12")
    app.wait_for(lambda: months_field(app).text.startswith("12"), "12 months typed")
    app.shot("course-settings-months")
    assert rescreen_months(app) is None  # nothing saved before Ctrl+S
    app.key("ctrl+s")
    app.wait_for(lambda: rescreen_months(app) == 12, "12 months stored in the practice file")
    app.wait_for(lambda: app.tree().find("Screening is due again after", "spin button") is None,
                 "the course settings to close")
    app.wait_node("Course settings", "push button")  # back on Settings
    app.key("Escape")  # nothing changed there: it closes without asking
    app.wait_for(lambda: app.tree().find("Course settings", "push button") is None,
                 "Settings to close")
    assert rescreen_months(app) == 12
