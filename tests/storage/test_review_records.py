"""Signing: a signed record cannot be changed, even with raw SQL; addenda are dated
events after it; the history of the record says who signed when."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from kapdesk.core.events import EventKind
from kapdesk.storage.review import ReviewError, ReviewStore
from kapdesk.storage.review_records import RecordKeeper
from kapdesk.storage.sessions import SessionStore
from tests.helpers.practice_builder import MIN, add_client, live_session

SIGNER = "Dr. Ana Rivera"


@pytest.fixture
def ended(practice, clock):
    client = add_client(practice.engine)
    session_id, runner = live_session(practice, clock, client)
    clock.advance(30 * MIN)
    runner.add_note("Calm, eyes closed")
    clock.advance(60 * MIN)
    runner.end()
    return session_id, runner


def test_signing_seals_the_row_and_the_history_says_who_and_when(practice, clock, ended) -> None:
    session_id, _runner = ended
    clock.advance(3600)
    event = RecordKeeper(practice, clock, SessionStore(practice, clock)).sign(session_id, f"  {SIGNER} ")
    assert event.kind is EventKind.SIGNED and event.at == clock.now()
    row = ReviewStore(practice, clock).history()[0]
    assert (row.signed_by, row.signed_at, row.status) == (SIGNER, clock.now(), "signed")
    history = RecordKeeper(practice, clock, SessionStore(practice, clock)).history(session_id)
    assert [(entry.what, entry.who) for entry in history] == [
        ("started", ""), ("ended", ""), ("signed", SIGNER)]


def test_signing_is_refused_in_words_when_it_cannot_be_done(practice, clock, ended) -> None:
    session_id, _runner = ended
    keeper = RecordKeeper(practice, clock, SessionStore(practice, clock))
    with pytest.raises(ReviewError, match="Sign with your name"):
        keeper.sign(session_id, "  ")
    open_id, _open_runner = live_session(practice, clock, add_client(practice.engine, "B."))
    with pytest.raises(ReviewError, match="has not ended"):
        keeper.sign(open_id, SIGNER)
    keeper.sign(session_id, SIGNER)
    with pytest.raises(ReviewError, match=f"already signed by {SIGNER}"):
        keeper.sign(session_id, "Someone Else")
    with pytest.raises(ReviewError, match="no session 999"):
        keeper.sign(999, SIGNER)


RAW_CHANGES = (
    "UPDATE sessions SET signed_by = 'Forger' WHERE id = :id",
    "UPDATE sessions SET signed_at = NULL WHERE id = :id",
    "UPDATE sessions SET ended_at = ended_at + 60 WHERE id = :id",
    "DELETE FROM sessions WHERE id = :id",
    "UPDATE session_events SET data = json_object('text', 'rewritten') "
    "WHERE session_id = :id AND kind = 'note'",
    "UPDATE session_events SET at = at + 1 WHERE session_id = :id",
    "DELETE FROM session_events WHERE session_id = :id AND kind = 'note'",
    "DELETE FROM session_events WHERE session_id = :id AND kind = 'signed'",
    "INSERT INTO session_events (session_id, seq, kind, at, data) "
    "VALUES (:id, 99, 'note', 0, json_object('text', 'slipped in'))",
)


@pytest.mark.parametrize("statement", RAW_CHANGES)
def test_the_storage_itself_refuses_any_change_to_a_signed_record(practice, clock, ended, statement) -> None:
    session_id, _runner = ended
    RecordKeeper(practice, clock, SessionStore(practice, clock)).sign(session_id, SIGNER)
    before = SessionStore(practice, clock).events(session_id)
    with pytest.raises(sa.exc.DatabaseError, match="signed|append-only|never deleted"):
        with practice.engine.begin() as connection:
            connection.execute(sa.text(statement), {"id": session_id})
    assert SessionStore(practice, clock).events(session_id) == before
    assert ReviewStore(practice, clock).history()[0].signed_by == SIGNER


def test_a_signed_session_refuses_new_events_through_the_sink_too(practice, clock, ended) -> None:
    session_id, _runner = ended
    RecordKeeper(practice, clock, SessionStore(practice, clock)).sign(session_id, SIGNER)
    with pytest.raises(sa.exc.DatabaseError, match="only addenda"):
        SessionStore(practice, clock).sink(session_id).append(EventKind.NOTE, clock.now(),
                                                              {"text": "late edit"})


def test_addenda_after_signing_are_dated_and_in_the_record(practice, clock, ended) -> None:
    session_id, _runner = ended
    keeper = RecordKeeper(practice, clock, SessionStore(practice, clock))
    keeper.sign(session_id, SIGNER)
    clock.advance(2 * 86_400)
    event = keeper.add_addendum(session_id, "Client phoned: slept well, no nausea.", SIGNER)
    assert event.kind is EventKind.ADDENDUM and event.at == clock.now()
    record = ReviewStore(practice, clock).session_record(session_id)
    assert [(e.data["text"], e.at) for e in record.addenda] == [
        ("Client phoned: slept well, no nausea.", clock.now())]
    assert record.signed_by == SIGNER  # the signature stands; the addendum is after it
    assert ReviewStore(practice, clock).history()[0].addenda == 1
    entries = keeper.history(session_id)
    assert [(e.what, e.who, e.text) for e in entries][-2:] == [
        ("signed", SIGNER, ""), ("addendum", SIGNER, "Client phoned: slept well, no nausea.")]
    assert entries[-1].at > entries[-2].at


def test_addenda_need_text_an_author_and_an_ended_session(practice, clock, ended) -> None:
    session_id, _runner = ended
    keeper = RecordKeeper(practice, clock, SessionStore(practice, clock))
    with pytest.raises(ReviewError, match="empty"):
        keeper.add_addendum(session_id, "  ", SIGNER)
    with pytest.raises(ReviewError, match="author"):
        keeper.add_addendum(session_id, "text", " ")
    open_id, _open_runner = live_session(practice, clock, add_client(practice.engine, "B."))
    with pytest.raises(ReviewError, match="add a note instead"):
        keeper.add_addendum(open_id, "text", SIGNER)
    keeper.add_addendum(session_id, "Unsigned sessions take addenda too", SIGNER)


def dosed_and_ended(practice, clock):  # noqa: ANN001, ANN201
    """(the services, a client, their dosing session: 100 mg, ended two hours later)."""
    from kapdesk.services import open_services

    services = open_services(practice, clock)
    client = add_client(practice.engine)
    session_id, runner = live_session(practice, clock, client)
    runner.record_dose("ketamine", 100, "sublingual")
    clock.advance(7200)
    runner.end()
    return services, client, session_id


def test_an_adverse_event_learnt_later_joins_the_record_and_its_flags(practice, clock) -> None:  # noqa: ANN001
    from kapdesk.core.adverse_events import AdverseEvent, AdverseKind, Severity
    from kapdesk.core.review_model import ADVERSE_EVENT
    from kapdesk.storage.review import HistoryFilter

    services, client, session_id = dosed_and_ended(practice, clock)
    [row] = services.review.history(HistoryFilter(client_id=client))
    assert not [f for f in row.flags if f.code == ADVERSE_EVENT]
    clock.advance(3600)
    fall = AdverseEvent(AdverseKind.FALL, Severity.MILD, clock.now() - 1800,
                        "sat down; no injury; escort walked them home", clock.now() - 1500)
    services.records.add_adverse_event(session_id, fall, "Dr A")
    [row] = services.review.history(HistoryFilter(client_id=client))
    assert [f.label for f in row.flags if f.code == ADVERSE_EVENT] == ["Adverse event: Fall (mild)"]
    record = services.review.session_record(session_id)
    assert record.state.adverse[0].data["action"].startswith("sat down")


def test_an_adverse_event_added_to_a_signed_record_is_flagged_in_the_history(practice, clock) -> None:  # noqa: ANN001
    """Signed, the record takes it as an addendum carrying the event: the history's
    flags (read light, without notes' and music's words) still see it, and the seal holds."""
    from kapdesk.core.adverse_events import AdverseEvent, AdverseKind, Severity
    from kapdesk.core.record_seal import SealState
    from kapdesk.core.review_model import ADVERSE_EVENT
    from kapdesk.storage.review import HistoryFilter

    services, client, session_id = dosed_and_ended(practice, clock)
    services.records.sign(session_id, "Dr A")
    services.review.history(HistoryFilter(client_id=client))  # its facts stored, signed
    clock.advance(20 * 3600)
    nausea = AdverseEvent(AdverseKind.NAUSEA, Severity.MILD, clock.now() - 36000,
                          "advised rest and fluids by phone")
    services.records.add_adverse_event(session_id, nausea, "Dr A")
    [row] = services.review.history(HistoryFilter(client_id=client))
    assert [f.label for f in row.flags if f.code == ADVERSE_EVENT] == [
        "Adverse event: Nausea or vomiting (mild)"]
    assert services.review.seal_state(session_id) is SealState.WHOLE
