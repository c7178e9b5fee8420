"""Talk sessions and what is due, in the encrypted practice: stored, corrected only by new
records, signed then added to, searchable without the private note, and the due list read
from real dosing sessions."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from kapdesk.core.clients import ClientDraft
from kapdesk.core.course_due import CourseWindows, DueKind
from kapdesk.core.talk_sessions import CheckInHow, TalkKind, TalkSession
from kapdesk.services import Services
from kapdesk.storage.course_errors import CourseRecordRefused
from kapdesk.storage.practice_settings_store import PracticeSettingsError, save_course_windows
from kapdesk.storage.tables import APPEND_ONLY_TALK_TABLES
from tests.helpers.practice_builder import live_session

HOUR = 3600.0


def integration(client_id: int, at: float, **changes) -> TalkSession:
    values = dict(client_id=client_id, kind=TalkKind.INTEGRATION, started_at=at, minutes=50,
                  fields={"stayed_with": "the river image", "plan": "walk daily"},
                  notes="settled", private_note="my countertransference: impatience")
    values.update(changes)
    return TalkSession(**values)


def dosed_and_ended(services: Services, clock, client_id: int) -> int:  # noqa: ANN001
    session_id, runner = live_session(services.practice, clock, client_id)
    runner.record_dose("ketamine", 200, "sublingual")
    clock.advance(2 * HOUR)
    runner.end()
    return session_id


def test_a_talk_session_is_stored_whole_and_read_back(services: Services, clock, client_id: int) -> None:  # noqa: ANN001
    stored = services.talks.add(integration(client_id, clock.now() - HOUR))
    assert stored.id is not None
    assert services.talks.for_client(client_id) == [stored]
    assert stored.private_note == "my countertransference: impatience"
    assert stored.field_text("plan") == "walk daily"


def test_a_draft_with_problems_is_refused_in_words_and_nothing_stored(services: Services, clock, client_id: int) -> None:  # noqa: ANN001
    draft = integration(client_id, clock.now(), kind=TalkKind.CHECK_IN, fields={"how_they_are": "ok"})
    with pytest.raises(CourseRecordRefused, match="how the check-in was given"):
        services.talks.add(draft)
    assert services.talks.history(client_id) == []


def test_a_correction_keeps_both_and_only_the_latest_counts(services: Services, clock, client_id: int) -> None:  # noqa: ANN001
    first = services.talks.add(integration(client_id, clock.now() - HOUR))
    second = services.talks.add(integration(client_id, clock.now() - HOUR, fields={"plan": "walk weekly"},
                                            supersedes=first.id, reason="misheard"))
    assert [t.id for t in services.talks.history(client_id)] == [first.id, second.id]
    assert services.talks.for_client(client_id) == [second]
    with pytest.raises(CourseRecordRefused, match="already corrected"):
        services.talks.add(integration(client_id, clock.now(), supersedes=first.id, reason="again"))


def test_storage_itself_refuses_to_change_or_delete(services: Services, clock, client_id: int) -> None:  # noqa: ANN001
    stored = services.talks.add(integration(client_id, clock.now() - HOUR))
    services.talks.sign(stored.id, "Dr A")
    services.talks.add_addendum(stored.id, "later", "Dr A")
    due = dosed_and_ended(services, clock, client_id)
    services.due.set_aside(client_id, due, DueKind.CHECK_IN, "client travelling")
    for table in APPEND_ONLY_TALK_TABLES:
        for statement in (f"UPDATE {table} SET rowid = rowid", f"DELETE FROM {table}"):
            with pytest.raises(sa.exc.DatabaseError, match="append-only"):
                with services.practice.engine.begin() as connection:
                    connection.exec_driver_sql(statement)


def test_a_signed_record_takes_addenda_not_corrections(services: Services, clock, client_id: int) -> None:  # noqa: ANN001
    stored = services.talks.add(integration(client_id, clock.now() - HOUR))
    with pytest.raises(CourseRecordRefused, match="Only a signed record takes addenda"):
        services.talks.add_addendum(stored.id, "later thought", "Dr A")
    signature = services.talks.sign(stored.id, "Dr A")
    assert signature.signed_by == "Dr A" and signature.signed_at == clock.now()
    with pytest.raises(CourseRecordRefused, match="already signed"):
        services.talks.sign(stored.id, "Dr A")
    with pytest.raises(CourseRecordRefused, match="add an addendum"):
        services.talks.add(integration(client_id, clock.now(), supersedes=stored.id, reason="x"))
    clock.advance(HOUR)
    services.talks.add_addendum(stored.id, "  client called: slept well  ", "Dr A")
    [addendum] = services.talks.addenda(stored.id)
    assert (addendum.text, addendum.written_at) == ("client called: slept well", clock.now())


def test_search_finds_the_record_but_never_its_private_note(services: Services, clock, client_id: int) -> None:  # noqa: ANN001
    services.talks.add(integration(client_id, clock.now() - HOUR))
    [hit] = services.course_search.search("river")
    assert (hit.record_table, hit.what, hit.client_id) == ("talk_sessions", "Talk session", client_id)
    assert hit.day is not None
    assert services.course_search.search("countertransference") == ()


def test_a_dose_makes_a_check_in_and_an_integration_due_and_recording_clears(services: Services, clock, client_id: int) -> None:  # noqa: ANN001
    assert services.due.open_items() == []
    session_id = dosed_and_ended(services, clock, client_id)
    entries = services.due.open_items()
    assert {(e.item.kind, e.item.session_id, e.client_name) for e in entries} == {
        (DueKind.CHECK_IN, session_id, "Maya R."), (DueKind.INTEGRATION, session_id, "Maya R.")}
    ended = next(e.item for e in entries if e.item.kind is DueKind.CHECK_IN)
    assert ended.due_by == pytest.approx(clock.now() + 72 * HOUR)
    clock.advance(20 * HOUR)
    services.talks.add(TalkSession(client_id, TalkKind.CHECK_IN, clock.now(), 10,
                                   {"how_they_are": "tired, calm"}, how=CheckInHow.PHONE))
    assert [e.item.kind for e in services.due.open_items()] == [DueKind.INTEGRATION]
    services.due.set_aside(client_id, session_id, DueKind.INTEGRATION, "moved abroad")
    assert services.due.open_items(client_id) == []
    with pytest.raises(CourseRecordRefused, match="already set aside"):
        services.due.set_aside(client_id, session_id, DueKind.INTEGRATION, "again")


def test_a_session_ended_without_a_dose_owes_nothing_and_archived_clients_owe_nothing(services: Services, clock, client_id: int) -> None:  # noqa: ANN001
    _session_id, runner = live_session(services.practice, clock, client_id)
    runner.end()
    assert services.due.open_items() == []
    other = services.clients.add(ClientDraft("Ruth T.")).id
    dosed_and_ended(services, clock, other)
    assert len(services.due.open_items()) == 2
    services.clients.set_archived(other, True)
    assert services.due.open_items() == []


def test_the_windows_are_the_practices_and_refused_in_words_when_out_of_range(services: Services, clock, client_id: int) -> None:  # noqa: ANN001
    save_course_windows(services.settings, CourseWindows(check_in_hours=24))
    dosed_and_ended(services, clock, client_id)
    check_in = next(e.item for e in services.due.open_items() if e.item.kind is DueKind.CHECK_IN)
    assert check_in.due_by == pytest.approx(clock.now() + 24 * HOUR)
    with pytest.raises(PracticeSettingsError, match="from 1 to 7"):
        save_course_windows(services.settings, CourseWindows(doses_per_week=0))
    assert services.due.windows() == CourseWindows(check_in_hours=24)


def test_a_set_aside_needs_a_reason_and_the_clients_own_session(services: Services, clock, client_id: int) -> None:  # noqa: ANN001
    session_id = dosed_and_ended(services, clock, client_id)
    with pytest.raises(CourseRecordRefused, match="Say why"):
        services.due.set_aside(client_id, session_id, DueKind.CHECK_IN, " ")
    other = services.clients.add(ClientDraft("Ruth T.")).id
    with pytest.raises(CourseRecordRefused, match="not the client's"):
        services.due.set_aside(other, session_id, DueKind.CHECK_IN, "reason")
