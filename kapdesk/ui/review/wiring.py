"""Putting the review area into the app: the composition root's one call.

`connect_review(window, services, clients_view, flow, tasks)`: the header's Records
button (Ctrl+Shift+R) opens the practice-wide history, a client's "Past
sessions" (Ctrl+P) opens theirs; Back from the area returns to the clients;
an open session's page resumes or ends it through the session flow.
The area is built on first use, not at start-up, and reads in the app's task
runner (`tasks`). Sets `window.review_area` (None until then) and returns the
function that opens it. `keep_summaries_current` stores the history's
summaries as a task of the same runner.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kapdesk.core.tasks import Progress, Task

if TYPE_CHECKING:
    from kapdesk.ui.common.tasks import TaskRunner
    from kapdesk.ui.session.flow import SessionFlow

log = logging.getLogger(__name__)


def connect_review(window: Any, services: Any, clients_view: Any,
                   flow: SessionFlow, tasks: TaskRunner) -> Callable[[int | None], Any]:
    window.review_area = None

    def area() -> Any:
        if window.review_area is None:
            from kapdesk.ui.review.area import ReviewArea, ReviewServices

            window.review_area = ReviewArea(ReviewServices.from_app(services), tasks)
            window.review_area.closed.connect(back_to_clients)
            connect_open_sessions(window.review_area.session, flow)
        return window.review_area

    def open_records(client_id: int | None = None) -> Any:
        review = area()
        review.show_history(client_id)
        window.show_view(review)
        review.history.table.setFocus()
        return review

    def back_to_clients() -> None:
        window.show_view(clients_view)
        clients_view.list_view.setFocus()

    if hasattr(window, "records_requested"):
        window.records_requested.connect(lambda: open_records(None))
    clients_view.history_requested.connect(open_records)
    return open_records


def connect_open_sessions(page: Any, flow: SessionFlow) -> None:
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

    def __init__(self, services: Any, tasks: TaskRunner,
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
        from kapdesk.storage.practice_settings_store import load
        from kapdesk.storage.review import ReviewStore

        thresholds = load(self._services.settings).vital_thresholds
        store = ReviewStore(self._services.practice, self._services.clock, thresholds)
        return store.backfill_summaries(progress=progress)


def keep_summaries_current(window: Any, services: Any, tasks: TaskRunner) -> SummaryKeeper:
    from PySide6.QtCore import QTimer

    keeper = SummaryKeeper(services, tasks, lambda: window.session_flow.view is not None)
    QTimer.singleShot(BACKFILL_DELAY_MS, window, keeper.after_start_up)
    window.session_flow.session_closed.connect(keeper.backfill)
    return keeper
