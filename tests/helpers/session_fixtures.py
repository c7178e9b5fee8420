"""Fixtures for the session screen tests: the real app window on a fake clock.

Test modules load them with `pytest_plugins = ("tests.helpers.session_fixtures",)`
(and import helpers from session_helpers, never from here, so that pytest can
still rewrite this module's asserts). Everything is real: an
encrypted practice in a temp folder (conftest's `practice`), the app's own
`Services` and `build_main_window`, so the session flow under test is the
one the app wires up. Only the clock is fake, advanced by hand.
"""

from __future__ import annotations

import pytest

from kapdesk.app import Services
from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
from kapdesk.core.clients import ClientDraft
from kapdesk.ui.session.pages import SessionView
from tests.helpers.session_window import INTENTION, open_window, tick_checklist


@pytest.fixture
def services(practice, clock) -> Services:  # noqa: ANN001
    return Services(practice, clock)


@pytest.fixture
def client(services: Services):  # noqa: ANN201
    return services.clients.add(ClientDraft("Alex M.", intention=INTENTION))


@pytest.fixture
def window(qtbot, services: Services):  # noqa: ANN001, ANN201
    return open_window(qtbot, services)


@pytest.fixture
def session(window, client) -> SessionView:  # noqa: ANN001
    """A session just started on the KAP script: the before-the-dose page."""
    view = window.session_flow.start(client.id, KAP_SUBLINGUAL)
    assert view is not None
    return view


@pytest.fixture
def room(session: SessionView, clock):  # noqa: ANN001, ANN201
    """The room view after the default dose, two minutes into the session, every
    checklist item ticked."""
    clock.advance(120)
    tick_checklist(session.pre_dose)
    session.pre_dose.record_dose()
    assert session.current_page() is session.room
    return session.room

