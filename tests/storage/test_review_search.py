"""Full-text search: stems and prefixes as documented in review_search.py, ranking,
highlighting, live notes, and input that is never FTS syntax."""

from __future__ import annotations

import pytest

from kapdesk.core.builtin_scripts import KAP_SUBLINGUAL
from kapdesk.storage.review_records import RecordKeeper
from kapdesk.storage.review_search import (
                                           MATCH_END, MATCH_START, RANK_WINDOW, ReviewSearch, SearchResults, build_match, parse_marked,
                                           )
from kapdesk.storage.sessions import SessionStore
from tests.helpers.practice_builder import MIN, add_client, live_session

NOTES = (
    "Breathing slow and even, shoulders dropped",
    "She breathes deeply and sighs",
    "Describes feeling anxious about the custody hearing",
    "Anxiety eased after the music changed",
    "Remembers the café in Lisbon where her father worked",
    "Quiet for a long while; a long, long exhale; long silence",
    "Long note: talks about the drive, the weather, the dog, the neighbour, the garden, "
    "the new job, the train, the sister, and a long exhale near the end",
    "Says <b>bold</b> & \"quoted\" things",
)


@pytest.fixture
def session(practice, clock):
    client = add_client(practice.engine, "Maya A.")
    session_id, runner = live_session(practice, clock, client, KAP_SUBLINGUAL)
    for text in NOTES:
        clock.advance(MIN)
        runner.add_note(text)
    return session_id, runner, client


def texts(results: SearchResults) -> list[str]:
    return ["".join(piece for piece, _ in hit.text) for hit in results.hits]


def marked(results: SearchResults) -> list[list[str]]:
    return [[piece for piece, is_match in hit.text if is_match] for hit in results.hits]


def test_words_match_by_stem(practice, session) -> None:
    search = ReviewSearch(practice)
    assert set(texts(search.search("breathe "))) == {NOTES[0], NOTES[1]}  # breathing, breathes
    assert texts(search.search("hearings ")) == [NOTES[2]]
    assert texts(search.search("cafe ")) == [NOTES[4]]  # accents do not matter
    assert texts(search.search("CAFÉ lisbon ")) == [NOTES[4]]


def test_the_last_word_is_a_prefix_while_typed_and_a_partial_suffix_still_finds(practice, session) -> None:
    search = ReviewSearch(practice)
    assert set(texts(search.search("anx"))) == {NOTES[2], NOTES[3]}
    assert texts(search.search("anx ")) == []  # a space ends the word: no prefix
    assert texts(search.search("an")) == []  # too short to be a prefix: a whole word only
    # "breathi" is no prefix of the stored stem "breath"; the stem it starts with is found.
    results = search.search("breathi")
    assert set(texts(results)) == {NOTES[0], NOTES[1]} and '"breath"' in results.match
    assert texts(search.search("custody hear")) == [NOTES[2]]


def test_every_word_must_appear_and_quotes_make_a_phrase(practice, session) -> None:
    search = ReviewSearch(practice)
    assert texts(search.search("father lisbon ")) == [NOTES[4]]
    assert texts(search.search("father anxiety ")) == []
    assert set(texts(search.search('"long exhale"'))) == {NOTES[5], NOTES[6]}
    assert texts(search.search('"silence long"')) == []  # order matters in a phrase


def test_ranking_puts_the_short_note_that_repeats_the_word_first(practice, session) -> None:
    results = ReviewSearch(practice).search("long ")
    assert texts(results)[:2] == [NOTES[5], NOTES[6]]
    assert results.hits[0].score < results.hits[1].score  # bm25: lower is better


def test_matches_are_marked_and_html_is_escaped(practice, session) -> None:
    results = ReviewSearch(practice).search("breathing ")
    by_text = dict(zip(texts(results), marked(results)))
    assert by_text[NOTES[0]] == ["Breathing"] and by_text[NOTES[1]] == ["breathes"]
    hit = ReviewSearch(practice).search("bold ").hits[0]
    assert hit.snippet_html() == 'Says &lt;b&gt;<b>bold</b>&lt;/b&gt; &amp; &quot;quoted&quot; things'
    assert parse_marked(f"a {MATCH_START}b{MATCH_END} c") == (("a ", False), ("b", True), (" c", False))


