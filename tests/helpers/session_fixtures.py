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

from kapdesk.app import WiredWindow
from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
from kapdesk.core.clients import ClientDraft
from kapdesk.services import Services, open_services
from kapdesk.ui.session.pages import SessionView
from kapdesk.ui.shell.main_window import MainWindow
from tests.helpers.course_records import everything_ready
from tests.helpers.session_window import INTENTION, dose_anyway, open_window, tick_checklist


@pytest.fixture
def services(practice, clock) -> Services:  # noqa: ANN001
    return open_services(practice, clock)


@pytest.fixture
def client(services: Services):  # noqa: ANN201
    """A client ready for a dose (screening, consent, PHQ-9; the baseline blood
    pressure is the session's own)."""
    found = services.clients.add(ClientDraft("Alex M.", intention=INTENTION))
    everything_ready(services, found.id)
    return found


@pytest.fixture
def wired(qtbot, services: Services) -> WiredWindow:  # noqa: ANN001
    """The app's main window as the app wires it, shown (see open_window)."""
    return open_window(qtbot, services)


@pytest.fixture
def window(wired: WiredWindow) -> MainWindow:
    return wired.window


@pytest.fixture
def session(wired: WiredWindow, client) -> SessionView:  # noqa: ANN001
    """A session just started on the KAP script: the before-the-dose page."""
    view = wired.session_flow.start(client.id, KAP_SUBLINGUAL)
    assert view is not None
    return view


@pytest.fixture
def room(session: SessionView, clock):  # noqa: ANN001, ANN201
    """The room view after the default dose, two minutes into the session, every
    checklist item ticked, no baseline blood pressure in the session (the dose went
    ahead with a written reason: "Go on anyway")."""
    clock.advance(120)
    tick_checklist(session.pre_dose)
    dose_anyway(session.pre_dose)
    assert session.current_page() is session.room
    return session.room

