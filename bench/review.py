"""Review benchmark: search, a client's history and one session's timeline, on a big practice.

Builds a synthetic encrypted practice in a temp folder (50 clients x 100
sessions x 50 notes = 250,000 notes, plus vitals, tags, doses, music, debriefs,
signatures; tests/helpers/practice_builder.py), in one transaction, the FTS
trigger filling the index. Then measures, through the very functions the
review UI calls:
- search: 200 varied queries (common and rare words, two words, phrases,
  prefixes as typed, tags, words that are nowhere), `ReviewSearch.search`;
- history: one client's 100 sessions with their summaries and flags,
  `ReviewStore.history` (cold: summaries computed on that first open; warm:
  stored, as after the session-end hook or the background backfill), and the
  practice-wide first page;
- timeline: `ReviewStore.session_record` of a 50-note session (events, replay,
  facts, flags, music spans, timeline marks).
Prints name=value lines, `search_p95_ms` last.
Usage: python bench/review.py [--clients 50 --sessions 100 --notes 50] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import emit  # noqa: E402

from kapdesk.core.clock import FakeClock  # noqa: E402
from kapdesk.storage.practice import create_practice  # noqa: E402
from kapdesk.storage.review import HistoryFilter, ReviewStore  # noqa: E402
from kapdesk.storage.review_search import ReviewSearch  # noqa: E402
from tests.helpers.practice_builder import TAGS, BuildSpec, build_practice, note_text  # noqa: E402

PASSPHRASE = "bench-passphrase-1"
STOPWORDS = frozenset("a an and the of to in on at is it its for with their them they then as be "
                      "by from this that was were are i im i'm my me so like about up".split())


def queries(count: int, seed: int = 11) -> list[str]:
    """Varied queries as a therapist would type them, drawn from the notes' own words."""
    rng = random.Random(seed)
    words = []
    for _ in range(3000):
        words += [w for w in re.findall(r"[a-z]+", note_text(rng).lower()) if w not in STOPWORDS]
    phrases = [note_text(rng) for _ in range(200)]
    made = []
    for index in range(count):
        kind = index % 20
        if kind < 7:
            made.append(rng.choice(words))  # one word, common words more often
        elif kind < 11:
            made.append(f"{rng.choice(words)} {rng.choice(words)}")
        elif kind < 14:
            word = rng.choice([w for w in words if len(w) >= 5])
            made.append(word[: rng.randrange(3, len(word))])  # typed so far, no space
        elif kind < 16:
            tokens = rng.choice(phrases).split()
            start = rng.randrange(0, max(1, len(tokens) - 3))
            made.append('"' + " ".join(tokens[start:start + 3]).strip('".,:;') + '"')
        elif kind < 18:
            made.append(rng.choice(TAGS))
        else:
            made.append(rng.choice(("zebra", "quantum lozenge", "Ouagadougou", "xylophone",
                                    "OR NOT (", "naïve café*", '"unclosed quote')))
    return made


def timed_ms(action) -> tuple[float, object]:  # noqa: ANN001
    start = time.perf_counter()
    result = action()
    return (time.perf_counter() - start) * 1000, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--notes", type=int, default=50)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--keep", metavar="DIR", help="build the practice here and keep it")
    args = parser.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kapdesk-review-"))
    try:
        run(folder, args)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


def run(folder: Path, args: argparse.Namespace) -> None:
    practice = create_practice(folder / "practice", PASSPHRASE)
    spec = BuildSpec(clients=args.clients, sessions_per_client=args.sessions,
                     notes_per_session=args.notes)
    build_s, built = timed_ms(lambda: build_practice(practice.engine, spec))
    emit("build_s", build_s / 1000, 1)
    emit("notes", built.notes, 0)
    emit("events", built.events, 0)
    emit("db_mib", practice.db_path.stat().st_size / 2**20, 1)

    store = ReviewStore(practice, FakeClock())
    search = ReviewSearch(practice)
    search.search("warm up the connection pool")  # the app has its connections open already
    client = built.client_ids[len(built.client_ids) // 2]
    only_client = HistoryFilter(client_id=client)

    cold_ms, rows = timed_ms(lambda: store.history(only_client, 0, 100))
    assert len(rows) == args.sessions, len(rows)
    emit("history_cold_ms", cold_ms, 1)  # computes and stores the 100 summaries
    warm = [timed_ms(lambda: (store.count(only_client), store.history(only_client, 0, 100)))[0]
            for _ in range(5)]
    emit("history_open_ms", statistics.median(warm), 1)
    backfill_ms, _n = timed_ms(store.backfill_summaries)
    emit("backfill_all_summaries_s", backfill_ms / 1000, 1)
    practice_wide = [timed_ms(lambda: (store.count(), store.history(HistoryFilter(), 0, 100)))[0]
                     for _ in range(5)]
    emit("history_practice_page_ms", statistics.median(practice_wide), 1)
    tag_ms, _rows = timed_ms(lambda: store.history(HistoryFilter(tag="nausea"), 0, 100))
    emit("history_tag_filter_ms", tag_ms, 1)

    session = built.sessions_by_client[client][-3]
    timeline = [timed_ms(lambda: store.session_record(session))[0] for _ in range(5)]
    emit("timeline_open_ms", statistics.median(timeline), 1)

    times = []
    empty = 0
    for query in queries(args.queries):
        elapsed, results = timed_ms(lambda: search.search(query, limit=50))
        times.append(elapsed)
        empty += not results.hits
    times.sort()
    emit("search_queries", len(times), 0)
    emit("search_without_hits", empty, 0)
    emit("search_median_ms", statistics.median(times), 1)
    emit("search_max_ms", times[-1], 1)
    emit("search_p95_ms", times[int(round(0.95 * (len(times) - 1)))], 1)
    practice.close()


if __name__ == "__main__":
    main()
