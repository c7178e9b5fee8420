"""The course of care across a practice: the course view and the due list (issue 14).

A practice of 500 clients, each with four weekly dosing sessions and a
check-in after the last, and one client with three years of weekly sessions
(a dosing session every fourth week, an integration session or a check-in in
the weeks between) and their scores (a PHQ-9 and a GAD-7 every week, a PCL-5
every fourth), on a real encrypted practice in a temp folder:
- course_read_ms: the big client's course read whole (CourseReader.course);
- course_open_ms: the course view's entries for the big client, read and built,
  and the view laid out and painted offscreen (target at most 100 ms);
- due_list_ms last: what is due across all 500 clients, read and put in order
  (target at most 30 ms).
Each figure is the median of --repeats; `baseline_client_row_ms` (one client's row)
is measured in the same run, so a slow machine shows as a slow baseline.
Usage: python bench/course_practice.py [--repeats 25]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, emit, median, timed_ms  # noqa: E402

sys.path.insert(0, str(ROOT))
from kapdesk.core.clock import FakeClock  # noqa: E402
from kapdesk.core.course_due import OVERDUE_MOST, due_list  # noqa: E402
from kapdesk.core.measure_course import FilledBy  # noqa: E402
from kapdesk.core.measures import SCALES, MeasureKind, score  # noqa: E402
from kapdesk.core.talk_sessions import CheckInHow, TalkKind, TalkSession  # noqa: E402
from kapdesk.services import open_services  # noqa: E402
from kapdesk.storage.practice import create_practice  # noqa: E402
from kapdesk.storage.review import HistoryFilter  # noqa: E402
from tests.helpers.practice_builder import T0, BuildSpec, build_practice  # noqa: E402

PASSPHRASE = "bench-passphrase-1"
CLIENTS = 500
WEEKS = 156
DAY = 86_400.0



def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=25)
    repeats = parser.parse_args().repeats
    from PySide6.QtWidgets import QApplication

    from kapdesk.ui.clients.course_view import CourseView, read_course_entries

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="kapdesk-course-practice-"))
    try:
        practice = create_practice(folder / "practice", PASSPHRASE)
        many = build_practice(practice.engine, BuildSpec(clients=CLIENTS, sessions_per_client=4,
                                                         notes_per_session=3, music=False))
        big = build_practice(practice.engine, BuildSpec(clients=1, sessions_per_client=WEEKS // 4,
                                                        notes_per_session=3, music=False, seed=11))
        big_id = big.client_ids[0]
        clock = FakeClock(T0 + 2 * DAY)
        services = open_services(practice, clock)
        for client_id in many.client_ids:  # one check-in after the last dose
            services.talks.add(TalkSession(client_id, TalkKind.CHECK_IN, T0 - 5 * DAY, 10,
                                           {"how_they_are": "settled"}, how=CheckInHow.PHONE))
        for week in range(WEEKS):
            at = T0 - (WEEKS - week) * 7 * DAY + 3 * DAY
            kind = TalkKind.INTEGRATION if week % 2 else TalkKind.CHECK_IN
            services.talks.add(TalkSession(big_id, kind, at, 50, {"how_they_are": "ok"}
                                           if kind is TalkKind.CHECK_IN else {"plan": "walks"},
                                           how=CheckInHow.PHONE if kind is TalkKind.CHECK_IN else None))
            for kind in (MeasureKind.PHQ9, MeasureKind.GAD7, MeasureKind.PCL5):
                if kind is MeasureKind.PCL5 and week % 4:
                    continue
                scale = SCALES[kind]
                answers = [(week + item) % (scale.max_answer + 1) for item in range(scale.item_count)]
                services.measures.add(big_id, score(kind, answers, 1 if kind is MeasureKind.PHQ9
                                                    else None), at - DAY, FilledBy.PAPER)
        services.review.backfill_summaries()  # facts stored, as after each session
        view = CourseView(clock.now())
        view.resize(1000, view.height())

        def open_course() -> None:
            view.set_entries(read_course_entries(services, big_id), clock.now())
            view.grab()

        def due() -> None:
            entries = services.due.open_items()
            due_list([entry.item for entry in entries], clock.now(), overdue_most=OVERDUE_MOST)

        reads = {
            "baseline_client_row_ms": lambda: services.clients.get(big_id),
            "course_read_ms": lambda: services.course.course(big_id),
            "history_read_ms": lambda: services.review.history(HistoryFilter(client_id=big_id),
                                                               limit=100_000),
            "course_open_ms": open_course,
            "due_list_ms": due,
        }
        for read in reads.values():
            read()  # warm: connections, statement caches, fonts
        figures = {name: [] for name in reads}
        for _ in range(repeats):  # interleaved, so a busy moment falls on all alike
            for name, read in reads.items():
                figures[name].append(timed_ms(read))
        owed = len(services.due.open_items())
        practice.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    del app
    emit("clients", CLIENTS + 1, 0)
    emit("big_client_weeks", WEEKS, 0)
    emit("owed_items", owed, 0)
    for name in ("baseline_client_row_ms", "course_read_ms", "history_read_ms", "course_open_ms"):
        emit(name, median(figures[name]))
    emit("due_list_ms", median(figures["due_list_ms"]))


if __name__ == "__main__":
    main()
