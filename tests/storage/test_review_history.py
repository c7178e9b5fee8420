"""The history list: newest first, filters, paging, stored summaries and their flags,
and one session's record for the timeline."""

from __future__ import annotations

from dataclasses import replace

import pytest
import sqlalchemy as sa

from kapdesk.core.builtin_scripts import ESKETAMINE, KAP_SUBLINGUAL
from kapdesk.core.review_model import (
                                       APP_GAP, BP_ALERT, FACTS_VERSION, NOT_ENDED, OVERDUE_CHECKPOINT, SKIPPED_PHASE, playing_at,
                                       )
from kapdesk.core.vitals import VitalsReading, VitalThresholds
from kapdesk.storage.review import HistoryFilter, ReviewStore, empty_history_message
from kapdesk.storage.tables import session_summaries
from tests.helpers.practice_builder import (
                                            DAY, MIN, T0, BuildSpec, add_client, build_practice, live_session,
                                            )


@pytest.fixture
def built(practice):
    return build_practice(practice.engine, BuildSpec(clients=3, sessions_per_client=6,
                                                     notes_per_session=5))


def test_an_empty_practice_and_a_client_without_sessions_have_empty_histories(practice, clock) -> None:
    store = ReviewStore(practice, clock)
    client = add_client(practice.engine)
    assert store.history() == [] and store.count() == 0
    assert store.history(HistoryFilter(client_id=client)) == []
    assert store.tags_used() == [] and store.scripts_used() == []
    assert empty_history_message(HistoryFilter(client_id=client), "Maya A.") == \
        "Maya A. has no sessions yet."
    assert empty_history_message(HistoryFilter(client_id=client, tag="calm")) == \
        "No sessions match these filters."
    assert empty_history_message(HistoryFilter()).startswith("No sessions yet.")


def test_history_is_newest_first_and_pages_add_up(practice, clock, built) -> None:
    store = ReviewStore(practice, clock)
    assert store.count() == 18
    pages = [store.history(offset=offset, limit=5) for offset in range(0, 20, 5)]
    assert [len(page) for page in pages] == [5, 5, 5, 3]
    rows = [row for page in pages for row in page]
    assert len({row.session_id for row in rows}) == 18
    starts = [row.started_at for row in rows]
    assert starts == sorted(starts, reverse=True)
    assert store.history(offset=18) == []


def test_filters_by_client_dates_script_tag_and_signature(practice, clock, built) -> None:
    store = ReviewStore(practice, clock)
    client = built.client_ids[1]
    mine = store.history(HistoryFilter(client_id=client))
    assert {row.client_id for row in mine} == {client} and len(mine) == 6

    since, until = T0 - 21 * DAY, T0 - 7 * DAY
    window = store.history(HistoryFilter(since=since, until=until))
    assert window and all(since <= row.started_at < until for row in window)
    assert store.count(HistoryFilter(since=since, until=until)) == len(window)

    esketamine = store.history(HistoryFilter(script_id=ESKETAMINE.id))
    assert esketamine and {row.script_name for row in esketamine} == {ESKETAMINE.name}

    tag = store.tags_used()[0][0]
    tagged = store.history(HistoryFilter(tag=tag.upper()))  # case does not matter
    assert tagged and all(tag in row.facts.tags for row in tagged)
    assert len(tagged) == store.tags_used()[0][1]

    signed = store.history(HistoryFilter(signed=True))
    unsigned = store.history(HistoryFilter(signed=False))
    assert len(signed) + len(unsigned) == 18
    assert all(row.status == "signed" and row.signed_by for row in signed)
    assert all(row.status == "ended" for row in unsigned)

    both = store.history(HistoryFilter(client_id=client, script_id=KAP_SUBLINGUAL.id, signed=True))
    assert all(r.client_id == client and r.script_id == KAP_SUBLINGUAL.id and r.signed_at for r in both)
    assert store.history(HistoryFilter(tag="no such tag")) == []


