"""A disk that fills up during a session: the note stays in its field and the room says
what happened and what to do, in words, never the database library's text."""

from __future__ import annotations

from sqlalchemy import event

from kapdesk.core.events import EventKind
from tests.helpers.session_window import stored

pytest_plugins = ("tests.helpers.session_fixtures",)


def _fill_the_disk(practice) -> None:  # noqa: ANN001
    """From now on the practice file may not grow: SQLite answers "database or disk is full"."""
    practice.engine.dispose()

    def no_room_to_grow(dbapi_connection, _record) -> None:  # noqa: ANN001
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(practice.engine, "connect", no_room_to_grow)


def test_a_note_on_a_full_disk_keeps_the_draft_and_says_what_to_do(services, room) -> None:  # noqa: ANN001
    before = stored(services, _view(room), EventKind.NOTE)
    _fill_the_disk(services.practice)
    draft = "Breathing slowly, hands open. " * 400  # more than the free room in the file
    room.note_edit.setText(draft)
    room.save_note()
    assert room.note_edit.text() == draft
    assert room.status.isVisible()
    assert room.status.text() == ("Not saved: the disk is full. Free some space, then press Enter again. "
                                  "Everything recorded before is safe.")
    assert "OperationalError" not in room.status.accessibleName()
    assert stored(services, _view(room), EventKind.NOTE) == before


def _view(room):  # noqa: ANN001, ANN202
    widget = room
    while widget is not None and not hasattr(widget, "session_id"):
        widget = widget.parentWidget()
    return widget
