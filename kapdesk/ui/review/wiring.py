"""Putting the review area into the app: the composition root's one call.

`connect_review(window, services, clients_view, flow)`: the header's Records
button (Ctrl+Shift+R) opens the practice-wide history, a client's "Past
sessions" (Ctrl+P) opens theirs; Back from the area returns to the clients;
an open session's page resumes or ends it through the session flow.
The area is built on first use, not at start-up. Sets `window.review_area`
(None until then) and returns the function that opens it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kapdesk.ui.session.flow import SessionFlow

log = logging.getLogger(__name__)


def connect_review(window: Any, services: Any, clients_view: Any,
                   flow: SessionFlow) -> Callable[[int | None], Any]:
    window.review_area = None

    def area() -> Any:
        if window.review_area is None:
            from kapdesk.ui.review.area import ReviewArea, ReviewServices

            window.review_area = ReviewArea(ReviewServices.from_app(services))
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
    summary that is missing (new sessions, or ones made by an older KAPDesk).
    A plain Python thread, not a Qt pool: the work touches no Qt object, and
    a pool owned by a widget would wait for it, holding the GIL, when the
    widget is destroyed.

    If a session is already on screen by then (resumed after a crash, or
    begun at once), the start-up pass is left to that session's close: an
    upgraded practice may have thousands of summaries to store, and that
    work and its writes do not belong in the middle of a session.
    """

    def __init__(self, services: Any, session_open: Callable[[], bool] = lambda: False) -> None:
        self._services = services
        self._session_open = session_open
        self._thread: threading.Thread | None = None

    def after_start_up(self) -> None:
        if not self._session_open():
            self.backfill()

    def backfill(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._thread = threading.Thread(target=self._work, name="kapdesk-summaries", daemon=True)
        self._thread.start()

    def wait(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def _work(self) -> None:
        from kapdesk.storage.practice_settings_store import load
        from kapdesk.storage.review import ReviewStore

        try:
            thresholds = load(self._services.settings).vital_thresholds
            ReviewStore(self._services.practice, self._services.clock, thresholds).backfill_summaries()
        except Exception:  # noqa: BLE001 - summaries are a cache; the history computes what is missing
            log.exception("Storing session summaries failed")


def keep_summaries_current(window: Any, services: Any) -> SummaryKeeper:
    from PySide6.QtCore import QTimer

    keeper = SummaryKeeper(services, lambda: window.session_flow.view is not None)
    QTimer.singleShot(BACKFILL_DELAY_MS, window, keeper.after_start_up)
    window.session_flow.session_closed.connect(keeper.backfill)
    return keeper
