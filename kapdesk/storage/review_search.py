"""Full-text search over notes, tags, debriefs and addenda (SQLite FTS5).

The index (`search_index`, migration 0002) is filled by a trigger as each
event is written, so a note typed a second ago is already found. How the
words of the search box match, as the search box's help says it:

- Every word must appear (AND), in any order. "Quoted words" must appear
  together, in that order.
- Words match by stem (the index's Porter stemmer): "breathing" finds
  "breathe" and "breaths"; accents do not matter ("cafe" finds "café").
- The last word also matches as a prefix while it is still being typed (no
  space after it) and has at least three letters: "anx" finds "anxious" and
  "anxiety". The index holds stems, not words, so a partial word that runs
  into a suffix ("breathi") would find nothing by prefix alone; it is also
  matched by the stems it starts with ("breath"), looked up in the index's
  own vocabulary (a per-connection fts5vocab table).
- Nothing typed is FTS syntax: every word is quoted, so AND, OR, NOT, NEAR,
  `*`, `^`, `:`, brackets and stray quotes are searched as plain text, and
  input with no letters or digits finds nothing rather than failing.

Ranking is FTS5's bm25 (rarer words, and shorter texts, weigh more), over
the newest RANK_WINDOW (1,000) matches: ranking 50,000 hits of a common word
costs ~80 ms for texts nobody scrolls to; `total_label` says when there were
more, and another word narrows the search. Ties go to the newer text. Each
hit carries a snippet around the match and the whole text, with the matched
words marked, as `(text, is_match)` segments the UI renders as it likes
(`segments_html` escapes them for a QLabel).

Speed (bench/review.py, 250,000 notes): practice-wide p95 well under 50 ms.
Searching within one client (`client_id`) filters match by match and costs
0.1-0.4 s at that size for common words: run it in a worker, as any search.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

import sqlalchemy as sa

from kapdesk.storage.practice import Practice

MATCH_START, MATCH_END = "\ue000", "\ue001"  # private-use characters: never typed
MIN_PREFIX = 3
SNIPPET_TOKENS = 16
# Ranking is done over the newest RANK_WINDOW matches: bm25 over 50,000 hits of a
# common word costs ~80 ms and ranks texts nobody will scroll to; the newest
# thousand are where the therapist looks. `total` says when there were more.
RANK_WINDOW = 1000
# "quoted phrase" (closing quote optional), or a run of anything else but spaces.
_TERM = re.compile(r'"([^"]*)(?:"|$)|([^\s"]+)')
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # FTS5 reads a NUL as the end of the query

Segments = tuple[tuple[str, bool], ...]


@dataclass(frozen=True)
class SearchHit:
    session_id: int
    event_seq: int
    kind: str  # note, tag, debrief_saved, addendum
    at: float  # when the text was written (UTC seconds)
    elapsed_s: float  # since the session started: where the timeline should jump
    client_id: int
    client_name: str
    script_name: str
    session_started_at: float
    snippet: Segments
    text: Segments
    score: float  # bm25: lower is better

    def snippet_html(self) -> str:
        return segments_html(self.snippet)


@dataclass(frozen=True)
class SearchResults:
    query: str  # what was typed
    match: str  # the FTS5 query it became; "" when there was nothing to search
    hits: tuple[SearchHit, ...]
    has_more: bool  # another page can be asked for (offset + limit)
    total: int  # matches ranked; RANK_WINDOW means "at least that many"

    @property
    def total_label(self) -> str:
        """"1 match", "37 matches", "1,000+ matches (the newest 1,000 are ranked)"."""
        if self.total >= RANK_WINDOW:
            return f"{RANK_WINDOW:,}+ matches (the newest {RANK_WINDOW:,} are ranked)"
        return "1 match" if self.total == 1 else f"{self.total:,} matches"

    @property
    def empty_message(self) -> str:
        """What the results list says when there is nothing to show; "" when there is."""
        if self.hits:
            return ""
        if not self.match:
            return "Type a word to search the notes."
        return f"No notes, tags or debriefs contain “{self.query.strip()}”."


class ReviewSearch:
    def __init__(self, practice: Practice) -> None:
        self._engine = practice.engine

    def search(self, text: str, client_id: int | None = None, limit: int = 50,
               offset: int = 0) -> SearchResults:
        """Ranked hits for what the therapist typed (see the module docstring)."""
        text = _CONTROL.sub(" ", text)
        with self._engine.connect() as connection:
            match = build_match(text)
            ranked = _ranked(connection, match, client_id) if match else []
            if match and not ranked and _partial_last_word(text):
                # A partial word that runs into a suffix: try the stems it starts with.
                match = build_match(text, lambda stems: _known_stems(connection, stems))
                ranked = _ranked(connection, match, client_id)
            if not match:
                return SearchResults(text, "", (), False, 0)
            page = ranked[offset:offset + limit]
            details = _details(connection, [event_id for event_id, _score in page])
            marked = marked_page(connection, match, [(event_id, details[event_id].body)
                                                 for event_id, _score in page])
        hits = tuple(_hit(details[event_id], score, *marked[event_id]) for event_id, score in page)
        return SearchResults(text, match, hits, offset + limit < len(ranked), len(ranked))


def _hit(row, score: float, snippet: Segments, text: Segments) -> SearchHit:  # noqa: ANN001
    start = row.first_at if row.first_at is not None else row.started_at
    return SearchHit(
        session_id=row.session_id, event_seq=row.seq, kind=row.kind, at=row.at,
        elapsed_s=row.at - start, client_id=row.client_id, client_name=row.display_name,
        script_name=row.script_name, session_started_at=row.started_at,
        snippet=snippet, text=text, score=score)


def _ranked(connection: sa.Connection, match: str, client_id: int | None) -> list[tuple[int, float]]:
    """(event id, bm25) of the newest RANK_WINDOW matches, best first (newest on a tie)."""
    if client_id is None:
        rows = connection.exec_driver_sql(
            "SELECT rowid, rank FROM search_index WHERE search_index MATCH ? "
            "ORDER BY rowid DESC LIMIT ?", (match, RANK_WINDOW)).all()
    else:
        rows = connection.exec_driver_sql(
            "SELECT rowid, rank FROM search_index WHERE search_index MATCH ? "
            "AND session_id IN (SELECT id FROM sessions WHERE client_id = ?) "
            "ORDER BY rowid DESC LIMIT ?", (match, client_id, RANK_WINDOW)).all()
    return sorted(((row[0], row[1]) for row in rows), key=lambda r: (r[1], -r[0]))


def _details(connection: sa.Connection, event_ids: list[int]) -> dict[int, sa.Row]:
    if not event_ids:
        return {}
    marks = ",".join("?" * len(event_ids))
    rows = connection.exec_driver_sql(f"""
        SELECT e.id, e.session_id, e.seq, e.kind, e.at, f.body, s.started_at, s.client_id,
               s.script_name, c.display_name,
               (SELECT first.at FROM session_events AS first
                 WHERE first.session_id = e.session_id AND first.seq = 1) AS first_at
          FROM session_events AS e
          JOIN search_index AS f ON f.rowid = e.id
          JOIN sessions AS s ON s.id = e.session_id
          JOIN clients AS c ON c.id = s.client_id
         WHERE e.id IN ({marks})""", tuple(event_ids)).all()
    return {row.id: row for row in rows}


def marked_page(connection: sa.Connection, match: str,
            bodies: list[tuple[int, str]]) -> dict[int, tuple[Segments, Segments]]:
    """Snippet and highlighted text of a page of hits (the course search's too).

    Asking the big index for snippets of chosen rows re-runs the whole query
    per row (costly for prefixes), so the page's texts are matched again in a
    small in-memory index with the same tokenizer: the same words are marked.
    """
    if not bodies:
        return {}
    connection.exec_driver_sql(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_page USING fts5(body, "
        "tokenize = 'porter unicode61 remove_diacritics 2')")
    connection.exec_driver_sql("DELETE FROM temp.search_page")
    connection.exec_driver_sql("INSERT INTO temp.search_page (rowid, body) VALUES (?, ?)",
                               [(event_id, body or "") for event_id, body in bodies])
    rows = connection.exec_driver_sql(
        "SELECT rowid, snippet(search_page, 0, ?, ?, '…', ?), "
        "highlight(search_page, 0, ?, ?) FROM temp.search_page WHERE search_page MATCH ?",
        (MATCH_START, MATCH_END, SNIPPET_TOKENS, MATCH_START, MATCH_END, match)).all()
    connection.exec_driver_sql("DELETE FROM temp.search_page")
    found = {row[0]: (parse_marked(row[1]), parse_marked(row[2])) for row in rows}
    plain = {event_id: (((body or "")[:200], False),) for event_id, body in bodies}
    return {event_id: found.get(event_id, (plain[event_id], plain[event_id]))
            for event_id, _body in bodies}


def _partial_last_word(text: str) -> bool:
    terms = list(_TERM.finditer(text))
    if not terms or terms[-1].group(2) is None or text[-1:].isspace():
        return False
    word = _fold(terms[-1].group(2))
    return len(word) > MIN_PREFIX and word.isalnum()


def build_match(text: str, known_stems=None) -> str:  # noqa: ANN001 - callable or None
    """The FTS5 query for what was typed, or "" when it holds nothing to search.

    `known_stems(candidates) -> set` says which candidate stems the index
    holds (for a partial last word); None skips that look-up.
    """
    text = _CONTROL.sub(" ", text)
    terms = [(m.group(1), True) if m.group(1) is not None else (m.group(2), False)
             for m in _TERM.finditer(text)]
    terms = [(term, quoted) for term, quoted in terms if _has_word(term)]
    if not terms:
        return ""
    parts = [_quote(term) for term, _quoted in terms]
    last, quoted = terms[-1]
    typing = not quoted and not text[-1:].isspace()
    word = _fold(last)
    if typing and len(word) >= MIN_PREFIX and word.isalnum():
        alternatives = [_quote(last) + "*"]
        candidates = [word[:k] for k in range(max(MIN_PREFIX, len(word) - 3), len(word))]
        known = known_stems(candidates) if known_stems is not None else set()
        alternatives += [_quote(stem) for stem in candidates if stem in known]
        parts[-1] = alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")"
    return " AND ".join(parts)


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _has_word(term: str) -> bool:
    return any(ch.isalnum() for ch in term)


def _fold(word: str) -> str:
    """Lower case without accents, as the index's unicode61 tokenizer folds it."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _known_stems(connection: sa.Connection, candidates: list[str]) -> set[str]:
    connection.exec_driver_sql(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab "
        "USING fts5vocab(main, search_index, 'row')")
    known = set()
    for stem in candidates:
        if connection.exec_driver_sql(
                "SELECT 1 FROM temp.search_vocab WHERE term = ?", (stem,)).first():
            known.add(stem)
    return known


def parse_marked(text: str | None) -> Segments:
    """Split text with MATCH_START/MATCH_END markers into (text, is_match) segments."""
    if not text:
        return ()
    segments: list[tuple[str, bool]] = []
    for index, piece in enumerate(re.split(f"[{MATCH_START}{MATCH_END}]", text)):
        if piece:
            segments.append((piece, index % 2 == 1))
    return tuple(segments)


def segments_html(segments: Segments) -> str:
    """Segments as HTML, matches in <b>: safe to give a QLabel (everything escaped)."""
    return "".join(f"<b>{html.escape(t)}</b>" if hit else html.escape(t) for t, hit in segments)