def test_rows_carry_date_client_script_dose_length_and_the_scripts_used(practice, clock, built) -> None:
    store = ReviewStore(practice, clock)
    row = store.history(HistoryFilter(script_id=KAP_SUBLINGUAL.id), limit=1)[0]
    assert row.client_name and row.script_name == KAP_SUBLINGUAL.name
    assert row.dose_label.startswith("ketamine ") and row.dose_label.endswith(" mg sublingual")
    assert 114 * MIN <= row.length_s <= 120 * MIN
    assert row.facts.note_count == 5
    assert store.scripts_used() == sorted([(ESKETAMINE.id, ESKETAMINE.name),
                                           (KAP_SUBLINGUAL.id, KAP_SUBLINGUAL.name)],
                                          key=lambda s: s[1].casefold())


def test_summaries_are_stored_on_first_read_and_recomputed_when_their_version_changes(
        practice, clock, built) -> None:
    store = ReviewStore(practice, clock)
    with practice.engine.connect() as connection:
        assert connection.execute(sa.select(sa.func.count()).select_from(session_summaries)).scalar() == 0
    first = store.history(limit=4)
    with practice.engine.connect() as connection:
        stored = connection.execute(sa.select(session_summaries)).all()
    assert len(stored) == 4 and all(row.final and row.version == FACTS_VERSION for row in stored)

    with practice.engine.begin() as connection:
        connection.execute(session_summaries.update().values(version=FACTS_VERSION - 1,
                                                             facts={"junk": True}))
    assert store.history(limit=4) == first  # old versions are not trusted
    assert store.backfill_summaries() == 14
    assert store.backfill_summaries() == 0


def test_a_stored_summary_carries_the_injected_clocks_time(practice, clock, built) -> None:  # noqa: ANN001
    clock.advance(12 * 3600)
    computed = clock.now()
    ReviewStore(practice, clock).backfill_summaries()
    clock.advance(600)  # the store reads its clock when it computes, not later
    with practice.engine.connect() as connection:
        stamps = connection.execute(sa.select(session_summaries.c.computed_at)).scalars().all()
    assert stamps and set(stamps) == {computed}


def _recorded(practice, clock, script=KAP_SUBLINGUAL, story=None):  # noqa: ANN001, ANN202
    client = add_client(practice.engine)
    session_id, runner = live_session(practice, clock, client, script)
    (story or (lambda r, c: None))(runner, clock)
    return session_id, runner


def _standard(runner, clock, *, peak=(140, 88), late_bp=False, skip=False) -> None:  # noqa: ANN001
    clock.advance(4 * MIN)
    runner.record_vitals(VitalsReading(126, 80, 70, 98))
    clock.advance(10 * MIN)
    runner.record_dose("ketamine", 150, "sublingual")
    runner.record_music("track_started", {"path": "/m/a.ogg", "title": "Dissolve", "playlist": "P"})
    clock.advance(10 * MIN)
    runner.add_note("Tingling in the hands")
    runner.add_tag("Tingling")
    clock.advance((48 if late_bp else 40) * MIN - 10 * MIN)
    runner.record_vitals(VitalsReading(*peak, 84, 97))
    if skip:
        runner.skip_phase()
    clock.advance(60 * MIN)
    runner.end()


