"""Sessions left open: one dosing session at a time per client, and what to say.

A session is open from its start until its `session_ended` event, whatever
happened in between (a crash, the app closed, "Not now" at the resume
offer). While it is open the client cannot start another: the open one is
resumed or ended first, so the log never holds two doses on one afternoon by
a slip. Pure Python, so the rule is tested without Qt; the main window and
Records only show it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

from kapdesk.core.formatting import resume_summary
from kapdesk.core.timeline import SessionState


class HasClient(Protocol):
    @property
    def client_id(self) -> int: ...


Open = TypeVar("Open", bound=HasClient)


def open_session_of(client_id: int, open_sessions: Iterable[Open]) -> Open | None:
    """The client's open session, if any: it stands in the way of starting another."""
    return next((s for s in open_sessions if s.client_id == client_id), None)


def refusal_text(client_name: str) -> str:
    return f"A session with {client_name} is still open. Resume it or end it first."


def bar_text(client_name: str, state: SessionState) -> str:
    """"Session with Alex still open — Lying-down journey, 47:00 elapsed"."""
    return f"Session with {client_name} still open — {resume_summary(state)}"


def end_question(client_name: str) -> str:
    return (f"End the session with {client_name} now? It is recorded as ended at this "
            "moment; the time KAPDesk was closed shows as a gap in its log. "
            "This cannot be undone.")
