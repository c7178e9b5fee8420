"""Putting the review area into the app: the composition root's one call.

`connect_review(window, services, clients_view)`: the header's Records
button (Ctrl+Shift+R) opens the practice-wide history, a client's "Past
sessions" (Ctrl+P) opens theirs; Back from the area returns to the clients.
The area is built on first use, not at start-up. Sets `window.review_area`
(None until then) and returns the function that opens it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def connect_review(window: Any, services: Any, clients_view: Any) -> Callable[[int | None], Any]:
    window.review_area = None

    def area() -> Any:
        if window.review_area is None:
            from kapdesk.ui.review_area import ReviewArea, ReviewServices

            window.review_area = ReviewArea(ReviewServices.from_app(services))
            window.review_area.closed.connect(back_to_clients)
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


BACKFILL_DELAY_MS = 3000  # after the window is up and the first paint is long done


def keep_summaries_current(window: Any, services: Any) -> Any:
    """Keep the history's per-session summaries stored, off the GUI thread.

    Each session's summary (dose, length, flags) is worked out from its log
    once and stored; a history of thousands then opens from one query. Shortly
    after start-up, and whenever a session closes, a worker stores every
    summary that is missing (new sessions, or ones made by an older KAPDesk).
    Returns the task runner (tests wait on it).
    """
    from PySide6.QtCore import QTimer

    from kapdesk.ui.review_tasks import TaskRunner

    tasks = TaskRunner(threads=1, parent=window)
    tasks.setObjectName("summaryTasks")

    def backfill() -> None:
        if not tasks.busy:
            tasks.run(lambda progress: _review_store(services).backfill_summaries(progress))

    QTimer.singleShot(BACKFILL_DELAY_MS, window, backfill)
    window.session_flow.session_closed.connect(backfill)
    return tasks


def _review_store(services: Any) -> Any:
    from kapdesk.storage.practice_settings_store import load
    from kapdesk.storage.review import ReviewStore

    thresholds = load(services.settings).vital_thresholds
    return ReviewStore(services.practice, services.clock, thresholds)
