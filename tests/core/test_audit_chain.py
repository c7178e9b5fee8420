"""The audit chain's rules without a database: a whole chain checks, and each kind of
tampering (a change, an insertion, a deletion, a reordering) is named at its first entry."""

from __future__ import annotations

import dataclasses

from kapdesk.core.audit import (GENESIS, AuditEntry, AuditKind, clip_detail, derive_key,
                                seal_entry, short, verdict_line, verify_chain)
from kapdesk.core.record_seal import (SealedRow, SealState, StoredEvent, key_id, seal_record,
                                      seal_state)

KEY = derive_key("correct horse battery staple", "kapdesk audit chain v1")
T0 = 1_780_000_000.0


def chain(count: int = 6, key: bytes = KEY) -> list[AuditEntry]:
    entries, prev = [], GENESIS
    kinds = list(AuditKind)
    for number in range(1, count + 1):
        kind = kinds[number % len(kinds)].value
        at, client, detail = T0 + number * 60, number % 3 or None, f"detail {number}"
        mac = seal_entry(key, at, kind, client, None, detail, prev)
        entries.append(AuditEntry(number, at, kind, client, None, detail, prev, mac))
        prev = mac
    return entries


def renumbered(entries: list[AuditEntry]) -> list[AuditEntry]:
    return [dataclasses.replace(entry, number=index) for index, entry in enumerate(entries, 1)]


def test_a_chain_as_written_is_whole_and_says_how_long_and_when() -> None:
    verdict = verify_chain(KEY, chain())
    assert verdict.whole and verdict.count == 6 and verdict.head == chain()[-1].mac
    assert verdict_line(verdict).startswith("The audit trail is whole: 6 entries from ")
    assert verdict_line(verify_chain(KEY, [])) == "The audit trail is whole: no entries yet."


def test_a_changed_entry_is_named_as_changed() -> None:
    entries = chain()
    entries[2] = dataclasses.replace(entries[2], detail="exported to a USB stick")
    verdict = verify_chain(KEY, entries)
    assert (verdict.broken_at, verdict.problem) == (3, "changed")
    assert "entry 3" in verdict.words and "changed after it was written" in verdict.words
    assert verdict_line(verdict).startswith("The audit trail is broken: entry 3 (")


def test_a_changed_time_or_client_is_caught_too() -> None:
    for change in ({"at": T0}, {"client_id": 99}, {"kind": "unlock"}):
        entries = chain()
        entries[4] = dataclasses.replace(entries[4], **change)
        assert verify_chain(KEY, entries).problem == "changed", change


def test_an_inserted_entry_is_named_as_inserted() -> None:
    entries = chain()
    forged = AuditEntry(0, T0 + 150, "export", 1, None, "nothing to see", entries[1].mac, "ab" * 32)
    verdict = verify_chain(KEY, renumbered(entries[:2] + [forged] + entries[2:]))
    assert (verdict.broken_at, verdict.problem) == (3, "inserted")
    assert "was inserted" in verdict.words


def test_an_entry_added_at_the_end_without_the_key_is_caught() -> None:
    entries = chain()
    forged = AuditEntry(7, T0 + 9999, "unlock", None, None, "", entries[-1].mac, "cd" * 32)
    verdict = verify_chain(KEY, entries + [forged])
    assert (verdict.broken_at, verdict.problem) == (7, "changed")
    assert "changed, or added" in verdict.words


def test_a_deleted_entry_is_named_as_deleted() -> None:
    entries = chain()
    verdict = verify_chain(KEY, entries[:3] + entries[4:])
    assert (verdict.broken_at, verdict.problem) == (5, "deleted")
    assert "between entry 3" in verdict.words and "were deleted" in verdict.words


def test_deleting_the_first_entries_is_caught() -> None:
    verdict = verify_chain(KEY, chain()[2:])
    assert (verdict.broken_at, verdict.problem) == (3, "deleted")


def test_entries_put_in_another_order_are_named_as_reordered() -> None:
    entries = chain()
    entries[2], entries[3] = entries[3], entries[2]
    verdict = verify_chain(KEY, entries)
    assert (verdict.problem, verdict.broken_at) == ("reordered", 4)
    assert "out of order" in verdict.words


def test_a_chain_resealed_with_another_key_does_not_check() -> None:
    other = derive_key("a guess", "kapdesk audit chain v1")
    assert verify_chain(KEY, chain(key=other)).problem == "changed"


def test_keys_differ_by_label_and_material_and_the_short_form_is_short() -> None:
    assert derive_key("p", "a") != derive_key("p", "b") != derive_key("q", "b")
    assert len(derive_key("p", "a")) == 32
    assert short("ab" * 32) == "ab" * 6 and short("") == "none yet"


def test_a_long_detail_is_cut_and_folded_to_one_line() -> None:
    assert clip_detail("a\n  b") == "a b"
    assert len(clip_detail("x" * 1000)) == 300


ROW = SealedRow(7, 2, "standard", T0, T0 + 3600, T0 + 7200, "Dr. R")
EVENTS = [StoredEvent(1, "session_started", T0, '{"client_id": 2}'),
          StoredEvent(2, "note", T0 + 60, '{"text": "calm"}'),
          StoredEvent(3, "session_ended", T0 + 3600, "{}"),
          StoredEvent(4, "signed", T0 + 7200, '{"by": "Dr. R"}')]


def test_a_record_as_signed_matches_its_seal_and_addenda_do_not_count() -> None:
    seal = seal_record(KEY, ROW, EVENTS)
    later = EVENTS + [StoredEvent(5, "addendum", T0 + 9000, '{"text": "called"}')]
    assert seal_state(KEY, ROW, later, seal, key_id(KEY)) is SealState.WHOLE


def test_an_edited_added_or_removed_event_or_row_field_shows_as_altered() -> None:
    seal = seal_record(KEY, ROW, EVENTS)
    edited = [*EVENTS[:1], EVENTS[1]._replace(data_text='{"text": "agitated"}'), *EVENTS[2:]]
    added = EVENTS + [StoredEvent(5, "note", T0 + 8000, '{"text": "later"}')]
    for events in (edited, added, EVENTS[1:]):
        assert seal_state(KEY, ROW, events, seal, key_id(KEY)) is SealState.ALTERED
    moved = dataclasses.replace(ROW, client_id=3)
    assert seal_state(KEY, moved, EVENTS, seal, key_id(KEY)) is SealState.ALTERED
    unsigned = dataclasses.replace(ROW, signed_at=None, signed_by=None)
    assert seal_state(KEY, unsigned, EVENTS, seal, key_id(KEY)) is SealState.ALTERED
    assert "ALTERED" in SealState.ALTERED.words


def test_a_seal_under_another_key_or_none_is_said_so_not_called_altered() -> None:
    other = derive_key("another passphrase", "x")
    assert seal_state(KEY, ROW, EVENTS, seal_record(other, ROW, EVENTS), key_id(other)) \
        is SealState.OTHER_KEY
    assert seal_state(KEY, ROW, EVENTS, None, None) is SealState.UNSEALED
    unsigned = dataclasses.replace(ROW, signed_at=None, signed_by=None)
    assert seal_state(KEY, unsigned, EVENTS, None, None) is SealState.NOT_SIGNED
