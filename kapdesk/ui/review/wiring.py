"""Putting the review area into the app: the composition root's one call.

`connect_review(window, services, clients_view, flow, tasks)`: the header's Records
button (Ctrl+Shift+R) opens the practice-wide history, a client's "Past
sessions" (Ctrl+P) opens theirs; Back from the area returns to the clients;
an open session's page resumes or ends it through the session flow.
The area is built on first use, not at start-up, and reads in the app's task
runner (`tasks`). Returns the `ReviewWiring` that opens it and holds it
(`area`, None until then). `keep_summaries_current` stores the history's
summaries as a task of the same runner.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from kapdesk.core.tasks import Progress, Task

if TYPE_CHECKING:
    from kapdesk.services import Services
    from kapdesk.ui.clients.client_list import ClientsView
    from kapdesk.ui.common.tasks import TaskRunner
    from kapdesk.ui.review.area import ReviewArea
    from kapdesk.ui.review.session_page import SessionReviewView
    from kapdesk.ui.session.flow import SessionFlow
    from kapdesk.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)


class ReviewWiring:
    """The review area in the main window: built on first use, then kept."""

    def __init__(self, window: MainWindow, services: Services, clients_view: ClientsView,
                 flow: SessionFlow, tasks: TaskRunner) -> None:
        self._window, self._services, self._tasks = window, services, tasks
        self._clients_view, self._flow = clients_view, flow
        self.area: ReviewArea | None = None

    def open_records(self, client_id: int | None = None) -> ReviewArea:
        """The history, of one client or of the whole practice, on screen."""
        review = self._area()
        review.show_history(client_id)
        self._window.show_view(review)
        review.history.table.setFocus()
        return review

    def open_session(self, client_id: int, session_id: int) -> ReviewArea:
        """One session's page, with the client's history behind it (Back goes there)."""
        review = self.open_records(client_id)
        review.show_session(session_id)
        return review

    def _area(self) -> ReviewArea:
        if self.area is None:
            from kapdesk.ui.review.area import ReviewArea, ReviewServices

            self.area = ReviewArea(ReviewServices.from_app(self._services), self._tasks)
            self.area.closed.connect(self._back_to_clients)
            connect_open_sessions(self.area.session, self._flow)
        return self.area

    def _back_to_clients(self) -> None:
        self._window.show_view(self._clients_view)
        self._clients_view.list_view.setFocus()


def connect_review(window: MainWindow, services: Services, clients_view: ClientsView,
                   flow: SessionFlow, tasks: TaskRunner) -> ReviewWiring:
    review = ReviewWiring(window, services, clients_view, flow, tasks)
    # Lambdas, not bound methods: Qt holds a lambda, and with it the wiring,
    # for as long as the window lives, whoever else keeps the result.
    window.records_requested.connect(lambda: review.open_records(None))
    clients_view.history_requested.connect(lambda client_id: review.open_records(client_id))
    return review


def connect_open_sessions(page: SessionReviewView, flow: SessionFlow) -> None:
    """An open session's page in Records resumes or ends it through the session flow."""

    def end(session_id: int) -> None:
        flow.end_session(session_id)
        page.open_session(session_id)  # now read as ended, ready to sign
        page.record_changed.emit(session_id)

    page.resume_requested.connect(flow.resume_session)
    page.end_requested.connect(end)


BACKFILL_DELAY_MS = 3000  # after the window is up and the first paint is long done


class SummaryKeeper:
    """Keeps the history's per-session summaries stored, off the GUI thread.

    Each session's summary (dose, length, flags) is worked out from its log
    once and stored; a history of thousands then opens from one query. Shortly
    after start-up, and whenever a session closes, a worker stores every
    summary that is missing (new sessions, or ones made by an older KAPDesk),
    as a task of the app's runner: it stops between batches when the app
    closes (what was stored stays stored; the rest is stored next time).

    If a session is already on screen by then (resumed after a crash, or
    begun at once), the start-up pass is left to that session's close: an
    upgraded practice may have thousands of summaries to store, and that
    work and its writes do not belong in the middle of a session.
    """

    def __init__(self, services: Services, tasks: TaskRunner,
                 session_open: Callable[[], bool] = lambda: False) -> None:
        self._services = services
        self._tasks = tasks
        self._session_open = session_open
        self._task: Task | None = None

    def after_start_up(self) -> None:
        if not self._session_open():
            self.backfill()

    def backfill(self) -> None:
        if self._task is not None and not self._task.ended:
            return
        # No callbacks: a failure is logged by the runner, and summaries are a
        # cache (the history computes what is missing).
        self._task = self._tasks.run(self._work, name="session summaries")

    def wait(self, timeout: float | None = None) -> None:
        if self._task is not None:
            self._task.wait(timeout)

    def _work(self, progress: Progress) -> int:  # on a worker thread
        # The summaries are facts (dose, length, vitals); flags are judged
        # from them when read, so the vital-sign limits play no part here.
        return self._services.review.backfill_summaries(progress=progress)


def keep_summaries_current(window: MainWindow, services: Services, flow: SessionFlow,
                           tasks: TaskRunner) -> SummaryKeeper:
    from PySide6.QtCore import QTimer

    keeper = SummaryKeeper(services, tasks, lambda: flow.view is not None)
    # Lambdas hold the keeper for the window's life (Qt does not keep the
    # object of a bound method alive).
    QTimer.singleShot(BACKFILL_DELAY_MS, window, lambda: keeper.after_start_up())
    flow.session_closed.connect(lambda: keeper.backfill())
    return keeper
