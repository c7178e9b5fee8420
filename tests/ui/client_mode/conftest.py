"""Fixtures of the client mode tests: the app's real window on a real practice, two clients.

The client handed the laptop has the marker in their notes; another client
is named with it. The test modules load the session fixtures (`services`,
`wired`) with `pytest_plugins`. The passphrase check is injected (a plain
comparison, instant) except where a test asks for the practice's own.
"""

from __future__ import annotations

import pytest

from kapdesk.core.clients import ClientDraft, ClientRecord
from kapdesk.services import Services
from kapdesk.ui.client_mode.hand_over import ClientMode
from tests.helpers.constants import PASSPHRASE
from tests.helpers.session_window import close_confirmed

@pytest.fixture
def marker() -> str:
    """A name no widget of client mode may show, name or hint at."""
    return "Quintessa Marlowe-Vey"


@pytest.fixture
def handed(services: Services, marker: str) -> ClientRecord:
    """The client who fills the form; their notes hold the marker, another client is named it."""
    services.clients.add(ClientDraft(marker, notes="Another client, never to be seen here."))
    return services.clients.add(ClientDraft("Alex Morgan", notes=f"Knows {marker} from work."))


def _ending(mode: ClientMode, window):  # noqa: ANN001, ANN202
    yield mode
    mode.end()  # a test that stops half-way leaves no modal window behind
    # pytest-qt closed the window while client mode kept it hidden, before this teardown; the
    # end of client mode has just shown it again, so it is closed again: no window outlives
    # its test (a later lock test counts every window it covers).
    close_confirmed(window)
    window.close()


@pytest.fixture
def client_mode(wired, services: Services, clock):  # noqa: ANN001, ANN201
    """Client mode on the app's window, its runner and the fake clock; an instant passphrase check."""
    yield from _ending(ClientMode(services, wired.window, wired.tasks, clock=clock,
                                  confirms=lambda typed: typed == PASSPHRASE, parent=wired.window),
                       wired.window)


@pytest.fixture
def practice_checked_mode(wired, services: Services, clock):  # noqa: ANN001, ANN201
    """Client mode checking the passphrase as the app does (a key derivation, on the runner)."""
    yield from _ending(ClientMode(services, wired.window, wired.tasks, clock=clock,
                                  parent=wired.window), wired.window)
