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
