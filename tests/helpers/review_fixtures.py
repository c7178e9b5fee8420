"""Fixtures for the review screen tests: a real practice, the real review area.

Test modules load them with `pytest_plugins = ("tests.helpers.review_fixtures",)`
and import helpers from review_helpers. Sessions come from
tests/helpers/practice_builder.py (fast, many) or from `demo_session` (exact).
Dialogs are `FakeDialogs`: no modal loop.
"""

from __future__ import annotations

import pytest

from kapdesk.services import Services, open_services
from kapdesk.ui.common.tasks import TaskRunner
from kapdesk.ui.review.area import ReviewArea, ReviewServices
from tests.helpers.practice_builder import T0, BuildSpec, add_client, build_practice
from tests.helpers.review_rig import demo_session
from tests.helpers.stubs import FakeDialogs


@pytest.fixture
def services(practice, clock) -> Services:  # noqa: ANN001
    return open_services(practice, clock)


@pytest.fixture
def built(practice):  # noqa: ANN001, ANN201
    """3 clients x 6 weekly sessions of 5 notes, the newest the week before the clock's now."""
    return build_practice(practice.engine, BuildSpec(clients=3, sessions_per_client=6,
                                                     notes_per_session=5))


@pytest.fixture
def dialogs() -> FakeDialogs:
    return FakeDialogs()


@pytest.fixture
def area(qtbot, services, dialogs):  # noqa: ANN001, ANN201
    """The review area, shown at a laptop's size; its workers are done when the test ends."""
    tasks = TaskRunner()
    review = ReviewArea(ReviewServices.from_app(services), tasks, dialogs)
    tasks.setParent(review)  # freed, and its work drained, with the area
    qtbot.addWidget(review)
    review.resize(1240, 700)
    review.show()
    qtbot.waitExposed(review)
    yield review
    review.tasks.wait()


@pytest.fixture
def exports_folder(tmp_path):  # noqa: ANN001, ANN201
    """An empty folder the exports are written into."""
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


@pytest.fixture
def export_tab(area, practice):  # noqa: ANN001, ANN201
    """A client's dosing session from a week ago, open in Records on its Export tab."""
    client = add_client(practice.engine, "Maya A.")
    made = demo_session(practice, client, T0 - 7 * 86_400)
    area.show_session(made.session_id)
    area.session.tabs.setCurrentIndex(2)  # Export
    return area.session
