"""Fixtures of the storage tests of the course of care: the services of a real
encrypted practice on the fake clock, and one client in it."""

from __future__ import annotations

import pytest

from kapdesk.core.clients import ClientDraft
from kapdesk.services import Services, open_services


@pytest.fixture
def services(practice, clock) -> Services:  # noqa: ANN001
    return open_services(practice, clock)


@pytest.fixture
def client_id(services: Services) -> int:
    return services.clients.add(ClientDraft("Maya R.")).id
