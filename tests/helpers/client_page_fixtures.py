"""Fixtures for the client's page tests: a real practice on a fake clock, one client,
and the page on a recording `FakeCourseActions`.

Test modules load them with `pytest_plugins = ("tests.helpers.client_page_fixtures",)`.
A plugin's fixtures are seen by every test module once loaded, so none is named
like another plugin's (session_fixtures has a `client` ready for a dose): the
client here is `page_client`, which a module names `client` for itself.
The records are written through the app's own stores (course_records.py's
helpers), so what the page shows is read exactly as the app reads it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kapdesk.core.clients import ClientDraft, ClientRecord
from kapdesk.services import Services, open_services
from kapdesk.ui.clients.client_page import ClientPage
from tests.helpers.stubs import FakeCourseActions


@pytest.fixture
def services(practice, clock) -> Services:  # noqa: ANN001
    return open_services(practice, clock)


@pytest.fixture
def page_client(services: Services) -> ClientRecord:
    return services.clients.add(ClientDraft("Maya A."))


@pytest.fixture
def actions() -> FakeCourseActions:
    return FakeCourseActions()


@pytest.fixture
def open_page(qtbot, services: Services, actions: FakeCourseActions):  # noqa: ANN001, ANN201
    """open_page(client_id) -> the page on that client, shown at a laptop's size."""

    def make(client_id: int) -> ClientPage:
        page = ClientPage(services, actions, tz=dt.timezone.utc)  # the dates the tests expect, anywhere
        qtbot.addWidget(page)
        page.resize(1200, 800)
        page.open_client(client_id)
        page.show()
        qtbot.waitExposed(page)
        return page

    return make
