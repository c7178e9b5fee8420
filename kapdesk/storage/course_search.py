"""Full-text search over the course of care: screenings, clearances, consents,
measures and suicide-risk assessments (FTS5, `course_search_index`, filled by
migration 0006's triggers as each record is written).

The words of the search box match as in the session notes' search
(review_search.py: every word, stems, accents folded, the last word as a
prefix while it is typed). A hit names the client, the kind of record, its
id and its day, with the matched words marked; corrected records are found
too, as the history shows them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kapdesk.core.measure_course import day_of
from kapdesk.storage.practice import Practice
from kapdesk.storage.review_search import Segments, build_match, marked_page, segments_html

RECORD_WORDS = {"screenings": "Screening", "screening_clearances": "Clearance",
                "consents": "Consent", "measures": "Measure",
                "risk_assessments": "Suicide-risk assessment",
                "talk_sessions": "Talk session"}
MAX_HITS = 200


@dataclass(frozen=True)
class CourseHit:
    client_id: int
    client_name: str
    record_table: str  # screenings, ..., risk_assessments, talk_sessions
    record_id: int
    day: dt.date | None
    snippet: Segments
    score: float  # bm25: lower is better

    @property
    def what(self) -> str:
        """ "Screening", "Measure", ... for the list of hits."""
        return RECORD_WORDS.get(self.record_table, self.record_table)

    def snippet_html(self) -> str:
        return segments_html(self.snippet)


class CourseSearch:
    def __init__(self, practice: Practice) -> None:
        self._engine = practice.engine

    def search(self, text: str, client_id: int | None = None, tz: dt.tzinfo | None = None,
               limit: int = 50) -> tuple[CourseHit, ...]:
        """The best `limit` course records matching what was typed (newest on a tie)."""
        match = build_match(text)
        if not match:
            return ()
        where, values = "course_search_index MATCH ?", [match]
        if client_id is not None:
            where += " AND f.client_id = ?"
            values.append(client_id)
        with self._engine.connect() as connection:
            rows = connection.exec_driver_sql(
                "SELECT f.rowid, f.rank, f.client_id, f.record_table, f.record_id, f.day, f.body, "
                "c.display_name, coalesce(m.taken_at, t.started_at) AS taken_at "
                "FROM course_search_index AS f "
                "JOIN clients AS c ON c.id = f.client_id "
                "LEFT JOIN measures AS m ON f.record_table = 'measures' AND m.id = f.record_id "
                "LEFT JOIN talk_sessions AS t ON f.record_table = 'talk_sessions' "
                "AND t.id = f.record_id "
                f"WHERE {where} ORDER BY f.rank, f.rowid DESC LIMIT ?",
                (*values, min(limit, MAX_HITS))).all()
            marked = marked_page(connection, match, [(row.rowid, row.body) for row in rows])
        return tuple(CourseHit(row.client_id, row.display_name, row.record_table, row.record_id,
                               _day(row.day, row.taken_at, tz), marked[row.rowid][0], row.rank)
                     for row in rows)


def _day(day: str | None, taken_at: float | None, tz: dt.tzinfo | None) -> dt.date | None:
    if day:
        return dt.date.fromisoformat(day)
    return None if taken_at is None else day_of(taken_at, tz)
