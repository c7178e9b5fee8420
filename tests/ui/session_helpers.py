"""Helpers for the session screen tests (the fixtures are in session_fixtures.py)."""

from __future__ import annotations

from kapdesk.core.events import Event, EventKind

INTENTION = "To meet the grief gently and let my body rest."


def stored(services, view, kind: EventKind | None = None) -> list[Event]:  # noqa: ANN001
    """The session's events as read back from the practice database."""
    events = services.sessions.events(view.session_id)
    return [e for e in events if kind is None or e.kind is kind]


def fill_vitals(entry, systolic: str, diastolic: str, heart_rate: str = "72",  # noqa: ANN001
                spo2: str = "") -> None:
    for key, text in zip(("systolic", "diastolic", "heart_rate", "spo2"),
                         (systolic, diastolic, heart_rate, spo2)):
        entry.fields[key].setText(text)
