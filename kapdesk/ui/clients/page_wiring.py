"""Putting the client's page into the app: the composition root's one call.

`connect_client_page(window, services, clients_view, actions)`: from the
client list, Enter, a double-click or "Client's page" (Ctrl+O) opens the
chosen client's page; its Back (Esc, Alt+Left) returns to the list with that
client still chosen; its Start session asks the list's own signal, so a
session starts exactly as from the list. The page is built on first use and
then kept. `actions` does the recording (course_actions.py);
`AppCourseActions` is the app's (the forms and the client mode);
`PendingCourseActions` saves nothing (a page shown for a picture or a test).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kapdesk.core.measures import MeasureKind

if TYPE_CHECKING:
    from kapdesk.services import Services
    from kapdesk.ui.clients.client_list import ClientsView
    from kapdesk.ui.clients.client_page import ClientPage
    from kapdesk.ui.client_mode.hand_over import ClientMode
    from kapdesk.ui.clients.course_actions import CourseActions
    from kapdesk.ui.clients.course_forms import CourseForms
    from kapdesk.ui.shell.main_window import MainWindow


class PendingCourseActions:
    """The forms and the client mode, before they are in the build: nothing is saved.
    Replaced at merge by CourseForms (with the client mode's hand_to_client)."""

    def record_screening(self, client_id: int) -> bool:
        return False

    def record_clearance(self, client_id: int, screening_id: int) -> bool:
        return False

    def record_consent(self, client_id: int) -> bool:
        return False

    def enter_measure(self, client_id: int, kind: MeasureKind) -> bool:
        return False

    def correct_measure(self, client_id: int, measure_id: int) -> bool:
        return False

    def assess_risk(self, client_id: int, measure_id: int) -> bool:
        return False

    def hand_to_client(self, client_id: int, kind: MeasureKind) -> bool:
        return False


class AppCourseActions:
    """The app's `CourseActions`: the therapist's forms (CourseForms) and the client mode.

    After a form the client filled is saved, the forms' follow-up runs (a PHQ-9
    with question 9 above 0 shows the safety text and asks for the risk
    assessment); when the therapist left client mode before Submit, `say` puts
    the client mode's words ("Nothing was saved…") on the client's page.
    """

    def __init__(self, forms: CourseForms, client_mode: ClientMode,
                 say: Callable[[str], object] = lambda _text: None) -> None:
        self.forms, self.client_mode, self.say = forms, client_mode, say
        client_mode.submitted.connect(lambda client_id, measure_id:
                                      forms.after_measure_saved(client_id, measure_id))
        client_mode.left_unsaved.connect(lambda _client_id, words: self.say(words))

    def record_screening(self, client_id: int) -> bool:
        return self.forms.record_screening(client_id)

    def record_clearance(self, client_id: int, screening_id: int) -> bool:
        return self.forms.record_clearance(client_id, screening_id)

    def record_consent(self, client_id: int) -> bool:
        return self.forms.record_consent(client_id)

    def enter_measure(self, client_id: int, kind: MeasureKind) -> bool:
        return self.forms.enter_measure(client_id, kind)

    def correct_measure(self, client_id: int, measure_id: int) -> bool:
        return self.forms.correct_measure(client_id, measure_id)

    def assess_risk(self, client_id: int, measure_id: int) -> bool:
        return self.forms.assess_risk(client_id, measure_id)

    def hand_to_client(self, client_id: int, kind: MeasureKind) -> bool:
        return self.client_mode.hand_to_client(client_id, kind)


class ClientPageWiring:
    """The client's page in the main window: built on first use, then kept."""

    def __init__(self, window: MainWindow, services: Services, clients_view: ClientsView,
                 actions: CourseActions,
                 open_session: Callable[[int, int], object] | None = None) -> None:
        self._window, self._services, self._clients_view = window, services, clients_view
        self._actions = actions
        self._open_session = open_session  # (client, session): the review's session page
        self.page: ClientPage | None = None

    def open(self, client_id: int) -> ClientPage:
        page = self._page()
        page.open_client(client_id)
        self._window.show_view(page)
        page.screening_button.setFocus()  # show_view leaves a focus that is in the view
        return page

    def say(self, text: str) -> None:
        """A sentence on the client's page (what client mode came to, when nothing was saved)."""
        if self.page is not None:
            self.page.say(text)

    def _page(self) -> ClientPage:
        if self.page is None:
            from kapdesk.ui.clients.client_page import ClientPage

            self.page = ClientPage(self._services, self._actions)
            self.page.back_requested.connect(self._back_to_clients)
            self.page.start_session_requested.connect(self._clients_view.start_session_requested)
            if self._open_session is not None:
                opener = self._open_session
                self.page.session_requested.connect(lambda client, session: opener(client, session))
        return self.page

    def _back_to_clients(self) -> None:
        chosen = self.page.client_id if self.page is not None else None
        self._window.show_view(self._clients_view)
        self._clients_view.refresh(select_id=chosen)
        self._clients_view.list_view.setFocus()


def connect_client_page(window: MainWindow, services: Services, clients_view: ClientsView,
                        actions: CourseActions,
                        open_session: Callable[[int, int], object] | None = None
                        ) -> ClientPageWiring:
    wiring = ClientPageWiring(window, services, clients_view, actions, open_session)
    # A lambda, not a bound method: Qt holds it, and with it the wiring, for the window's life.
    clients_view.page_requested.connect(lambda client_id: wiring.open(client_id))
    return wiring
