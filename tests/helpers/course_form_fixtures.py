"""Fixtures for the course forms' tests: the app's services on a real encrypted practice,
one client, and `CourseForms` whose dialogs a `FormPlayer` fills instead of a modal loop.

Test modules load them with `pytest_plugins = ("tests.helpers.course_form_fixtures",)`
and import the key helpers from tests/helpers/course_form_keys.py.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from kapdesk.core.clients import ClientDraft
from kapdesk.services import Services, open_services
from kapdesk.ui.clients.course_forms import CourseForms
from tests.helpers.stubs import FormPlayer


@pytest.fixture
def services(practice, clock) -> Services:  # noqa: ANN001
    return open_services(practice, clock)


@pytest.fixture
def client_id(services: Services) -> int:
    return services.clients.add(ClientDraft("Anna M.")).id


@pytest.fixture
def player(qtbot) -> FormPlayer:  # noqa: ANN001
    return FormPlayer(qtbot)


@pytest.fixture
def forms(qtbot, services: Services, player: FormPlayer) -> CourseForms:  # noqa: ANN001
    page = QWidget()
    qtbot.addWidget(page)
    return CourseForms(services, page, run_dialog=player)
