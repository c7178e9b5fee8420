"""Course-of-care benchmark: scoring speed, and reading one client's course from the store.

Issue 12: the client page with its trend charts opens within 50 ms for a client with
150 measures and 40 sessions, and scoring 10,000 forms takes at most 100 ms. This
measures the store's share of that page (the screen's drawing is measured with
the screen), on a real encrypted practice in a temp folder:
- scoring_10000_ms: bench/measures_scoring.py's 10,000 forms, scored;
- client_row_ms: reading the client's row alone (the baseline: one query);
- measures_list_ms: the client's 150 measures, scored, with corrections
  (MeasureStore.for_client);
- course_ms: the whole course (screenings, clearances, consents, measures,
  assessments, the practice's list, document and settings: CourseReader.course);
- history_ms: the client's 40 sessions with their facts (ReviewStore.history),
  what the chart marks its doses from;
- readiness_for_ms: the before-the-dose verdict (CourseReader.readiness_for);
- client_page_store_ms: course + history, the store's whole share of the page;
- client_page_open_ms last: the client's page itself (ui/clients/client_page.py),
  offscreen with the app's style sheet, from asking for it to its being built,
  read, laid out and painted (a new page each time: its construction is counted).
Each figure is the median of --repeats runs, the reads and the page taking turns
so a busy moment of the machine falls on all of them alike.
Usage: python bench/course.py [--repeats 25]
       python bench/course.py --practice [--repeats 25]   (issue 14: course_open_ms, due_list_ms)
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, emit, median, timed_ms  # noqa: E402
from measures_scoring import FORMS, forms  # noqa: E402

sys.path.insert(0, str(ROOT))
from kapdesk.core.clock import FakeClock  # noqa: E402
from kapdesk.core.consent import ClientConsent, ConsentHow, TouchConsent  # noqa: E402
from kapdesk.core.measure_course import FilledBy  # noqa: E402
from kapdesk.core.measures import SCALES, MeasureKind, score  # noqa: E402
from kapdesk.core.screening import (DEFAULT_CONTRAINDICATIONS, Answer, ItemAnswer,  # noqa: E402
                                    Medication, Screening)
from kapdesk.core.suicide_risk import RiskAssessment, RiskLevel  # noqa: E402
from kapdesk.core.vitals import VitalsReading  # noqa: E402
from kapdesk.services import Services, open_services  # noqa: E402
from kapdesk.storage.practice import create_practice  # noqa: E402
from kapdesk.storage.review import HistoryFilter  # noqa: E402
from tests.helpers.practice_builder import T0, BuildSpec, build_practice  # noqa: E402

PASSPHRASE = "bench-passphrase-1"
MEASURES = 150
SESSIONS = 40
DAY = 86_400.0



def fill_course(services: Services, client_id: int, today: dt.date) -> None:
    """150 measures over two years (PHQ-9, GAD-7 and PCL-5 in turn, a few corrected),
    two screenings, a consent and a risk assessment per PHQ-9 with question 9 above 0."""
    rng = random.Random(5)
    kinds = (MeasureKind.PHQ9, MeasureKind.GAD7, MeasureKind.PCL5)
    first_day = T0 - 730 * DAY
    for index in range(MEASURES):
        scale = SCALES[kinds[index % 3]]
        answers = [rng.randint(0, scale.max_answer) for _ in range(scale.item_count)]
        difficulty = 1 if scale.kind is MeasureKind.PHQ9 else None
        record = services.measures.add(client_id, score(scale.kind, answers, difficulty),
                                       first_day + index * 4.8 * DAY, FilledBy.PAPER)
        if index % 25 == 0:
            record = services.measures.correct(record, score(scale.kind, answers, difficulty),
                                               "typed from the wrong page")
        if record.result.needs_risk_assessment:
            day = dt.datetime.fromtimestamp(record.taken_at).date()
            services.risk_assessments.add(RiskAssessment(client_id, RiskLevel.LOW, "Dr A", day,
                                                         measure_id=record.id), today)
    answers = tuple(ItemAnswer(item.key, Answer.NO) for item in DEFAULT_CONTRAINDICATIONS.items)
    for day in (today - dt.timedelta(days=400), today - dt.timedelta(days=30)):
        services.screenings.add(Screening(client_id, day, 1, answers,
                                          (Medication("sertraline", "50 mg"),)), today)
    services.consents.add(ClientConsent(client_id, 1, today - dt.timedelta(days=30),
                                        ConsentHow.PAPER, TouchConsent(False)), today)


class PageOpening:
    """Opens the client's page as the app does, offscreen: built, read, shown, painted.

    Each call times itself (`times`, in ms) from asking for the page until it is
    painted; the page of the call before is deleted first, outside the time."""

    def __init__(self, services: Services, client_id: int) -> None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication

        from kapdesk.ui.common.theme import style_sheet

        self._app = QApplication.instance() or QApplication([sys.argv[0]])
        self._app.setStyleSheet(style_sheet())
        self._services, self._client_id = services, client_id
        self._last = None
        self.times: list[float] = []

    def __call__(self) -> None:
        from kapdesk.ui.clients.client_page import ClientPage
        from kapdesk.ui.clients.page_wiring import PendingCourseActions

        if self._last is not None:
            self._last.deleteLater()
            self._app.processEvents()
        start = time.perf_counter()
        page = ClientPage(self._services, PendingCourseActions())
        page.resize(1200, 780)  # the main window's page at its opening size
        page.open_client(self._client_id)
        page.show()
        page.grab()  # every visible widget laid out and painted, the three charts with them
        self.times.append((time.perf_counter() - start) * 1000.0)
        page.hide()
        self._last = page


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=25)
    parser.add_argument("--practice", action="store_true",
                        help="the course of care across a practice of 500 clients (issue 14): "
                             "course_open_ms, and last due_list_ms (bench/course_practice.py)")
    args = parser.parse_args()
    if args.practice:
        import course_practice

        sys.argv = [sys.argv[0], "--repeats", str(args.repeats)]
        course_practice.main()
        return
    repeats = args.repeats

    filled = forms(FORMS)

    def scoring() -> None:
        for kind, answers in filled:
            score(kind, answers)

    scoring()  # warm up
    scoring_ms = median([timed_ms(scoring) for _ in range(7)])

    folder = Path(tempfile.mkdtemp(prefix="kapdesk-course-bench-"))
    try:
        practice = create_practice(folder / "practice", PASSPHRASE)
        built = build_practice(practice.engine, BuildSpec(clients=1, sessions_per_client=SESSIONS,
                                                          notes_per_session=10))
        client_id = built.client_ids[0]
        clock = FakeClock(T0)
        services = open_services(practice, clock)
        today = dt.date(2026, 1, 1)
        fill_course(services, client_id, today)
        services.review.history(HistoryFilter(client_id=client_id))  # facts stored, as after each session
        bp = VitalsReading(124, 80, 70)
        reads = {
            "client_row_ms": lambda: services.clients.get(client_id),
            "measures_list_ms": lambda: services.measures.for_client(client_id),
            "course_ms": lambda: services.course.course(client_id),
            "history_ms": lambda: services.review.history(HistoryFilter(client_id=client_id)),
            "readiness_for_ms": lambda: services.course.readiness_for(client_id, today, bp),
        }
        reads["client_page_store_ms"] = lambda: (services.course.course(client_id),
                                                 services.review.history(HistoryFilter(client_id=client_id)))
        opening = PageOpening(services, client_id)
        reads["client_page_open_ms"] = opening
        for read in reads.values():
            read()  # warm: the first connection, statement caches, Qt's first polish
        runs: dict[str, list[float]] = {name: [] for name in reads}
        for _ in range(repeats):
            for name, read in reads.items():
                runs[name].append(timed_ms(read))
        runs["client_page_open_ms"] = opening.times[1:]  # its own time, without the teardown
        figures = {name: median(times) for name, times in runs.items()}
        corrected = len(range(0, MEASURES, 25))  # each correction is a record of its own
        assert len(services.measures.for_client(client_id)) == MEASURES + corrected
        practice.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    emit("scoring_10000_ms", scoring_ms)
    emit("measures", MEASURES, 0)
    emit("sessions", SESSIONS, 0)
    for name, value in figures.items():
        emit(name, value)  # client_page_open_ms last


if __name__ == "__main__":
    main()