def test_a_hit_says_where_to_jump(practice, clock, session) -> None:
    session_id, _runner, client = session
    hit = ReviewSearch(practice).search("lisbon").hits[0]
    assert (hit.session_id, hit.event_seq, hit.kind) == (session_id, 6, "note")
    assert hit.elapsed_s == 5 * MIN and hit.client_id == client and hit.client_name == "Maya A."
    assert hit.script_name == KAP_SUBLINGUAL.name


def test_a_note_is_found_the_moment_it_is_written(practice, clock, session) -> None:
    _session_id, runner, _client = session
    search = ReviewSearch(practice)
    assert search.search("kaleidoscope").hits == ()
    runner.add_note("Sees a kaleidoscope of colours")
    assert texts(search.search("kaleidoscope")) == ["Sees a kaleidoscope of colours"]
    runner.add_tag("visuals")
    runner.save_debrief({"themes": "the ocean"}, "Felt held by the sea")
    assert [hit.kind for hit in search.search("visuals").hits] == ["tag"]
    assert [hit.kind for hit in search.search("ocean sea").hits] == ["debrief_saved"]


def test_addenda_are_searchable(practice, clock, session) -> None:
    session_id, runner, _client = session
    runner.end()
    RecordKeeper(practice, clock, SessionStore(practice, clock)).add_addendum(session_id, "Phoned: slept twelve hours", "Dr. R")
    assert [hit.kind for hit in ReviewSearch(practice).search("twelve").hits] == ["addendum"]


NASTY = ('"', '""', '"unclosed', "(", ")", "OR", "AND", "NOT", "a OR b", "NEAR(a b)", "*", "a*b",
         "^start", "body:secret", "session_id:1", "-minus", "+plus", "'; DROP TABLE sessions; --",
         "{body}: x", "a\x00b", "🙂", "naïve café*", "x" * 5000, "\\", "%_", "NEAR", ":", "''")


@pytest.mark.parametrize("typed", NASTY)
def test_nothing_typed_is_fts_syntax_or_an_error(practice, session, typed) -> None:
    results = ReviewSearch(practice).search(typed)
    assert isinstance(results, SearchResults)
    assert results.hits == () or all(hit.session_id for hit in results.hits)
    assert ReviewSearch(practice).search(typed + " breathing").match  # still a valid query


def test_fts_operators_are_searched_as_words(practice, clock, session) -> None:
    _session_id, runner, _client = session
    runner.add_note("Chose NOT to talk; OR so it seemed")
    assert len(ReviewSearch(practice).search("NOT OR ").hits) == 1
    assert build_match("a OR b") == '"a" AND "OR" AND "b"'


def test_empty_states_say_so(practice, session) -> None:
    search = ReviewSearch(practice)
    assert search.search("   ").empty_message == "Type a word to search the notes."
    assert search.search("?!").empty_message == "Type a word to search the notes."
    none = search.search("zebra ")
    assert none.hits == () and none.empty_message == "No notes, tags or debriefs contain “zebra”."
    assert search.search("breathing").empty_message == ""


def test_search_within_one_client_and_paging(practice, clock, session) -> None:
    _session_id, _runner, client = session
    other = add_client(practice.engine, "Jonah B.")
    _other_session, other_runner = live_session(practice, clock, other)
    for number in range(7):
        other_runner.add_note(f"Breathing pattern {number}")
    search = ReviewSearch(practice)
    assert {hit.client_id for hit in search.search("breathing", client_id=client).hits} == {client}
    assert len(search.search("breathing").hits) == 9
    first, second = search.search("breathing", limit=5), search.search("breathing", limit=5, offset=5)
    assert first.has_more and not second.has_more and first.total == 9
    assert len({(h.session_id, h.event_seq) for h in first.hits + second.hits}) == 9
    assert first.total_label == "9 matches"
    assert SearchResults("x", "x", (), False, RANK_WINDOW).total_label == \
        f"{RANK_WINDOW:,}+ matches (the newest {RANK_WINDOW:,} are ranked)"