def test_flags_say_bp_alert_overdue_checkpoint_and_skipped_phase(practice, clock) -> None:
    store = ReviewStore(practice, clock)
    quiet, _ = _recorded(practice, clock, story=_standard)
    alert, _ = _recorded(practice, clock, story=lambda r, c: _standard(r, c, peak=(186, 112)))
    late, _ = _recorded(practice, clock, story=lambda r, c: _standard(r, c, late_bp=True))
    skipped, _ = _recorded(practice, clock, story=lambda r, c: _standard(r, c, skip=True))
    rows = {row.session_id: row for row in store.history()}
    codes = {sid: [flag.code for flag in rows[sid].flags] for sid in rows}
    assert codes[quiet] == []
    assert codes[alert] == [BP_ALERT] and rows[alert].flags[0].label == "BP alert: 186/112"
    assert OVERDUE_CHECKPOINT in codes[late]
    assert "40-minute BP late by 8 min" in next(f.label for f in rows[late].flags
                                                if f.code == OVERDUE_CHECKPOINT)
    assert SKIPPED_PHASE in codes[skipped]

    # Flags follow the practice's current thresholds, not those of the day of the session.
    strict = ReviewStore(practice, clock, VitalThresholds(alert_systolic=135))
    assert BP_ALERT in [flag.code for flag in strict.history(HistoryFilter())[-1].flags]


def test_an_open_session_shows_as_open_and_is_summarised_afresh(practice, clock) -> None:
    store = ReviewStore(practice, clock)
    session_id, runner = _recorded(practice, clock)
    clock.advance(5 * MIN)
    runner.add_tag("restless")
    [row] = store.history()
    assert row.status == "open" and [f.code for f in row.flags] == [NOT_ENDED]
    assert row.facts.tags == ("restless",) and row.length_s is None
    clock.advance(5 * MIN)
    runner.add_tag("calm")
    assert store.history()[0].facts.tags == ("restless", "calm")  # nothing stale was stored
    assert store.history(HistoryFilter(tag="calm"))[0].session_id == session_id
    runner.end()
    store.summarize(session_id)
    with practice.engine.connect() as connection:
        assert connection.execute(sa.select(session_summaries.c.final)).scalar() is True


def test_a_crash_gap_is_flagged(practice, clock) -> None:
    def crash(runner, clock) -> None:  # noqa: ANN001
        clock.advance(20 * MIN)
        runner.add_note("Resting")
        down_since = clock.now()
        clock.advance(12 * MIN)
        runner.mark_recovered(down_since)
        runner.end()

    _recorded(practice, clock, story=crash)
    [row] = ReviewStore(practice, clock).history()
    assert (APP_GAP, "App down 12 min") in [(f.code, f.label) for f in row.flags]


def test_session_record_holds_what_the_timeline_shows(practice, clock) -> None:
    session_id, _ = _recorded(practice, clock, story=_standard)
    record = ReviewStore(practice, clock).session_record(session_id)
    assert record.script == KAP_SUBLINGUAL and record.state.ended
    assert [span.phase_index for span in record.state.phase_spans] == [0, 1, 2, 3, 4]
    note = next(mark for mark in record.marks if mark.text == "Tingling in the hands")
    assert note.elapsed_s == 24 * MIN
    assert playing_at(record.music, note.at).title == "Dissolve"
    assert [m.text for m in record.marks if m.kind.value == "vitals"] == [
        "BP 126/80, HR 70, SpO2 98%", "BP 140/88, HR 84, SpO2 97%"]
    with pytest.raises(KeyError):
        ReviewStore(practice, clock).session_record(999)


def test_tags_used_counts_sessions_once_per_tag_whatever_the_case(practice, clock) -> None:
    def tags(runner, clock) -> None:  # noqa: ANN001
        runner.add_tag("Nausea")
        runner.add_tag("nausea")
        runner.add_tag("calm")
        runner.end()

    _recorded(practice, clock, story=tags)
    _recorded(practice, clock, story=tags)
    used = ReviewStore(practice, clock).tags_used()
    assert [(tag.casefold(), sessions) for tag, sessions in used] == [("calm", 2), ("nausea", 2)]


def test_a_script_without_a_stored_start_still_lists(practice, clock) -> None:
    from kapdesk.storage.sessions import SessionStore

    client = add_client(practice.engine)
    SessionStore(practice, clock).create(client, replace(KAP_SUBLINGUAL, id="gone", name="Gone"))
    [row] = ReviewStore(practice, clock).history()
    assert row.status == "not started" and row.flags == () and row.dose_label == ""
