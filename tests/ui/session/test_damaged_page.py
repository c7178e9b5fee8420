"""A damaged page met by a session's write: said in words naming the practice and the latest
checked backup; what the session had committed stays committed; nothing is overwritten."""

from __future__ import annotations

from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
from kapdesk.core.clients import ClientDraft
from kapdesk.services import open_services
from kapdesk.storage.backup_files import BY_HAND
from kapdesk.storage.damage import backup_date_words
from kapdesk.storage.files import db_path_in
from kapdesk.storage.practice import PAGE_SIZE, open_practice
from tests.helpers.constants import PASSPHRASE
from tests.helpers.damage import damage_page, root_page
from tests.helpers.session_window import open_window, process_dies, tick_checklist


def test_a_note_meeting_a_damaged_page_is_refused_in_words_and_nothing_before_is_lost(
        qtbot, practice, clock) -> None:  # noqa: ANN001
    services = open_services(practice, clock)
    client = services.clients.add(ClientDraft("Alex M."))
    backup = services.backups.back_up(kind=BY_HAND).backup
    wired = open_window(qtbot, services)
    view = wired.session_flow.start(client.id, KAP_SUBLINGUAL)
    clock.advance(120)
    tick_checklist(view.pre_dose)
    view.pre_dose.record_dose()
    for text in ("Settling in, breathing slow", "Describes warmth in the chest"):
        clock.advance(60)
        assert view.room.controller.add_note(text) is not None
    session_id = services.sessions.open_sessions()[0].session_id
    committed = services.sessions.events(session_id)
    process_dies(wired)
    practice.close()  # as after the process stopped: the write-ahead log folded in
    # The search index's page, which every note's write also touches, goes bad on the disk.
    page = root_page(practice.data_dir, "search_index_data")
    damaged = damage_page(practice.data_dir, page)
    bad_page = damaged[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]

    reopened = open_practice(practice.data_dir, PASSPHRASE)
    try:
        services = open_services(reopened, clock)
        wired = open_window(qtbot, services)
        open_session = services.sessions.open_sessions()[0]
        view = wired.session_flow.resume(open_session)
        assert view is not None
        said: list[str] = []
        view.room.controller.command_failed.connect(said.append)
        clock.advance(60)
        assert view.room.controller.add_note("Tearful, then calm") is None

        words = " ".join(said)
        assert words.startswith("Not saved: part of the practice file")
        assert str(db_path_in(practice.data_dir)) in words
        assert backup_date_words(backup.made_at) in words and "Settings → Backups" in words
        assert "Nothing was overwritten" in words and "malformed" not in words
        events = services.sessions.events(session_id)
        assert events[:len(committed)] == committed  # every committed event is still there
        assert "Tearful, then calm" not in repr(events)  # the refused note is not half-stored
        assert view.room.controller.add_tag("calm") is None  # a tag is indexed too: refused alike
    finally:
        process_dies(wired)
        reopened.close()
    data = db_path_in(practice.data_dir).read_bytes()
    assert data[(page - 1) * PAGE_SIZE:page * PAGE_SIZE] == bad_page  # nothing written over it
